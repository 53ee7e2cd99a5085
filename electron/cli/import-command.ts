/**
 * `parley import <workspace> <paths...> [options]`: imports files and folders, each file all or nothing, and
 * prints what happened. Exit code 0 when every file was imported or deliberately skipped, 1 when a file failed
 * (after importing all the others), 2 for a usage error, 130 when interrupted (the files already imported stay).
 * Stdout carries the result alone (the summary line, or with --json the JSON summary and nothing else), so it can
 * be piped; every message about files (errors, warnings, skipped files, the interruption) goes to stderr.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { IMPORT_FORMATS, type ImportProblem, type ImportSummary, type OffsetUnit } from '../shared/types.ts';
import { openBackend } from '../core/backend.ts';
import { ParleyError } from '../core/errors.ts';
import { formatNamed } from '../core/import/detect.ts';
import { withFixInCliTerms } from '../core/import/problems.ts';
import { callerPath } from './caller-dir.ts';
import type { ExportProgress } from '../core/export/exporter.ts';
import type { ImportProgress, ImportRunOptions } from '../core/import/importer.ts';

export const IMPORT_USAGE = `  import <workspace> <paths...> [options]
                                        Import files and folders: plain text, Markdown, web pages, Word, PDF,
                                        CSV/TSV/JSONL tables, brat, doccano, Label Studio, W3C annotations,
                                        CoNLL. Each file is imported whole or not at all.
    --format F                          Read every file as F instead of detecting it: ${IMPORT_FORMATS.join(', ')}
                                        (doccano is jsonl)
    --duplicates skip|merge             A text already in the workspace: another annotator's file adds
                                        that annotator's layer to it; one by an annotator already on it,
                                        or without annotations, is skipped (default) or, with merge,
                                        added to it all the same
    --text-field NAME                   The column or field holding the text (tables, JSON; default: text)
    --offsets utf16|codepoints          How the files count offsets (default: utf16 for doccano, code
                                        points for the others)
    --json                              Print the summary as JSON`;

/** Lists longer than this are cut in the printed summary (--json has them all). */
const MAX_LISTED = 20;

function usageError(message: string): ParleyError {
  return new ParleyError('invalid_params', `${message}\n\nUsage:\n${IMPORT_USAGE}`);
}

export async function importCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string' },
      duplicates: { type: 'string' },
      'text-field': { type: 'string' },
      offsets: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(`Usage:\n${IMPORT_USAGE}`);
    return 0;
  }
  if (positionals.length < 2) throw usageError('parley import needs a workspace and at least one file or folder');
  // Absolute from here on, so every message names the very file tried.
  const [workspace, ...paths] = positionals.map(callerPath) as [string, ...string[]];
  if (!existsSync(workspace)) throw new ParleyError('not_found', `No workspace at ${workspace} (create one with parley init)`);
  const options: ImportRunOptions = {};
  if (values.format !== undefined) {
    const format = formatNamed(values.format);
    if (!format) throw usageError(`--format must be one of ${IMPORT_FORMATS.join(', ')}, not "${values.format}"`);
    options.format = format;
  }
  if (values.duplicates !== undefined) {
    if (values.duplicates !== 'skip' && values.duplicates !== 'merge') throw usageError(`--duplicates must be skip or merge, not "${values.duplicates}"`);
    options.duplicates = values.duplicates;
  }
  if (values.offsets !== undefined) {
    const unit = ({ utf16: 'utf16', codepoints: 'codepoints', 'code-points': 'codepoints' } as Record<string, OffsetUnit>)[values.offsets];
    if (!unit) throw usageError(`--offsets must be utf16 or codepoints, not "${values.offsets}"`);
    options.offsets = unit;
  }
  if (values['text-field'] !== undefined) {
    if (!values['text-field'].trim()) throw usageError('--text-field needs a column or field name');
    options.textField = values['text-field'];
  }

  const backend = await openBackend(workspace, { longWork: 'worker' });
  const controller = new AbortController();
  const cancel = () => controller.abort();
  process.once('SIGINT', cancel);
  const showProgress = process.stderr.isTTY === true;
  try {
    const summary = await backend.importPaths(paths, options, {
      signal: controller.signal,
      ...(showProgress ? { onProgress: progressLine } : {}),
    });
    if (showProgress) process.stderr.write('\r\x1b[K');
    if (values.json) console.log(JSON.stringify(summary));
    else console.log(summaryLine(summary));
    printProblems(summary);
    if (summary.cancelled) return 130;
    return summary.errors.length > 0 ? 1 : 0;
  } finally {
    process.off('SIGINT', cancel);
    await backend.close();
  }
}

/** "[12/919] corpus/a.ann", rewritten in place, cut to the terminal's width. */
function progressLine(progress: ImportProgress | ExportProgress): void {
  if (!('filesDone' in progress) || progress.currentFile === null) return;
  const { filesDone, filesTotal, currentFile } = progress;
  const line = `[${filesDone + 1}/${filesTotal}] ${currentFile}`;
  const width = process.stderr.columns ?? 80;
  process.stderr.write(`\r\x1b[K${line.length < width ? line : `…${line.slice(line.length - width + 2)}`}`);
}

function summaryLine(summary: ImportSummary): string {
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  const merged = summary.merged > 0 ? ` (and annotated ${plural(summary.merged, 'existing document')})` : '';
  return (
    `Imported ${plural(summary.documents, 'document')}${merged}, ${plural(summary.annotations, 'annotation')} and ` +
    `${plural(summary.relations, 'relation')} from ${summary.filesDone} of ${plural(summary.filesTotal, 'file')}.`
  );
}

/** What went wrong or was left out, on stderr (with --json too: the JSON has it all, but a person is watching). */
function printProblems(summary: ImportSummary): void {
  if (summary.cancelled) console.error('Interrupted: the files not yet reached were not imported; those imported stay.');
  printList(`Skipped (${summary.skipped.length})`, summary.skipped.map(({ file, reason }) => `${file}: ${reason}`));
  printList(`Warnings (${summary.warnings.length})`, summary.warnings.map(describeProblem));
  printList(`Errors (${summary.errors.length}); nothing of the files they are in was imported`, summary.errors.map(describeProblem));
}

function describeProblem(problem: ImportProblem): string {
  return `${problem.file}${problem.line === undefined ? '' : ` line ${problem.line}`}: ${withFixInCliTerms(problem)}`;
}

function printList(title: string, lines: string[]): void {
  if (lines.length === 0) return;
  console.error(`${title}:`);
  for (const line of lines.slice(0, MAX_LISTED)) console.error(`  ${line}`);
  if (lines.length > MAX_LISTED) console.error(`  … and ${lines.length - MAX_LISTED} more (parley import --json lists them all)`);
}
