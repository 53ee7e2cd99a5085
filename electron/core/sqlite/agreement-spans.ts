/**
 * What the agreement figures read: every document annotated by at least two annotators (authors), with its length
 * and every annotation as a span of its annotator. Two statements, each over the document index of annotations
 * (see query-plans.test.ts); set-aside attribute values are not compared.
 */
import type Database from 'better-sqlite3';
import type { AgreementDocument, AgreementSpan } from '../agreement/report.ts';
import { cachedStatement } from './statements.ts';

/** The documents with annotations by two or more annotators, by id. */
export const AGREEMENT_DOCUMENTS_SQL = `SELECT d.id, d.title, d.length FROM documents d
  WHERE d.id IN (SELECT document_id FROM annotations GROUP BY document_id HAVING count(DISTINCT author) >= 2)
  ORDER BY d.id`;

/** The annotations of those documents, in document order. */
export const AGREEMENT_SPANS_SQL = `SELECT a.id, a.document_id, a.author, l.name AS label, a.start, a.end, a.fragments, a.attributes
  FROM annotations a JOIN labels l ON l.id = a.label_id
  WHERE a.document_id IN (SELECT document_id FROM annotations GROUP BY document_id HAVING count(DISTINCT author) >= 2)
  ORDER BY a.document_id, a.start, a.id`;

interface SpanRow {
  id: number;
  document_id: number;
  author: string;
  label: string;
  start: number;
  end: number;
  fragments: string;
  attributes: string;
}

const NO_ATTRIBUTES: AgreementSpan['attributes'] = Object.freeze({});

export function agreementDocuments(db: Database.Database): AgreementDocument[] {
  const documents = cachedStatement<[], { id: number; title: string; length: number }>(db, AGREEMENT_DOCUMENTS_SQL)
    .all()
    .map((row): AgreementDocument => ({ ...row, spans: [] }));
  const byId = new Map(documents.map((document) => [document.id, document]));
  for (const row of cachedStatement<[], SpanRow>(db, AGREEMENT_SPANS_SQL).iterate()) {
    byId.get(row.document_id)?.spans.push({
      id: row.id,
      annotator: row.author,
      label: row.label,
      start: row.start,
      end: row.end,
      // Stored fragments are canonical JSON ([[s, e], …], sorted and disjoint): equal spans have equal text.
      fragmentsKey: row.fragments,
      attributes: row.attributes === '{}' ? NO_ATTRIBUTES : comparable(JSON.parse(row.attributes) as Record<string, unknown>),
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

