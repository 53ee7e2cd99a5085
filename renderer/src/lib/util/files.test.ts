import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importBatches, type PickedFile } from './files.ts';

const f = (name: string): PickedFile => ({ name, file: null as unknown as File });
const names = (batches: PickedFile[][]) => batches.map((b) => b.map((x) => x.name).sort().join('+')).sort();

test('brat .txt and .ann travel together with their folder’s annotation.conf', () => {
  const batches = importBatches([f('c/a.txt'), f('c/a.ann'), f('c/annotation.conf'), f('c/b.txt'), f('c/b.ann'), f('notes.csv')]);
  assert.deepEqual(names(batches), ['c/a.ann+c/a.txt+c/annotation.conf', 'c/annotation.conf+c/b.ann+c/b.txt', 'notes.csv']);
});

test('a .txt without an .ann is a plain text document on its own', () => {
  assert.deepEqual(names(importBatches([f('x.txt'), f('y.txt')])), ['x.txt', 'y.txt']);
});

test('pairs are matched by folder, not by bare name', () => {
  assert.deepEqual(names(importBatches([f('one/a.txt'), f('two/a.ann'), f('two/a.txt')])), ['one/a.txt', 'two/a.ann+two/a.txt']);
});
