/**
 * Importing through the Import dialog against the CLI, on the same brat pairs (issue 18 measured 200 pairs at
 * 5.3 s in the dialog against 0.67 s with `parley import`, when the dialog sent one request per file): the
 * dialog's time from the Import click to its summary, in browser mode in Chromium, beside `parley import` run as a
 * child process (its start included, as a user pays it), each into a new workspace.
 */
import { chromium } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openBackend } from '../core/backend.ts';
import { atMost, round, summarise, type Figure } from './measure.ts';
import { CHROMIUM, CHROMIUM_ARGS, ensureRendererBuilt, newPage, serve, stop } from './renderer-bench.ts';

const CLI = fileURLToPath(new URL('../cli/bin.mjs', import.meta.url));

export interface DialogImportSizes {
  pairs: number;
  runs: number;
}

/** `pairs` brat pairs of about 3,000 characters and 12 annotations each, deterministic. */
function writePairs(folder: string, pairs: number): void {
  mkdirSync(folder, { recursive: true });
  const sentence = 'The ministry said on Tuesday that “talks on Pokrovsk would go on”, according to officials in Kyiv. ';
  for (let index = 0; index < pairs; index++) {
    const text = `Report ${index}\n\n${sentence.repeat(30)}`;
    const lines: string[] = [];
    for (let span = 0; span < 12; span++) {
      const start = 10 + span * sentence.length;
      lines.push(`T${span + 1}\t${span % 2 ? 'Quote' : 'Claim'} ${start} ${start + 12}\t${text.slice(start, start + 12)}`);
    }
    const name = `report-${String(index).padStart(4, '0')}`;
    writeFileSync(join(folder, `${name}.txt`), text);
    writeFileSync(join(folder, `${name}.ann`), `${lines.join('\n')}\n`);
  }
}

export async function dialogImportFigures(dir: string, sizes: DialogImportSizes): Promise<Figure[]> {
  ensureRendererBuilt();
  const folder = join(dir, 'dialog-pairs');
  writePairs(folder, sizes.pairs);
  const files = readdirSync(folder).map((name) => join(folder, name));

  const cli: number[] = [];
  for (let run = 0; run < sizes.runs; run++) {
    const workspace = join(dir, `dialog-cli-${run}.parley`);
    await (await openBackend(workspace)).close();
    const start = performance.now();
    const result = spawnSync(process.execPath, [CLI, 'import', workspace, folder, '--json'], { encoding: 'utf8' });
    cli.push(performance.now() - start);
    if (result.status !== 0) throw new Error(`parley import failed: ${result.stderr}`);
  }

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const dialog: number[] = [];
  try {
    for (let run = 0; run < sizes.runs; run++) {
      const served = await serve(join(dir, `dialog-ui-${run}.parley`));
      const { context, page } = await newPage(browser);
      try {
        await page.goto(served.url);
        await page.getByRole('region', { name: 'Documents' }).getByRole('button', { name: 'Import…' }).click();
        const importDialog = page.getByRole('dialog', { name: 'Import' });
        await importDialog.locator('#import-files').setInputFiles(files);
        const start = await page.evaluate(() => performance.now());
        // A brat pair counts as one file, as in the CLI.
        await importDialog.getByRole('button', { name: `Import ${sizes.pairs} files` }).click();
        await importDialog.getByRole('status').filter({ hasText: 'Imported all' }).waitFor({ timeout: 120_000 });
        dialog.push((await page.evaluate(() => performance.now())) - start);
      } finally {
        await context.close();
        await stop(served);
      }
    }
  } finally {
    await browser.close();
  }

  const cliTime = summarise(cli);
  const dialogTime = summarise(dialog);
  const ratios = summarise(dialog.map((ms, run) => ms / cli[run]!));
  const detail = `${sizes.pairs.toLocaleString('en')} brat pairs (${files.length} files, 12 annotations each); the Import dialog in browser mode, Import click to its summary, against \`parley import\` as a child process (its start included) median ${round(cliTime.median)} ms`;
  return [
    atMost('import brat pairs through the Import dialog', dialogTime, sizes.pairs * 10, 'ms', detail),
    atMost('the same, relative to the CLI', ratios, 2, '×', 'per-run ratio, dialog over CLI, same files'),
  ];
}
