import assert from 'node:assert/strict';
import { test } from 'node:test';
import { quoted } from './text.ts';

test('quoted puts curly quotes around plain text', () => {
  assert.equal(quoted('so far no progress'), '“so far no progress”');
  assert.equal(quoted('  padded  '), '“padded”');
  // A mark on one side only is part of the text, not a quotation around it.
  assert.equal(quoted('“so far'), '““so far”');
  assert.equal(quoted('said “no”.'), '“said “no”.”');
  assert.equal(quoted('"'), '“"”');
});

test('quoted adds no marks to text that already starts and ends with quotation marks of any kind', () => {
  for (const text of [
    '“so far …”',
    '"straight"',
    "'single'",
    '«guillemets»',
    '»reversed«',
    '‹single guillemets›',
    '„German“',
    '‚low single‘',
    '‘curly single’',
    '「corner」',
    '『white corner』',
    '＂full width＂',
    '« spaced »',
  ]) {
    assert.equal(quoted(text), text, text);
  }
  assert.equal(quoted('  «trimmed»  '), '«trimmed»');
});

test('quoted judges the whole text before shortening it', () => {
  const shorten = (text: string) => `${text.slice(0, 8)}…`;
  assert.equal(quoted('“so far there is nothing”', shorten), '“so far …');
  assert.equal(quoted('so far there is nothing', shorten), '“so far t…”');
});
