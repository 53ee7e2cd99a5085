/**
 * Agreement (issue #15): "agreement over 1,000 documents × 3 annotators × 100 spans each in <= 2 s". A seeded
 * workspace of news-length articles, each annotated by three annotators who mostly agree (a span kept as the
 * first annotator made it, moved by a word, relabelled or replaced by another), timed in the store: the backend's
 * `agreement` call with its defaults (200 bootstrap samples), the read of every span from SQLite included.
 */
import { join } from 'node:path';
import { openBackend } from '../core/backend.ts';
import { normaliseText } from '../core/text.ts';
import { importFile, type ImportedDocument } from '../core/workspace.ts';
import type { AgreementReport } from '../shared/agreement.ts';
import { articles, BENCH_LABELS } from './corpus.ts';
import { atMost, round, seededRandom, summarise, time, type Figure } from './measure.ts';

export interface AgreementSizes {
  documents: number;
  annotators: number;
  spans: number;
  runs: number;
  warmup: number;
}

export const AGREEMENT_FULL: AgreementSizes = { documents: 1_000, annotators: 3, spans: 100, runs: 5, warmup: 1 };
export const AGREEMENT_QUICK: AgreementSizes = { documents: 1_000, annotators: 3, spans: 100, runs: 2, warmup: 1 };

const ANNOTATORS = ['ana', 'ben', 'chloé', 'dmytro'];

/** Three annotators' layers on each article: the first annotator's spans, and the others' variations of them. */
function seededDocuments(sizes: AgreementSizes): ImportedDocument[] {
  const random = seededRandom(2031);
  return articles(sizes.documents, 2031).map((article) => {
    const { text, normalisation } = normaliseText(article.text);
    const words = [...text.matchAll(/\S+/g)].map((match) => [match.index, match.index + match[0].length] as const);
    const span = (first: number, last: number) => [words[first]![0], words[Math.min(last, words.length - 1)]![1]] as [number, number];
    const base = Array.from({ length: sizes.spans }, () => {
      const first = Math.floor(random() * (words.length - 12));
      return { first, last: first + Math.floor(random() * 10), label: BENCH_LABELS[Math.floor(random() * BENCH_LABELS.length)]! };
    });
    const annotations: ImportedDocument['annotations'] = [];
    for (let annotator = 0; annotator < sizes.annotators; annotator++) {
      base.forEach(({ first, last, label }, index) => {
        const roll = annotator === 0 ? 0 : random();
        const moved = roll > 0.8 && roll <= 0.9 ? 1 : 0;
        const relabelled = roll > 0.9 && roll <= 0.95 ? BENCH_LABELS[(BENCH_LABELS.indexOf(label) + 1) % BENCH_LABELS.length]! : label;
        const elsewhere = roll > 0.95 ? Math.floor(random() * (words.length - 12)) : undefined;
        const from = elsewhere ?? first + moved;
        annotations.push({ key: `${annotator}-${index}`, label: relabelled, fragments: [span(from, elsewhere === undefined ? last + moved : from + 3)], author: ANNOTATORS[annotator]! });
      });
    }
    return { document: { title: article.title, text }, normalisation, annotations, relations: [] };
  });
}

export async function agreementFigures(dir: string, sizes: AgreementSizes): Promise<Figure> {
  const path = join(dir, 'agreement.parley');
  const backend = await openBackend(path, { seedSamples: false });
  try {
    const documents = seededDocuments(sizes);
    for (let first = 0; first < documents.length; first += 100) await importFile(backend.workspace, documents.slice(first, first + 100), { duplicates: 'merge' });
    let report: AgreementReport | undefined;
    const samples = await time(sizes.runs, sizes.warmup, async () => {
      report = (await backend.dispatch('agreement', {})) as AgreementReport;
    });
    if (report?.documents !== sizes.documents) throw new Error(`the report compares ${report?.documents} documents, not ${sizes.documents}`);
    const spans = report.overall.unitizingAlpha.units;
    const detail = `${sizes.documents.toLocaleString('en')} documents × ${sizes.annotators} annotators × ${sizes.spans} spans (${spans.toLocaleString('en')}), ${report.bootstrap.samples} bootstrap samples; uα ${round(report.overall.unitizingAlpha.value ?? Number.NaN)}`;
    return atMost('agreement: the whole report', summarise(samples), 2000, 'ms', detail);
  } finally {
    await backend.close();
  }
}
