/**
 * Reading a workspace for an export: which documents a filter takes, then those documents one at a time with
 * their annotations, relations and actors. Documents are read in small batches, each in one read transaction,
 * and no statement stays open while the exporter writes, so the workbench can go on saving edits meanwhile.
 */
import type Database from 'better-sqlite3';
import type {
  Actor,
  AnnotationOrigin,
  AttributeValue,
  DocumentRecord,
  DocumentStatus,
  ExportFilter,
  Fragment,
  Relation,
  TextNormalisation,
} from '../../shared/types.ts';
import type { ExportedAnnotation, ExportedDocument, ExportSelection } from '../workspace.ts';
import { toActor, toLabel, type ActorRow, type LabelRow } from './rows.ts';
import { cachedRawStatement, cachedStatement } from './statements.ts';

/** A single fragment [start, end] is read as start * FRAGMENT_BASE + end (exact: both are below 2^26). */
const FRAGMENT_BASE = 2 ** 26;
const ORIGINS: readonly AnnotationOrigin[] = ['manual', 'imported', 'suggested'];

/** Documents read per transaction: enough to amortise the transaction, few enough to keep memory flat. */
const BATCH_SIZE = 32;

/** SQL conditions and their parameters for the document part of a filter (`d` is the documents table). */
function documentConditions(filter: ExportFilter): { where: string; params: string[] } {
  const conditions: string[] = [];
  const params: string[] = [];
  if (filter.statuses && filter.statuses.length > 0) {
    conditions.push('d.status IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(filter.statuses));
  }
  const match = ftsQuery(filter.search);
  if (match) {
    conditions.push('d.id IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)');
    params.push(match);
  }
  return { where: conditions.length > 0 ? conditions.join(' AND ') : '1', params };
}

/** SQL conditions for the annotation part of a filter (`a` is annotations, `l` its label). */
function annotationConditions(filter: ExportFilter): { where: string; params: string[] } {
  const conditions: string[] = [];
  const params: string[] = [];
  if (filter.labels && filter.labels.length > 0) {
    // labels.name is COLLATE NOCASE, and IN compares with the collation of its left operand.
    conditions.push('l.name IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(filter.labels));
  }
  if (filter.origins && filter.origins.length > 0) {
    conditions.push('a.origin IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(filter.origins));
  }
  return { where: conditions.length > 0 ? conditions.join(' AND ') : '1', params };
}

/**
 * An FTS5 query that finds documents containing every word of `search`. Each word is quoted, so what people
 * type is never read as FTS5 syntax (a stray `"`, `-` or `NEAR` would otherwise be an error or an operator).
 */
function ftsQuery(search: string | undefined): string | null {
  const words = (search ?? '').split(/\s+/u).filter((word) => word.length > 0);
  if (words.length === 0) return null;
  return words.map((word) => `"${word.replace(/"/g, '""')}"`).join(' ');
}

export function selectExportDocuments(db: Database.Database, filter: ExportFilter): ExportSelection {
  const documents = documentConditions(filter);
  const annotations = annotationConditions(filter);
  return db.transaction(() => {
    const documentIds = cachedStatement<string[], { id: number }>(db, `SELECT d.id FROM documents d WHERE ${documents.where} ORDER BY d.id`)
      .all(...documents.params)
      .map((row) => row.id);
    const count = cachedStatement<string[], { n: number }>(
        db,
        `SELECT count(*) AS n FROM annotations a JOIN labels l ON l.id = a.label_id JOIN documents d ON d.id = a.document_id
         WHERE ${documents.where} AND ${annotations.where}`,
      )
      .get(...documents.params, ...annotations.params)!.n;
    return { documentIds, annotations: count };
  })();
}

/**
 * The documents one batch at a time; `read` runs each batch's read when the connection is free (the store
 * serialises its work on the connection), so no read is open while the exporter writes.
 */
export async function* exportDocuments(
  read: <T>(work: (db: Database.Database) => T) => Promise<T>,
  documentIds: number[],
  filter: ExportFilter,
): AsyncGenerator<ExportedDocument> {
  for (let first = 0; first < documentIds.length; first += BATCH_SIZE) {
    const ids = documentIds.slice(first, first + BATCH_SIZE);
    const batch = await read((db) => readBatch(db, ids, filter));
    for (const document of batch) yield document;
  }
}

/**
 * Annotation columns in the order `toExportedAnnotation` reads them. Every column of every row costs a call
 * into V8 (which dominated reading an export), so the common cases come in fewer and cheaper values: a single
 * fragment (nearly all annotations), which is then the annotation's hull, as one number instead of a JSON
 * text; no attributes as NULL; the origin as its number in ORIGINS; the update time as NULL when it is the
 * creation time. The label's name comes from the labels read in the same transaction.
 */
const ANNOTATION_COLUMNS = `a.id, a.document_id, a.label_id,
  CASE WHEN a.end < ${FRAGMENT_BASE} AND a.fragments = '[[' || a.start || ',' || a.end || ']]' THEN a.start * ${FRAGMENT_BASE} + a.end
       ELSE a.fragments END,
  a.text, NULLIF(a.attributes, '{}'), a.note, a.author,
  CASE a.origin WHEN 'manual' THEN 0 WHEN 'imported' THEN 1 ELSE 2 END,
  a.created_at, NULLIF(a.updated_at, a.created_at)`;

function toExportedAnnotation(row: unknown[], labels: Map<number, string>): ExportedAnnotation {
  const [id, documentId, labelId, fragments, text, attributes, note, author, origin, createdAt, updatedAt] = row as [
    number, number, number, number | string, string, string | null, string, string, number, string, string | null,
  ];
  return {
    id,
    documentId,
    labelId,
    fragments: typeof fragments === 'number' ? [[Math.floor(fragments / FRAGMENT_BASE), fragments % FRAGMENT_BASE]] : (JSON.parse(fragments) as Fragment[]),
    text,
    attributes: attributes === null ? {} : (JSON.parse(attributes) as Record<string, AttributeValue>),
    note,
    author,
    origin: ORIGINS[origin]!,
    createdAt,
    updatedAt: updatedAt ?? createdAt,
    label: labels.get(labelId)!,
  };
}

/** The text comes as a BLOB: its UTF-8 bytes as stored, with no decoding (see `ExportedDocument.textBytes`). */
const DOCUMENT_COLUMNS = `id, title, status, length, source, is_sample, updated_at, CAST(text AS BLOB), content_hash, url, author,
  published_at, language, metadata, normalisation, created_at`;

/**
 * The same record as `toDocumentRecord`, from a raw row of DOCUMENT_COLUMNS, whose text is decoded from
 * `textBytes` the first time a format reads it: formats that write the bytes as they are never pay for it.
 */
function toExportedDocumentRecord(row: unknown[], annotationCount: number): DocumentRecord {
  const [id, title, status, length, source, isSample, updatedAt, textBytes, contentHash, url, author, publishedAt, language, metadata, normalisation, createdAt] =
    row as [number, string, DocumentStatus, number, string | null, number, string, Buffer, string, string | null, string | null, string | null, string | null, string, string, string];
  let text: string | undefined;
  return {
    id,
    title,
    status,
    length,
    annotationCount,
    source,
    isSample: isSample === 1,
    updatedAt,
    get text() {
      return (text ??= textBytes.toString('utf8'));
    },
    contentHash,
    url,
    author,
    publishedAt,
    language,
    metadata: JSON.parse(metadata) as Record<string, unknown>,
    normalisation: JSON.parse(normalisation) as TextNormalisation,
    createdAt,
  };
}

function readBatch(db: Database.Database, ids: number[], filter: ExportFilter): ExportedDocument[] {
  const conditions = annotationConditions(filter);
  const batch = JSON.stringify(ids);
  // One query per table for the whole batch: per-document queries cost more in statement steps than the rows.
  // Statements are prepared once per connection, and read raw (rows as arrays) into the exported shapes.
  const documentRows = cachedRawStatement<[string]>(db, `SELECT ${DOCUMENT_COLUMNS} FROM documents WHERE id IN (SELECT value FROM json_each(?))`);
  const annotationRows = cachedRawStatement<string[]>(
    db,
    `SELECT ${ANNOTATION_COLUMNS} FROM annotations a JOIN labels l ON l.id = a.label_id
     WHERE a.document_id IN (SELECT value FROM json_each(?)) AND ${conditions.where} ORDER BY a.document_id, a.start, a.end, a.id`,
  );
  const relationRows = cachedRawStatement<[string]>(
    db,
    'SELECT id, document_id, type, source_id, target_id, created_at FROM relations WHERE document_id IN (SELECT value FROM json_each(?)) ORDER BY id',
  );
  const actorRows = cachedStatement<[string], ActorRow>(db, 'SELECT * FROM actors WHERE id IN (SELECT value FROM json_each(?))');
  const targetRows = cachedStatement<[string], { id: number; name: string }>(db, 'SELECT id, name FROM targets WHERE id IN (SELECT value FROM json_each(?))');
  const labelRows = cachedStatement<[], LabelRow>(db, 'SELECT * FROM labels');

  return db.transaction(() => {
    const actorAttributes = new Map<number, string[]>();
    const targetAttributes = new Map<number, string[]>();
    const labelNames = new Map<number, string>();
    for (const row of labelRows.all()) {
      labelNames.set(row.id, row.name);
      const label = toLabel(row);
      const names = label.attributes.filter((def) => def.type === 'actor').map((def) => def.name);
      if (names.length > 0) actorAttributes.set(row.id, names);
      const targets = label.attributes.filter((def) => def.type === 'target').map((def) => def.name);
      if (targets.length > 0) targetAttributes.set(row.id, targets);
    }
    const targeted: ExportedAnnotation[] = [];
    const targetIds = new Set<number>();
    const annotations = new Map<number, ExportedAnnotation[]>();
    const actorIds = new Set<number>();
    for (const row of annotationRows.all(batch, ...conditions.params)) {
      const annotation = toExportedAnnotation(row, labelNames);
      const group = annotations.get(annotation.documentId);
      if (group) group.push(annotation);
      else annotations.set(annotation.documentId, [annotation]);
      for (const name of actorAttributes.get(annotation.labelId) ?? NO_NAMES) {
        const value = annotation.attributes[name];
        if (typeof value === 'number') actorIds.add(value);
      }
      for (const name of targetAttributes.get(annotation.labelId) ?? NO_NAMES) {
        const value = annotation.attributes[name];
        if (typeof value !== 'number') continue;
        targetIds.add(value);
        targeted.push(annotation);
      }
    }
    // A target is exported as its name, which every format can carry and an import finds the entry by.
    if (targeted.length > 0) {
      const targetNames = new Map(targetRows.all(JSON.stringify([...targetIds])).map((row) => [row.id, row.name]));
      for (const annotation of targeted) {
        for (const name of targetAttributes.get(annotation.labelId)!) {
          const value = annotation.attributes[name];
          if (typeof value === 'number') annotation.attributes[name] = targetNames.get(value) ?? null;
        }
      }
    }
    const relations = groupBy(
      relationRows.all(batch).map(([id, documentId, type, sourceId, targetId, createdAt]) => ({ id, documentId, type, sourceId, targetId, createdAt }) as Relation),
      (relation) => relation.documentId,
    );
    const actors = new Map(actorIds.size === 0 ? [] : actorRows.all(JSON.stringify([...actorIds])).map((row) => [row.id, toActor(row)]));
    const rows = new Map(documentRows.all(batch).map((row) => [row[0] as number, row]));

    // A document deleted since the selection was made is simply no longer exported.
    return ids.flatMap((id): ExportedDocument[] => {
      const row = rows.get(id);
      if (!row) return [];
      const documentAnnotations = annotations.get(id) ?? [];
      const allRelations = relations.get(id) ?? [];
      let documentRelations = allRelations;
      if (allRelations.length > 0) {
        const exported = new Set(documentAnnotations.map((annotation) => annotation.id));
        documentRelations = allRelations.filter((relation) => exported.has(relation.sourceId) && exported.has(relation.targetId));
      }
      const documentActors = new Map<number, Actor>();
      if (actors.size > 0) {
        for (const annotation of documentAnnotations) {
          for (const name of actorAttributes.get(annotation.labelId) ?? NO_NAMES) {
            const actor = actors.get(annotation.attributes[name] as number);
            if (actor) documentActors.set(actor.id, actor);
          }
        }
      }
      return [
        {
          document: toExportedDocumentRecord(row, documentAnnotations.length),
          textBytes: row[7] as Buffer,
          annotations: documentAnnotations,
          relations: documentRelations,
          relationsFilteredOut: allRelations.length - documentRelations.length,
          actors: [...documentActors.values()],
        },
      ];
    });
  })();
}

const NO_NAMES: readonly string[] = [];

function groupBy<T>(items: T[], key: (item: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
