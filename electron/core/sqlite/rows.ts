/**
 * Row shapes of the SQLite schema and their mapping to the API's domain types. Kept apart from the store so
 * the SQL and the mapping can be read side by side with `migrations/`.
 */
import type {
  Actor,
  ActorKind,
  Annotation,
  AnnotationOrigin,
  AttributeDef,
  AttributeValue,
  DocumentRecord,
  DocumentStatus,
  DocumentSummary,
  Fragment,
  Label,
  PackedAnnotations,
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

export type DocumentSummaryRow = Pick<
  DocumentRow,
  'id' | 'title' | 'status' | 'length' | 'source' | 'is_sample' | 'updated_at'
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
  note: string;
  author: string;
  origin: AnnotationOrigin;
  created_at: string;
  updated_at: string;
}

/**
 * A row of the statement that opens a document, read raw (as an array: no object per row): the fragments' JSON
 * only for a discontinuous annotation (otherwise its one fragment is [start, end]), the attributes' JSON only
 * when there are any.
 */
export type PaintedAnnotationRow = [id: number, labelId: number, start: number, end: number, fragments: string | null, attributes: string | null];

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
    publishedAt: row.published_at,
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
    note: row.note,
    author: row.author,
    origin: row.origin,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Packs the rows of a document's annotations (in reading order) for `openDocument`, and counts them. */
export function packAnnotationRows(rows: PaintedAnnotationRow[]): { annotations: PackedAnnotations; count: number } {
  const spans: number[] = [];
  const attributes: PackedAnnotations['attributes'] = [];
  for (const [id, labelId, start, end, fragments, values] of rows) {
    if (fragments === null) {
      spans.push(id, labelId, 1, start, end);
    } else {
      const pieces = JSON.parse(fragments) as Fragment[];
      spans.push(id, labelId, pieces.length);
      for (const [pieceStart, pieceEnd] of pieces) spans.push(pieceStart, pieceEnd);
    }
    if (values !== null) attributes.push([id, JSON.parse(values) as Record<string, AttributeValue>]);
  }
  return { annotations: { spans, attributes }, count: rows.length };
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
