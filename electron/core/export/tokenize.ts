/**
 * Sentences and tokens for token-based formats (CoNLL), from the Unicode segmentation rules (UAX #29) as
 * `Intl.Segmenter` implements them with ICU, so scripts without spaces (Chinese, Thai) are split by dictionary.
 * A few adjustments make the tokens those of CoNLL-2003 and the Penn Treebank: a hyphen inside a word joins it
 * ("AL-AIN", "1996-12-06", "e-mail" stay one token); in English an abbreviation keeps its full stop ("Sen.",
 * "U.S.") and a sentence does not end after a title such as "Mr." or "Sen.", which UAX #29 alone cannot know.
 */
import { OffsetIndex } from '../../shared/offsets.ts';

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
const NON_SPACE = /\S+/g;
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
  };
  segmenters.set(requested, made);
  return made;
}

interface RawToken {
  /** UTF-16 offsets. */
  start: number;
  end: number;
  text: string;
  wordLike: boolean;
}

/**
 * Splits `text` into sentences of tokens. A sentence boundary is dropped where `crossesSpan(boundary)` (a code
 * point offset) says an annotation runs across it: a span split over two sentences could not be tagged.
 */
export function tokenize(text: string, language: string | null, crossesSpan: (boundary: number) => boolean = () => false): Sentence[] {
  const { sentence, word, english } = segmentersFor(language);
  const index = new OffsetIndex(text);
  const toCodePoint = index.isIdentity ? (unit: number) => unit : (unit: number) => index.toCodePoint(unit);

  // Sentence ranges in UTF-16 units, merged where a title abbreviation or an annotation spans the boundary.
  const ranges: [number, number][] = [];
  for (const part of sentence.segment(text)) {
    const start = part.index;
    const end = start + part.segment.length;
    const previous = ranges[ranges.length - 1];
    if (previous && (crossesSpan(toCodePoint(start)) || (english && endsWithTitle(text.slice(previous[0], previous[1]))))) {
      previous[1] = end;
    } else {
      ranges.push([start, end]);
    }
  }

  // UAX #29 never joins a word across white space, so each run of non-space characters is segmented on its
  // own. Runs of ASCII letters and digits with punctuation at their ends, most runs of most texts, are split
  // here as UAX #29 splits them: ICU's iterator costs microseconds a segment and dominated the whole export.
  const sentences: Sentence[] = [];
  for (const [start, end] of ranges) {
    const raw: RawToken[] = [];
    NON_SPACE.lastIndex = start;
    for (let match = NON_SPACE.exec(text); match && match.index < end; match = NON_SPACE.exec(text)) {
      const run = match[0].length <= end - match.index ? match[0] : match[0].slice(0, end - match.index);
      const runStart = match.index;
      const ascii = ASCII_RUN.exec(run);
      if (ascii) {
        // UAX #29 on such a run: each punctuation character at either end is a segment, the middle one word.
        const [, before = '', middle = '', after = ''] = ascii;
        let at = runStart;
        for (const char of before) raw.push({ start: at, end: ++at, text: char, wordLike: false });
        if (middle) raw.push({ start: at, end: (at += middle.length), text: middle, wordLike: true });
        for (const char of after) raw.push({ start: at, end: ++at, text: char, wordLike: false });
        continue;
      }
      for (const { segment, index: at, isWordLike } of word.segment(run)) {
        if (!isWordLike && NOT_A_TOKEN.test(segment)) continue;
        // UAX #29 attaches format characters (a right-to-left mark after «», say) to the word before them;
        // they are not part of what anyone annotates, so a token ends before them.
        const leading = segment.charCodeAt(0) < FIRST_FORMAT_CHARACTER ? 0 : FORMAT_AT_START.exec(segment)![0].length;
        const trailing = segment.charCodeAt(segment.length - 1) < FIRST_FORMAT_CHARACTER ? 0 : FORMAT_AT_END.exec(segment)![0].length;
        const from = runStart + at + leading;
        const to = runStart + at + segment.length - trailing;
        raw.push({ start: from, end: to, text: leading + trailing === 0 ? segment : text.slice(from, to), wordLike: isWordLike ?? false });
      }
    }
    const tokens = joinTokens(raw, english).map((token) => ({ start: toCodePoint(token.start), end: toCodePoint(token.end), text: token.text }));
    if (tokens.length > 0) sentences.push({ start: toCodePoint(start), end: toCodePoint(end), tokens });
  }
  return sentences;
}

function touching(a: RawToken | undefined, b: RawToken | undefined): boolean {
  return a !== undefined && b !== undefined && a.end === b.start;
}

/**
 * Joins what CoNLL-2003 and the Penn Treebank keep as one token: "word", "-", "word" with nothing between them
 * (chains such as "1996-12-06" join whole), and in English an abbreviation with its full stop ("Sen.", "U.S.").
 */
function joinTokens(tokens: RawToken[], english: boolean): RawToken[] {
  const joined: RawToken[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const previous = joined[joined.length - 1];
    const next = tokens[i + 1];
    if (previous?.wordLike && next?.wordLike && HYPHENS.has(token.text) && touching(previous, token) && touching(token, next)) {
      joined[joined.length - 1] = { start: previous.start, end: next.end, text: previous.text + token.text + next.text, wordLike: true };
      i++;
    } else if (english && token.text === '.' && previous?.wordLike && touching(previous, token) && isAbbreviation(previous.text)) {
      joined[joined.length - 1] = { ...previous, end: token.end, text: `${previous.text}.` };
    } else {
      joined.push(token);
    }
  }
  return joined;
}

/** A title ("Sen") or a word with inner full stops ("U.S", "e.g") that its own full stop belongs to. */
function isAbbreviation(word: string): boolean {
  return (/^[A-Z][a-z]{0,4}$/.test(word) && ENGLISH_TITLES.has(word.toLowerCase())) || /^(?:\p{L}\.)+\p{L}$/u.test(word);
}

/** True when a sentence ends with a title abbreviation ("... said Sen. "), so the next one continues it. */
function endsWithTitle(sentence: string): boolean {
  // Titles are capitalised: "Sen." continues a sentence, "... he said no." ends one.
  const match = /(?:^|[\s(“"‘'])([A-Z][a-z]{0,4})\.\s*$/.exec(sentence);
  return match !== null && ENGLISH_TITLES.has(match[1]!.toLowerCase());
}
