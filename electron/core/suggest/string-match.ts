/**
 * String matching, as brat and INCEpTION offer it: every other occurrence, as a whole word, of a text already
 * tagged somewhere in the corpus is suggested with that label, unless the document has it tagged there already.
 */
import { OffsetIndex } from '../../shared/offsets.ts';
import type { SuggestInput, Suggester, Suggestion } from './suggester.ts';

/** Shorter texts ("he", "EU" aside) match too much to be worth suggesting. */
const MINIMUM_LENGTH = 3;
const WORD = /[\p{L}\p{N}\p{M}]/u;

export function stringMatches(input: SuggestInput): Suggestion[] {
  const offsets = new OffsetIndex(input.text);
  const wanted = new Set(input.labels);
  const seen = new Set<string>();
  const suggestions: Suggestion[] = [];
  for (const { label, text } of input.tagged) {
    const key = `${label}\u0000${text}`;
    if (!wanted.has(label) || text.trim().length < MINIMUM_LENGTH || seen.has(key)) continue;
    seen.add(key);
    for (let at = input.text.indexOf(text); at >= 0; at = input.text.indexOf(text, at + 1)) {
      const before = input.text[at - 1];
      const after = input.text[at + text.length];
      if ((before && WORD.test(before) && WORD.test(text[0]!)) || (after && WORD.test(after) && WORD.test(text.at(-1)!))) continue;
      const start = offsets.toCodePoint(at);
      const end = offsets.toCodePoint(at + text.length, 1);
      if (input.annotated.some((annotation) => annotation.label === label && annotation.start < end && start < annotation.end)) continue;
      suggestions.push({ label, start, end, confidence: 1 });
    }
  }
  return suggestions.sort((a, b) => a.start - b.start || a.end - b.end);
}

export const stringMatching: Suggester = {
  name: 'string-match',
  async suggest(input: SuggestInput): Promise<Suggestion[]> {
    return stringMatches(input);
  },
};
