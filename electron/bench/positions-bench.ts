/**
 * The positions matrix (issue #11): "positions matrix for the whole corpus, open to painted <= 300 ms" on 10,000
 * articles, 100,000 annotations, 2,000 actors and 500 targets. The real workbench in browser mode, in Chromium, on
 * the seeded news corpus (news-corpus.ts): each time is taken inside the page, from the click on the toolbar's
 * Positions button to the end of the frame that paints the matrix the store answered (see page-probes.ts for
 * "painted"). Between runs the button is clicked again to go back to the document, so every run opens the
 * screen afresh and asks the store for the whole matrix.
 */
import { chromium } from '@playwright/test';
import { join } from 'node:path';
import { openBackend } from '../core/backend.ts';
import type { PositionsMatrix, WorkspaceStats } from '../shared/types.ts';
import { atMost, round, summarise, type Figure } from './measure.ts';
import { NEWS_CORPUS_FULL, NEWS_CORPUS_QUICK, seedNewsCorpus, type NewsCorpusSizes } from './news-corpus.ts';
import { CHROMIUM, CHROMIUM_ARGS, ensureRendererBuilt, loadNote, newPage, serve, stop } from './renderer-bench.ts';

export interface PositionsSizes {
  corpus: NewsCorpusSizes;
  /** Measured openings, after `warmup` unmeasured ones. */
  runs: number;
  warmup: number;
}

export const POSITIONS_FULL: PositionsSizes = { corpus: NEWS_CORPUS_FULL, runs: 12, warmup: 3 };
export const POSITIONS_QUICK: PositionsSizes = { corpus: NEWS_CORPUS_QUICK, runs: 5, warmup: 2 };

/**
 * In the page: `open()` clicks the Positions button and resolves with the milliseconds from that click to the end
 * of the frame that paints the matrix the store answered for this opening (the grid's `data-answers` counts the
 * matrices shown, and changes in the same DOM update as the cells: the screen shows the matrix it had while the new
 * one is on its way, which does not count), the positionsMatrix call's share of them, and how many cells were
 * drawn; it starts once the window is at rest. `close()` notes the count, clicks the button again and resolves
 * once the document is back.
 */
const POSITIONS_PROBES = String.raw`
(() => {
  const button = () => document.querySelector('button[aria-label="Positions"]');
  // Looked for in the centre column only: the document list beside it holds thousands of elements.
  const grid = () => document.querySelector('main').querySelector('[role="grid"][aria-label="Positions: holders by target"]');
  let shownBefore = 0;
  const open = async () => {
    const bench = window.__parleyBench;
    // From a window at rest: the document shown again by the last close() has finished laying itself out.
    await bench.settle(500);
    performance.clearResourceTimings();
    let found = null;
    const shown = bench.whenDom(document.querySelector('main'), { childList: true, subtree: true, attributes: true, attributeFilter: ['data-answers'] }, () => {
      found ??= grid();
      return found && Number(found.dataset.answers) > shownBefore && found.querySelector('[role="gridcell"]') ? found : null;
    }, 'the matrix painted', 60000);
    const start = performance.now();
    button().click();
    const target = await shown;
    const end = await bench.paintDone();
    const calls = performance.getEntriesByType('resource').filter((entry) => entry.name.endsWith('/api/positionsMatrix'));
    const last = calls[calls.length - 1];
    return { ms: end.done - start, api: last ? last.responseEnd - last.startTime : null, cells: target.querySelectorAll('[role="gridcell"]').length };
  };
  const close = async () => {
    const bench = window.__parleyBench;
    shownBefore = Number(grid().dataset.answers);
    const gone = bench.whenDom(document.body, { childList: true, subtree: true }, () => !grid(), 'the document back', 30000);
    button().click();
    await gone;
    await bench.paintDone();
  };
  window.__parleyPositions = { open, close };
})();
`;

interface Measured {
  ms: number;
  api: number | null;
  cells: number;
}

export async function positionsFigures(dir: string, sizes: PositionsSizes): Promise<Figure> {
  ensureRendererBuilt();
  const workspace = join(dir, 'positions.parley');
  await seedNewsCorpus(workspace, sizes.corpus);
  const backend = await openBackend(workspace);
  const stats = (await backend.dispatch('stats', {})) as WorkspaceStats;
  const matrix = (await backend.dispatch('positionsMatrix', {})) as PositionsMatrix;
  await backend.close();

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const served = await serve(workspace);
  try {
    const { context, page } = await newPage(browser);
    await context.addInitScript({ content: POSITIONS_PROBES });
    await page.goto(served.url);
    // The first page of a 10,000-article workspace can take a while in software-rendered Chromium on a busy machine.
    await page.getByRole('region', { name: 'Documents' }).getByRole('listitem').first().waitFor({ timeout: 120_000 });
    // By its attribute, as the probes find it: a role query computes the accessible name of every element of the
    // 10,000-document list on each try, and under load did not answer within two minutes.
    await page.locator('button[aria-label="Positions"]').waitFor({ timeout: 120_000 });
    const measured: Measured[] = [];
    for (let index = -sizes.warmup; index < sizes.runs; index++) {
      const run = (await page.evaluate('window.__parleyPositions.open()')) as Measured;
      await page.evaluate('window.__parleyPositions.close()');
      if (index >= 0) measured.push(run);
    }
    await context.close();

    const times = summarise(measured.map((one) => one.ms));
    const api = round(summarise(measured.map((one) => one.api ?? Number.NaN)).median);
    return atMost(
      `positions matrix for the whole corpus (${matrix.actors.length.toLocaleString('en')} holders × ${matrix.targets.length.toLocaleString('en')} targets), open to painted`,
      times,
      300,
      'ms',
      `${stats.documents.toLocaleString('en')} articles, ${stats.annotations.toLocaleString('en')} annotations, ${stats.actors.toLocaleString('en')} actors, ` +
        `${matrix.cells.length.toLocaleString('en')} cells holding positions; ${measured.length} openings from the toolbar's Positions button (click to the end of the frame that paints the matrix) — ` +
        `median ${round(times.median)} ms, p95 ${round(times.p95)} ms, of which the positionsMatrix call (HTTP, SQLite) median ${api} ms; ` +
        `${measured[0]?.cells ?? 0} cells drawn (both axes are virtual); ${sizes.warmup} unmeasured openings first; ${loadNote()}`,
    );
  } finally {
    await stop(served);
    await browser.close();
  }
}
