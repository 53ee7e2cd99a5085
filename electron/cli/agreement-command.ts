/**
 * `parley agreement <workspace> [--labels L,…] [--annotators A,…] [--samples N] [--seed N] [--json]`: the
 * figures of the Agreement screen. `--json` prints the backend's report (shared/agreement.ts) as it is; without
 * it, tables for people: overall, per pair of annotators, per label, with the units behind each figure and its
 * 95% bootstrap interval.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { AgreementQuery, AgreementReport, Figure } from '../shared/agreement.ts';
import { openBackend } from '../core/backend.ts';
import { ParleyError } from '../core/errors.ts';
import { callerPath } from './caller-dir.ts';

export const AGREEMENT_USAGE = `  agreement <workspace> [--labels L,…] [--annotators A,…] [--json]
                                        Agreement between the annotators of the documents several annotated:
                                        unitizing alpha, label alpha, Fleiss' and Cohen's kappa, span F1
    --labels L,…                        Compare only these labels (default: all)
    --annotators A,…                    Compare only these annotators (default: all with annotations)
    --samples N, --seed N               Bootstrap samples for the 95% intervals (default 200; 0: none), seed
    --json                              Print the whole report as JSON`;

function usageError(message: string): ParleyError {
  return new ParleyError('invalid_params', `${message}\n\nUsage:\n${AGREEMENT_USAGE}`);
}

export async function agreementCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      labels: { type: 'string', multiple: true },
      annotators: { type: 'string', multiple: true },
      samples: { type: 'string' },
      seed: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(`Usage:\n${AGREEMENT_USAGE}`);
    return 0;
  }
  if (positionals.length !== 1) throw usageError('parley agreement needs exactly one workspace path');
  const query: AgreementQuery = {};
  const list = (given: string[] | undefined) => given?.flatMap((value) => value.split(',')).map((name) => name.trim()).filter(Boolean);
  const labels = list(values.labels);
  const annotators = list(values.annotators);
  if (labels) query.labels = labels;
  if (annotators) {
    if (annotators.length < 2) throw usageError('--annotators needs two annotators or more');
    query.annotators = annotators;
  }
  if (values.samples !== undefined) query.samples = wholeNumber('--samples', values.samples);
  if (values.seed !== undefined) query.seed = wholeNumber('--seed', values.seed);
  const workspace = callerPath(positionals[0]!);
  if (!existsSync(workspace)) throw new ParleyError('not_found', `No workspace at ${workspace}`);

  const backend = await openBackend(workspace);
  try {
    const report = (await backend.dispatch('agreement', query)) as AgreementReport;
    if (values.json) console.log(JSON.stringify(report));
    else printReport(report);
    return 0;
  } finally {
    await backend.close();
  }
}

function wholeNumber(option: string, value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) throw usageError(`${option} takes a whole number, 0 or more, not "${value}"`);
  return number;
}

/** "0.712 [0.650, 0.771]", or "–" when undefined. */
function shown(figure: Figure): string {
  if (figure.value === null) return '–';
  const interval = figure.interval ? ` [${figure.interval[0].toFixed(3)}, ${figure.interval[1].toFixed(3)}]` : '';
  return `${figure.value.toFixed(3)}${interval}`;
}

function printReport(report: AgreementReport): void {
  if (report.documents === 0) {
    console.log('No document has annotations by two or more of the annotators compared.');
    return;
  }
  const { overall } = report;
  console.log(`${report.documents} document(s), annotators ${report.annotators.join(', ')}; 95% intervals from ${report.bootstrap.samples} bootstrap samples (seed ${report.bootstrap.seed}).`);
  table(
    ['overall', 'value [95% interval]', 'units'],
    [
      ['unitizing alpha (spans)', shown(overall.unitizingAlpha), String(overall.unitizingAlpha.units)],
      ['alpha on labels of matched spans', shown(overall.labelAlpha), String(overall.labelAlpha.units)],
      ["Fleiss' kappa", shown(overall.fleissKappa), String(overall.fleissKappa.units)],
      ['span F1, exact', shown(overall.f1Exact), String(overall.f1Exact.units)],
      ['span F1, overlap', shown(overall.f1Overlap), String(overall.f1Overlap.units)],
    ],
  );
  table(
    ['pair', "Cohen's kappa", 'F1 exact', 'F1 overlap', 'spans'],
    report.pairs.map((pair) => [`${pair.first} – ${pair.second}`, shown(pair.cohenKappa), shown(pair.f1Exact), shown(pair.f1Overlap), String(pair.f1Overlap.units)]),
  );
  table(
    ['label', 'unitizing alpha', 'F1 exact', 'F1 overlap', 'spans'],
    report.byLabel.map((label) => [label.label, shown(label.unitizingAlpha), shown(label.f1Exact), shown(label.f1Overlap), String(label.spans)]),
  );
  if (report.leftOut.length > 0) console.error(`Left out ${report.leftOut.length} document(s): ${report.leftOut.slice(0, 5).map((document) => `${document.id} (${document.reason})`).join('; ')}${report.leftOut.length > 5 ? '; …' : ''}`);
}

function table(header: string[], rows: string[][]): void {
  const widths = header.map((name, column) => Math.max(name.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => cells.map((text, column) => text.padEnd(widths[column]!)).join('  ').trimEnd();
  console.log(`\n${line(header)}\n${widths.map((width) => '-'.repeat(width)).join('  ')}`);
  for (const row of rows) console.log(line(row));
}
