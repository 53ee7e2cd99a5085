/** Store figures: measured in Node against a temporary workspace file (not `:memory:`), as the app runs. */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Label } from '../shared/types.ts';
import { openBackend } from '../core/backend.ts';
import { articles, largeDocument, toImported } from './corpus.ts';
import { atMost, seededRandom, summarise, time, type Figure } from './measure.ts';
import { importFile } from '../core/workspace.ts';

export interface Sizes {
  largeLength: number;
  largeSpans: number;
  tagRuns: number;
  searchArticles: number;
  searchRuns: number;
}

export async function tagDurably(dir: string, sizes: Sizes): Promise<Figure> {
  const backend = await openBackend(join(dir, 'tag.parley'));
  const document = largeDocument(sizes.largeLength, sizes.largeSpans, 0.1, 42);
  const [outcome] = await importFile(backend.workspace, [toImported('Large', document)], { duplicates: 'skip' });
  const labels = (await backend.dispatch('listLabels', {})) as Label[];
  const random = seededRandom(7);
  const durations = await time(sizes.tagRuns, 20, async () => {
    const start = Math.floor(random() * (document.text.length - 100));
    await backend.dispatch('edit', {
      documentId: outcome!.documentId,
      description: 'Tag Quote',
      edits: [{ op: 'createAnnotation', labelId: labels[0]!.id, fragments: [[start, start + 5 + Math.floor(random() * 80)]] }],
    });
  });
  await backend.close();
  return atMost(
    'tag a selection, durably stored in SQLite (large document)',
    summarise(durations),
    5,
    'ms',
    `${sizes.largeLength.toLocaleString('en')} characters, ${sizes.largeSpans.toLocaleString('en')} annotations; edit API incl. validation, undo history, WAL commit`,
  );
}

export async function fullTextSearch(dir: string, sizes: Sizes): Promise<Figure> {
  const path = join(dir, 'search.parley');
  const backend = await openBackend(path);
  const corpus = articles(sizes.searchArticles, 11);
  for (let index = 0; index < corpus.length; index += 1000) {
    await importFile(
      backend.workspace,
      corpus.slice(index, index + 1000).map((article) => toImported(article.title, { text: article.text, spans: [] })),
      { duplicates: 'merge' },
    );
  }
  await backend.close();
  // The query a corpus search box runs: ranked matches with a highlighted snippet, first page of 50.
  const db = new Database(path, { readonly: true });
  const query = db.prepare(
    `SELECT rowid, snippet(documents_fts, 1, '[', ']', '…', 12) AS snippet FROM documents_fts
     WHERE documents_fts MATCH ? ORDER BY rank LIMIT 50`,
  );
  const terms = ['napoleon', 'moscow AND fire', 'prince andrew', '"the emperor"', 'natasha OR sonya', 'battle', 'pierre AND freemason*', 'countess'];
  const durations = await time(sizes.searchRuns, 8, (run) => query.all(terms[Math.abs(run) % terms.length]!));
  db.close();
  return atMost(
    'full-text search over articles',
    summarise(durations),
    20,
    'ms',
    `${sizes.searchArticles.toLocaleString('en')} articles; FTS5 MATCH, ranked, snippet, first 50`,
  );
}
