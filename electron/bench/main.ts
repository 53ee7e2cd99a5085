/**
 * `npm run bench [-- --quick] [-- --json FILE] [-- --only SUITE]`: Parley's performance figures, each against its target.
 * Full mode uses the sizes the targets are stated for; --quick uses small sizes so that CI runs every
 * benchmark (under a minute) and none can rot. Figures: median, min, max over several runs after a warm-up.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Figure } from './measure.ts';
import { fullTextSearch, tagDurably, type Sizes } from './store-bench.ts';
import { exportThroughput } from './export-bench.ts';
import { importThroughput } from './import-bench.ts';
import { RENDERER_FULL, RENDERER_QUICK, rendererFigures } from './renderer-bench.ts';
import { TABLE_FULL, TABLE_QUICK, tableFigures } from './table-bench.ts';
import { SEARCH_FULL, SEARCH_QUICK, searchFigures } from './search-bench.ts';
import { dialogImportFigures } from './dialog-import-bench.ts';
import { POSITIONS_FULL, POSITIONS_QUICK, positionsFigures } from './positions-bench.ts';
import { BULK_FULL, BULK_QUICK, bulkFigures } from './bulk-bench.ts';
import { DASHBOARD_FULL, DASHBOARD_QUICK, dashboardFigures } from './dashboard-bench.ts';
import { ACTORS_FULL, ACTORS_QUICK, actorMergeFigure, actorPageFigure } from './actors-bench.ts';
import { AGREEMENT_FULL, AGREEMENT_QUICK, agreementFigures } from './agreement-bench.ts';
import { SUGGEST_FULL, SUGGEST_QUICK, suggestFigures } from './suggest-bench.ts';

const FULL: Sizes = { largeLength: 1_000_000, largeSpans: 20_000, tagRuns: 200, searchArticles: 10_000, searchRuns: 100 };
const QUICK: Sizes = { largeLength: 100_000, largeSpans: 2_000, tagRuns: 30, searchArticles: 500, searchRuns: 20 };

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { quick: { type: 'boolean' }, json: { type: 'string' }, only: { type: 'string', multiple: true } } });
  const sizes = values.quick ? QUICK : FULL;
  const dir = mkdtempSync(join(tmpdir(), 'parley-bench-'));
  const figures: Figure[] = [];
  const failed: string[] = [];
  try {
    const suites: [string, () => Promise<Figure | Figure[]>][] = [
      ['tag durably', () => tagDurably(dir, sizes)],
      ['full-text search', () => fullTextSearch(dir, sizes)],
      ['export throughput', () => exportThroughput(dir, values.quick ? { annotations: 10_000, runs: 3 } : { annotations: 100_000, runs: 3 })],
      ['import throughput', () => importThroughput(dir, values.quick ? { articles: 200, runs: 2, polnear: 'dev', memoryArticles: 500 } : { articles: 2_000, runs: 3, polnear: 'train', memoryArticles: 10_000 })],
      ['renderer (browser mode in Chromium)', () => rendererFigures(dir, values.quick ? RENDERER_QUICK : RENDERER_FULL)],
      ['annotations table (browser mode in Chromium)', () => tableFigures(dir, values.quick ? TABLE_QUICK : TABLE_FULL)],
      ['positions matrix (browser mode in Chromium)', () => positionsFigures(dir, values.quick ? POSITIONS_QUICK : POSITIONS_FULL)],
      ['corpus search (browser mode in Chromium)', () => searchFigures(dir, values.quick ? SEARCH_QUICK : SEARCH_FULL)],
      ['bulk actions', () => bulkFigures(dir, values.quick ? BULK_QUICK : BULK_FULL)],
      ['dashboard (browser mode in Chromium)', () => dashboardFigures(dir, values.quick ? DASHBOARD_QUICK : DASHBOARD_FULL)],
      ['dialog import (browser mode in Chromium)', () => dialogImportFigures(dir, values.quick ? { pairs: 20, runs: 1 } : { pairs: 200, runs: 3 })],
      ['actor page (browser mode in Chromium)', () => actorPageFigure(dir, values.quick ? ACTORS_QUICK : ACTORS_FULL)],
      ['actor merge', () => actorMergeFigure(dir, values.quick ? ACTORS_QUICK : ACTORS_FULL)],
      ['agreement', () => agreementFigures(dir, values.quick ? AGREEMENT_QUICK : AGREEMENT_FULL)],
      ['suggest (built-in attribution model on PolNeAR dev)', () => suggestFigures(values.quick ? SUGGEST_QUICK : SUGGEST_FULL)],
    ];
    // `--only <name>` (repeatable) runs the suites whose names start with it, e.g. `--only export`.
    const chosen = values.only ? suites.filter(([name]) => values.only!.some((prefix) => name.startsWith(prefix))) : suites;
    if (chosen.length === 0) throw new Error(`no suite matches --only ${values.only!.join(', ')} (suites: ${suites.map(([name]) => name).join(', ')})`);
    for (const [name, run] of chosen) {
      process.stderr.write(`bench: ${name}…\n`);
      // A suite that breaks is reported and fails the run, but the other suites still run and are printed.
      try {
        figures.push(...[await run()].flat());
      } catch (error) {
        failed.push(name);
        process.stderr.write(`bench: ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  printTable(figures, values.quick === true);
  if (failed.length > 0) {
    console.error(`bench: ${failed.length} suite(s) failed: ${failed.join(', ')}`);
    process.exitCode = 1;
  }
  if (values.json) {
    writeFileSync(values.json, JSON.stringify({ mode: values.quick ? 'quick' : 'full', date: new Date().toISOString(), commit: commit(), machine: machine(), figures }, null, 2) + '\n');
  }
}

function printTable(figures: Figure[], quick: boolean): void {
  const rows = figures.map((figure) => [
    figure.name,
    `${figure.value} ${figure.unit}`,
    figure.median === undefined ? '' : `${figure.min}–${figure.max}`,
    figure.target + ' ' + figure.unit,
    figure.met ? 'met' : 'NOT MET',
  ]);
  const header = ['figure', 'value (median)', 'min–max', 'target', ''];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  ');
  console.log(`Parley benchmark (${quick ? 'quick: small sizes, targets indicative only' : 'full'}) on ${machine().cpu}`);
  console.log(line(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  rows.forEach((row) => console.log(line(row)));
  for (const figure of figures) if (figure.detail) console.log(`  ${figure.name}: ${figure.detail}`);
}

function machine() {
  const cpu = cpus();
  return { cpu: `${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}`, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, platform: `${process.platform} ${process.arch}` };
}

function commit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
});
