import { test } from 'node:test';
import assert from 'node:assert/strict';
import { callsOf, failedBatches, formatBytes, hasTextField, importBatches, kindOfName, type PickedFile } from './files.ts';

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

test('batches go several to a call (a run in about 10 calls), up to 8 MiB of files or 50 batches, a larger file alone, in order', () => {
  const sized = (name: string, size: number): PickedFile => ({ name, file: { size } as File });
  const small = (count: number) => Array.from({ length: count }, (_, index) => [sized(`s${index}.txt`, 100)]);
  assert.deepEqual(callsOf(small(120)).map((call) => call.length), Array(10).fill(12));
  assert.deepEqual(callsOf(small(4)).map((call) => call.length), [1, 1, 1, 1]);
  assert.deepEqual(callsOf(small(5000)).map((call) => call.length), Array(100).fill(50));
  // 100 files of 3 MiB would go 5 to a call, but 8 MiB holds two; a 20 MiB file goes alone.
  const big = [...Array.from({ length: 99 }, (_, index) => [sized(`b${index}.txt`, 3 << 20)]), [sized('huge.pdf', 20 << 20)]];
  const calls = callsOf(big).map((call) => call.flat().map((file) => file.name));
  assert.deepEqual(calls.slice(0, 2), [['b0.txt', 'b1.txt'], ['b2.txt', 'b3.txt']]);
  assert.deepEqual(calls.at(-1), ['huge.pdf']);
  assert.equal(calls.flat().length, 100);
  assert.deepEqual(callsOf([]), []);
});

test('a call’s problems are given to the batches whose files they name', () => {
  const pair = [f('c/a.txt'), f('c/a.ann')];
  const alone = [f('notes.csv')];
  const fine = [f('ok.txt')];
  const failed = failedBatches([pair, alone, fine], [
    { file: 'c/a.ann', line: 2, message: 'T1: the range [18, 99] lies outside the text' },
    { file: 'notes.csv', line: 1, message: 'has no “text” column', fix: { option: 'textField', choices: ['body'] } },
  ]);
  assert.deepEqual(failed.map(({ batch, problems }) => [batch.map((file) => file.name), problems.map((problem) => problem.file)]), [
    [['c/a.txt', 'c/a.ann'], ['c/a.ann']],
    [['notes.csv'], ['notes.csv']],
  ]);
});

test('sizes are given in binary units under their own names', () => {
  assert.equal(formatBytes(512), '512 B');
  assert.equal(formatBytes(1536), '1.5 KiB');
  assert.equal(formatBytes(193 * 1024 * 1024), '193.0 MiB');
});
