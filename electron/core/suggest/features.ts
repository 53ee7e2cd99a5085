/**
 * The tagger's features. Static ones describe a token and its neighbourhood (words, lemmas, POS, shape, quote
 * marks, where the sentence's attribution cues are); dynamic ones describe the tags already given to the
 * tokens before it, so they are computed during decoding.
 */
import { QUOTE_MARKS, type AnalysedToken } from './analyse.ts';

/**
 * Lemmas that PolNeAR's annotators tagged as (part of) a cue often enough, with the share of their occurrences
 * that were cues; learnt from the training data (see training.ts) and stored with the model.
 */
export type CueLexicon = ReadonlyMap<string, number>;

/** Phrases that are cues as a whole, though their words alone are not ("according to", "told reporters"). */
const CUE_PHRASES: readonly (readonly string[])[] = [['according', 'to'], ['in', 'a', 'statement'], ['quoted', 'as']];

function shape(text: string): string {
  if (/^\p{Lu}+$/u.test(text)) return text.length > 1 ? 'XX' : 'X';
  if (/^\p{Lu}/u.test(text)) return 'Xx';
  if (/^\p{Ll}/u.test(text)) return 'x';
  if (/^\p{N}/u.test(text)) return 'd';
  return 'p';
}

function cueStrength(lemma: string, lexicon: CueLexicon): string {
  const share = lexicon.get(lemma);
  if (share === undefined) return '';
  return share >= 0.6 ? 'strong' : share >= 0.3 ? 'mid' : 'weak';
}

function bucket(distance: number): string {
  if (distance < 0) return 'none';
  if (distance <= 3) return String(distance);
  if (distance <= 6) return '4-6';
  if (distance <= 12) return '7-12';
  return 'far';
}

/** For each token, whether it starts one of the cue phrases (and how long that phrase is). */
function phraseStarts(tokens: readonly AnalysedToken[]): Int8Array {
  const starts = new Int8Array(tokens.length);
  for (let index = 0; index < tokens.length; index++) {
    for (const phrase of CUE_PHRASES) {
      if (phrase.every((word, offset) => tokens[index + offset]?.lower === word)) starts[index] = phrase.length;
    }
  }
  return starts;
}

/** The static features of every token of a document. */
export function documentFeatures(tokens: readonly AnalysedToken[], lexicon: CueLexicon): string[][] {
  const strength = tokens.map((token) => cueStrength(token.lemma, lexicon));
  const phrases = phraseStarts(tokens);
  const isCue = tokens.map((_, index) => strength[index] === 'strong' || strength[index] === 'mid' || phrases[index]! > 0);
  // Per sentence: distance to the nearest strong cue before and after each token, and whether it has quotes.
  const before = new Int32Array(tokens.length).fill(-1);
  const after = new Int32Array(tokens.length).fill(-1);
  const sentenceHasQuote = new Map<number, boolean>();
  let lastCue = -1;
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    if (index > 0 && tokens[index - 1]!.sentence !== token.sentence) lastCue = -1;
    if (lastCue >= 0) before[index] = index - lastCue;
    if (isCue[index]) lastCue = index;
    if (QUOTE_MARKS.has(token.text)) sentenceHasQuote.set(token.sentence, true);
  }
  let nextCue = -1;
  for (let index = tokens.length - 1; index >= 0; index--) {
    if (index < tokens.length - 1 && tokens[index + 1]!.sentence !== tokens[index]!.sentence) nextCue = -1;
    if (nextCue >= 0) after[index] = nextCue - index;
    if (isCue[index]) nextCue = index;
  }

  const word = (index: number) => tokens[index]?.lower ?? (index < 0 ? '<s>' : '</s>');
  const posAt = (index: number) => tokens[index]?.pos ?? (index < 0 ? '<s>' : '</s>');
  const lemmaAt = (index: number) => tokens[index]?.lemma ?? '';
  return tokens.map((token, index) => {
    const sentenceStart = index === 0 || tokens[index - 1]!.sentence !== token.sentence;
    const sentenceEnd = index === tokens.length - 1 || tokens[index + 1]!.sentence !== token.sentence;
    const where = before[index]! >= 0 && after[index]! >= 0 ? 'between' : before[index]! >= 0 ? 'after' : after[index]! >= 0 ? 'before' : 'none';
    const features = [
      'bias',
      `w=${token.lower}`,
      `l=${token.lemma}`,
      `p=${token.pos}`,
      `s=${shape(token.text)}`,
      `suf=${token.lower.slice(-3)}`,
      `w-1=${word(index - 1)}`,
      `w+1=${word(index + 1)}`,
      `w-2=${word(index - 2)}`,
      `w+2=${word(index + 2)}`,
      `l-1=${lemmaAt(index - 1)}`,
      `l+1=${lemmaAt(index + 1)}`,
      `p-1=${posAt(index - 1)}`,
      `p+1=${posAt(index + 1)}`,
      `p-2=${posAt(index - 2)}`,
      `p+2=${posAt(index + 2)}`,
      `p-1p=${posAt(index - 1)}|${token.pos}`,
      `pp+1=${token.pos}|${posAt(index + 1)}`,
      `q=${token.quoted}`,
      `q|p=${token.quoted}|${token.pos}`,
      `qs=${sentenceHasQuote.get(token.sentence) === true}`,
      `cue=${strength[index]}`,
      `cue-1=${strength[index - 1] ?? ''}`,
      `cue+1=${strength[index + 1] ?? ''}`,
      `phrase=${phrases[index]}`,
      `phrase-1=${phrases[index - 1] ?? 0}`,
      `where=${where}`,
      `where|p=${where}|${token.pos}`,
      `where|q=${where}|${token.quoted}`,
      `db=${bucket(before[index]!)}`,
      `da=${bucket(after[index]!)}`,
      `ss=${sentenceStart}`,
      `se=${sentenceEnd}`,
      `w-1w=${word(index - 1)}|${token.lower}`,
      `ww+1=${token.lower}|${word(index + 1)}`,
      `lp=${token.lemma}|${token.pos}`,
      `ppp=${posAt(index - 1)}|${token.pos}|${posAt(index + 1)}`,
      `cue|db=${strength[index]}|${bucket(before[index]!)}`,
      `cue|da=${strength[index]}|${bucket(after[index]!)}`,
    ];
    if (token.entity) features.push(`e=${token.entity}`);
    if (QUOTE_MARKS.has(token.text)) features.push(`qm=${token.quoted}|${sentenceStart}|${sentenceEnd}`);
    return features;
  });
}

/** Features of the tags given to the two tokens before this one. */
export function tagFeatures(previous: string, beforePrevious: string, token: AnalysedToken): string[] {
  return [`t-1=${previous}`, `t-2t-1=${beforePrevious}|${previous}`, `t-1|q=${previous}|${token.quoted}`, `t-1|p=${previous}|${token.pos}`, `t-1|w=${previous}|${token.lower}`];
}
