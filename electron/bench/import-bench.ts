/**
 * Import figures, measured end to end as `parley import` runs: files read from disk, parsed, and stored in
 * batches of files, one transaction per batch with each file all or nothing inside it, in a fresh workspace
 * file each run (opening and closing it included). The memory figure runs the real CLI in a child
 * process, so that it counts everything the backend holds (and nothing of the benchmark's own).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openBackend } from '../core/backend.ts';
import { importPaths } from '../core/import/importer.ts';
import { articles, POLNEAR_DEV, POLNEAR_TRAIN } from './corpus.ts';
import { atLeast, atMost, summarise, time, type Figure } from './measure.ts';

export interface ImportSizes {
  /** Plain-text articles written to disk and imported, one file each. */
  articles: number;
  runs: number;
  /** Which PolNeAR part to import: all of train (full mode), or the smaller dev part (quick mode). */
  polnear: 'train' | 'dev';
  /** Articles the CLI imports while its memory is measured (10,000 in full mode). */
  memoryArticles: number;
}

/** The `parley` command as `npm run parley` runs it, from the repository's root. */
const CLI = fileURLToPath(new URL('../cli/bin.mjs', import.meta.url));
const REPOSITORY = fileURLToPath(new URL('../../', import.meta.url));

/** Writes `count` articles (seeded) into `folder` as `article-NNNNN.txt`, title line first. */
function writeArticles(folder: string, count: number, seed: number): void {
  mkdirSync(folder, { recursive: true });
  articles(count, seed).forEach((article, index) =>
    writeFileSync(join(folder, `article-${String(index).padStart(5, '0')}.txt`), `${article.title}\n\n${article.text}`),
  );
}

export async function importThroughput(dir: string, sizes: ImportSizes): Promise<Figure[]> {
  const folder = join(dir, 'articles');
  writeArticles(folder, sizes.articles, 23);

  let run = 0;
  const importOnce = async (paths: string[]) => {
    const backend = await openBackend(join(dir, `import-${run++}.parley`));
    const summary = await importPaths(backend.workspace, paths, { duplicates: 'merge' });
    await backend.close();
    if (summary.errors.length > 0) throw new Error(`bench import failed: ${JSON.stringify(summary.errors[0])}`);
    return summary;
  };

  const articleSeconds = (await time(sizes.runs, 1, () => importOnce([folder]))).map((ms) => ms / 1000);
  const articlesPerSecond = summarise(articleSeconds.map((seconds) => sizes.articles / seconds));

  const polnear = sizes.polnear === 'train' ? POLNEAR_TRAIN : POLNEAR_DEV;
  const annFiles = readdirSync(join(polnear, 'attributions')).length;
  let annotations = 0;
  const polnearSeconds = (
    // One warm-up run, as for every figure: the first one also pays for reading the corpus from disk.
    await time(sizes.runs, 1, async () => {
      annotations = (await importOnce([polnear])).annotations;
    })
  ).map((ms) => ms / 1000);

  const memory = await importMemory(dir, sizes.memoryArticles);

  return [
    atLeast(
      'import plain-text articles',
      articlesPerSecond,
      2_000,
      'articles/s',
      `${sizes.articles.toLocaleString('en')} .txt files of 1,500–6,000 characters into a new workspace, full-text indexed, in batches of files (each file all or nothing)`,
    ),
    atMost(
      `import PolNeAR ${sizes.polnear} (brat)`,
      summarise(polnearSeconds),
      sizes.polnear === 'train' ? 3 : 1,
      's',
      `${annFiles} .ann files with their .txt, ${annotations.toLocaleString('en')} annotations and their event relations, in batches of files (each .ann all or nothing)`,
    ),
    atMost(
      `backend memory while importing ${sizes.memoryArticles.toLocaleString('en')} articles`,
      summarise([memory.peakMiB]),
      300,
      'MiB RSS',
      `peak resident set of \`parley import\` (electron/cli/bin.mjs) on ${sizes.memoryArticles.toLocaleString('en')} .txt files ` +
        `(${memory.megabytesOfText} MB of text) into a new workspace, in ${memory.seconds} s; ${memory.method}`,
    ),
  ];
}

interface MemoryRun {
  peakMiB: number;
  seconds: number;
  megabytesOfText: number;
  method: string;
}

/**
 * Runs `parley import` in a child process on `count` generated articles and returns its peak resident set:
 * from GNU time's maximum resident set size (the kernel's own count, at exit) when /usr/bin/time is there,
 * else from VmHWM in /proc/<pid>/status, polled while the child runs.
 */
async function importMemory(dir: string, count: number): Promise<MemoryRun> {
  const folder = join(dir, `memory-articles-${count}`);
  writeArticles(folder, count, 29);
  const bytes = readdirSync(folder).reduce((sum, name) => sum + readFileSync(join(folder, name)).length, 0);
  const workspace = join(dir, 'memory.parley');
  await (await openBackend(workspace)).close();

  const gnuTime = '/usr/bin/time';
  const report = join(dir, 'memory-time.txt');
  const useTime = process.platform === 'linux' && existsSync(gnuTime);
  const command = [process.execPath, CLI, 'import', workspace, folder, '--json'];
  const [file, ...args] = useTime ? [gnuTime, '-f', '%M', '-o', report, ...command] : command;
  const start = performance.now();
  const child = spawn(file!, args, { cwd: REPOSITORY, stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  let polledKiB = 0;
  const poll = setInterval(() => {
    if (useTime) return;
    try {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      polledKiB = Math.max(polledKiB, Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? 0));
    } catch {
      // Not Linux, or the child has just exited.
    }
  }, 20);
  const code = await new Promise<number | null>((resolve, reject) => child.on('error', reject).on('close', resolve));
  clearInterval(poll);
  const seconds = (performance.now() - start) / 1000;
  if (code !== 0) throw new Error(`parley import exited with ${code}: ${output.slice(0, 500)}`);
  const summary = JSON.parse(output) as { documents: number };
  if (summary.documents !== count) throw new Error(`parley import stored ${summary.documents} of ${count} articles`);
  const kiB = useTime ? Number(readFileSync(report, 'utf8').trim().split('\n').pop()) : polledKiB;
  rmSync(folder, { recursive: true, force: true });
  return {
    peakMiB: Math.round(kiB / 1024),
    seconds: Math.round(seconds * 10) / 10,
    megabytesOfText: Math.round(bytes / 1e6),
    method: useTime ? 'maximum resident set size from /usr/bin/time' : 'VmHWM polled from /proc every 20 ms',
  };
}
