/** Read-only queries over the documents of a workspace: its counts, the document list, documents by URL. */
import type Database from 'better-sqlite3';
import type { DocumentSummary, WorkspaceStats } from '../../shared/types.ts';
import { contentHashOfTextIri } from '../text-iri.ts';
import { SUMMARY_COLUMNS, toDocumentSummary, type DocumentSummaryRow } from './rows.ts';
import { cachedStatement } from './statements.ts';

/** Samples first (in the order they were added), then by title ignoring case. */
const LIST_ORDER = 'ORDER BY d.is_sample, CASE WHEN d.is_sample = 1 THEN d.id END, d.title COLLATE NOCASE, d.id';

/** The documents whose title contains `query`, in any case; every document without one. */
export const DOCUMENTS_TITLED_SQL = `SELECT ${SUMMARY_COLUMNS} FROM documents d WHERE d.title LIKE ? ESCAPE '\\' ${LIST_ORDER}`;
/** Every document, for the document list. */
export const ALL_DOCUMENTS_SQL = `SELECT ${SUMMARY_COLUMNS} FROM documents d ${LIST_ORDER}`;

export function listDocuments(db: Database.Database, query: string | undefined): DocumentSummary[] {
  const wanted = query?.trim();
  const rows = wanted
    ? cachedStatement<[string], DocumentSummaryRow>(db, DOCUMENTS_TITLED_SQL).all(`%${wanted.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
    : cachedStatement<[], DocumentSummaryRow>(db, ALL_DOCUMENTS_SQL).all();
  return rows.map(toDocumentSummary);
}

/** Counts of everything, and of annotations per label (in schema order), in one read transaction. */
export function workspaceStats(db: Database.Database): WorkspaceStats {
  return db.transaction(() => {
    const count = (table: 'documents' | 'annotations' | 'relations' | 'actors') => cachedStatement<[], { n: number }>(db, `SELECT count(*) AS n FROM ${table}`).get()!.n;
    const labels: Record<string, number> = {};
    const rows = cachedStatement<[], { name: string; n: number }>(
      db,
      'SELECT l.name, count(a.id) AS n FROM labels l LEFT JOIN annotations a ON a.label_id = l.id GROUP BY l.id ORDER BY l.position, l.id',
    ).all();
    for (const row of rows) labels[row.name] = row.n;
    return { documents: count('documents'), annotations: count('annotations'), relations: count('relations'), actors: count('actors'), labels };
  })();
}

/**
 * The id and text of the documents whose URL is `url`, oldest first; for the `ni:///sha-256;…` IRI of a text
 * (how a W3C export names a document without a URL), the documents with exactly that text.
 */
export function findDocumentsByUrl(db: Database.Database, url: string): { id: number; text: string }[] {
  const contentHash = contentHashOfTextIri(url);
  if (contentHash !== undefined) {
    return cachedStatement<[string], { id: number; text: string }>(db, 'SELECT id, text FROM documents WHERE content_hash = ? ORDER BY id').all(contentHash);
  }
  return cachedStatement<[string], { id: number; text: string }>(db, 'SELECT id, text FROM documents WHERE url = ? ORDER BY id').all(url);
}
