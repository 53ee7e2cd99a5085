/**
 * `parley export <workspace> --format <f> --out <path> [options]`: writes a labeled dataset. The options map
 * one to one onto the API's ExportOptions and are validated by the same schema as the UI's.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ANNOTATION_ORIGINS, DOCUMENT_STATUSES, EXPORT_FORMATS, type ExportOptions, type ExportSummary } from '../shared/types.ts';
import { openBackend, validateParams } from '../core/backend.ts';
import { ParleyError } from '../core/errors.ts';
import { EXPORT_FORMAT_MODULES } from '../core/export/formats/index.ts';
import { callerPath } from './caller-dir.ts';

export const EXPORT_USAGE = `  export <workspace> --format <f> --out <path> [options]
                                        Write the workspace's annotations as a dataset. Formats: ${EXPORT_FORMATS.join(', ')}
    --offsets codepoints|utf16          Offset unit (default codepoints: Python's text[start:end])
    --zip                               Pack everything into the zip file --out names
    --status S, --label L, --origin O   Only documents with status S, annotations with label L or origin O
                                        (repeat the option or separate values with commas)
    --search Q                          Only documents whose title or text contains every word of Q
    --split 0.8,0.1,0.1 [--seed N]      Split documents into train/dev/test files (same seed, same split)
    --doccano-form label|relations      doccano's {"label": ...} form (default) or its entities + relations form
    --json                              Print the summary as JSON`;

/** Values of a repeatable option, each of which may also be a comma-separated list. */
function list(values: string[] | undefined): string[] | undefined {
  const items = (values ?? []).flatMap((value) => value.split(',')).map((value) => value.trim()).filter(Boolean);
  return items.length > 0 ? items : undefined;
}

function usageError(message: string): ParleyError {
  return new ParleyError('invalid_params', `${message}\n\nUsage:\n${EXPORT_USAGE}`);
}

/** Each value of `option` must be one of `allowed`: said in the option's terms, as import says it. */
function checkChoices(option: string, values: readonly string[] | undefined, allowed: readonly string[]): void {
  const wrong = values?.find((value) => !allowed.includes(value));
  if (wrong !== undefined) throw usageError(`${option} must be one of ${allowed.join(', ')}, not "${wrong}"`);
}

/** The option that sets each field of ExportOptions, to name it when the API's validation refuses a value. */
const OPTION_OF_FIELD: Record<string, string> = {
  format: '--format',
  offsets: '--offsets',
  'filter.statuses': '--status',
  'filter.labels': '--label',
  'filter.origins': '--origin',
  'filter.search': '--search',
  split: '--split',
  seed: '--seed',
  doccanoForm: '--doccano-form',
};

/** ExportOptions checked by the same schema as the UI's, any refusal restated in the command's terms. */
function validOptions(options: Record<string, unknown>): ExportOptions {
  try {
    return validateParams('exportData', options) as ExportOptions;
  } catch (error) {
    if (!(error instanceof ParleyError) || error.field === undefined) throw error;
    const field = error.field.replace(/\[\d+\]$/, '');
    const reason = error.message.slice(error.message.indexOf(`${error.field}: `) + error.field.length + 2);
    throw usageError(`${OPTION_OF_FIELD[field] ?? field}: ${reason}`);
  }
}

export async function exportCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string' },
      out: { type: 'string' },
      offsets: { type: 'string' },
      zip: { type: 'boolean' },
      status: { type: 'string', multiple: true },
      label: { type: 'string', multiple: true },
      origin: { type: 'string', multiple: true },
      search: { type: 'string' },
      split: { type: 'string' },
      seed: { type: 'string' },
      'doccano-form': { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(`Usage:\n${EXPORT_USAGE}`);
    return 0;
  }
  if (positionals.length !== 1) throw usageError('parley export needs exactly one workspace path');
  const workspace = callerPath(positionals[0]!);
  if (!values.format) throw usageError(`parley export needs --format (one of ${EXPORT_FORMATS.join(', ')})`);
  checkChoices('--format', [values.format], EXPORT_FORMATS);
  if (!values.out) throw usageError('parley export needs --out, the file or folder to write');
  if (!existsSync(workspace)) throw new ParleyError('not_found', `No workspace at ${workspace}`);
  const out = callerPath(values.out);

  const split = values.split?.split(',').map((part) => Number(part.trim()));
  if (split && (split.length !== 3 || split.some((part) => !Number.isFinite(part)))) {
    throw usageError(`--split takes three proportions such as 0.8,0.1,0.1, not "${values.split}"`);
  }
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (values.seed !== undefined && !Number.isInteger(seed)) throw usageError(`--seed takes a whole number, not "${values.seed}"`);
  if (seed !== undefined && !split) throw usageError('--seed only makes sense with --split');
  const filter = {
    statuses: list(values.status),
    labels: list(values.label),
    origins: list(values.origin),
    search: values.search,
  };
  checkChoices('--offsets', values.offsets === undefined ? undefined : [values.offsets], ['codepoints', 'utf16']);
  checkChoices('--status', filter.statuses, DOCUMENT_STATUSES);
  checkChoices('--origin', filter.origins, ANNOTATION_ORIGINS);
  checkChoices('--doccano-form', values['doccano-form'] === undefined ? undefined : [values['doccano-form']], ['label', 'relations']);
  const options = validOptions({
    format: values.format,
    offsets: values.offsets,
    filter: Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined)),
    split,
    seed,
    zip: values.zip,
    doccanoForm: values['doccano-form'],
  });

  const backend = await openBackend(workspace, { longWork: 'worker' });
  const controller = new AbortController();
  const cancel = () => controller.abort();
  process.once('SIGINT', cancel);
  const showProgress = !values.json && process.stderr.isTTY;
  try {
    const summary = await backend.exportToPath(options, out, {
      signal: controller.signal,
      ...(showProgress
        ? { onProgress: (progress) => 'documentsDone' in progress && process.stderr.write(`\rExporting: ${progress.documentsDone}/${progress.documentsTotal} documents`) }
        : {}),
    });
    if (showProgress) process.stderr.write('\n');
    if (values.json) console.log(JSON.stringify(summary));
    else printSummary(summary, out);
    return 0;
  } catch (error) {
    if (controller.signal.aborted) {
      if (showProgress) process.stderr.write('\n');
      console.error('parley: export cancelled; nothing was written');
      return 130;
    }
    // File system errors (no permission, disk full) are the user's to fix, not a bug: no stack trace.
    if (error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('E')) {
      throw new ParleyError('conflict', `cannot write ${out}: ${error.message}`);
    }
    throw error;
  } finally {
    process.off('SIGINT', cancel);
    await backend.close();
  }
}

function printSummary(summary: ExportSummary, out: string): void {
  const module = EXPORT_FORMAT_MODULES[summary.format];
  const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;
  const offsets = summary.offsets === null ? 'no character offsets' : `offsets in ${summary.offsets === 'utf16' ? 'UTF-16 code units' : 'code points'}`;
  console.log(
    `Exported ${plural(summary.documents, 'document')}, ${plural(summary.annotations, 'annotation')} and ${plural(summary.relations, 'relation')} to ${out} (${module.title}, ${offsets}).`,
  );
  const parts = Object.entries(summary.parts);
  if (parts.length > 0) console.log(`Split: ${parts.map(([part, count]) => `${part} ${count}`).join(', ')}`);
  console.log(`Files: ${summary.files.join(', ')}`);
  if (summary.lost.length === 0) {
    console.log(`${module.title} holds everything exported.`);
    return;
  }
  console.log(`What ${module.title} could not hold (also in the README):`);
  for (const loss of summary.lost) console.log(`  ${loss.what}: ${loss.count} (${loss.reason})`);
}
