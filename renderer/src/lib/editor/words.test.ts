import { test } from 'node:test';
import assert from 'node:assert/strict';
import { snapSelection, snapToGrapheme, textSource, wordEdge } from './words.ts';

const snap = (text: string, from: number, to: number, toWords = true) => {
  const r = snapSelection(textSource(text), from, to, toWords);
  return text.slice(r.from, r.to);
};

test('a selection inside words grows to whole words', () => {
  const text = 'there is still “no compromise version” of a plan';
  const from = text.indexOf('o compromise');
  const to = text.indexOf('sion”') + 2;
  assert.equal(snap(text, from, to), 'no compromise version');
});

test('snapping keeps punctuation the analyst chose and drops surrounding white space', () => {
  const text = 'he said “no compromise version” of a plan';
  const from = text.indexOf('“') - 1; // the space before the quote mark
  const to = text.indexOf('”') + 2; // the quote mark and the space after it
  assert.equal(snap(text, from, to), '“no compromise version”');
});

test('without word snapping only white space is trimmed', () => {
  const text = 'a compromise here';
  assert.equal(snap(text, 3, 9, false), 'omprom');
  assert.equal(snap(text, 1, 6, false), 'comp');
});

test('a white-space-only selection becomes empty', () => {
  const r = snapSelection(textSource('one   two'), 3, 6, true);
  assert.equal(r.from, r.to);
});

test('an emoji ZWJ sequence is never split', () => {
  const family = '👩‍👩‍👧';
  const text = `we ${family} won`;
  const inside = text.indexOf(family) + 3; // between the first woman and the joiner
  assert.equal(snapToGrapheme(textSource(text), inside, -1), text.indexOf(family));
  assert.equal(snapToGrapheme(textSource(text), inside, 1), text.indexOf(family) + family.length);
  assert.equal(snap(text, inside, inside + 2, false), family);
});

test('a letter with a combining mark stays whole, and counts as part of its word', () => {
  const text = 'le café est ouvert';
  const decomposed = text.normalize('NFD'); // café → cafe\u0301
  const accent = decomposed.indexOf('\u0301');
  assert.ok(accent > 0);
  // A selection ending between the e and its accent takes the accent too.
  assert.equal(snap(decomposed, 3, accent, false), 'cafe\u0301');
  // Word snapping from the middle of the word.
  assert.equal(snap(decomposed, 4, 5), 'cafe\u0301');
});

test('right-to-left Arabic words snap by logical order', () => {
  const text = 'قال الرئيس إن المحادثات مفيدة';
  const word = 'المحادثات';
  const start = text.indexOf(word);
  assert.equal(snap(text, start + 2, start + 5), word);
});

test('word edges move to the next or previous word start and end', () => {
  const text = 'alpha beta, gamma delta';
  const src = textSource(text);
  assert.equal(wordEdge(src, 0, 1, 'end'), 5); // end of alpha
  assert.equal(wordEdge(src, 5, 1, 'end'), 10); // end of beta (the comma is not a word)
  assert.equal(wordEdge(src, 10, -1, 'end'), 5);
  assert.equal(wordEdge(src, 12, -1, 'start'), 6); // start of beta
  assert.equal(wordEdge(src, 6, 1, 'start'), 12); // start of gamma
  assert.equal(wordEdge(src, 18, 1, 'start'), null);
  assert.equal(wordEdge(src, 0, -1, 'start'), null);
});

test('word edges reach beyond the first window on long runs of punctuation', () => {
  const text = `start ${'— '.repeat(400)}finish`;
  const src = textSource(text);
  assert.equal(wordEdge(src, 5, 1, 'start'), text.indexOf('finish'));
  assert.equal(wordEdge(src, text.length, -1, 'start'), text.indexOf('finish'));
  assert.equal(wordEdge(src, text.indexOf('finish'), -1, 'end'), 5);
});
