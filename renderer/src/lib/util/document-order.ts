import type { DocumentStatus, DocumentSummary } from '../../../../electron/shared/types.ts';

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
