/**
 * The actor registry (issue #11): "actor page of an actor with 5,000 items, open to painted" (<= 150 ms) and
 * "merge two actors with 5,000 mentions" (<= 200 ms). Both on a seeded corpus of news-length articles in which
 * two actors (Latin and Cyrillic names) are named by every `stride`-th and the next annotation, and the rest name
 * one of the other actors. The page is timed in the real app in browser mode, in Chromium, inside the page: from
 * the address naming the actor's page (what Enter on the Actors screen does) to the end of the frame that paints
 * its rows. The merge is timed in the store: the backend's `mergeActors`, validation and the WAL commit included,
 * each merge undone (unmeasured) before the next.
 */
import { chromium } from '@playwright/test';
import { join } from 'node:path';
import { openBackend } from '../core/backend.ts';
import { normaliseText } from '../core/text.ts';
import { importFile, type ImportedDocument } from '../core/workspace.ts';
import type { ActorSummary, Removed, WorkspaceStats } from '../shared/types.ts';
import { articles, BENCH_LABELS } from './corpus.ts';
import { atMost, round, seededRandom, summarise, time, type Figure } from './measure.ts';
import { CHROMIUM, CHROMIUM_ARGS, ensureRendererBuilt, loadNote, newPage, serve, stop } from './renderer-bench.ts';

export interface ActorSizes {
  articles: number;
  perArticle: number;
  actors: number;
  /** Items of each of the two big actors. */
  items: number;
  runs: number;
  warmup: number;
}

export const ACTORS_FULL: ActorSizes = { articles: 10_000, perArticle: 10, actors: 2_000, items: 5_000, runs: 12, warmup: 3 };
export const ACTORS_QUICK: ActorSizes = { articles: 1_000, perArticle: 10, actors: 200, items: 1_000, runs: 5, warmup: 2 };

const BIG = ['Юрий Ушаков', 'Volodymyr Zelenskyy'];
const ACTOR_ATTRIBUTE: Record<string, string> = { Quote: 'speaker', Claim: 'claimant', Position: 'holder', Actor: 'actor' };

/** The workspace both figures use, at `path`: its stats, and the ids of the two big actors. */
async function seededWorkspace(path: string, sizes: ActorSizes): Promise<{ stats: WorkspaceStats; big: [number, number] }> {
  const random = seededRandom(2027);
  const stride = Math.floor((sizes.articles * sizes.perArticle) / sizes.items);
  const others = Array.from({ length: sizes.actors - BIG.length }, (_, index) => `Actor ${index + 1} ${['Петренко', 'Müller', 'Dubois', 'García'][index % 4]}`);
  const start = Date.UTC(2025, 0, 1);
  let annotation = 0;
  const documents: ImportedDocument[] = articles(sizes.articles, 2027).map((article) => {
    const { text, normalisation } = normaliseText(article.text);
    const words = [...text.matchAll(/\S+/g)].map((match) => [match.index, match.index + match[0].length] as const);
    const spans: ImportedDocument['annotations'] = [];
    for (let span = 0; span < sizes.perArticle; span++, annotation++) {
      const first = Math.floor(random() * (words.length - 30));
      const last = first + 3 + Math.floor(random() * 25);
      const label = BENCH_LABELS[span % BENCH_LABELS.length]!;
      const name = annotation % stride < BIG.length ? BIG[annotation % stride]! : others[Math.floor(random() * others.length)]!;
      spans.push({ key: `T${span}`, label, fragments: [[words[first]![0], words[last]![1]]], actors: { [ACTOR_ATTRIBUTE[label]!]: { name } } });
    }
    const publishedAt = new Date(start + Math.floor(random() * 365) * 86_400_000).toISOString().slice(0, 10);
    return { document: { title: article.title, text, publishedAt }, normalisation, annotations: spans, relations: [] };
  });
  const backend = await openBackend(path);
  for (let first = 0; first < documents.length; first += 250) {
    await importFile(backend.workspace, documents.slice(first, first + 250), { duplicates: 'merge' });
  }
  const stats = (await backend.dispatch('stats', {})) as WorkspaceStats;
  const summaries = (await backend.dispatch('listActorSummaries', {})) as ActorSummary[];
  await backend.close();
  const id = (name: string) => {
    const actor = summaries.find((candidate) => candidate.name === name)!;
    if (actor.mentions !== sizes.items) throw new Error(`${name} has ${actor.mentions} items, not ${sizes.items}`);
    return actor.id;
  };
  return { stats, big: [id(BIG[0]!), id(BIG[1]!)] };
}

function corpusNote(stats: WorkspaceStats): string {
  return `${stats.documents.toLocaleString('en')} articles, ${stats.annotations.toLocaleString('en')} annotations, ${stats.actors.toLocaleString('en')} actors`;
}

/**
 * In the page: `openActor(id)` sets the address to the actor's page and resolves with the milliseconds from then
 * to the end of the frame that paints its rows (the grid's `data-answers` counts the answers shown, in the same
 * DOM update as the rows), with the actorItems call's share; `showActors()` goes back to the Actors screen, once it has
 * the registry's fresh answer.
 */
const ACTOR_PROBES = String.raw`
(() => {
  const grid = (scope) => document.querySelector('[role="grid"][data-key-scope="' + scope + '"]');
  let answered = 0;
  const openActor = async (id) => {
    const bench = window.__parleyBench;
    performance.clearResourceTimings();
    const shown = bench.whenDom(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-answers'] }, () => {
      const target = grid('actor');
      return target && Number(target.dataset.answers) > answered && target.querySelector('[data-annotation-id]');
    }, 'the actor page rows', 30000);
    const start = performance.now();
    location.hash = '#/actor/' + id;
    await shown;
    const end = await bench.paintDone();
    const target = grid('actor');
    answered = Number(target.dataset.answers);
    const calls = performance.getEntriesByType('resource').filter((entry) => entry.name.endsWith('/api/actorItems'));
    const last = calls[calls.length - 1];
    return { ms: end.done - start, api: last ? last.responseEnd - last.startTime : null, total: Number(target.getAttribute('aria-rowcount')) };
  };
  let listed = 0;
  // Waits for the registry's fresh answer, not the rows kept from the last visit: the actor page's call is not to
  // queue behind it on the server.
  const showActors = async () => {
    location.hash = '#/actors';
    await window.__parleyBench.whenDom(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-answers'] }, () => {
      const target = grid('actors');
      return target && Number(target.dataset.answers) > listed && target.querySelector('[data-actor-id]');
    }, 'the actors', 30000);
    listed = Number(grid('actors').dataset.answers);
    await window.__parleyBench.paintDone();
  };
  window.__parleyActors = { openActor, showActors };
})();
`;

interface Opened {
  ms: number;
  api: number | null;
  total: number;
}

export async function actorPageFigure(dir: string, sizes: ActorSizes): Promise<Figure> {
  ensureRendererBuilt();
  const workspace = join(dir, 'actor-page.parley');
  const { stats, big } = await seededWorkspace(workspace, sizes);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const served = await serve(workspace);
  try {
    const { context, page } = await newPage(browser);
    await context.addInitScript({ content: ACTOR_PROBES });
    await page.goto(served.url);
    await page.getByRole('region', { name: 'Documents' }).getByRole('listitem').first().waitFor();
    const opened: Opened[] = [];
    // From the Actors screen to one big actor's page and back, the two big actors in turn.
    for (let run = -sizes.warmup; run < sizes.runs; run++) {
      await page.evaluate('window.__parleyActors.showActors()');
      const one = (await page.evaluate(`window.__parleyActors.openActor(${big[(run + sizes.warmup) % 2]!})`)) as Opened;
      if (one.total !== sizes.items) throw new Error(`the page listed ${one.total} items, not ${sizes.items}`);
      if (run >= 0) opened.push(one);
    }
    await context.close();
    const samples = summarise(opened.map((one) => one.ms));
    const api = round(summarise(opened.map((one) => one.api ?? Number.NaN)).median);
    return atMost(
      `actor page of an actor with ${sizes.items.toLocaleString('en')} items, open to painted`,
      samples,
      150,
      'ms',
      `${corpusNote(stats)}; ${opened.length} openings from the Actors screen, two such actors in turn (address set to the end of the frame that paints the rows) — ` +
        `median ${round(samples.median)} ms, p95 ${round(samples.p95)} ms, of which the actorItems call (HTTP, SQLite: every item ordered and counted, the first 100 with their sentence) median ${api} ms; ` +
        `${sizes.warmup} unmeasured openings first; ${loadNote()}`,
    );
  } finally {
    await stop(served);
    await browser.close();
  }
}

export async function actorMergeFigure(dir: string, sizes: ActorSizes): Promise<Figure> {
  const workspace = join(dir, 'actor-merge.parley');
  const { stats, big } = await seededWorkspace(workspace, sizes);
  const backend = await openBackend(workspace);
  try {
    let removal: number | null = null;
    const undo = async () => {
      if (removal !== null) await backend.dispatch('undoRemoval', { id: removal });
      removal = null;
    };
    const durations: number[] = [];
    // The process's CPU time too: on a shared machine the wall time waits for the disk (the WAL checkpoint that
    // the thousands of pages a merge rewrites set off) and for other processes.
    const cpu: number[] = [];
    for (let run = -sizes.warmup; run < sizes.runs; run++) {
      await undo();
      const [survivorId, mergedId] = run % 2 === 0 ? big : [big[1], big[0]];
      const used = process.cpuUsage();
      const [ms] = await time(1, 0, async () => {
        removal = ((await backend.dispatch('mergeActors', { survivorId, mergedId })) as Removed).removal.id;
      });
      const { user, system } = process.cpuUsage(used);
      if (run >= 0) {
        durations.push(ms!);
        cpu.push((user + system) / 1000);
      }
    }
    await undo();
    const summaries = (await backend.dispatch('listActorSummaries', {})) as ActorSummary[];
    if (big.some((id) => summaries.find((actor) => actor.id === id)?.mentions !== sizes.items)) throw new Error('undoing the merges did not give both actors their items back');
    const samples = summarise(durations);
    return atMost(
      `merge two actors with ${sizes.items.toLocaleString('en')} mentions`,
      samples,
      200,
      'ms',
      `${corpusNote(stats)}; the store's mergeActors (validation, every actor-typed attribute rewritten, the actor table of the annotations kept in step, the removal kept for Undo, WAL commit), ` +
        `${durations.length} merges each way in turn, each undone unmeasured before the next — median ${round(samples.median)} ms, p95 ${round(samples.p95)} ms, ` +
        `CPU time median ${round(summarise(cpu).median)} ms; ${sizes.warmup} unmeasured first; ${loadNote()}`,
    );
  } finally {
    await backend.close();
  }
}
