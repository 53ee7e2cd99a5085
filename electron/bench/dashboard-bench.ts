/**
 * The dashboard (issue #11): "dashboard, open to every chart painted <= 500 ms" on 10,000 articles with 100,000
 * annotations and 2,000 actors (bench/news-corpus.ts), documents in all three statuses. The real app in browser
 * mode, in Chromium: each time is taken inside the page, from the click on the toolbar's Dashboard button to the
 * end of the frame that paints the last of the five charts drawn from the fresh counts (see page-probes.ts for
 * "painted"); between runs the button is clicked again, back to the document. The first open, which also loads
 * the charts' code (Observable Plot, a chunk of its own), is reported apart.
 */
import { chromium } from '@playwright/test';
import { join } from 'node:path';
import { openBackend } from '../core/backend.ts';
import { importFile } from '../core/workspace.ts';
import type { DocumentStatus, WorkspaceStats } from '../shared/types.ts';
import { atMost, round, summarise, type Figure } from './measure.ts';
import { NEWS_CORPUS_FULL, NEWS_CORPUS_QUICK, newsCorpus, type NewsCorpusSizes } from './news-corpus.ts';
import { CHROMIUM, CHROMIUM_ARGS, ensureRendererBuilt, loadNote, newPage, serve, stop } from './renderer-bench.ts';

export interface DashboardSizes {
  corpus: NewsCorpusSizes;
  /** Measured opens, after `warmup` unmeasured ones (the first of which loads the charts' code). */
  runs: number;
  warmup: number;
}

export const DASHBOARD_FULL: DashboardSizes = { corpus: NEWS_CORPUS_FULL, runs: 10, warmup: 2 };
export const DASHBOARD_QUICK: DashboardSizes = { corpus: NEWS_CORPUS_QUICK, runs: 4, warmup: 1 };

/** The workflow status of the `index`-th of `count` articles: the oldest 30% done, the next 20% in progress. */
function statusOf(index: number, count: number): DocumentStatus {
  return index < count * 0.3 ? 'done' : index < count * 0.5 ? 'in_progress' : 'new';
}

/**
 * In the page: `open()` clicks the Dashboard button and resolves with the milliseconds from the click to the end
 * of the frame that paints every chart drawn from the answer to this open's `dashboard` call (each chart's
 * `data-answer` names the answer it shows, the screen's `data-answers` counts them), with that call's share and
 * when its answer arrived; `close()` clicks the button again and waits for the document.
 */
const DASHBOARD_PROBES = String.raw`
(() => {
  const button = () => document.querySelector('button[aria-label="Dashboard"]');
  const screen = () => document.querySelector('section[aria-label="Dashboard"]');
  // The answers shown so far: the screen, and its count of them, is gone between opens; the app's is not.
  let shown = 0;
  const open = async () => {
    const bench = window.__parleyBench;
    const before = shown;
    performance.clearResourceTimings();
    const painted = bench.whenDom(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-answer', 'data-answers'] }, () => {
      const section = screen();
      if (!section || Number(section.dataset.answers) <= before) return false;
      const plots = [...section.querySelectorAll('figure .plot')];
      const drawn = (plot) => plot.dataset.answer === section.dataset.answers || plot.closest('figure').querySelector('.empty');
      return plots.length === 5 && plots.every(drawn);
    }, 'every chart painted', 60000);
    const start = performance.now();
    button().click();
    await painted;
    const end = await bench.paintDone();
    shown = Number(screen().dataset.answers);
    const call = performance.getEntriesByType('resource').filter((entry) => entry.name.endsWith('/api/dashboard')).pop();
    if (!call) throw new Error('no dashboard call during the open');
    const bars = screen().querySelectorAll('.hit').length;
    return { ms: end.done - start, api: call.responseEnd - call.startTime, answered: call.responseEnd - start, bars };
  };
  const close = async () => {
    button().click();
    await window.__parleyBench.whenDom(document.body, { childList: true, subtree: true }, () => !screen(), 'the dashboard closed', 10000);
  };
  window.__parleyDashboard = { open, close };
})();
`;

interface Measured {
  ms: number;
  api: number;
  answered: number;
  bars: number;
}

export async function dashboardFigures(dir: string, sizes: DashboardSizes): Promise<Figure> {
  ensureRendererBuilt();
  const workspace = join(dir, 'dashboard.parley');
  const backend = await openBackend(workspace);
  const documents = newsCorpus(sizes.corpus).map((document, index, all) => ({ ...document, status: statusOf(index, all.length) }));
  for (let first = 0; first < documents.length; first += 250) {
    await importFile(backend.workspace, documents.slice(first, first + 250), { duplicates: 'merge' });
  }
  const stats = (await backend.dispatch('stats', {})) as WorkspaceStats;
  await backend.close();

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const served = await serve(workspace);
  try {
    const { context, page } = await newPage(browser);
    await context.addInitScript({ content: DASHBOARD_PROBES });
    await page.goto(served.url);
    await page.getByRole('region', { name: 'Documents' }).getByRole('listitem').first().waitFor();
    await page.locator('.cm-content').waitFor();
    const open = () => page.evaluate('window.__parleyDashboard.open()') as Promise<Measured>;
    const close = () => page.evaluate('window.__parleyDashboard.close()');

    const first = await open();
    await close();
    const runs: Measured[] = [];
    for (let index = 1 - sizes.warmup; index < sizes.runs; index++) {
      const measured = await open();
      await close();
      if (index >= 0) runs.push(measured);
    }
    await context.close();

    const total = summarise(runs.map((run) => run.ms));
    const median = (values: number[]) => round(summarise(values).median);
    const drawing = runs.map((run) => run.ms - run.answered);
    return atMost(
      `dashboard at ${stats.annotations.toLocaleString('en')} annotations: open to every chart painted`,
      total,
      500,
      'ms',
      `${stats.documents.toLocaleString('en')} articles, ${stats.actors.toLocaleString('en')} actors, ${runs[0]!.bars} bars in five charts; ` +
        `click on the Dashboard button to the end of the frame that paints the last chart of the fresh counts — median ${round(total.median)} ms, p95 ${round(total.p95)} ms; ` +
        `of which the dashboard call (HTTP, SQLite: one read of every count) median ${median(runs.map((run) => run.api))} ms, answered after ${median(runs.map((run) => run.answered))} ms; ` +
        `then drawing (Svelte, Observable Plot, layout, paint) median ${median(drawing)} ms; ` +
        `the first open, which also loads Plot's code: ${round(first.ms)} ms; ${sizes.warmup} unmeasured opens first; ${loadNote()}`,
    );
  } finally {
    await stop(served);
    await browser.close();
  }
}
