import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DocumentSummary } from '../../../../electron/shared/types.ts';
import { sortDocuments } from './document-order.ts';

const doc = (id: number, patch: Partial<DocumentSummary>): DocumentSummary => ({
  id,
  title: `Doc ${id}`,
  status: 'new',
  length: 10,
  annotationCount: 0,
  source: null,
  publishedAt: null,
  isSample: false,
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...patch,
});

describe('the document list’s orders', () => {
  // In the store's order: a sample first, then by title.
  const documents = [
    doc(1, { isSample: true, status: 'done', annotationCount: 3, source: 'Reuters', publishedAt: '2025-03-01' }),
    doc(2, { status: 'in_progress', annotationCount: 12, source: 'AP', publishedAt: '2025-03-02T08:00:00Z' }),
    doc(3, { annotationCount: 12 }),
    doc(4, { status: 'done', source: 'AP', publishedAt: '2024-12-31' }),
  ];
  const ids = (order: Parameters<typeof sortDocuments>[1]) => sortDocuments(documents, order).map((each) => each.id);

  it('keep the store’s order by title, and break every tie with it', () => {
    assert.deepEqual(ids('title'), [1, 2, 3, 4]);
    assert.deepEqual(ids('annotations'), [2, 3, 1, 4]);
    assert.deepEqual(ids('status'), [3, 2, 1, 4]);
  });

  it('put the newest first and undated documents last; sources A to Z, none last', () => {
    assert.deepEqual(ids('date'), [2, 1, 4, 3]);
    assert.deepEqual(ids('source'), [2, 4, 1, 3]);
  });
});
