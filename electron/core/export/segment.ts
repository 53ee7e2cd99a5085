/**
 * Unicode text segmentation (UAX #29) in plain JavaScript for the characters most texts are made of, giving
 * exactly the sentences and words that `Intl.Segmenter` (ICU) gives, several times faster: ICU's iterators
 * cost about a microsecond a segment through V8, which made them most of a CoNLL export.
 *
 * Only characters whose sentence and word break properties are tabulated below take the fast path: ASCII,
 * Latin-1 and the common typographic punctuation (curly quotes, dashes, the ellipsis). A paragraph (for
 * sentences) or a run of non-space characters (for words) holding any other character is segmented by ICU, as
 * are all texts in languages whose segmentation ICU tailors. `segment.test.ts` checks both paths against ICU
 * on real texts and on random ones, so a change of ICU's rules in a new Node shows up there.
 */

/** Sentence_Break values (UAX #29, table 4); 0 marks a character without a tabulated value. */
const enum SB {
  Unknown = 0,
  Other,
  CR,
  LF,
  Sp,
  Lower,
  Upper,
  Numeric,
  ATerm,
  STerm,
  Close,
  SContinue,
  Format,
}

/** Word_Break values (UAX #29, table 3) that occur in the tabulated characters; 0 marks the others. */
const enum WB {
  Unknown = 0,
  Other,
  ALetter,
  Numeric,
  MidLetter,
  MidNumLet,
  MidNum,
  SingleQuote,
  DoubleQuote,
  ExtendNumLet,
  Format,
  /** White space: it ends a run, never reaching the rules. */
  Space,
}

/**
 * The tabulated characters besides ASCII and Latin-1: dashes, quotation marks, bullets, the ellipsis, primes,
 * angle quotation marks, the euro sign. Everything else (other scripts, emoji, format characters other than
 * the soft hyphen, line and paragraph separators) is left to ICU.
 */
const PUNCTUATION: [number, number][] = [[0x2010, 0x2022], [0x2026, 0x2026], [0x2030, 0x2030], [0x2032, 0x2033], [0x2039, 0x203a], [0x20ac, 0x20ac]];
/** Characters below this code have table entries (Unknown for those not tabulated). */
const TABLE_SIZE = 0x20b0;
const SENTENCE = new Uint8Array(TABLE_SIZE);
const WORD = new Uint8Array(TABLE_SIZE);

function set(table: Uint8Array, value: number, ...ranges: (number | [number, number])[]): void {
  for (const range of ranges) {
    const [from, to] = typeof range === 'number' ? [range, range] : range;
    for (let code = from; code <= to; code++) table[code] = value;
  }
}

// Sentence_Break. Everything tabulated starts as Other, then the classes that matter are set.
set(SENTENCE, SB.Other, [0x20, 0x7e], [0xa0, 0xff], ...PUNCTUATION);
set(SENTENCE, SB.Sp, 0x09, 0x0b, 0x0c, 0x20, 0xa0);
set(SENTENCE, SB.LF, 0x0a);
set(SENTENCE, SB.CR, 0x0d);
set(SENTENCE, SB.Lower, [0x61, 0x7a], 0xaa, 0xb5, 0xba, [0xdf, 0xf6], [0xf8, 0xff]);
set(SENTENCE, SB.Upper, [0x41, 0x5a], [0xc0, 0xd6], [0xd8, 0xde]);
set(SENTENCE, SB.Numeric, [0x30, 0x39]);
set(SENTENCE, SB.ATerm, 0x2e);
set(SENTENCE, SB.STerm, 0x21, 0x3f);
// Opening and closing punctuation and quotation marks.
set(SENTENCE, SB.Close, 0x22, 0x27, 0x28, 0x29, 0x5b, 0x5d, 0x7b, 0x7d, 0xab, 0xbb, [0x2018, 0x201f], [0x2039, 0x203a]);
set(SENTENCE, SB.SContinue, 0x2c, 0x2d, 0x3a, 0x3b, 0x2013, 0x2014);
set(SENTENCE, SB.Format, 0xad);

// Word_Break, for the characters of runs without white space (white space ends a run).
set(WORD, WB.Space, [0x09, 0x0d], 0x20, 0xa0);
set(WORD, WB.Other, [0x21, 0x7e], [0xa1, 0xff], ...PUNCTUATION);
set(WORD, WB.ALetter, [0x41, 0x5a], [0x61, 0x7a], 0xaa, 0xb5, 0xb8, 0xba, [0xc0, 0xd6], [0xd8, 0xf6], [0xf8, 0xff]);
set(WORD, WB.Numeric, [0x30, 0x39]);
set(WORD, WB.MidLetter, 0x3a, 0xb7);
set(WORD, WB.MidNumLet, 0x2e, 0x2018, 0x2019);
set(WORD, WB.MidNum, 0x2c, 0x3b);
set(WORD, WB.SingleQuote, 0x27);
set(WORD, WB.DoubleQuote, 0x22);
set(WORD, WB.ExtendNumLet, 0x5f);
set(WORD, WB.Format, 0xad);

const hex = (code: number) => `\\u${code.toString(16).padStart(4, '0')}`;
/**
 * A character that is not tabulated. White space aside (it has sentence break values but never reaches the
 * word segmenter), the same characters have sentence and word break values.
 */
// eslint-disable-next-line security/detect-non-literal-regexp -- built from the constant table above
const UNTABULATED = new RegExp(`[^\\t-\\r -~\\u00a0-\\u00ff${PUNCTUATION.map(([from, to]) => `${hex(from)}-${hex(to)}`).join('')}]`, 'g');

/** Offsets of the characters of `text` that are not tabulated, ascending (for most texts, none). */
export function untabulatedPositions(text: string): number[] {
  const positions: number[] = [];
  UNTABULATED.lastIndex = 0;
  for (let match = UNTABULATED.exec(text); match; match = UNTABULATED.exec(text)) positions.push(match.index);
  return positions;
}
/** Sentence terminators and paragraph separators among the tabulated characters. */
const TERMINATOR_OR_SEPARATOR = /[.!?\n\r]/g;

/**
 * The UTF-16 offsets where sentences start in `text`, after the first (which starts at 0), as `segmenter`
 * (a sentence Intl.Segmenter) finds them. `fast` allows the tabulated rules, for segmenters whose locale ICU
 * does not tailor. A paragraph separator always ends a sentence (SB4) and no rule looks back across one, so a
 * paragraph with characters that are not tabulated is left to ICU on its own, and the others take the rules.
 */
export function sentenceStarts(text: string, segmenter: Intl.Segmenter, fast: boolean, untabulated: readonly number[]): number[] {
  const starts: number[] = [];
  if (!fast) {
    for (const { index } of segmenter.segment(text)) if (index > 0) starts.push(index);
    return starts;
  }
  if (untabulated.length === 0) {
    tabulatedBreaks(text, 0, text.length, starts);
    return starts;
  }
  let next = 0;
  for (let paragraph = 0; paragraph < text.length; ) {
    let end = paragraph;
    // A paragraph runs to just after its LF, CR, CRLF, NEL, LS or PS (or to the end of the text).
    for (; end < text.length; end++) {
      const code = text.charCodeAt(end);
      if (code === 0x0a || code === 0x0d || code === 0x85 || code === 0x2028 || code === 0x2029) {
        end += code === 0x0d && text.charCodeAt(end + 1) === 0x0a ? 2 : 1;
        break;
      }
    }
    while (next < untabulated.length && untabulated[next]! < paragraph) next++;
    if (next === untabulated.length || untabulated[next]! >= end) {
      tabulatedBreaks(text, paragraph, end, starts);
    } else {
      for (const { index } of segmenter.segment(text.slice(paragraph, end))) if (index > 0) starts.push(paragraph + index);
      if (end < text.length) starts.push(end);
    }
    paragraph = end;
  }
  return starts;
}

const sentenceClass = (text: string, at: number) => SENTENCE[text.charCodeAt(at)]!;

/**
 * Sentence boundaries in `text[from, to)`, all of whose characters are tabulated, by the rules of UAX #29: a
 * boundary after each paragraph separator (SB3, SB4, unless at the end of the text), and where the rules
 * SB5–SB11 break after a terminator (SB998 keeps everything else together). Every such break follows
 * SATerm Close* Sp*, so only the terminators need looking at.
 */
function tabulatedBreaks(text: string, from: number, to: number, starts: number[]): void {
  TERMINATOR_OR_SEPARATOR.lastIndex = from;
  for (let match = TERMINATOR_OR_SEPARATOR.exec(text); match && match.index < to; match = TERMINATOR_OR_SEPARATOR.exec(text)) {
    const at = match.index;
    const code = text.charCodeAt(at);
    if (code === 0x0a || code === 0x0d) {
      // SB3: CR × LF; SB4: ParaSep ÷
      if ((code === 0x0a || text.charCodeAt(at + 1) !== 0x0a) && at + 1 < text.length) starts.push(at + 1);
      continue;
    }
    const boundary = breakAfterTerminator(text, at, from, to);
    if (boundary >= 0) starts.push(boundary);
  }
}

/** Skips the Format characters from `at` on (SB5: they belong to the character before them). */
function skipFormat(text: string, at: number, to: number): number {
  while (at < to && sentenceClass(text, at) === SB.Format) at++;
  return at;
}

/**
 * Where the sentence ending in the terminator at `term` ends: after the terminator, its closing punctuation
 * and spaces (SB9, SB10), unless a rule keeps the sentence going; -1 when it goes on or the paragraph ends.
 */
function breakAfterTerminator(text: string, term: number, from: number, to: number): number {
  const aTerm = sentenceClass(text, term) === SB.ATerm;
  let at = skipFormat(text, term + 1, to);
  if (at >= to) return -1;
  let next = sentenceClass(text, at);
  if (aTerm) {
    // SB6: ATerm × Numeric. SB7: (Upper | Lower) ATerm × Upper.
    if (next === SB.Numeric) return -1;
    if (next === SB.Upper) {
      let before = term - 1;
      while (before > from && sentenceClass(text, before) === SB.Format) before--;
      const kind = before >= from ? sentenceClass(text, before) : SB.Unknown;
      if (kind === SB.Upper || kind === SB.Lower) return -1;
    }
  }
  while (next === SB.Close && at < to) {
    at = skipFormat(text, at + 1, to);
    next = at < to ? sentenceClass(text, at) : SB.Unknown;
  }
  while (next === SB.Sp && at < to) {
    at = skipFormat(text, at + 1, to);
    next = at < to ? sentenceClass(text, at) : SB.Unknown;
  }
  // SB9, SB10: no break before a paragraph separator; the paragraph's end is a boundary of its own.
  if (at >= to || next === SB.LF || next === SB.CR) return -1;
  // SB8: ATerm Close* Sp* × ( ¬(OLetter | Upper | Lower | ParaSep | SATerm) )* Lower
  if (aTerm) {
    let ahead = at;
    let kind = next;
    while (kind !== SB.Upper && kind !== SB.Lower && kind !== SB.LF && kind !== SB.CR && kind !== SB.ATerm && kind !== SB.STerm && ++ahead < to) {
      kind = sentenceClass(text, ahead);
    }
    if (ahead < to && kind === SB.Lower) return -1;
  }
  // SB8a: SATerm Close* Sp* × (SContinue | SATerm); SB11: SATerm Close* Sp* ParaSep? ÷
  if (next === SB.SContinue || next === SB.ATerm || next === SB.STerm) return -1;
  return at;
}

const isLetterOrDigit = (value: number) => value === WB.ALetter || value === WB.Numeric;
const isMidLetter = (value: number) => value === WB.MidLetter || value === WB.MidNumLet || value === WB.SingleQuote;
const isMidNum = (value: number) => value === WB.MidNum || value === WB.MidNumLet || value === WB.SingleQuote;

/**
 * The word segments of the run of non-space characters that starts at `from` (and ends at the next white
 * space, or at `limit`), by the rules of UAX #29 (WB4–WB13b, WB999), as ICU would segment the run on its own.
 * Gives `sink` each segment's UTF-16 range and whether ICU calls it word-like: it holds a letter or digit, or
 * is several characters joined by the rules, except (an ICU quirk) when it ends in `_` followed by format
 * characters. Returns where the run ends; or, when it holds a character that is not tabulated, `~end` (a
 * negative number), and the segments given so far are not to be used.
 */
export function runWords(text: string, from: number, limit: number, sink: SegmentSink): number {
  let start = from;
  // The class of the segment's first character; of the last two characters that are not Format (WB4); and
  // whether Format characters followed the last one.
  let first = wordClass(text.charCodeAt(from));
  if (first === WB.Unknown) return ~runEnd(text, from, limit);
  let previous = first;
  let beforePrevious = WB.Unknown as number;
  let joined = false;
  let trailingFormat = false;
  // WB4 does not apply at the start of the text: a Format character there is a segment of its own, with the
  // Format characters after it.
  let at = from + 1;
  for (; at < limit; at++) {
    const code = text.charCodeAt(at);
    const current = wordClass(code);
    if (current === WB.Space) break;
    if (current === WB.Unknown) {
      if (isSpace(code)) break;
      return ~runEnd(text, at, limit);
    }
    if (current === WB.Format) {
      trailingFormat = true;
      continue;
    }
    if (!keepTogether(text, at, limit, beforePrevious, previous, current)) {
      sink.segment(start, at, (joined || isLetterOrDigit(first)) && !(trailingFormat && previous === WB.ExtendNumLet));
      start = at;
      first = current;
      joined = false;
    } else {
      joined = true;
    }
    trailingFormat = false;
    beforePrevious = previous;
    previous = current;
  }
  sink.segment(start, at, (joined || isLetterOrDigit(first)) && !(trailingFormat && previous === WB.ExtendNumLet));
  return at;
}

const wordClass = (code: number): number => (code < TABLE_SIZE ? WORD[code]! : WB.Unknown);

/** Where the run of non-space characters that `at` is in ends (at the next white space, or at `limit`). */
export function runEnd(text: string, at: number, limit: number): number {
  while (at < limit && !isSpace(text.charCodeAt(at))) at++;
  return at;
}

/** The characters JavaScript's `\s` matches (and `\S+` runs exclude). */
export function isSpace(code: number): boolean {
  if (code < 0x80) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** Where `runWords` puts the segments it finds. */
export interface SegmentSink {
  segment(start: number, end: number, wordLike: boolean): void;
}

function keepTogether(text: string, at: number, to: number, beforePrevious: number, previous: number, current: number): boolean {
  if (previous === WB.ALetter) {
    if (current === WB.ALetter || current === WB.Numeric || current === WB.ExtendNumLet) return true; // WB5, WB9, WB13a
    if (isMidLetter(current)) return nextClass(text, at, to) === WB.ALetter; // WB6
    return false;
  }
  if (previous === WB.Numeric) {
    if (current === WB.Numeric || current === WB.ALetter || current === WB.ExtendNumLet) return true; // WB8, WB10, WB13a
    if (isMidNum(current)) return nextClass(text, at, to) === WB.Numeric; // WB12
    return false;
  }
  if (previous === WB.ExtendNumLet) return current === WB.ALetter || current === WB.Numeric || current === WB.ExtendNumLet; // WB13a, WB13b
  if (current === WB.ALetter && isMidLetter(previous) && beforePrevious === WB.ALetter) return true; // WB7
  if (current === WB.Numeric && isMidNum(previous) && beforePrevious === WB.Numeric) return true; // WB11
  return false;
}

/** The class of the first character after `at` that is not Format, or Unknown at the end of the run. */
function nextClass(text: string, at: number, to: number): number {
  for (let next = at + 1; next < to; next++) {
    const value = wordClass(text.charCodeAt(next));
    if (value !== WB.Format) return value;
  }
  return WB.Unknown;
}
