/**
 * The JavaScript segmentation of `segment.ts` must give exactly what ICU gives, or CoNLL exports would change
 * with it. Each case tokenizes a text twice, with the fast path and with ICU alone (which is how `tokenize`
 * worked before the fast path), and compares sentences, offsets and texts.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { seededRandom } from '../../bench/measure.ts';
import { endsWithTitle, tokenize } from './tokenize.ts';
import { Utf8Builder } from './utf8.ts';

const NOVEL = fileURLToPath(new URL('../../../../shared/data/large/war_and_peace_en_gutenberg.txt', import.meta.url));
const LOCALES = ['en', null, 'de', 'fr', 'und', 'es', 'it', 'pt', 'nl', 'en-GB', 'de-AT'];

function assertSameAsIcu(text: string, language: string | null): void {
  // A few spans across sentence boundaries, as CoNLL passes them.
  const spans: [number, number][] = [];
  for (let n = 1; n <= 3 && text.length > 10; n++) {
    const start = (text.length * n * 7919) % (text.length - 5);
    spans.push([start, Math.min(text.length, start + 10 + n * 30)]);
  }
  const crosses = (boundary: number) => spans.some(([start, end]) => start < boundary && boundary < end);
  const fast = tokenize(text, language, crosses);
  const icu = tokenize(text, language, crosses, { icuOnly: true });
  if (JSON.stringify(fast) !== JSON.stringify(icu)) assert.deepEqual(fast, icu, `${JSON.stringify(text)} (${language})`);
}

/** Random texts from `pieces`, `count` of them, each of up to `length` pieces. */
function randomTexts(seed: number, count: number, length: number, pieces: string[]): string[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => {
    let text = '';
    const size = 1 + Math.floor(random() * length);
    for (let n = 0; n < size; n++) text += pieces[Math.floor(random() * pieces.length)]!;
    return text;
  });
}

/** Every character the fast path handles itself (and a few it leaves to ICU), as single pieces. */
function tabulatedCharacters(): string[] {
  const characters: string[] = [];
  const add = (from: number, to = from) => {
    for (let code = from; code <= to; code++) characters.push(String.fromCharCode(code));
  };
  add(0x09, 0x0d);
  add(0x20, 0x7e);
  add(0xa0, 0xff);
  add(0x2010, 0x2022);
  add(0x2026);
  add(0x2030);
  add(0x2032, 0x2033);
  add(0x2039, 0x203a);
  add(0x20ac);
  // Not tabulated: the paragraph goes to ICU, and so does the run.
  characters.push('\u0301', '\u200f', '\u2028', '\u0085', '😀', 'Ж', '中');
  return characters;
}

describe('fast sentence and word segmentation', () => {
  it('agrees with ICU on a novel', () => {
    const novel = readFileSync(NOVEL, 'utf8').replace(/\r\n?/g, '\n').slice(0, 400_000);
    for (let start = 0; start < novel.length; start += 3000) assertSameAsIcu(novel.slice(start, start + 3000), 'en');
  });

  it('agrees with ICU on random mixes of every tabulated character', () => {
    const common = [' ', ' ', 'a', 'b', 'A', 'B', '.', '.', '1', '\n', '\u00ad', '_', ',', "'", '\u2019'];
    randomTexts(1, 6000, 40, [...tabulatedCharacters(), ...common]).forEach((text, n) => assertSameAsIcu(text, LOCALES[n % LOCALES.length]!));
  });

  it('agrees with ICU on words with inner punctuation, numbers and format characters', () => {
    const pieces = [
      ' ', ' ', '\n', '.', '!', '?', ',', ';', ':', '-', '\u2010', '\u2011', '\u2014', "'", '"', '(', ')', '\u2018', '\u2019', '\u201c', '\u201d',
      '_', '\u00ad', '\u00b7', '\u00b8', '\u2026', 'a', 'e', 'x', 'A', 'M', 'S', 'U', '0', '1', '9', '\u00e9', '\u00c9', '\u00df', 'Mr', 'Sen', 'U.S',
      'e.g', 'AL-AIN', '1996-12-06', 'don\u2019t', "it's", 'St', '3.5', '1,000', 'a.m', 'co-op', 'x_y',
    ];
    randomTexts(2, 6000, 50, pieces).forEach((text, n) => assertSameAsIcu(text, LOCALES[n % LOCALES.length]!));
  });

  it('agrees with ICU on sentence ends: terminators, closing quotes, spaces, titles, lower case after a full stop', () => {
    const pieces = [
      'He', 'said', 'the', 'U.S.', 'Mr.', 'no.', 'Sen.', 'it', 'was', '3.5', 'e.g.', '.', '!', '?', '...', '\u2026', ' ', ' ', ' ', '  ', '\u00a0',
      '\n', '\n\n', '"', "'", '\u201c', '\u201d', '\u2019', '(', ')', ',', ';', ':', '-', '\u2014', '\u2013', 'a', 'B', '1', 'x.', '.)', '."',
      '?\u201d', '!)', '\u00ab', '\u00bb', '\u00ad', 'and', 'Then', 'i.e.', 'St.', 'Jan.', 'No.', '\r\n', '\r',
    ];
    randomTexts(3, 6000, 50, pieces).forEach((text, n) => assertSameAsIcu(text, LOCALES[n % LOCALES.length]!));
  });

  it('finds the titles the regular expression it replaces found', () => {
    const title = /(?:^|[\s(“"‘'])([A-Z][a-z]{0,4})\.\s*$/;
    const titles = new Set(['mr', 'sen', 'st', 'no', 'dr', 'gen', 'sept', 'capt']);
    const pieces = ['Mr', 'Sen', 'St', 'No', 'Dr', 'Gen', 'Sept', 'Capt', 'Senator', 'mr', 'X', 'a', '.', ' ', '\n', '\u00a0', '(', '“', '"', '‘', "'", '-', 'MR'];
    for (const text of randomTexts(4, 5000, 8, pieces)) {
      const match = title.exec(text);
      const expected = match !== null && titles.has(match[1]!.toLowerCase());
      // endsWithTitle checks against its own list, which holds all of these.
      if (match === null || titles.has(match[1]!.toLowerCase())) assert.equal(endsWithTitle(text, 0, text.length), expected, JSON.stringify(text));
    }
  });
});

describe('Utf8Builder', () => {
  it('encodes as Buffer.from does, lone surrogates included', () => {
    const pieces = ['a', 'é', '€', '中', '😀', '\ud800', '\udc00', '\ud83d', '\ude00', '\n', ' ', '\u0000', '\uffff'];
    const builder = new Utf8Builder(8);
    const expected: Buffer[] = [];
    for (const text of randomTexts(5, 500, 20, pieces)) {
      builder.append(text);
      expected.push(Buffer.from(text, 'utf8'));
    }
    assert.deepEqual(Buffer.from(builder.take()), Buffer.concat(expected));
  });
});
