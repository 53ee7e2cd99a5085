/**
 * Tokens, sentences, part-of-speech tags, lemmas and (numeric) entities of an English text, from wink-nlp with
 * its lite web model, which ships inside the npm package: nothing is downloaded. wink reports token values and
 * the spaces before them, not offsets, so each token is found in the text from where the previous one ended;
 * offsets are then turned into code points, as Parley stores them.
 */
import winkNLP, { type ItemEntity, type ItemSentence, type ItemToken, type ItsFunction } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { OffsetIndex } from '../../shared/offsets.ts';

export interface AnalysedToken {
  /** Code point offsets into the text, end-exclusive. */
  start: number;
  end: number;
  text: string;
  lower: string;
  lemma: string;
  /** Universal POS tag (NOUN, VERB, PROPN, PUNCT, ...). */
  pos: string;
  /** wink's entity type covering the token (DATE, MONEY, CARDINAL, ...), or '' */
  entity: string;
  sentence: number;
  /** The paragraph (text between line breaks) the token is in. */
  paragraph: number;
  /** Inside a quotation: after an opening quote mark and before its closing one, in the same paragraph. */
  quoted: boolean;
}

const nlp = winkNLP(model);
const its = nlp.its;

const OPENING_QUOTES = new Set(['“', '‘', '«', '„']);
const CLOSING_QUOTES = new Set(['”', '’', '»']);
/** Some PolNeAR texts write quotations with two apostrophes (''), the way Penn Treebank texts do. */
export const QUOTE_MARKS = new Set([...OPENING_QUOTES, ...CLOSING_QUOTES, '"', '``', "''"]);

export function analyse(text: string): AnalysedToken[] {
  const doc = nlp.readDoc(text);
  const values = doc.tokens().out(its.value) as string[];
  const pos = doc.tokens().out(its.pos) as string[];
  // wink's typings give its.lemma a third parameter that `out` does not name; it is called as the others.
  const lemmas = doc.tokens().out(its.lemma as unknown as ItsFunction<string>) as string[];
  const sentenceOf = new Int32Array(values.length);
  doc.sentences().each((sentence: ItemSentence, index: number) => {
    sentence.tokens().each((token: ItemToken) => {
      sentenceOf[token.index()] = index;
    });
  });
  const entityOf: string[] = new Array<string>(values.length).fill('');
  doc.entities().each((entity: ItemEntity) => {
    const [first, last] = entity.out(its.span) as unknown as [number, number];
    const type = entity.out(its.type) as string;
    for (let index = first; index <= last; index++) entityOf[index] = type;
  });

  const offsets = new OffsetIndex(text);
  const tokens: AnalysedToken[] = [];
  let cursor = 0;
  let paragraph = 0;
  let quoted = false;
  for (let index = 0; index < values.length; index++) {
    const value = values[index]!;
    const at = text.indexOf(value, cursor);
    // wink keeps token values verbatim; should one ever differ from the text, it is skipped rather than placed wrong.
    if (at < 0) continue;
    // wink makes a token of a line break (POS SPACE): it ends the paragraph and is no token of ours.
    if (text.slice(cursor, at + value.length).includes('\n')) {
      paragraph++;
      quoted = false;
    }
    cursor = at + value.length;
    if (value.trim() === '') continue;
    const isOpening = OPENING_QUOTES.has(value) || (value === '"' && !quoted);
    const isClosing = CLOSING_QUOTES.has(value) || (value === '"' && quoted);
    // ‘ and ’ are also apostrophes and nested quotes: they do not change the quotation state.
    if (isOpening && value !== '‘') quoted = true;
    tokens.push({
      start: offsets.toCodePoint(at),
      end: offsets.toCodePoint(cursor, 1),
      text: value,
      lower: value.toLowerCase(),
      lemma: lemmas[index]!,
      pos: pos[index]!,
      entity: entityOf[index]!,
      sentence: sentenceOf[index]!,
      paragraph,
      quoted: quoted || isClosing,
    });
    if (isClosing && value !== '’') quoted = false;
  }
  return tokens;
}
