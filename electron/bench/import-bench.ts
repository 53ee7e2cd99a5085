/**
 * Import figures, measured end to end as `parley import` runs: files read from disk, parsed, and stored one
 * transaction per file in a fresh workspace file each run.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
}

export async function importThroughput(dir: string, sizes: ImportSizes): Promise<Figure[]> {
  const folder = join(dir, 'articles');
  mkdirSync(folder, { recursive: true });
  articles(sizes.articles, 23).forEach((article, index) => writeFileSync(join(folder, `article-${String(index).padStart(5, '0')}.txt`), `${article.title}\n\n${article.text}`));

  let run = 0;
  const importOnce = async (paths: string[]) => {
    const backend = await openBackend(join(dir, `import-${run++}.parley`));
    const summary = await importPaths(backend.store, paths, { duplicates: 'merge' });
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
    await time(sizes.runs, 0, async () => {
      annotations = (await importOnce([polnear])).annotations;
    })
  ).map((ms) => ms / 1000);

  return [
    atLeast(
      'import plain-text articles',
      articlesPerSecond,
      2_000,
      'articles/s',
      `${sizes.articles.toLocaleString('en')} .txt files of 1,500–6,000 characters, one transaction each, into a new workspace`,
    ),
    atMost(
      `import PolNeAR ${sizes.polnear} (brat)`,
      summarise(polnearSeconds),
      sizes.polnear === 'train' ? 3 : 1,
      's',
      `${annFiles} .ann files with their .txt, ${annotations.toLocaleString('en')} annotations and their event relations, one transaction per .ann`,
    ),
  ];
}
