/**
 * How corpus search reads a text, in step with the two full-text indexes SQLite keeps (migrations 0002 and
 * 0008), so that the hits shown are the ones the index matched and their places are exact code points:
 *
 * - Words, as FTS5's `unicode61 remove_diacritics 2` tokenizer cuts and folds them: a word is a run of letters,
 *   digits and private-use characters (Unicode L*, N*, Co) in which the combining diacritical marks U+0300–U+036F
 *   are kept and dropped; case is folded, and Latin letters lose their diacritics ("Zelenskýy" is "zelenskyy").
 *   Other marks (Arabic harakat) end a word, as they do in SQLite.
 * - Text in scripts written without spaces between words (Han, kana), which unicode61 leaves as whole runs:
 *   those are searched as substrings of the folded text, as the trigram index (0008) does.
 */

/** Combining diacritical marks (U+0300–U+036F): part of a word, dropped from it. */
const DIACRITIC = /[\u0300-\u036f]/u;
/**
 * SQLite's tables are of an older Unicode, in which what was not yet assigned counts as part of a word: of those,
 * the ones news text holds are the bidirectional marks written inside Arabic and Hebrew words (U+061C, U+2066–U+2069),
 * kept in words here too. (Emoji and letters added since, glued to a word, are known to differ, as are the
 * Latin letters with two marks SQLite keeps, such as ǡ.)
 */
const WORD_CHARACTER = /[\p{L}\p{N}\p{Co}\u0300-\u036f\u061c\u2066-\u2069]/u;
const LATIN = /\p{Script=Latin}/u;
const DIACRITICS = /[\u0300-\u036f]/gu;

/**
 * Han ideographs, radicals and marks, hiragana and katakana: the characters of scripts written without spaces, as
 * ranges of code points. The GLOB class of migration 0008, which decides what the trigram index holds, lists them.
 */
export const UNSPACED_SCRIPT_RANGES: readonly [number, number][] = [
  [0x2e80, 0x2fdf],
  [0x3005, 0x3007],
  [0x3021, 0x3029],
  [0x3040, 0x30ff],
  [0x31f0, 0x31ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xf900, 0xfaff],
  [0xff66, 0xff9f],
  [0x20000, 0x323af],
];

/** Whether `text` holds a character of a script written without spaces (UNSPACED_SCRIPT_RANGES). */
export function inUnspacedScript(text: string): boolean {
  for (const character of text) {
    const code = character.codePointAt(0)!;
    if (code >= 0x2e80 && UNSPACED_SCRIPT_RANGES.some(([first, last]) => code >= first && code <= last)) return true;
  }
  return false;
}

const folds = new Map<string, string>();

/** One code point as both indexes compare it: lower case, and a Latin letter without its diacritics. */
export function foldCodePoint(character: string): string {
  const code = character.codePointAt(0)!;
  if (code < 0x80) return code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 32) : character;
  let folded = folds.get(character);
  if (folded === undefined) {
    if (DIACRITIC.test(character)) folded = '';
    else {
      // Case folded as SQLite folds it: ſ is s, ς is σ, µ is μ (upper case, then lower), but ß stays ß and the
      // dotless ı stays itself.
      const upper = character.toUpperCase();
      folded = (upper.length === character.length && character !== 'ı' ? upper : character).toLowerCase();
      // A Latin letter loses its marks when it is an ASCII letter with marks (é, ǖ), not when its base is another
      // letter (ǣ is æ with a macron), as SQLite's table of diacritics has it; other scripts keep theirs (й, ё).
      // "İ" lowers to "i" with a combining dot, which the tokenizer drops.
      const decomposed = folded.normalize('NFD');
      if (LATIN.test(character) && /^[a-z]/u.test(decomposed)) folded = decomposed.replace(DIACRITICS, '').normalize('NFC');
    }
    folds.set(character, folded);
  }
  return folded;
}

function isWordCharacter(character: string): boolean {
  const code = character.codePointAt(0)!;
  if (code < 0x80) return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
  return WORD_CHARACTER.test(character);
}

/** A word of a text: its folded form and where it is, in code points (end-exclusive). */
export interface Word {
  term: string;
  start: number;
  end: number;
}

/**
 * A text read for search: its words, and its folded form with, for each UTF-16 unit of that, the code point of the
 * text it came from (so a substring found in the folded form maps back to exact code points).
 */
export class SearchText {
  readonly words: Word[] = [];
  /** The text's code points. */
  readonly points: string[] = [];
  private readonly folded: string;
  private readonly origins: number[];

  constructor(text: string) {
    const parts: string[] = [];
    const origins: number[] = [];
    let point = 0;
    let term = '';
    let termStart = -1;
    for (const character of text) {
      const folded = foldCodePoint(character);
      this.points.push(character);
      parts.push(folded);
      for (let unit = 0; unit < folded.length; unit++) origins.push(point);
      if (isWordCharacter(character)) {
        if (termStart < 0) termStart = point;
        term += folded;
      } else if (termStart >= 0) {
        if (term) this.words.push({ term, start: termStart, end: point });
        term = '';
        termStart = -1;
      }
      point++;
    }
    if (termStart >= 0 && term) this.words.push({ term, start: termStart, end: point });
    this.folded = parts.join('');
    this.origins = origins;
  }

  /**
   * Where the words `terms` follow one another (a phrase; one term is a word), the last one only beginning with
   * its term when `prefix` is set: as [start, end) code point ranges.
   */
  phrase(terms: readonly string[], prefix: boolean): [number, number][] {
    const found: [number, number][] = [];
    const last = terms.length - 1;
    for (let first = 0; first + last < this.words.length; first++) {
      let matches = true;
      for (let index = 0; index <= last && matches; index++) {
        const word = this.words[first + index]!.term;
        const term = terms[index]!;
        matches = index === last && prefix ? word.startsWith(term) : word === term;
      }
      if (matches) found.push([this.words[first]!.start, this.words[first + last]!.end]);
    }
    return found;
  }

  /** Where the folded `needle` occurs in the folded text, as [start, end) code point ranges, not overlapping. */
  substring(needle: string): [number, number][] {
    const found: [number, number][] = [];
    if (needle.length === 0) return found;
    for (let at = this.folded.indexOf(needle); at >= 0; at = this.folded.indexOf(needle, at + needle.length)) {
      found.push([this.origins[at]!, this.origins[at + needle.length - 1]! + 1]);
    }
    return found;
  }
}

/** `text` folded as a whole (for a substring to look for). */
export function foldText(text: string): string {
  let folded = '';
  for (const character of text) folded += foldCodePoint(character);
  return folded;
}

/**
 * The words of `text` (a query's word or phrase): each folded, and as written (which is what SQLite is given, to
 * fold in its own way). A word of nothing but combining marks folds to nothing and is left out.
 */
export function wordsOf(text: string): { term: string; source: string }[] {
  const words: { term: string; source: string }[] = [];
  let term = '';
  let source = '';
  for (const character of text) {
    if (isWordCharacter(character)) {
      term += foldCodePoint(character);
      source += character;
    } else if (source) {
      if (term) words.push({ term, source });
      term = source = '';
    }
  }
  if (term) words.push({ term, source });
  return words;
}
