import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OffsetBoundary } from './boundary.ts';
import { snapSelection, textSource } from './words.ts';

/** Python-style slicing by code points: what the store means by an offset. */
const cpSlice = (text: string, start: number, end: number) => Array.from(text).slice(start, end).join('');

test('annotations after an emoji ZWJ sequence land on the right characters', () => {
  const text = 'Family 👩‍👩‍👧 said “no compromise” today';
  const boundary = new OffsetBoundary(text);
  const cpStart = Array.from(text).indexOf('“');
  const cpEnd = cpStart + Array.from('“no compromise”').length;
  const [span] = boundary.spansOf({ id: 1, labelId: 1, fragments: [[cpStart, cpEnd]] });
  assert.equal(text.slice(span!.from, span!.to), '“no compromise”');
  // The family emoji is 5 code points but 8 UTF-16 units: 3 surrogate pairs shift the offsets by 3.
  assert.equal(span!.from - cpStart, 3);
  assert.deepEqual(boundary.toFragment(span!.from, span!.to), [cpStart, cpEnd]);
  assert.equal(cpSlice(text, cpStart, cpEnd), '“no compromise”');
});

test('a selection ending inside a surrogate pair widens to the whole character', () => {
  const text = 'ok 😀 go';
  const boundary = new OffsetBoundary(text);
  const emoji = text.indexOf('😀');
  assert.deepEqual(boundary.toFragment(emoji, emoji + 1), [3, 4]);
  assert.deepEqual(boundary.toFragment(emoji + 1, emoji + 2), [3, 4]);
});

test('combining marks are code points of their own and survive the round trip', () => {
  const text = 'caf' + 'e\u0301' + ' 👩‍👩‍👧 ok';
  const boundary = new OffsetBoundary(text);
  const snapped = snapSelection(textSource(text), 1, 3, true); // inside "cafe\u0301"
  const fragment = boundary.toFragment(snapped.from, snapped.to);
  assert.deepEqual(fragment, [0, 5]);
  assert.equal(cpSlice(text, ...fragment), 'cafe\u0301');
  const back = boundary.toEditor(fragment);
  assert.equal(text.slice(back.from, back.to), 'cafe\u0301');
});

test('right-to-left text with emoji converts in logical order', () => {
  const text = '😀 قال الرئيس إن المحادثات مفيدة';
  const boundary = new OffsetBoundary(text);
  const word = 'المحادثات';
  const from = text.indexOf(word);
  const fragment = boundary.toFragment(from, from + word.length);
  assert.equal(cpSlice(text, ...fragment), word);
  assert.equal(fragment[0], from - 1, 'one astral character before the word');
});

test('every code point offset of a mixed text round-trips', () => {
  const text = 'a👩‍👩‍👧e\u0301b🇺🇦c' + 'ع'.repeat(3) + '😀';
  const boundary = new OffsetBoundary(text);
  const length = Array.from(text).length;
  for (let cp = 0; cp <= length; cp++) {
    const unit = boundary.toEditorPos(cp);
    assert.equal(boundary.toFragment(unit, unit)[0], cp);
    assert.equal(text.slice(0, unit), cpSlice(text, 0, cp));
  }
});
