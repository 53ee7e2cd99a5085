/**
 * Reading a workspace for an export: which documents a filter takes, then those documents one at a time with
 * their annotations, relations and actors. Documents are read in small batches, each in one read transaction,
 * and no statement stays open while the exporter writes, so the workbench can go on saving edits meanwhile.
 */
import type Database from 'better-sqlite3';
import type { Actor, ExportFilter } from '../../shared/types.ts';
import type { ExportedAnnotation, ExportedDocument, ExportSelection } from '../store.ts';
import {
  toActor,
  toAnnotation,
  toDocumentRecord,
  toLabel,
  toRelation,
  type ActorRow,
  type AnnotationRow,
  type DocumentRow,
  type LabelRow,
  type RelationRow,
} from './rows.ts';

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
    const documentIds = db
      .prepare<string[], { id: number }>(`SELECT d.id FROM documents d WHERE ${documents.where} ORDER BY d.id`)
      .all(...documents.params)
      .map((row) => row.id);
    const count = db
      .prepare<string[], { n: number }>(
        `SELECT count(*) AS n FROM annotations a JOIN labels l ON l.id = a.label_id JOIN documents d ON d.id = a.document_id
         WHERE ${documents.where} AND ${annotations.where}`,
      )
      .get(...documents.params, ...annotations.params)!.n;
    return { documentIds, annotations: count };
  })();
}

export async function* exportDocuments(
  db: Database.Database,
  documentIds: number[],
  filter: ExportFilter,
): AsyncGenerator<ExportedDocument> {
  for (let first = 0; first < documentIds.length; first += BATCH_SIZE) {
    const batch = readBatch(db, documentIds.slice(first, first + BATCH_SIZE), filter);
    for (const document of batch) yield document;
  }
}

function readBatch(db: Database.Database, ids: number[], filter: ExportFilter): ExportedDocument[] {
  const conditions = annotationConditions(filter);
  const batch = JSON.stringify(ids);
  // One query per table for the whole batch: per-document queries cost more in statement steps than the rows.
  const documentRows = db.prepare<[string], DocumentRow>('SELECT * FROM documents WHERE id IN (SELECT value FROM json_each(?))');
  const annotationRows = db.prepare<string[], AnnotationRow & { label: string }>(
    `SELECT a.*, l.name AS label FROM annotations a JOIN labels l ON l.id = a.label_id
     WHERE a.document_id IN (SELECT value FROM json_each(?)) AND ${conditions.where} ORDER BY a.document_id, a.start, a.end, a.id`,
  );
  const relationRows = db.prepare<[string], RelationRow>('SELECT * FROM relations WHERE document_id IN (SELECT value FROM json_each(?)) ORDER BY id');
  const actorRows = db.prepare<[string], ActorRow>('SELECT * FROM actors WHERE id IN (SELECT value FROM json_each(?))');

  return db.transaction(() => {
    const actorAttributes = new Map<number, string[]>();
    for (const row of db.prepare<[], LabelRow>('SELECT * FROM labels').all()) {
      const label = toLabel(row);
      actorAttributes.set(label.id, label.attributes.filter((def) => def.type === 'actor').map((def) => def.name));
    }
    const annotations = groupBy(
      annotationRows.all(batch, ...conditions.params).map((row): ExportedAnnotation => ({ ...toAnnotation(row), label: row.label })),
      (annotation) => annotation.documentId,
    );
    const relations = groupBy(relationRows.all(batch).map(toRelation), (relation) => relation.documentId);
    const actorIds = new Set<number>();
    for (const list of annotations.values()) {
      for (const annotation of list) {
        for (const name of actorAttributes.get(annotation.labelId) ?? []) {
          const value = annotation.attributes[name];
          if (typeof value === 'number') actorIds.add(value);
        }
      }
    }
    const actors = new Map(actorRows.all(JSON.stringify([...actorIds])).map((row) => [row.id, toActor(row)]));
    const rows = new Map(documentRows.all(batch).map((row) => [row.id, row]));

    // A document deleted since the selection was made is simply no longer exported.
    return ids.flatMap((id): ExportedDocument[] => {
      const row = rows.get(id);
      if (!row) return [];
      const documentAnnotations = annotations.get(id) ?? [];
      const exported = new Set(documentAnnotations.map((annotation) => annotation.id));
      const allRelations = relations.get(id) ?? [];
      const documentRelations = allRelations.filter((relation) => exported.has(relation.sourceId) && exported.has(relation.targetId));
      const documentActors = new Map<number, Actor>();
      for (const annotation of documentAnnotations) {
        for (const name of actorAttributes.get(annotation.labelId) ?? []) {
          const actor = actors.get(annotation.attributes[name] as number);
          if (actor) documentActors.set(actor.id, actor);
        }
      }
      return [
        {
          document: toDocumentRecord(row, documentAnnotations.length),
          annotations: documentAnnotations,
          relations: documentRelations,
          relationsFilteredOut: allRelations.length - documentRelations.length,
          actors: [...documentActors.values()],
        },
      ];
    });
  })();
}

function groupBy<T>(items: T[], key: (item: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
