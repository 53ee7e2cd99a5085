/**
 * What the agreement figures read: every document annotated by at least two annotators (authors), with its length
 * and every annotation as a span of its annotator. Two statements, each over the document index of annotations
 * (see query-plans.test.ts); set-aside attribute values are not compared.
 */
import type Database from 'better-sqlite3';
import type { AgreementDocument, AgreementSpan } from '../agreement/report.ts';
import { cachedRawStatement, cachedStatement } from './statements.ts';

/** The documents with annotations by two or more annotators, by id. */
export const AGREEMENT_DOCUMENTS_SQL = `SELECT d.id, d.title, d.length FROM documents d
  WHERE d.id IN (SELECT document_id FROM annotations GROUP BY document_id HAVING count(DISTINCT author) >= 2)
  ORDER BY d.id`;

/**
 * The annotations of the documents `?` (a JSON list of ids), document by document (the report orders each document's spans itself):
 * the fragments only of discontinuous ones, whose hull (start, end) alone does not say where they are.
 */
export const AGREEMENT_SPANS_SQL = `SELECT a.id, a.document_id, a.author, a.label_id, a.start, a.end,
    CASE WHEN instr(a.fragments, '],[') > 0 THEN a.fragments END, NULLIF(a.attributes, '{}')
  FROM annotations a WHERE a.document_id IN (SELECT value FROM json_each(?))
  ORDER BY a.document_id`;

type SpanRow = [id: number, documentId: number, author: string, labelId: number, start: number, end: number, fragments: string | null, attributes: string | null];

const NO_ATTRIBUTES: AgreementSpan['attributes'] = Object.freeze({});

export function agreementDocuments(db: Database.Database): AgreementDocument[] {
  const labels = new Map(cachedStatement<[], { id: number; name: string }>(db, 'SELECT id, name FROM labels').all().map((label) => [label.id, label.name]));
  const documents = cachedStatement<[], { id: number; title: string; length: number }>(db, AGREEMENT_DOCUMENTS_SQL)
    .all()
    .map((row): AgreementDocument => ({ ...row, spans: [] }));
  const byId = new Map(documents.map((document) => [document.id, document]));
  for (const [id, documentId, author, labelId, start, end, fragments, attributes] of cachedRawStatement(db, AGREEMENT_SPANS_SQL).iterate(JSON.stringify(documents.map((document) => document.id))) as IterableIterator<SpanRow>) {
    byId.get(documentId)?.spans.push({
      id,
      annotator: author,
      label: labels.get(labelId)!,
      start,
      end,
      // Stored fragments are canonical JSON ([[s, e], …], sorted and disjoint): equal spans have equal keys.
      exactKey: `${labelId} ${fragments ?? `${start}-${end}`}`,
      attributes: attributes === null ? NO_ATTRIBUTES : comparable(JSON.parse(attributes) as Record<string, unknown>),
    });
  }
  return documents;
}

/** The attribute values alpha compares: strings, numbers and booleans (an actor or target by its id). */
function comparable(attributes: Record<string, unknown>): AgreementSpan['attributes'] {
  const kept: Record<string, string | number | boolean> = {};
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') kept[name] = value;
  }
  return kept;
}
