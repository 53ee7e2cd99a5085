import assert from 'node:assert/strict';
import { test } from 'node:test';
import { labelProblem } from './label-rules.ts';

const labels = [
  { id: 1, name: 'Quote', hotkey: 'q' },
  { id: 2, name: 'Claim', hotkey: 'c' },
];

test('a label problem names its field and what is wrong, structured for each host to word', () => {
  assert.equal(labelProblem({ name: 'Position', hotkey: 'P' }, labels, null), null);
  assert.equal(labelProblem({ name: 'Ярлык', hotkey: '😀' }, labels, null), null, 'an astral character is one key');
  assert.deepEqual(labelProblem({ name: '  ' }, labels, null), { field: 'name', kind: 'empty' });
  assert.deepEqual(labelProblem({ name: 'CLAIM' }, labels, null), { field: 'name', kind: 'taken', by: 'Claim' });
  assert.deepEqual(labelProblem({ name: 'Speech', hotkey: 'Q' }, labels, null), { field: 'hotkey', kind: 'taken', key: 'q', by: 'Quote' });
  assert.deepEqual(labelProblem({ name: 'Next', hotkey: 'N' }, labels, null), { field: 'hotkey', kind: 'reserved', key: 'n' });
  assert.deepEqual(labelProblem({ name: 'Two', hotkey: 'ab' }, labels, null), { field: 'hotkey', kind: 'not-one-key' });
  assert.equal(labelProblem({ name: 'quote', hotkey: 'q' }, labels, 1), null, 'a label does not clash with itself');
});
