/**
 * The sentence(s) around a span, for showing a quote or claim "in context" away from its article. Offsets are
 * code points, as everywhere in Parley; `text` may be a window of a longer text, with `start` and `end` relative
 * to it.
 */

/** What a context is cut into: before the span, the span, after it (each a run of whole code points). */
export interface SentenceContext {
  before: string;
  span: string;
  after: string;
}

/**
 * Where a sentence ends: after ., ! or ? (with any closing quotes or brackets), or at a line break. A fresh
 * expression per use, since a global one carries its `lastIndex` from search to search.
 */
const sentenceEnds = (): RegExp => /[.!?…。！？]['"»”’)\]]*(?=\s)|\n/gu;

/**
 * The sentence(s) holding the span `start`–`end` of `text` (code points): from the end of the sentence before the
 * span to the end of the sentence the span ends in, trimmed. A span over several sentences gets all of them.
 */
export function sentenceContext(text: string, start: number, end: number): SentenceContext {
  const points = Array.from(text);
  const first = Math.max(0, Math.min(start, points.length));
  const last = Math.max(first, Math.min(end, points.length));
  const before = points.slice(0, first).join('');
  const after = points.slice(last).join('');
  let sentenceStart = 0;
  for (const match of before.matchAll(sentenceEnds())) sentenceStart = match.index + match[0].length;
  // Searched from the span's last character on, so that punctuation ending the span closes its sentence.
  const span = points.slice(first, last).join('');
  const tail = span + after;
  const ends = sentenceEnds();
  ends.lastIndex = Math.max(0, span.length - 1);
  const endMatch = ends.exec(tail);
  const sentenceEnd = endMatch ? Math.max(span.length, endMatch.index + (endMatch[0] === '\n' ? 0 : endMatch[0].length)) : tail.length;
  return {
    before: before.slice(sentenceStart).trimStart(),
    span,
    after: tail.slice(span.length, sentenceEnd).trimEnd(),
  };
}
