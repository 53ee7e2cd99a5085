/**
 * Renderer figures (issue #5): the real workbench, built by Vite and served by `parley serve`, driven in Debian's
 * Chromium. Every time is taken inside the page (see page-probes.ts) from the user's trigger — a click in the
 * document list, a key press — to the end of the frame that paints the result; the ratio to plain CodeMirror
 * (renderer/bench/plain.html: the same API call and reading extensions, no annotation layer) is measured side
 * by side, alternating, in the same browser and run.
 */
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openBackend } from '../core/backend.ts';
import { largeDocument, toImported } from './corpus.ts';
import { atMost, round, summarise, type Figure } from './measure.ts';
import { PAGE_PROBES } from './page-probes.ts';
import { importFile } from '../core/workspace.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The bench's own build of the renderer, with its baseline page (`vite build --mode bench`); users' build has no such page. */
const RENDERER_OUT = join(ROOT, 'build/out/bench-renderer');
export const CHROMIUM = process.env['PARLEY_CHROMIUM'] ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const VIEWPORT = { width: 1440, height: 900 };

const LARGE = 'Bench large document';
const ARTICLE = 'Bench article';
/** Another article, so that the article is opened from an article (and the large document from an article). */
const OTHER = 'Bench second article';

export interface RendererSizes {
  largeLength: number;
  largeSpans: number;
  articleLength: number;
  articleSpans: number;
  /** Measured opens of each document, in the app and in plain CodeMirror, after `openWarmup` unmeasured ones. */
  openRuns: number;
  openWarmup: number;
  tagRuns: number;
  tagWarmup: number;
  /** Jumps of the scroll-bar pass. */
  scrollSteps: number;
  /** Page-by-page passes. */
  scrollRuns: number;
  startRuns: number;
}

export const RENDERER_FULL: RendererSizes = {
  largeLength: 1_000_000,
  largeSpans: 20_000,
  articleLength: 20_000,
  articleSpans: 200,
  openRuns: 10,
  openWarmup: 2,
  tagRuns: 60,
  tagWarmup: 5,
  scrollSteps: 200,
  scrollRuns: 2,
  startRuns: 5,
};

export const RENDERER_QUICK: RendererSizes = {
  largeLength: 100_000,
  largeSpans: 2_000,
  articleLength: 20_000,
  articleSpans: 200,
  openRuns: 3,
  openWarmup: 1,
  tagRuns: 10,
  tagWarmup: 2,
  scrollSteps: 40,
  scrollRuns: 1,
  startRuns: 1,
};

/** Builds the renderer with the bench page when that build is missing or older than its sources. */
export function ensureRendererBuilt(): void {
  const built = [join(RENDERER_OUT, 'index.html'), join(RENDERER_OUT, 'bench/plain.html')];
  const oldest = Math.min(...built.map((file) => (existsSync(file) ? statSync(file).mtimeMs : 0)));
  const newest = Math.max(
    newestIn(join(ROOT, 'renderer')),
    newestIn(join(ROOT, 'electron/shared')),
    ...['package.json', 'tsconfig.json'].map((file) => statSync(join(ROOT, file)).mtimeMs),
  );
  if (oldest > newest) return;
  process.stderr.write('bench: building the renderer with its baseline page (vite build --mode bench)…\n');
  const result = spawnSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'renderer/vite.config.ts', '--mode', 'bench', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: ['ignore', 2, 2],
  });
  if (result.status !== 0) throw new Error(`building the renderer failed (exit ${result.status})`);
}

function newestIn(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestIn(path) : statSync(path).mtimeMs);
  }
  return newest;
}

interface Served {
  child: ChildProcess;
  url: string;
  origin: string;
  token: string;
  /** Milliseconds since the epoch when the process was spawned and when it printed its URL. */
  spawnedAt: number;
  listeningAt: number;
}

/** Starts `parley serve` as the user would (the `parley` command) and resolves when it prints its URL. */
export function serve(workspace: string): Promise<Served> {
  const spawnedAt = performance.timeOrigin + performance.now();
  const child = spawn(process.execPath, ['electron/cli/bin.mjs', 'serve', workspace, '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, PARLEY_RENDERER_DIR: `${RENDERER_OUT}/` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise<Served>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`parley serve printed no URL in 30 s:\n${output}`));
    }, 30_000);
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Open (http:\/\/127\.0\.0\.1:\d+\/\?token=(\S+))/.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout!.off('data', collect);
        const url = match[1]!;
        resolve({ child, url, origin: new URL(url).origin, token: match[2]!, spawnedAt, listeningAt: performance.timeOrigin + performance.now() });
      }
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`parley serve exited with ${code}:\n${output}`));
    });
  });
}

export async function stop(served: Served): Promise<void> {
  if (served.child.exitCode !== null) return;
  const exited = new Promise((resolve) => served.child.once('exit', resolve));
  served.child.kill('SIGTERM');
  await exited;
}

export async function newPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addInitScript({ content: PAGE_PROBES });
  const page = await context.newPage();
  page.on('pageerror', (error) => process.stderr.write(`bench: page error: ${error.message}\n`));
  return { context, page };
}

/** Runs a probe in the page: `__parleyBench.<name>(...args)`, awaited. */
function probe<T>(page: Page, name: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(`window.__parleyBench.${name}(${args.map((arg) => JSON.stringify(arg)).join(', ')})`) as Promise<T>;
}

function perDocumentDetail(sizes: RendererSizes): string {
  return `${sizes.largeLength.toLocaleString('en')} characters, ${sizes.largeSpans.toLocaleString('en')} annotations (10% overlapping)`;
}

export async function rendererFigures(dir: string, sizes: RendererSizes): Promise<Figure[]> {
  ensureRendererBuilt();
  const workspace = join(dir, 'renderer.parley');
  const backend = await openBackend(workspace);
  const large = largeDocument(sizes.largeLength, sizes.largeSpans, 0.1, 42);
  const article = largeDocument(sizes.articleLength, sizes.articleSpans, 0.1, 5);
  const prefix = 'A second article.\n';
  const other = { text: prefix + article.text, spans: article.spans.map((span) => ({ ...span, start: span.start + prefix.length, end: span.end + prefix.length })) };
  await importFile(backend.workspace, [toImported(LARGE, large), toImported(ARTICLE, article), toImported(OTHER, other)], { duplicates: 'skip' });
  const listed = (await backend.dispatch('listDocuments', {})) as { id: number; title: string }[];
  const idOf = (title: string) => listed.find((doc) => doc.title === title)!.id;
  await backend.close();
  const startWorkspace = join(dir, 'start.parley');
  await (await openBackend(startWorkspace, { seedSamples: true })).close();

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const served = await serve(workspace);
  try {
    const figures: Figure[] = [];
    const app = await newPage(browser);
    await app.page.goto(served.url);
    await app.page.getByRole('region', { name: 'Documents' }).getByRole('button', { name: new RegExp(`^${LARGE}`) }).waitFor();
    // The app opens the first document by itself; wait for it so the runs start from a settled page.
    await app.page.locator('.cm-content [data-annotation-ids]').first().waitFor();
    if ((await probe(app.page, 'current')) === ARTICLE) await open(app.page, LARGE, SPANS);

    // Heap first, while the app is the only page in the browser (pages can share a renderer process).
    figures.push(await heapFigure(app.page, sizes));

    const plain = await newPage(browser);
    await plain.page.goto(`${served.origin}/bench/plain.html?token=${served.token}`);
    await plain.page.getByRole('region', { name: 'Documents' }).getByRole('button', { name: new RegExp(`^${LARGE}`) }).waitFor();
    // Same editor size as the app's article view.
    await probe(plain.page, 'setViewSize', await probe(app.page, 'editorSize'));

    figures.push(...(await openFigures(app.page, plain.page, sizes)));
    await plain.context.close();
    figures.push(...(await coldFigures(browser, served, { large: idOf(LARGE), article: idOf(ARTICLE) }, sizes)));

    figures.push(...(await tagFigures(app.page, sizes)));
    figures.push(...(await scrollFigures(app.page, sizes)));
    await app.context.close();

    figures.push(await startFigure(browser, startWorkspace, sizes));
    return figures;
  } finally {
    await stop(served);
    await browser.close();
  }
}

interface Opened {
  /** To the end of the frame that paints the result. */
  ms: number;
  /** To the start of the frame after it (the "two requestAnimationFrames" reading). */
  frameAfter: number;
  /** The openDocument call, request to last byte (server and transfer), from Resource Timing. */
  api: number | null;
}

/** A tag's times (see armTag in page-probes.ts). */
interface Tagged extends Opened {
  /** To the end of the frame that paints the annotation under the id the store gave it. */
  stored: number;
}

/** Opens a document by its button and returns the time to painted (see page-probes.ts). */
function open(page: Page, title: string, painted: string): Promise<Opened> {
  return probe<Opened>(page, 'open', title, painted);
}

const SPANS = '[data-annotation-ids]';

async function heapFigure(page: Page, sizes: RendererSizes): Promise<Figure> {
  const cdp = await page.context().newCDPSession(page);
  const used: number[] = [];
  for (let run = 0; run < 3; run++) {
    await open(page, ARTICLE, SPANS);
    await open(page, LARGE, SPANS);
    await probe(page, 'settle', 300);
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    used.push(heap.usedSize / 2 ** 20);
  }
  await cdp.detach();
  return atMost(
    'renderer JS heap, large document open',
    summarise(used),
    150,
    'MiB',
    `${perDocumentDetail(sizes)}; V8 used heap after a forced GC (CDP Runtime.getHeapUsage), 3 opens`,
  );
}

/**
 * Each run, in the app and then in the plain-CodeMirror page: second article → article (measured: an article
 * opened from an article) → large document (measured: opened from an article) → second article (not measured;
 * it takes the large document down, so the next run starts from an article again).
 */
async function openFigures(app: Page, plain: Page, sizes: RendererSizes): Promise<Figure[]> {
  const times = { appLarge: [] as Opened[], appArticle: [] as Opened[], plainLarge: [] as Opened[], plainArticle: [] as Opened[] };
  if ((await probe(app, 'current')) !== OTHER) await open(app, OTHER, SPANS);
  await open(plain, OTHER, '.cm-line');
  for (let run = -sizes.openWarmup; run < sizes.openRuns; run++) {
    await app.bringToFront();
    const appArticle = await open(app, ARTICLE, SPANS);
    const appLarge = await open(app, LARGE, SPANS);
    await open(app, OTHER, SPANS);
    await plain.bringToFront();
    const plainArticle = await open(plain, ARTICLE, '.cm-line');
    const plainLarge = await open(plain, LARGE, '.cm-line');
    await open(plain, OTHER, '.cm-line');
    if (run < 0) continue;
    times.appArticle.push(appArticle);
    times.appLarge.push(appLarge);
    times.plainArticle.push(plainArticle);
    times.plainLarge.push(plainLarge);
  }
  const ms = (list: Opened[]) => summarise(list.map((opened) => opened.ms));
  const api = (list: Opened[]) => round(summarise(list.map((opened) => opened.api ?? Number.NaN)).median);
  const ratios = summarise(times.appLarge.map((opened, index) => opened.ms / times.plainLarge[index]!.ms));
  const appLarge = ms(times.appLarge);
  const plainLarge = ms(times.plainLarge);
  const how = 'click in the document list to the end of the frame that paints the spans, opened from another article';
  return [
    atMost(
      'open the large document',
      appLarge,
      500,
      'ms',
      `${perDocumentDetail(sizes)}; ${how}; of which the openDocument call (server, transfer): median ${api(times.appLarge)} ms; next frame begins at median ${round(summarise(times.appLarge.map((opened) => opened.frameAfter)).median)} ms`,
    ),
    atMost(
      'open the large document, relative to plain CodeMirror',
      ratios,
      2,
      '×',
      `per-run ratio, same run and browser, alternating; app median ${round(appLarge.median)} ms, plain CodeMirror (same API call and text, reading extensions, no annotation layer) median ${round(plainLarge.median)} ms`,
    ),
    atMost(
      'open an article',
      ms(times.appArticle),
      100,
      'ms',
      `${sizes.articleLength.toLocaleString('en')} characters, ${sizes.articleSpans} annotations; ${how}; of which the openDocument call: median ${api(times.appArticle)} ms; plain CodeMirror median ${round(ms(times.plainArticle).median)} ms`,
    ),
  ];
}

/**
 * Opening a document cold, as after a reload or a fresh start of the app: a new browser context (no cache, no
 * memory of an earlier page; only the server's cookie, as a reload has it) navigates straight to the document,
 * timed from navigation start to the end of the second frame after the first annotation (the app) or line
 * (plain CodeMirror, `?open=ID`: one openDocument call, no list) shows in the viewport. Alternating, per-run
 * ratios.
 */
async function coldFigures(browser: Browser, served: Served, ids: { large: number; article: number }, sizes: RendererSizes): Promise<Figure[]> {
  const coldOpen = async (path: string) => {
    const context = await browser.newContext({ viewport: VIEWPORT });
    await context.addCookies([{ name: 'parley_token', value: served.token, url: served.origin, sameSite: 'Strict', httpOnly: true }]);
    await context.addInitScript({ content: PAGE_PROBES });
    const page = await context.newPage();
    page.on('pageerror', (error) => process.stderr.write(`bench: page error: ${error.message}\n`));
    try {
      await page.goto(`${served.origin}${path}`);
      return (await page.evaluate('window.__parleyCold')) as number;
    } finally {
      await context.close();
    }
  };
  const runs = { appLarge: [] as number[], plainLarge: [] as number[], appArticle: [] as number[], plainArticle: [] as number[] };
  for (let run = -sizes.openWarmup; run < sizes.openRuns; run++) {
    const appLarge = await coldOpen(`/?cold=annotations#/document/${ids.large}`);
    const plainLarge = await coldOpen(`/bench/plain.html?open=${ids.large}&cold=lines`);
    const appArticle = await coldOpen(`/?cold=annotations#/document/${ids.article}`);
    const plainArticle = await coldOpen(`/bench/plain.html?open=${ids.article}&cold=lines`);
    if (run < 0) continue;
    runs.appLarge.push(appLarge);
    runs.plainLarge.push(plainLarge);
    runs.appArticle.push(appArticle);
    runs.plainArticle.push(plainArticle);
  }
  const ratio = (app: number[], plain: number[]) => summarise(app.map((ms, index) => ms / plain[index]!));
  const how = 'navigation start to the end of the second frame after the first annotation shows in the viewport, a new browser context each run';
  const versus = (app: number[], plain: number[]) => `per-run ratio, alternating; app median ${round(summarise(app).median)} ms, plain CodeMirror (one openDocument call, the text, reading extensions) median ${round(summarise(plain).median)} ms`;
  return [
    atMost('cold open, the large document', summarise(runs.appLarge), 500, 'ms', `${perDocumentDetail(sizes)}; ${how}`),
    atMost('cold open, the large document, relative to plain CodeMirror', ratio(runs.appLarge, runs.plainLarge), 1.5, '×', versus(runs.appLarge, runs.plainLarge)),
    atMost(
      'cold open, an article, relative to plain CodeMirror',
      ratio(runs.appArticle, runs.plainArticle),
      1.3,
      '×',
      `${sizes.articleLength.toLocaleString('en')} characters, ${sizes.articleSpans} annotations; ${versus(runs.appArticle, runs.plainArticle)}`,
    ),
  ];
}

async function tagFigures(page: Page, sizes: RendererSizes): Promise<Figure[]> {
  await page.bringToFront();
  if ((await probe(page, 'current')) !== LARGE) await open(page, LARGE, SPANS);
  // Somewhere in the middle of the document, where annotations are dense.
  await probe(page, 'scrollTo', 0.4);
  const runs: Tagged[] = [];
  for (let run = -sizes.tagWarmup; run < sizes.tagRuns; run++) {
    await probe(page, 'selectWords', ((run + sizes.tagWarmup) * 0.618034) % 1);
    await probe(page, 'armTag');
    await page.keyboard.press('q');
    const tagged = (await page.evaluate('window.__parleyTag')) as Tagged;
    if (run >= 0) runs.push(tagged);
  }
  const samples = summarise(runs.map((tagged) => tagged.ms));
  const api = summarise(runs.map((tagged) => tagged.api ?? Number.NaN));
  const frameAfter = summarise(runs.map((tagged) => tagged.frameAfter));
  const stored = summarise(runs.map((tagged) => tagged.stored));
  const detail = `${perDocumentDetail(sizes)}; words selected on screen while the previous run's annotation is selected, Q pressed: keydown to the end of the frame that paints the new annotation selected (painted at once under a provisional id); next frame begins at median ${round(frameAfter.median)} ms, p95 ${round(frameAfter.p95)} ms; the store's answer (the edit call: HTTP, validation, SQLite commit, median ${round(api.median)} ms) painted under the stored id at median ${round(stored.median)} ms, p95 ${round(stored.p95)} ms; ${loadNote()}`;
  return [
    atMost('tag a selection by hotkey, key to painted (median)', samples, 16, 'ms', detail),
    atMost('tag a selection by hotkey, key to painted (p95)', samples, 50, 'ms', `${samples.runs} runs`, 'p95'),
  ];
}

interface ScrollPass {
  longestTask: number;
  over50: number;
  longestFrame: number;
  elapsed: number;
  steps: number;
  bottom: boolean;
  height: number;
  longtaskSupported: boolean;
}

/**
 * Top to bottom, page by page (the target's figure) and then by scroll-bar jumps (the harsher case), each pass
 * traced for the CPU time of its longest task.
 */
async function scrollFigures(page: Page, sizes: RendererSizes): Promise<Figure[]> {
  // Deselect the last tagged annotation (with it selected, Escape is the app's, so CodeMirror does not scroll).
  await page.keyboard.press('Escape');
  const browser = page.context().browser()!;
  /**
   * One pass; `traced` also records a trace, for the CPU time of its longest task. Tracing slows the page down
   * (on two cores, a task then spends as long waiting for the CPU as running), so a traced pass only explains
   * the figure: the figure itself comes from passes with nothing attached but the page's own PerformanceObserver.
   */
  const pass = async (mode: 'pages' | 'jumps', traced: boolean) => {
    await probe(page, 'scrollTo', 0);
    await probe(page, 'settle', 300);
    if (traced) await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
    const result = await probe<ScrollPass>(page, 'scrollThrough', mode, sizes.scrollSteps);
    const cpu = traced ? longestTaskCpu(await browser.stopTracing()) : null;
    if (!result.longtaskSupported) throw new Error('this Chromium does not report long tasks');
    if (!result.bottom) throw new Error(`the scroll did not reach the bottom of the document: ${JSON.stringify(result)}`);
    return { ...result, cpu };
  };
  const figure = (name: string, passes: ScrollPass[], traced: ScrollPass & { cpu: number | null }, how: string) =>
    atMost(
      name,
      summarise(passes.map((one) => one.longestTask)),
      50,
      'ms',
      `${perDocumentDetail(sizes)}; ${how}; ${passes.length} pass(es) of ${passes.map((one) => one.steps).join(', ')} steps over ${Math.round(passes[0]!.height).toLocaleString('en')} px in ${passes.map((one) => round(one.elapsed / 1000)).join(', ')} s; long tasks (PerformanceObserver) over 50 ms: ${passes.map((one) => one.over50).join(', ')}; longest frame ${round(Math.max(...passes.map((one) => one.longestFrame)))} ms; in a further pass, traced: longest task ${round(traced.cpu ?? 0)} ms of CPU time (long tasks over 50 ms of wall time there: ${traced.over50}); ${loadNote()}`,
      'max',
    );
  // A warm-up pass first, as for every figure. It is the first time the browser lays out and shapes most of the
  // text, which the measured passes then find done, so its long tasks are reported with them.
  const warmUp = await pass('pages', false);
  const pages = [];
  for (let run = 0; run < sizes.scrollRuns; run++) pages.push(await pass('pages', false));
  const pagesTraced = await pass('pages', true);
  const jumps = [await pass('jumps', false)];
  const jumpsTraced = await pass('jumps', true);
  return [
    figure(
      'scroll the large document top to bottom: longest main-thread task',
      pages,
      pagesTraced,
      `one viewport height per frame, after an unmeasured pass (long tasks over 50 ms in it: ${warmUp.over50}, the longest ${round(warmUp.longestTask)} ms)`,
    ),
    figure(
      'scroll the large document by scroll-bar jumps: longest main-thread task',
      jumps,
      jumpsTraced,
      `${sizes.scrollSteps} jumps of 1/${sizes.scrollSteps} of the height, two frames each, each into text not drawn before`,
    ),
  ];
}

/** The most CPU time one main-thread task of the page's renderer took, from a devtools.timeline trace. */
function longestTaskCpu(trace: Buffer): number {
  type TraceEvent = { name: string; ph: string; pid: number; tid: number; dur?: number; tdur?: number; args?: { name?: string } };
  const parsed = JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const mainThreads = new Set(events.filter((event) => event.ph === 'M' && event.args?.name === 'CrRendererMain').map((event) => `${event.pid}:${event.tid}`));
  const tasks = new Map<string, number[]>();
  for (const event of events) {
    const thread = `${event.pid}:${event.tid}`;
    if (event.name !== 'RunTask' || event.ph !== 'X' || !mainThreads.has(thread)) continue;
    let list = tasks.get(thread);
    if (!list) tasks.set(thread, (list = []));
    list.push((event.tdur ?? event.dur ?? 0) / 1000);
  }
  // The page's main thread is the busiest one.
  const busiest = [...tasks.values()].sort((a, b) => b.length - a.length)[0] ?? [0];
  return Math.max(...busiest);
}

/** The machine's load while the browser figures ran: on a shared machine, waiting for a core shows up as time. */
export function loadNote(): string {
  return `load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`;
}

async function startFigure(browser: Browser, workspace: string, sizes: RendererSizes): Promise<Figure> {
  const totals: number[] = [];
  const listening: number[] = [];
  // No warm-up run: the suite has started `parley serve` once already, so the CLI bundle is up to date.
  for (let run = 0; run < sizes.startRuns; run++) {
    const { context, page } = await newPage(browser);
    const served = await serve(workspace);
    try {
      await page.goto(served.url);
      const painted = (await page.evaluate('window.__parleyFirstPaint')) as number;
      totals.push(painted - served.spawnedAt);
      listening.push(served.listeningAt - served.spawnedAt);
    } finally {
      await context.close();
      await stop(served);
    }
  }
  const samples = summarise(totals);
  return atMost(
    'browser mode: server start to first paint of the workbench',
    samples,
    1500,
    'ms',
    `spawn of \`parley serve\` (the CLI bundle, electron/cli/bin.mjs) to the end of the frame that paints the document list with the workspace's documents (sample workspace); of which server start to URL printed: median ${round(summarise(listening).median)} ms`,
  );
}
