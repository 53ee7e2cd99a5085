import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newDocumentRow, normalised, patchedColumns } from './documents.ts';

test('a raw text loses only its BOM and CR line ends, and is measured in code points', () => {
  const text = normalised('\ufeff😀 a\r\nb\rc');
  assert.equal(text.text, '😀 a\nb\nc');
  assert.deepEqual(text.normalisation, { bomRemoved: true, crlfToLf: 1, crToLf: 1 });
  assert.equal(text.length, 7);
  assert.match(text.contentHash, /^[0-9a-f]{64}$/);
});

test('a new document needs a title, and a text said to be normalised must be', () => {
  const row = newDocumentRow({ title: '  Talks  ', text: 'ignored' }, normalised('x'), 'new', 'T');
  assert.equal(row.title, 'Talks');
  assert.equal(row.text, 'x');
  assert.equal(row.isSample, false);
  assert.throws(() => newDocumentRow({ title: ' ', text: 'x' }, normalised('x'), 'new', 'T'), (error: { field?: string }) => error.field === 'title');
  assert.throws(() => newDocumentRow({ title: 'T', text: 'x' }, { ...normalised('x'), text: 'a\r\nb' }, 'new', 'T'), /still has a BOM or CR/);
});

test('a patch names only what it changes; a title stays non-empty', () => {
  assert.deepEqual(patchedColumns({ title: ' New ', status: 'done', url: null, language: undefined }), { title: 'New', status: 'done', url: null });
  assert.throws(() => patchedColumns({ title: '  ' }), (error: { field?: string }) => error.field === 'patch.title');
});
