/**
 * Word and grapheme boundaries around a position, found with Intl.Segmenter on a small window of text around
 * it — never the whole document, so snapping a selection on a 1,000,000-character article costs the same as
 * on a tweet. Positions are UTF-16 offsets (the editor's), and results never split a grapheme cluster: an
 * emoji ZWJ sequence, a flag, or a letter with combining marks stays whole.
 */

/** Reads the UTF-16 range [from, to) of the document. */
export type TextSlice = (from: number, to: number) => string;

export interface TextSource {
  readonly length: number;
  readonly slice: TextSlice;
}

/** Characters looked at on each side of a position; a word longer than this is cut at the window's edge. */
const WINDOW = 200;

let wordSegmenter: Intl.Segmenter | null = null;
let graphemeSegmenter: Intl.Segmenter | null = null;

function words(): Intl.Segmenter {
  return (wordSegmenter ??= new Intl.Segmenter(undefined, { granularity: 'word' }));
}

function graphemes(): Intl.Segmenter {
  return (graphemeSegmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' }));
}

export function textSource(text: string): TextSource {
  return { length: text.length, slice: (from, to) => text.slice(from, to) };
}

interface Piece {
  from: number;
  to: number;
  wordLike: boolean;
}

/** The segment (word or grapheme) containing the character at `pos`, in absolute positions. */
function pieceAt(source: TextSource, pos: number, segmenter: Intl.Segmenter): Piece | null {
  if (pos < 0 || pos >= source.length) return null;
  const start = Math.max(0, pos - WINDOW);
  const text = source.slice(start, Math.min(source.length, pos + WINDOW));
  const hit = segmenter.segment(text).containing(pos - start);
  if (!hit) return null;
  return { from: start + hit.index, to: start + hit.index + hit.segment.length, wordLike: hit.isWordLike ?? false };
}

/** Moves `pos` to the nearest grapheme boundary at or before it (`bias` -1) or at or after it (1). */
export function snapToGrapheme(source: TextSource, pos: number, bias: -1 | 1): number {
  if (pos <= 0 || pos >= source.length) return Math.max(0, Math.min(pos, source.length));
  const piece = pieceAt(source, pos, graphemes());
  if (!piece || piece.from === pos) return pos;
  return bias < 0 ? piece.from : piece.to;
}

const SPACE = /\s/u;

/**
 * What a selection [from, to) means to an analyst: surrounding white space dropped, never half a grapheme,
 * and — when `toWords` — extended to whole words where an end falls inside one. Returns an empty range at
 * `from` when the selection holds nothing but white space.
 */
export function snapSelection(source: TextSource, from: number, to: number, toWords: boolean): { from: number; to: number } {
  if (to < from) [from, to] = [to, from];
  from = snapToGrapheme(source, from, -1);
  to = snapToGrapheme(source, to, 1);
  // Trim white space, looking at a bounded window each time.
  while (from < to) {
    const chunk = source.slice(from, Math.min(to, from + WINDOW));
    const skip = chunk.search(/\S/u);
    if (skip < 0) from += chunk.length;
    else {
      from += skip;
      break;
    }
  }
  while (to > from && SPACE.test(source.slice(to - 1, to))) to--;
  if (from >= to) return { from, to: from };
  if (toWords) {
    const first = pieceAt(source, from, words());
    if (first?.wordLike && first.from < from) from = first.from;
    const last = pieceAt(source, to - 1, words());
    if (last?.wordLike && last.to > to) to = last.to;
  }
  return { from, to };
}

/**
 * The next word edge strictly after `pos` (`dir` 1) or strictly before it (`dir` -1), where `edge` says
 * whether word starts or word ends count. Returns null when there is none within reach.
 */
export function wordEdge(source: TextSource, pos: number, dir: -1 | 1, edge: 'start' | 'end'): number | null {
  for (let reach = WINDOW; ; reach *= 4) {
    const start = dir < 0 ? Math.max(0, pos - reach) : pos;
    const end = dir < 0 ? pos : Math.min(source.length, pos + reach);
    // Look one window beyond the range so the word at its far edge is seen whole.
    const lo = Math.max(0, start - WINDOW);
    const hi = Math.min(source.length, end + WINDOW);
    const text = source.slice(lo, hi);
    let best: number | null = null;
    for (const segment of words().segment(text)) {
      if (!segment.isWordLike) continue;
      const at = lo + (edge === 'start' ? segment.index : segment.index + segment.segment.length);
      if (dir > 0 && at > pos && at <= end) {
        best = at;
        break;
      }
      if (dir < 0 && at < pos && at >= start) best = at;
    }
    if (best !== null) return best;
    if ((dir < 0 && start === 0) || (dir > 0 && end === source.length)) return null;
  }
}
