import type { DocumentStatus, DocumentSummary, DocumentTag } from '../../../../electron/shared/types.ts';

/** Orders of the document list. */
export type DocumentOrder = 'title' | 'date' | 'annotations' | 'status' | 'source';
export const DOCUMENT_ORDERS: readonly { value: DocumentOrder; name: string }[] = [
  { value: 'title', name: 'Title' },
  { value: 'date', name: 'Newest first' },
  { value: 'annotations', name: 'Most annotations' },
  { value: 'status', name: 'Status' },
  { value: 'source', name: 'Source' },
];

const STATUS_ORDER: Record<DocumentStatus, number> = { new: 0, in_progress: 1, done: 2 };

/**
 * The list in `order`; ties (and `title`) keep the store's order (samples first, then by title), so documents
 * without a date or source come after the others in a stable place.
 */
export function sortDocuments(documents: readonly DocumentSummary[], order: DocumentOrder): DocumentSummary[] {
  const place = new Map(documents.map((doc, index) => [doc.id, index]));
  const compare: Record<DocumentOrder, (a: DocumentSummary, b: DocumentSummary) => number> = {
    title: () => 0,
    date: (a, b) => (a.publishedAt === null ? 1 : 0) - (b.publishedAt === null ? 1 : 0) || (b.publishedAt ?? '').localeCompare(a.publishedAt ?? ''),
    annotations: (a, b) => b.annotationCount - a.annotationCount,
    status: (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status],
    source: (a, b) => (a.source === null ? 1 : 0) - (b.source === null ? 1 : 0) || (a.source ?? '').localeCompare(b.source ?? ''),
  };
  return [...documents].sort((a, b) => compare[order](a, b) || place.get(a.id)! - place.get(b.id)!);
}

/** Each document's tags, by document id (tags in their order, by name). */
export function tagsByDocument(tags: readonly DocumentTag[]): Map<number, DocumentTag[]> {
  const byDocument = new Map<number, DocumentTag[]>();
  for (const tag of tags) for (const id of tag.documentIds) byDocument.set(id, [...(byDocument.get(id) ?? []), tag]);
  return byDocument;
}

/** The ids of the documents that carry the tag `tagId` (none for a tag there is not). */
export function documentsTagged(tags: readonly DocumentTag[], tagId: number): Set<number> {
  return new Set(tags.find((tag) => tag.id === tagId)?.documentIds ?? []);
}
