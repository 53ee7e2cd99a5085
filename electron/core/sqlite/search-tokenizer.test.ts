/** The search's reading of texts (domain/search-text.ts) held against SQLite's own tokenizer, which decides what matches. */
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { describe, it } from 'node:test';
import { inUnspacedScript, SearchText } from '../domain/search-text.ts';

/** The words SQLite's word index (migration 0002's tokenizer) makes of each text, in order. */
function sqliteWords(texts: string[]): string[][] {
  const db = new Database(':memory:');
  db.exec(`CREATE VIRTUAL TABLE t USING fts5 (x, tokenize = 'unicode61 remove_diacritics 2');
           CREATE VIRTUAL TABLE v USING fts5vocab (t, 'instance');`);
  const insert = db.prepare('INSERT INTO t (rowid, x) VALUES (?, ?)');
  texts.forEach((text, index) => insert.run(index + 1, text));
  const words: string[][] = texts.map(() => []);
  for (const row of db.prepare('SELECT doc, term FROM v ORDER BY doc, offset').all() as { doc: number; term: string }[]) words[row.doc - 1]!.push(row.term);
  db.close();
  return words;
}

describe('search text', () => {
  it('cuts and folds words as SQLite does, for every assigned character of the scripts of news text', () => {
    // Latin, Greek, Cyrillic, Arabic, general punctuation, CJK punctuation, full-width forms, emoji: each character
    // between two words, which shows whether it joins them, ends them, or folds to something.
    const ranges: [number, number][] = [[0x80, 0x24f], [0x370, 0x3ff], [0x400, 0x527], [0x600, 0x6ff], [0x2000, 0x206f], [0x3000, 0x303f], [0xff01, 0xff65], [0x1f300, 0x1f320]];
    // Characters newer than SQLite's Unicode tables, which it reads as part of a word (see search-text.ts), and
    // the Latin letters with two marks it keeps.
    const known = new Set([0x1e0, 0x1e1, 0x37f, 0x605, 0x61d, 0x2065]);
    const characters: string[] = [];
    for (const [first, last] of ranges) {
      for (let code = first; code <= last; code++) {
        const character = String.fromCodePoint(code);
        if (!/\p{Cn}/u.test(character) && !known.has(code)) characters.push(character);
      }
    }
    const texts = characters.map((character) => `ab${character}cd Ok`);
    const expected = sqliteWords(texts);
    const differing = texts.filter((text, index) => new SearchText(text).words.map((word) => word.term).join('|') !== expected[index]!.join('|'));
    assert.deepEqual(differing, [], `${differing.length} of ${texts.length} characters`);
  });

  it('places words and substrings in code points, after emoji and across combining marks', () => {
    const text = new SearchText('👩‍👩‍👧 Zelensky\u0301y met 普京, ZELENSKÝY said.');
    assert.deepEqual(text.phrase(['zelenskyy'], false), [[6, 16], [25, 34]]);
    assert.deepEqual(text.phrase(['zelenskyy', 'met'], false), [[6, 20]]);
    assert.deepEqual(text.phrase(['zel'], true), [[6, 16], [25, 34]]);
    assert.deepEqual(text.substring('普京'), [[21, 23]]);
    assert.deepEqual(text.substring('ýy said'), [], 'the folded text has no accents');
    assert.deepEqual(text.substring('yy said'), [[32, 39]]);
  });

  it('tells the scripts written without spaces', () => {
    assert.equal(inUnspacedScript('普京'), true);
    assert.equal(inUnspacedScript('プーチン'), true);
    assert.equal(inUnspacedScript('𠀋'), true, 'a Han character outside the BMP');
    assert.equal(inUnspacedScript('Путин 푸틴'), false, 'Hangul is written with spaces');
  });
});
