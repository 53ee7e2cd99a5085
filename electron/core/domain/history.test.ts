import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Annotation } from '../../shared/types.ts';
import { ChangeCollector, historyState } from './history.ts';

const annotation = (id: number, text: string): Annotation => ({
  id,
  documentId: 1,
  labelId: 1,
  fragments: [[0, text.length]],
  text,
  attributes: {},
  note: '',
  author: '',
  origin: 'manual',
  createdAt: 'T',
  updatedAt: 'T',
});

test('a step reports the final state of each row it touched', () => {
  const changes = new ChangeCollector();
  changes.record({ kind: 'putAnnotation', annotation: annotation(1, 'a') });
  changes.record({ kind: 'putAnnotation', annotation: annotation(1, 'ab') });
  changes.record({ kind: 'putAnnotation', annotation: annotation(2, 'c') });
  changes.record({ kind: 'removeAnnotation', id: 2 });
  changes.record({ kind: 'removeRelation', id: 5 });
  const result = changes.result();
  assert.deepEqual(result.upsertedAnnotations.map((a) => a.text), ['ab']);
  assert.deepEqual(result.deletedAnnotationIds, [2]);
  assert.deepEqual(result.deletedRelationIds, [5]);
  assert.deepEqual(result.upsertedRelations, []);
});

test('undo and redo are offered from the ends of the history', () => {
  assert.deepEqual(historyState(undefined, undefined), { canUndo: false, canRedo: false, undoDescription: null, redoDescription: null });
  assert.deepEqual(historyState({ description: 'Tag Quote' }, { description: 'Delete Claim' }), {
    canUndo: true,
    canRedo: true,
    undoDescription: 'Tag Quote',
    redoDescription: 'Delete Claim',
  });
});
