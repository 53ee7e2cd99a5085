/**
 * Sentences and tokens for token-based formats (CoNLL), from the Unicode segmentation rules (UAX #29) as
 * `Intl.Segmenter` implements them with ICU, so scripts without spaces (Chinese, Thai) are split by dictionary.
 * A few adjustments make the tokens those of CoNLL-2003 and the Penn Treebank: a hyphen inside a word joins it
 * ("AL-AIN", "1996-12-06", "e-mail" stay one token); in English an abbreviation keeps its full stop ("Sen.",
 * "U.S.") and a sentence does not end after a title such as "Mr." or "Sen.", which UAX #29 alone cannot know.
 */
import { OffsetIndex } from '../../shared/offsets.ts';
import { isSpace, runEnd, runWords, sentenceStarts, untabulatedPositions, type SegmentSink } from './segment.ts';

export interface Token {
  /** Code point offsets into the document's text, end-exclusive. */
  start: number;
  end: number;
  text: string;
}

export interface Sentence {
  start: number;
  end: number;
  tokens: Token[];
}

/** Abbreviations after which an English sentence goes on (titles, mostly, which news texts are full of). */
const ENGLISH_TITLES = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'sen', 'rep', 'gov', 'gen', 'lt', 'col', 'sgt', 'capt', 'cmdr', 'adm', 'maj',
  'pres', 'rev', 'hon', 'st', 'mt', 'ft', 'no', 'vs', 'jan', 'feb', 'aug', 'sept', 'oct', 'nov', 'dec',
]);

const HYPHENS = new Set(['-', '\u2010', '\u2011']);

/**
 * Segments that are not tokens: formatting characters on their own (RLM, ZWSP, ...), and combining marks
 * that follow a space (which UAX #29 would count with the space).
 */
const NOT_A_TOKEN = /^[\s\p{Cf}\p{M}]*$/u;
/**
 * A run that UAX #29 splits the same way whatever the locale: ASCII letters and digits, with ASCII punctuation
 * (not `_`, which joins words) only at its ends. Punctuation between letters (`U.S.`, `AL-AIN`) is left to ICU.
 */
const ASCII_RUN = /^([!-/:-@[-^`{-~]*)([A-Za-z0-9]*)([!-/:-@[-^`{-~]*)$/;
const FORMAT_AT_START = /^\p{Cf}*/u;
const FORMAT_AT_END = /\p{Cf}*$/u;
/** U+00AD SOFT HYPHEN, the first character of category Cf. */
const FIRST_FORMAT_CHARACTER = 0xad;

interface Segmenters {
  sentence: Intl.Segmenter;
  word: Intl.Segmenter;
  english: boolean;
  /** ICU segments this locale by the untailored rules, which `segment.ts` implements for common characters. */
  untailored: boolean;
}

/**
 * Languages (with an optional region) whose sentences and words ICU segments by the root rules, as checked in
 * `segment.test.ts`. Others (Greek's `;` ends a sentence, say) are always left to ICU.
 */
const UNTAILORED_LANGUAGES = new Set(['en', 'de', 'fr', 'es', 'it', 'pt', 'nl', 'und']);

function isUntailored(locale: string): boolean {
  const [language = '', region, ...rest] = locale.toLowerCase().split('-');
  return UNTAILORED_LANGUAGES.has(language) && rest.length === 0 && (region === undefined || /^[a-z]{2}$/.test(region));
}

const segmenters = new Map<string, Segmenters>();

function segmentersFor(language: string | null): Segmenters {
  const requested = language?.trim() || 'en';
  const cached = segmenters.get(requested);
  if (cached) return cached;
  let locale = requested;
  try {
    Intl.getCanonicalLocales(requested);
  } catch {
    // A language field that is not a BCP 47 tag (free text from an import) falls back to the root rules.
    locale = 'und';
  }
  const made = {
    sentence: new Intl.Segmenter(locale, { granularity: 'sentence' }),
    word: new Intl.Segmenter(locale, { granularity: 'word' }),
    english: /^en\b/i.test(locale),
    untailored: isUntailored(locale),
  };
  segmenters.set(requested, made);
  return made;
}

/**
 * The tokens of a text in order, as parallel arrays (a document has thousands: one object each would cost
 * more than finding them), and its sentences as ranges of token positions.
 */
export interface TokenList {
  /** Code point offsets into the text, end-exclusive. */
  starts: number[];
  ends: number[];
  /**
   * The same in UTF-16 units (the same arrays when the text has no character outside the BMP). A token's text,
   * `text.slice(unitStart, unitEnd)`, is never empty and never holds white space.
   */
  unitStarts: number[];
  unitEnds: number[];
  /** Sentences that have tokens: code point range, and positions of their first and after their last token. */
  sentences: { start: number; end: number; first: number; last: number }[];
}

export interface TokenizeOptions {
  /** Segment everything with ICU, never with `segment.ts` (to check that both agree). */
  icuOnly?: boolean;
}

/**
 * Splits `text` into sentences of tokens. A sentence boundary is dropped where `crossesSpan(boundary)` (a code
 * point offset) says an annotation runs across it: a span split over two sentences could not be tagged.
 */
export function tokenize(text: string, language: string | null, crossesSpan: (boundary: number) => boolean = () => false, options: TokenizeOptions = {}): Sentence[] {
  const list = tokenList(text, language, crossesSpan, options);
  return list.sentences.map(({ start, end, first, last }) => {
    const tokens: Token[] = [];
    for (let position = first; position < last; position++) {
      tokens.push({ start: list.starts[position]!, end: list.ends[position]!, text: text.slice(list.unitStarts[position], list.unitEnds[position]) });
    }
    return { start, end, tokens };
  });
}

/** `tokenize`, as a TokenList. */
export function tokenList(text: string, language: string | null, crossesSpan: (boundary: number) => boolean = () => false, options: TokenizeOptions = {}): TokenList {
  const { sentence, word, english, untailored } = segmentersFor(language);
  const fast = untailored && options.icuOnly !== true;
  // Code point offsets differ from UTF-16 ones only after a character outside the BMP (a surrogate pair).
  const index = SURROGATE.test(text) ? new OffsetIndex(text) : null;
  const identity = index === null || index.isIdentity;
  const toCodePoint = identity ? (unit: number) => unit : (unit: number) => index.toCodePoint(unit);
  const untabulated = fast ? untabulatedPositions(text) : [];

  // Sentence ranges in UTF-16 units, merged where a title abbreviation or an annotation spans the boundary.
  const ranges: number[] = [];
  if (text.length > 0) {
    ranges.push(0, 0);
    let start = 0;
    for (const next of [...sentenceStarts(text, sentence, fast, untabulated), text.length]) {
      const last = ranges.length - 2;
      if (start > 0 && (crossesSpan(toCodePoint(start)) || (english && endsWithTitle(text, ranges[last]!, ranges[last + 1]!)))) {
        ranges[last + 1] = next;
      } else if (start === 0) {
        ranges[1] = next;
      } else {
        ranges.push(start, next);
      }
      start = next;
    }
  }

  // UAX #29 never joins a word across white space, so each run of non-space characters is segmented on its
  // own: by `segment.ts` when its characters allow, else by ICU (but for runs of ASCII letters and digits with
  // punctuation at their ends, which every locale splits the same way).
  const unitStarts: number[] = [];
  const unitEnds: number[] = [];
  const list: TokenList = identity
    ? { starts: unitStarts, ends: unitEnds, unitStarts, unitEnds, sentences: [] }
    : { starts: [], ends: [], unitStarts, unitEnds, sentences: [] };
  const raw = new RawTokens(text);
  for (let range = 0; range < ranges.length; range += 2) {
    const end = ranges[range + 1]!;
    raw.length = 0;
    for (let at = ranges[range]!; at < end; ) {
      if (isSpace(text.charCodeAt(at))) {
        at++;
        continue;
      }
      if (fast) {
        const before = raw.length;
        const runEnds = runWords(text, at, end, raw);
        if (runEnds >= 0) {
          at = runEnds;
          continue;
        }
        // The run has a character segment.ts does not know: ICU segments it instead.
        raw.length = before;
        icuWords(text, at, ~runEnds, null, word, raw);
        at = ~runEnds;
      } else {
        const runStart = at;
        at = runEnd(text, at, end);
        icuWords(text, runStart, at, ASCII_RUN, word, raw);
      }
    }
    const first = unitStarts.length;
    joinTokens(text, raw, english, unitStarts, unitEnds);
    if (unitStarts.length > first) list.sentences.push({ start: toCodePoint(ranges[range]!), end: toCodePoint(end), first, last: unitStarts.length });
  }
  if (!identity) {
    for (let position = 0; position < unitStarts.length; position++) {
      list.starts.push(toCodePoint(unitStarts[position]!));
      list.ends.push(toCodePoint(unitEnds[position]!));
    }
  }
  return list;
}

const SOFT_HYPHEN = 0xad;
const SURROGATE = /[\ud800-\udfff]/;

/** Tokens of one sentence before joining, in UTF-16 offsets; reused from sentence to sentence. */
class RawTokens implements SegmentSink {
  starts = new Int32Array(256);
  ends = new Int32Array(256);
  wordLike = new Uint8Array(256);
  length = 0;

  constructor(private readonly text: string) {}

  push(start: number, end: number, wordLike: boolean): void {
    if (this.length === this.starts.length) {
      const grow = <T extends Int32Array | Uint8Array>(array: T): T => {
        const grown = new (array.constructor as new (length: number) => T)(array.length * 2);
        grown.set(array);
        return grown;
      };
      this.starts = grow(this.starts);
      this.ends = grow(this.ends);
      this.wordLike = grow(this.wordLike);
    }
    this.starts[this.length] = start;
    this.ends[this.length] = end;
    this.wordLike[this.length++] = wordLike ? 1 : 0;
  }

  /** A segment from `runWords`, whose only format character is U+00AD SOFT HYPHEN (and which has no marks or spaces). */
  segment(start: number, end: number, wordLike: boolean): void {
    const text = this.text;
    let first = start;
    let last = end;
    while (first < last && text.charCodeAt(first) === SOFT_HYPHEN) first++;
    if (first === last && !wordLike) return;
    while (last > first && text.charCodeAt(last - 1) === SOFT_HYPHEN) last--;
    this.push(first, last, wordLike);
  }
}

/** The word segments of the run `text[from, to)` by ICU (or by `asciiRun`'s shape, which ICU splits alike). */
function icuWords(text: string, from: number, to: number, asciiRun: RegExp | null, word: Intl.Segmenter, raw: RawTokens): void {
  const run = text.slice(from, to);
  const ascii = asciiRun?.exec(run);
  if (ascii) {
    // UAX #29 on such a run: each punctuation character at either end is a segment, the middle one word.
    const [, before = '', middle = '', after = ''] = ascii;
    let at = from;
    for (let n = 0; n < before.length; n++, at++) raw.push(at, at + 1, false);
    if (middle) raw.push(at, (at += middle.length), true);
    for (let n = 0; n < after.length; n++, at++) raw.push(at, at + 1, false);
    return;
  }
  for (const { segment, index: at, isWordLike } of word.segment(run)) {
    if (!isWordLike && NOT_A_TOKEN.test(segment)) continue;
    // UAX #29 attaches format characters (a right-to-left mark after «», say) to the word before them;
    // they are not part of what anyone annotates, so a token ends before them.
    const leading = segment.charCodeAt(0) < FIRST_FORMAT_CHARACTER ? 0 : FORMAT_AT_START.exec(segment)![0].length;
    const trailing = segment.charCodeAt(segment.length - 1) < FIRST_FORMAT_CHARACTER ? 0 : FORMAT_AT_END.exec(segment)![0].length;
    raw.push(from + at + leading, from + at + segment.length - trailing, isWordLike ?? false);
  }
}

/**
 * Joins what CoNLL-2003 and the Penn Treebank keep as one token: "word", "-", "word" with nothing between them
 * (chains such as "1996-12-06" join whole), and in English an abbreviation with its full stop ("Sen.", "U.S.").
 * Appends the UTF-16 range of each joined token to `starts` and `ends`; a token's text is that range of the text.
 */
function joinTokens(text: string, raw: RawTokens, english: boolean, starts: number[], ends: number[]): void {
  const { starts: rawStarts, ends: rawEnds, wordLike, length } = raw;
  // The joined token not yet appended, which the next raw tokens may still extend.
  let start = -1;
  let end = -1;
  let isWord = false;
  for (let i = 0; i < length; i++) {
    const from = rawStarts[i]!;
    const to = rawEnds[i]!;
    const next = i + 1 < length ? i + 1 : -1;
    if (start >= 0 && isWord && next >= 0 && wordLike[next] === 1 && to - from === 1 && HYPHENS.has(text[from]!) && end === from && to === rawStarts[next]) {
      end = rawEnds[next]!;
      i++;
    } else if (english && start >= 0 && isWord && to - from === 1 && text.charCodeAt(from) === 0x2e && end === from && isAbbreviation(text.slice(start, end))) {
      end = to;
    } else {
      if (start >= 0) {
        starts.push(start);
        ends.push(end);
      }
      start = from;
      end = to;
      isWord = wordLike[i] === 1;
    }
  }
  if (start >= 0) {
    starts.push(start);
    ends.push(end);
  }
}

/** A title ("Sen") or a word with inner full stops ("U.S", "e.g") that its own full stop belongs to. */
function isAbbreviation(word: string): boolean {
  return (/^[A-Z][a-z]{0,4}$/.test(word) && ENGLISH_TITLES.has(word.toLowerCase())) || /^(?:\p{L}\.)+\p{L}$/u.test(word);
}

const isUpperAscii = (code: number) => code >= 0x41 && code <= 0x5a;
const isLowerAscii = (code: number) => code >= 0x61 && code <= 0x7a;

/**
 * True when the sentence `text[from, to)` ends with a title abbreviation ("... said Sen. "), so the next one
 * continues it: what `/(?:^|[\s(“"‘'])([A-Z][a-z]{0,4})\.\s*$/` finds, read from the end. Titles are
 * capitalised: "Sen." continues a sentence, "... he said no." ends one.
 */
export function endsWithTitle(text: string, from: number, to: number): boolean {
  let end = to;
  while (end > from && isSpace(text.charCodeAt(end - 1))) end--;
  if (end === from || text.charCodeAt(end - 1) !== 0x2e) return false;
  let capital = end - 1;
  while (capital > from && isLowerAscii(text.charCodeAt(capital - 1))) capital--;
  capital--;
  if (capital < from || end - 1 - capital > 5 || !isUpperAscii(text.charCodeAt(capital))) return false;
  if (capital > from) {
    const before = text.charCodeAt(capital - 1);
    if (!isSpace(before) && before !== 0x28 && before !== 0x201c && before !== 0x22 && before !== 0x2018 && before !== 0x27) return false;
  }
  return ENGLISH_TITLES.has(text.slice(capital, end - 1).toLowerCase());
}
