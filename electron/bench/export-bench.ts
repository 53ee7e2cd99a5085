/**
 * Export throughput: annotations written per second by `exportToPath` (the same path as `parley export` and the
 * Export dialog), from a workspace of news-length articles with labels, attributes, notes and relations.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExportFormat } from '../shared/types.ts';
import { openBackend } from '../core/backend.ts';
import { exportToPath } from '../core/export/exporter.ts';
import { importFile, type ImportedDocument } from '../core/workspace.ts';
import { normaliseText } from '../core/text.ts';
import { articles, BENCH_LABELS } from './corpus.ts';
import { atLeast, round, seededRandom, summarise, time, type Figure } from './measure.ts';

export interface ExportSizes {
  annotations: number;
  runs: number;
}

/** Annotations per article: about what a closely read news article gets. */
const PER_ARTICLE = 20;

/** Annotations per second each format must reach on 100,000 annotations (issue #5's targets). */
const TARGETS: [ExportFormat, string, number][] = [
  ['parley', 'Parley JSONL', 200_000],
  ['brat', 'brat standoff', 100_000],
  ['conll', 'CoNLL', 50_000],
];

/** An article with `PER_ARTICLE` spans on word boundaries, quotes with a kind and a note, and relations to actors. */
function annotatedArticle(article: { title: string; text: string }, random: () => number): ImportedDocument {
  const { text, normalisation } = normaliseText(article.text);
  const words = [...text.matchAll(/\S+/g)].map((match) => [match.index, match.index + match[0].length] as const);
  const annotations: ImportedDocument['annotations'] = [];
  for (let index = 0; index < PER_ARTICLE && words.length > 10; index++) {
    const first = Math.floor(random() * (words.length - 8));
    const last = first + Math.floor(random() * 8);
    const label = BENCH_LABELS[index % BENCH_LABELS.length]!;
    annotations.push({
      key: `T${index}`,
      label,
      fragments: [[words[first]![0], words[last]![1]]],
      ...(label === 'Quote' ? { attributes: { kind: 'direct' }, note: 'checked against the video' } : {}),
    });
  }
  const relations = annotations
    .filter((annotation) => annotation.label === 'Quote')
    .map((quote, index) => ({ type: 'said_by', sourceKey: quote.key, targetKey: `T${(index * 4 + 3) % annotations.length}` }))
    .filter((relation) => relation.targetKey !== relation.sourceKey && annotations.some((annotation) => annotation.key === relation.targetKey));
  return { document: { title: article.title, text }, normalisation, annotations, relations };
}

export async function exportThroughput(dir: string, sizes: ExportSizes): Promise<Figure[]> {
  const backend = await openBackend(join(dir, 'export.parley'));
  const random = seededRandom(5);
  const corpus = articles(Math.ceil(sizes.annotations / PER_ARTICLE), 23);
  for (let index = 0; index < corpus.length; index += 500) {
    await importFile(backend.workspace, corpus.slice(index, index + 500).map((article) => annotatedArticle(article, random)), { duplicates: 'merge' });
  }
  const { annotations } = await backend.workspace.selectExportDocuments({});
  const figures: Figure[] = [];
  for (const [format, title, target] of TARGETS) {
    // brat writes two files per article: what creating a file costs on this disk, just before and after its
    // runs, says how much of its time the file system takes.
    const before = format === 'brat' ? fileCreation(dir) : null;
    // Each run writes to a new place, so that removing the last run's files is not part of the time.
    const durations = await time(sizes.runs, 1, (run) => exportToPath(backend.workspace, { format }, join(dir, `export-${format}-${run}`)));
    for (const name of readdirSync(dir).filter((entry) => entry.startsWith(`export-${format}-`))) rmSync(join(dir, name), { recursive: true, force: true });
    const perSecond = summarise(durations.map((milliseconds) => annotations / (milliseconds / 1000)));
    let detail = `${annotations.toLocaleString('en')} annotations in ${corpus.length.toLocaleString('en')} articles, written to disk`;
    if (before !== null) {
      const after = fileCreation(dir);
      const files = 2 * corpus.length;
      detail += `; creating a small file here took ${round(before)} µs before these runs and ${round(after)} µs after them (${files.toLocaleString('en')} files: ${round((files * Math.min(before, after)) / 1000)}–${round((files * Math.max(before, after)) / 1000)} ms of each run)`;
    }
    figures.push(atLeast(`export ${title}`, perSecond, target, 'annotations/s', detail));
  }
  await backend.close();
  return figures;
}

/** Microseconds to create and write one small file (as brat's .ann files are) in a new folder under `dir`. */
function fileCreation(dir: string): number {
  const folder = join(dir, 'file-creation');
  mkdirSync(folder);
  const content = 'T1\tQuote 0 10\tsome words\n'.repeat(8);
  const count = 1_000;
  const start = performance.now();
  for (let index = 0; index < count; index++) writeFileSync(join(folder, `${index}.ann`), content, { flag: 'wx' });
  const micros = ((performance.now() - start) * 1000) / count;
  rmSync(folder, { recursive: true });
  return micros;
}
