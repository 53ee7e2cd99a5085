/**
 * Corpus search (issue #11): "corpus search, keystroke to results painted <= 100 ms" at 10,000 articles. The real
 * Search screen in browser mode, in Chromium, on a seeded workspace of news-length articles (English prose, one in
 * twenty with a paragraph of Russian and one of Chinese, so that every path of the search is taken). Each time is
 * taken inside the page, from the input event of a query typed to the end of the frame that paints its results
 * (see page-probes.ts for "painted").
 */
import { chromium } from '@playwright/test';
import { join } from 'node:path';
import { openBackend } from '../core/backend.ts';
import { importFile, type ImportedDocument } from '../core/workspace.ts';
import type { WorkspaceStats } from '../shared/types.ts';
import { normaliseText } from '../core/text.ts';
import { articles } from './corpus.ts';
import { atMost, round, summarise, type Figure } from './measure.ts';
import { CHROMIUM, CHROMIUM_ARGS, ensureRendererBuilt, loadNote, newPage, serve, stop } from './renderer-bench.ts';

export interface SearchSizes {
  articles: number;
  /** Measured queries, after `warmup` unmeasured ones. */
  runs: number;
  warmup: number;
}

export const SEARCH_FULL: SearchSizes = { articles: 10_000, runs: 18, warmup: 3 };
export const SEARCH_QUICK: SearchSizes = { articles: 500, runs: 9, warmup: 2 };

const RUSSIAN = 'Ушаков заявил, что Москва готова обсуждать мирный план, но Покровск остаётся главной темой.';
const CHINESE = '普京会见特朗普特使威特科夫。莫斯科表示和平计划可以讨论，但领土问题没有妥协。';

/**
 * Queries typed, each cleared (unmeasured) before the next: a rare and a common word, a phrase, a prefix, OR and
 * NOT, Cyrillic words, and Chinese of two characters (looked for in the texts the trigram index holds) and of four.
 */
const QUERIES = ['napoleon', 'prince', '"the emperor"', 'moscow*', 'pierre OR andrew', 'war NOT peace', 'покровск', '普京', '和平计划'];

function seededArticles(count: number): ImportedDocument[] {
  return articles(count, 2026).map((article, index) => {
    const withOthers = index % 20 === 0 ? `${article.text}\n\n${RUSSIAN}\n\n${CHINESE}` : article.text;
    const { text, normalisation } = normaliseText(withOthers);
    return { document: { title: article.title, text }, normalisation, annotations: [], relations: [] };
  });
}

/**
 * In the page: `search(query)` types `query` into the search box (one input event, as the last key of a word or a
 * paste) and resolves with the milliseconds from that event to the end of the frame that paints the results (the
 * results' `data-answers` counts the answers shown: it changes in the same DOM update as they do), and the
 * searchCorpus call's share of them.
 */
const SEARCH_PROBES = String.raw`
(() => {
  const search = async (query) => {
    const bench = window.__parleyBench;
    const target = document.querySelector('[aria-label="Search the corpus"] [data-answers]');
    const before = Number(target.dataset.answers);
    performance.clearResourceTimings();
    const shown = bench.whenDom(target, { attributes: true, attributeFilter: ['data-answers'] }, () => Number(target.dataset.answers) > before, 'the results of ' + query, 30000);
    const start = performance.now();
    const input = document.querySelector('input[aria-label="Search the corpus"]');
    input.value = query;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await shown;
    const end = await bench.paintDone();
    const calls = performance.getEntriesByType('resource').filter((entry) => entry.name.endsWith('/api/searchCorpus'));
    const last = calls[calls.length - 1];
    return { ms: end.done - start, api: last ? last.responseEnd - last.startTime : null, hits: target.querySelectorAll('mark').length };
  };
  window.__parleySearch = { search };
})();
`;

interface Measured {
  ms: number;
  api: number | null;
  hits: number;
}

export async function searchFigures(dir: string, sizes: SearchSizes): Promise<Figure> {
  ensureRendererBuilt();
  const workspace = join(dir, 'search.parley');
  const backend = await openBackend(workspace);
  const documents = seededArticles(sizes.articles);
  for (let first = 0; first < documents.length; first += 250) {
    await importFile(backend.workspace, documents.slice(first, first + 250), { duplicates: 'merge' });
  }
  const stats = (await backend.dispatch('stats', {})) as WorkspaceStats;
  await backend.close();

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const served = await serve(workspace);
  try {
    const { context, page } = await newPage(browser);
    await context.addInitScript({ content: SEARCH_PROBES });
    await page.goto(served.url);
    await page.getByRole('region', { name: 'Documents' }).getByRole('listitem').first().waitFor();
    // By CSS, not by role: finding a role by name computes the name of each of the 10,000 documents' buttons, on
    // every try, longer than a click waits on a busy machine.
    await page.locator('button[aria-label="Search"]').click();
    await page.locator('input[aria-label="Search the corpus"]').waitFor();
    const run = (query: string) => page.evaluate(`window.__parleySearch.search(${JSON.stringify(query)})`) as Promise<Measured>;

    const measured: Measured[] = [];
    for (let index = -sizes.warmup; index < sizes.runs; index++) {
      const query = QUERIES[(index + sizes.warmup) % QUERIES.length]!;
      const one = await run(query);
      if (one.hits === 0) throw new Error(`the search for ${query} painted no hit`);
      await run('');
      if (index >= 0) measured.push(one);
    }
    await context.close();

    const times = summarise(measured.map((one) => one.ms));
    const api = summarise(measured.map((one) => one.api ?? Number.NaN));
    return atMost(
      `corpus search at ${stats.documents.toLocaleString('en')} articles, keystroke to results painted`,
      times,
      100,
      'ms',
      `${measured.length} queries typed (${QUERIES.join(', ')}; input event to the end of the frame that paints the screen's first page: the best 20 documents, three hits listed each) — ` +
        `median ${round(times.median)} ms, p95 ${round(times.p95)} ms, of which the searchCorpus call (HTTP, SQLite, hits) median ${round(api.median)} ms, p95 ${round(api.p95)} ms; ` +
        `one article in 20 with a Russian and a Chinese paragraph; ${sizes.warmup} unmeasured queries first; ${loadNote()}`,
    );
  } finally {
    await stop(served);
    await browser.close();
  }
}
