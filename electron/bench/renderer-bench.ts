/**
 * Renderer figures (issue #5): the real workbench, built by Vite and served by `parley serve`, driven in Debian's
 * Chromium. Every time is taken inside the page (see page-probes.ts) from the user's trigger — a click in the
 * document list, a key press — to the frame after the result is painted; ratios are measured side by side in
 * the same browser and the same run. Also the store-side memory figure of `parley import`, measured on the
 * child process.
 */
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openBackend } from '../core/backend.ts';
import { articles, largeDocument, toImported } from './corpus.ts';
import { atMost, round, summarise, type Figure } from './measure.ts';
import { PAGE_PROBES } from './page-probes.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RENDERER_OUT = join(ROOT, 'build/out/renderer');
const CHROMIUM = process.env['PARLEY_CHROMIUM'] ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const VIEWPORT = { width: 1440, height: 900 };

const LARGE = 'Bench large document';
const ARTICLE = 'Bench article';

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
  scrollSteps: number;
  scrollRuns: number;
  startRuns: number;
  /** Articles written as .txt files and imported by `parley import` for the memory figure. */
  importArticles: number;
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
  scrollRuns: 3,
  startRuns: 5,
  importArticles: 10_000,
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
  startRuns: 2,
  importArticles: 500,
};

/** Builds the renderer (app and bench page) when the build is missing or older than its sources. */
export function ensureRendererBuilt(): void {
  const built = [join(RENDERER_OUT, 'index.html'), join(RENDERER_OUT, 'bench/plain.html')];
  const oldest = Math.min(...built.map((file) => (existsSync(file) ? statSync(file).mtimeMs : 0)));
  const newest = Math.max(
    newestIn(join(ROOT, 'renderer')),
    newestIn(join(ROOT, 'electron/shared')),
    ...['package.json', 'tsconfig.json'].map((file) => statSync(join(ROOT, file)).mtimeMs),
  );
  if (oldest > newest) return;
  process.stderr.write('bench: building the renderer (npm run build:renderer)…\n');
  const result = spawnSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], {
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

/** Starts `parley serve` as the user would (through tsx) and resolves when it prints its URL. */
function serve(workspace: string): Promise<Served> {
  const spawnedAt = performance.timeOrigin + performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', 'serve', workspace, '--port', '0'], {
    cwd: ROOT,
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

async function stop(served: Served): Promise<void> {
  if (served.child.exitCode !== null) return;
  const exited = new Promise((resolve) => served.child.once('exit', resolve));
  served.child.kill('SIGTERM');
  await exited;
}

async function newPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
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
  await backend.store.importDocuments([toImported(LARGE, large), toImported(ARTICLE, article)], { duplicates: 'skip' });
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
    if ((await probe(app.page, 'current')) === ARTICLE) await probe(app.page, 'open', LARGE, '[data-annotation-ids]');

    // Heap first, while the app is the only page in the browser (pages can share a renderer process).
    figures.push(await heapFigure(app.page, sizes));

    const plain = await newPage(browser);
    await plain.page.goto(`${served.origin}/bench/plain.html?token=${served.token}`);
    await plain.page.getByRole('region', { name: 'Documents' }).getByRole('button', { name: new RegExp(`^${LARGE}`) }).waitFor();
    // Same editor size as the app's article view.
    await probe(plain.page, 'setViewSize', await probe(app.page, 'editorSize'));

    figures.push(...(await openFigures(app.page, plain.page, sizes)));
    await plain.context.close();

    figures.push(...(await tagFigures(app.page, sizes)));
    figures.push(await scrollFigure(app.page, sizes));
    await app.context.close();

    figures.push(await startFigure(browser, startWorkspace, sizes));
    return figures;
  } finally {
    await stop(served);
    await browser.close();
  }
}

async function heapFigure(page: Page, sizes: RendererSizes): Promise<Figure> {
  const cdp = await page.context().newCDPSession(page);
  const used: number[] = [];
  for (let run = 0; run < 3; run++) {
    await probe(page, 'open', ARTICLE, '[data-annotation-ids]');
    await probe(page, 'open', LARGE, '[data-annotation-ids]');
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
    'MB',
    `${perDocumentDetail(sizes)}; V8 used heap after a forced GC (CDP Runtime.getHeapUsage), 3 opens`,
  );
}

async function openFigures(app: Page, plain: Page, sizes: RendererSizes): Promise<Figure[]> {
  const appLarge: number[] = [];
  const appArticle: number[] = [];
  const plainLarge: number[] = [];
  const plainArticle: number[] = [];
  for (let run = -sizes.openWarmup; run < sizes.openRuns; run++) {
    // Alternate documents (each open replaces the other) and pages (the app, then the baseline).
    await app.bringToFront();
    const article = await probe<number>(app, 'open', ARTICLE, '[data-annotation-ids]');
    const largeApp = await probe<number>(app, 'open', LARGE, '[data-annotation-ids]');
    await plain.bringToFront();
    const articlePlain = await probe<number>(plain, 'open', ARTICLE, '.cm-line');
    const largePlain = await probe<number>(plain, 'open', LARGE, '.cm-line');
    if (run < 0) continue;
    appArticle.push(article);
    appLarge.push(largeApp);
    plainArticle.push(articlePlain);
    plainLarge.push(largePlain);
  }
  const ratios = summarise(appLarge.map((ms, index) => ms / plainLarge[index]!));
  const app1 = summarise(appLarge);
  const plain1 = summarise(plainLarge);
  const plainArticles = summarise(plainArticle);
  const how = 'click in the document list to the frame after the spans are painted';
  return [
    atMost('open the large document', app1, 500, 'ms', `${perDocumentDetail(sizes)}; ${how}`),
    atMost(
      'open the large document, relative to plain CodeMirror',
      ratios,
      2,
      '×',
      `per-run ratio, same run and browser, alternating; app median ${round(app1.median)} ms, plain CodeMirror (same text, reading extensions, no annotations) median ${round(plain1.median)} ms`,
    ),
    atMost(
      'open an article',
      summarise(appArticle),
      100,
      'ms',
      `${sizes.articleLength.toLocaleString('en')} characters, ${sizes.articleSpans} annotations; ${how}; plain CodeMirror median ${round(plainArticles.median)} ms`,
    ),
  ];
}

async function tagFigures(page: Page, sizes: RendererSizes): Promise<Figure[]> {
  await page.bringToFront();
  if ((await probe(page, 'current')) !== LARGE) await probe(page, 'open', LARGE, '[data-annotation-ids]');
  // Somewhere in the middle of the document, where annotations are dense.
  await probe(page, 'scrollTo', 0.4);
  const durations: number[] = [];
  for (let run = -sizes.tagWarmup; run < sizes.tagRuns; run++) {
    // Deselect the previous run's annotation (Escape with nothing selected would go to CodeMirror, which
    // collapses the selection and scrolls to the caret).
    if (await page.locator('.cm-content .cm-annotation-selected').count()) {
      await page.keyboard.press('Escape');
      await probe(page, 'whenDeselected');
    }
    await probe(page, 'selectWords', ((run + sizes.tagWarmup) * 0.618034) % 1);
    await probe(page, 'armTag');
    await page.keyboard.press('q');
    const ms = (await page.evaluate('window.__parleyTag')) as number;
    if (run >= 0) durations.push(ms);
  }
  const samples = summarise(durations);
  const detail = `${perDocumentDetail(sizes)}; words selected on screen, Q pressed: keydown to the frame after the new annotation is painted selected (incl. the HTTP edit call and the SQLite commit)`;
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
  bottom: boolean;
  height: number;
  longtaskSupported: boolean;
}

async function scrollFigure(page: Page, sizes: RendererSizes): Promise<Figure> {
  await page.keyboard.press('Escape');
  const passes: ScrollPass[] = [];
  for (let run = 0; run < sizes.scrollRuns; run++) passes.push(await probe<ScrollPass>(page, 'scrollThrough', sizes.scrollSteps));
  if (!passes.every((pass) => pass.longtaskSupported)) throw new Error('this Chromium does not report long tasks');
  if (!passes.every((pass) => pass.bottom)) throw new Error(`the scroll did not reach the bottom of the document: ${JSON.stringify(passes)}`);
  const longest = summarise(passes.map((pass) => pass.longestTask));
  return atMost(
    'scroll the large document top to bottom: longest main-thread task',
    longest,
    50,
    'ms',
    `${perDocumentDetail(sizes)}; ${sizes.scrollSteps} jumps of 1/${sizes.scrollSteps} of the height (${Math.round(passes[0]!.height).toLocaleString('en')} px), two frames each, ${passes.length} pass(es); tasks over 50 ms: ${passes.map((pass) => pass.over50).join(', ')}; longest frame ${round(Math.max(...passes.map((pass) => pass.longestFrame)))} ms; pass ${passes.map((pass) => round(pass.elapsed / 1000)).join(', ')} s`,
    'max',
  );
}

async function startFigure(browser: Browser, workspace: string, sizes: RendererSizes): Promise<Figure> {
  const totals: number[] = [];
  const listening: number[] = [];
  for (let run = -1; run < sizes.startRuns; run++) {
    const { context, page } = await newPage(browser);
    const served = await serve(workspace);
    try {
      await page.goto(served.url);
      const painted = (await page.evaluate('window.__parleyFirstPaint')) as number;
      if (run < 0) continue;
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
    `spawn of \`parley serve\` (node + tsx) to the frame after the document list shows the workspace's documents (sample workspace); of which server start to URL printed: median ${round(summarise(listening).median)} ms`,
  );
}

/**
 * Peak resident memory of `parley import` importing `count` plain-text articles (one file each) into a new
 * workspace: VmHWM of the child, read from /proc while it runs (the kernel keeps the high-water mark).
 */
export async function importMemory(dir: string, sizes: RendererSizes): Promise<Figure | null> {
  if (!existsSync(join(ROOT, 'electron/cli/import-command.ts')) || !existsSync('/proc/self/status')) return null;
  const folder = join(dir, 'import-memory');
  mkdirSync(folder, { recursive: true });
  const corpus = articles(sizes.importArticles, 31);
  let bytes = 0;
  corpus.forEach((article, index) => {
    const text = `${article.title}\n\n${article.text}`;
    bytes += Buffer.byteLength(text);
    writeFileSync(join(folder, `article-${String(index).padStart(5, '0')}.txt`), text);
  });
  const peaks: number[] = [];
  for (let run = 0; run < 1; run++) {
    const workspace = join(dir, `import-memory-${run}.parley`);
    await (await openBackend(workspace)).close();
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', 'import', workspace, folder, '--json'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    let peak = 0;
    const read = () => {
      try {
        const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (match) peak = Math.max(peak, Number(match[1]) / 1024);
      } catch {
        /* the process has gone */
      }
    };
    const poll = setInterval(read, 10);
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    clearInterval(poll);
    if (code !== 0) throw new Error(`parley import exited with ${code}:\n${output.slice(-2000)}`);
    peaks.push(peak);
  }
  return atMost(
    `backend memory while importing ${sizes.importArticles.toLocaleString('en')} articles`,
    summarise(peaks),
    300,
    'MB',
    `peak RSS (VmHWM) of the \`parley import\` process, ${sizes.importArticles.toLocaleString('en')} .txt files (${round(bytes / 2 ** 20)} MB) from one folder into a new workspace`,
  );
}
