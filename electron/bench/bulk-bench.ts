/**
 * Bulk actions: relabelling many annotations across the corpus as one transaction and one undoable step, through
 * the backend as a host calls it (validation, every document's history step, the bulk action, the WAL commit).
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { BulkResult, Label } from '../shared/types.ts';
import { openBackend } from '../core/backend.ts';
import { atMost, summarise, time, type Figure } from './measure.ts';
import { NEWS_CORPUS_FULL, NEWS_CORPUS_QUICK, seedNewsCorpus, type NewsCorpusSizes } from './news-corpus.ts';

export interface BulkSizes {
  corpus: NewsCorpusSizes;
  /** Annotations one bulk relabel takes. */
  relabelled: number;
  runs: number;
}

export const BULK_FULL: BulkSizes = { corpus: NEWS_CORPUS_FULL, relabelled: 10_000, runs: 3 };
export const BULK_QUICK: BulkSizes = { corpus: NEWS_CORPUS_QUICK, relabelled: 1_000, runs: 3 };

export async function bulkFigures(dir: string, sizes: BulkSizes): Promise<Figure[]> {
  const path = join(dir, 'bulk.parley');
  await seedNewsCorpus(path, sizes.corpus);
  const backend = await openBackend(path);
  try {
    const labels = (await backend.dispatch('listLabels', {})) as Label[];
    const label = (name: string) => labels.find((candidate) => candidate.name === name)!.id;
    // The first Quotes by id: spread over the corpus's articles, as a filter's rows are.
    const reader = new Database(path, { readonly: true });
    const ids = reader.prepare('SELECT id FROM annotations WHERE label_id = ? ORDER BY id LIMIT ?').pluck().all(label('Quote'), sizes.relabelled) as number[];
    const documents = (reader.prepare('SELECT count(DISTINCT document_id) FROM annotations WHERE id IN (SELECT value FROM json_each(?))').pluck().get(JSON.stringify(ids)) as number);
    reader.close();
    if (ids.length < sizes.relabelled) throw new Error(`the corpus has ${ids.length} Quotes, fewer than ${sizes.relabelled}`);

    // Each run relabels the Quotes as Claims, then the undo (timed apart) puts them back for the next run.
    const undos: number[] = [];
    const relabels = await time(sizes.runs, 1, async () => {
      const result = (await backend.dispatch('bulkEdit', { target: { ids }, change: { kind: 'relabel', labelId: label('Claim') } })) as BulkResult;
      if (result.annotations !== ids.length) throw new Error(`relabelled ${result.annotations} of ${ids.length}`);
      const start = performance.now();
      await backend.dispatch('undoBulkAction', { id: result.bulk.id });
      undos.push(performance.now() - start);
    });
    // `time` measured relabel and undo together; the relabel alone is the difference.
    const relabelOnly = relabels.map((total, run) => total - undos[run + 1]!);
    const detail = `${ids.length.toLocaleString('en')} Quotes in ${documents.toLocaleString('en')} articles of ${sizes.corpus.articles.toLocaleString('en')} (${sizes.corpus.annotations.toLocaleString('en')} annotations); bulkEdit through the backend: validation, set-aside speakers, a history step per article, one bulk action, WAL commit`;
    return [
      atMost(`bulk relabel of ${ids.length.toLocaleString('en')} annotations, stored and undoable`, summarise(relabelOnly), 1000, 'ms', detail),
      atMost(`undo of that bulk relabel, whole`, summarise(undos.slice(1)), 1000, 'ms', `the same ${ids.length.toLocaleString('en')} annotations back in their ${documents.toLocaleString('en')} articles, one transaction`),
    ];
  } finally {
    await backend.close();
  }
}
