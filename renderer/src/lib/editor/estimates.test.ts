import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Text } from '@codemirror/state';
import { shortLines } from './estimates.ts';

const doc = Text.of(['CHAPTER XII', '', 'A long line of running text, far longer than twenty characters.', 'BOOK TWO: 1805', 'Short.', 'x'.repeat(21)]);
const text = (lines: Array<{ from: number; to: number }>) => lines.map((line) => doc.sliceString(line.from, line.to));

test('short lines are the non-empty lines of at most 20 characters', () => {
  assert.deepEqual(text(shortLines(doc, [{ from: 0, to: doc.length }])), ['CHAPTER XII', 'BOOK TWO: 1805', 'Short.']);
});

test('only lines touching the ranges count, each once, whatever the order of the ranges', () => {
  const third = doc.line(3);
  const fourth = doc.line(4);
  assert.deepEqual(text(shortLines(doc, [{ from: fourth.from + 2, to: fourth.from + 2 }])), ['BOOK TWO: 1805']);
  assert.deepEqual(text(shortLines(doc, [{ from: third.from, to: doc.length }, { from: 0, to: 0 }, { from: fourth.to, to: fourth.to }])), [
    'CHAPTER XII',
    'BOOK TWO: 1805',
    'Short.',
  ]);
  assert.deepEqual(shortLines(doc, [{ from: third.from, to: third.to }]), []);
});
