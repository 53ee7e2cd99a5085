import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hasTextField, importBatches, kindOfName, type PickedFile } from './files.ts';

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

test('pairs as the importer does: PolNeAR’s <article>_<annotator>.ann in another folder takes its .txt and the nearest annotation.conf; an .ann without a .txt goes alone', () => {
  const batches = importBatches([f('p/text/a.txt'), f('p/ann/a_x1.ann'), f('p/annotation.conf'), f('p/ann/b.ann'), f('p/visual.conf')]);
  assert.deepEqual(names(batches), ['p/ann/a_x1.ann+p/annotation.conf+p/text/a.txt', 'p/ann/b.ann', 'p/visual.conf']);
});

test('kinds come from the extension, when it settles one', () => {
  assert.equal(kindOfName('corpus/a.ann'), 'brat');
  assert.equal(kindOfName('News.DOCX'), 'Word');
  assert.equal(kindOfName('rows.tab'), 'TSV');
  assert.equal(kindOfName('my.folder/README'), '');
  assert.equal(hasTextField('x.jsonl'), true);
  assert.equal(hasTextField('x.txt'), false);
});
