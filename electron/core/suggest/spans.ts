/**
 * From tags to spans and from spans to attributions. A span is a run of tokens of one part (a B- tag starts a
 * new one). An attribution gathers a cue with the content and source nearest to it: the content in its
 * paragraph (a quotation often runs over sentences, with its cue in the first or last), the source in its
 * sentence.
 */
import type { AnalysedToken } from './analyse.ts';
import type { TaggedToken } from './tagger.ts';
import { isBegin, OUTSIDE, partOf, tagIndex, type Part } from './tags.ts';
import type { GoldSpan } from './polnear.ts';

export interface TokenSpan {
  part: Part;
  /** Token indices, end-exclusive. */
  first: number;
  last: number;
  /** Code point offsets into the text. */
  start: number;
  end: number;
  /** The mean of its tokens' confidences. */
  confidence: number;
}

export interface PredictedAttribution {
  cue: TokenSpan | null;
  source: TokenSpan | null;
  content: TokenSpan;
}

export function spansOf(tokens: readonly AnalysedToken[], tagged: readonly TaggedToken[]): TokenSpan[] {
  const spans: TokenSpan[] = [];
  let open: { part: Part; first: number; confidence: number } | null = null;
  const close = (last: number) => {
    if (!open) return;
    spans.push({ part: open.part, first: open.first, last, start: tokens[open.first]!.start, end: tokens[last - 1]!.end, confidence: open.confidence / (last - open.first) });
    open = null;
  };
  tagged.forEach(({ tag, confidence }, index) => {
    const part = partOf(tag);
    if (!part || isBegin(tag) || open?.part !== part) close(index);
    if (part && !open) open = { part, first: index, confidence: 0 };
    if (open) open.confidence += confidence;
  });
  close(tagged.length);
  return spans;
}

function gap(a: TokenSpan, b: TokenSpan): number {
  return a.last <= b.first ? b.first - a.last : b.last <= a.first ? a.first - b.last : 0;
}

/** Each content joined to the nearest cue of its paragraph, and that cue's nearest source in its sentence. */
export function attributionsOf(tokens: readonly AnalysedToken[], spans: readonly TokenSpan[]): PredictedAttribution[] {
  const cues = spans.filter((span) => span.part === 'Cue');
  const sources = spans.filter((span) => span.part === 'Source');
  const nearest = (to: TokenSpan, among: readonly TokenSpan[], same: 'sentence' | 'paragraph') =>
    among
      .filter((span) => tokens[span.first]![same] === tokens[to.first]![same] || tokens[span.last - 1]![same] === tokens[to.last - 1]![same])
      .reduce<TokenSpan | null>((best, span) => (best === null || gap(span, to) < gap(best, to) ? span : best), null);
  return spans
    .filter((span) => span.part === 'Content')
    .map((content) => {
      const cue = nearest(content, cues, 'paragraph');
      const source = cue ? nearest(cue, sources, 'sentence') : nearest(content, sources, 'sentence');
      return { cue, source, content };
    });
}

/** The gold tag of each token: the part of the span its first character is in, B- on a span's first token. */
export function goldTags(tokens: readonly AnalysedToken[], spans: readonly GoldSpan[]): number[] {
  const tags = new Array<number>(tokens.length).fill(OUTSIDE);
  const owner = new Array<GoldSpan | null>(tokens.length).fill(null);
  const fragments = spans.flatMap((span) => span.fragments.map(([start, end]) => ({ span, start, end }))).sort((a, b) => a.start - b.start);
  let index = 0;
  for (const fragment of fragments) {
    while (index < tokens.length && tokens[index]!.start < fragment.start) index++;
    let begin = true;
    for (let at = index; at < tokens.length && tokens[at]!.start < fragment.end; at++) {
      tags[at] = tagIndex(fragment.span.part, begin || owner[at - 1] !== fragment.span);
      owner[at] = fragment.span;
      begin = false;
    }
  }
  return tags;
}
