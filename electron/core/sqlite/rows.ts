/**
 * Row shapes of the SQLite schema and their mapping to the API's domain types. Kept apart from the store so
 * the SQL and the mapping can be read side by side with `migrations/`.
 */
import type {
  Actor,
  ActorKind,
  Target,
  Annotation,
  AnnotationOrigin,
  AttributeDef,
  AttributeValue,
  DocumentRecord,
  DocumentStatus,
  DocumentSummary,
  Fragment,
  Label,
  Relation,
  TextNormalisation,
} from '../../shared/types.ts';

export interface DocumentRow {
  id: number;
  title: string;
  text: string;
  length: number;
  content_hash: string;
  source: string | null;
  url: string | null;
  author: string | null;
  published_at: string | null;
  language: string | null;
  metadata: string;
  normalisation: string;
  status: DocumentStatus;
  is_sample: number;
  created_at: string;
  updated_at: string;
}

/** The columns of a document's summary, from `documents d`, with its number of annotations. */
export const SUMMARY_COLUMNS = `d.id, d.title, d.status, d.length, d.source, d.published_at, d.is_sample, d.updated_at,
  (SELECT count(*) FROM annotations a WHERE a.document_id = d.id) AS annotation_count`;

export type DocumentSummaryRow = Pick<
  DocumentRow,
  'id' | 'title' | 'status' | 'length' | 'source' | 'published_at' | 'is_sample' | 'updated_at'
> & { annotation_count: number };

export interface LabelRow {
  id: number;
  name: string;
  color: string;
  hotkey: string | null;
  description: string;
  attributes: string;
  position: number;
}

export interface AnnotationRow {
  id: number;
  document_id: number;
  label_id: number;
  start: number;
  end: number;
  fragments: string;
  text: string;
  attributes: string;
  set_aside: string;
  note: string;
  author: string;
  origin: AnnotationOrigin;
  created_at: string;
  updated_at: string;
}

export interface HistoryRow {
  id: number;
  document_id: number;
  description: string;
  forward: string;
  inverse: string;
  undone: number;
  created_at: string;
  bulk_id: number | null;
}

export interface RelationRow {
  id: number;
  document_id: number;
  type: string;
  source_id: number;
  target_id: number;
  created_at: string;
}

export interface ActorRow {
  id: number;
  name: string;
  kind: ActorKind;
  aliases: string;
  external_id: string | null;
  description: string;
  created_at: string;
  updated_at: string;
}

export function toDocumentSummary(row: DocumentSummaryRow): DocumentSummary {
  return {
    id: row.id,
    title: row.title,
    status: row.status,
    length: row.length,
    annotationCount: row.annotation_count,
    source: row.source,
    publishedAt: row.published_at,
    isSample: row.is_sample === 1,
    updatedAt: row.updated_at,
  };
}

export function toDocumentRecord(row: DocumentRow, annotationCount: number): DocumentRecord {
  return {
    ...toDocumentSummary({ ...row, annotation_count: annotationCount }),
    text: row.text,
    contentHash: row.content_hash,
    url: row.url,
    author: row.author,
    language: row.language,
    metadata: JSON.parse(row.metadata) as Record<string, unknown>,
    normalisation: JSON.parse(row.normalisation) as TextNormalisation,
    createdAt: row.created_at,
  };
}

export function toLabel(row: LabelRow): Label {
  return {
    id: row.id,
    name: row.name,
    color: row.color,
    hotkey: row.hotkey,
    description: row.description,
    attributes: JSON.parse(row.attributes) as AttributeDef[],
    position: row.position,
  };
}

export function toAnnotation(row: AnnotationRow): Annotation {
  return {
    id: row.id,
    documentId: row.document_id,
    labelId: row.label_id,
    fragments: JSON.parse(row.fragments) as Fragment[],
    text: row.text,
    attributes: JSON.parse(row.attributes) as Record<string, AttributeValue>,
    ...(row.set_aside === '{}' ? {} : { setAside: JSON.parse(row.set_aside) as Record<string, AttributeValue> }),
    note: row.note,
    author: row.author,
    origin: row.origin,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function fromAnnotation(annotation: Annotation): AnnotationRow {
  const first = annotation.fragments[0]!;
  const last = annotation.fragments[annotation.fragments.length - 1]!;
  return {
    id: annotation.id,
    document_id: annotation.documentId,
    label_id: annotation.labelId,
    start: first[0],
    end: last[1],
    fragments: JSON.stringify(annotation.fragments),
    text: annotation.text,
    attributes: JSON.stringify(annotation.attributes),
    set_aside: JSON.stringify(annotation.setAside ?? {}),
    note: annotation.note,
    author: annotation.author,
    origin: annotation.origin,
    created_at: annotation.createdAt,
    updated_at: annotation.updatedAt,
  };
}

export function toRelation(row: RelationRow): Relation {
  return {
    id: row.id,
    documentId: row.document_id,
    type: row.type,
    sourceId: row.source_id,
    targetId: row.target_id,
    createdAt: row.created_at,
  };
}

export function fromRelation(relation: Relation): RelationRow {
  return {
    id: relation.id,
    document_id: relation.documentId,
    type: relation.type,
    source_id: relation.sourceId,
    target_id: relation.targetId,
    created_at: relation.createdAt,
  };
}

export interface TargetRow {
  id: number;
  name: string;
  aliases: string;
  description: string;
  created_at: string;
  updated_at: string;
}

export function toTarget(row: TargetRow): Target {
  return { id: row.id, name: row.name, aliases: JSON.parse(row.aliases) as string[], description: row.description, createdAt: row.created_at, updatedAt: row.updated_at };
}

export function toActor(row: ActorRow): Actor {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    aliases: JSON.parse(row.aliases) as string[],
    externalId: row.external_id,
    description: row.description,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
