import { compareSpans, type Span } from './spans.ts';

/**
 * A maximal stretch of text covered by one fixed set of spans. Overlapping annotations are flattened into
 * segments (as @codemirror/lint flattens diagnostics) so that every character is painted by exactly one mark
 * that knows every annotation it belongs to.
 */
export interface Segment {
  readonly from: number;
  readonly to: number;
  /** The spans covering this segment, outermost first (canonical span order), unclipped. */
  readonly spans: readonly Span[];
}

/**
 * Flattens spans into segments, considering only the window [lo, hi): spans reaching outside it are clipped
 * to it. A segment boundary falls at every span endpoint (never merged with an equal neighbour), so the result
 * inside a window whose edges are themselves boundaries is exactly the full flattening restricted to it —
 * which is what lets the layer recompute one small window instead of the whole document.
 *
 * `spans` may be in any order; empty spans are ignored. O((s + b) log s + b·k) for s spans, b boundaries and
 * at most k spans covering one point.
 */
export function flattenSpans(spans: readonly Span[], lo = -Infinity, hi = Infinity): Segment[] {
  const live = spans
    .filter((span) => span.to > span.from && span.to > lo && span.from < hi)
    .sort(compareSpans);
  if (live.length === 0) return [];

  const points: number[] = [];
  for (const span of live) {
    points.push(Math.max(span.from, lo), Math.min(span.to, hi));
  }
  points.sort((a, b) => a - b);
  const boundaries = points.filter((point, index) => index === 0 || point !== points[index - 1]);

  const segments: Segment[] = [];
  let active: Span[] = [];
  let next = 0;
  for (let b = 0; b + 1 < boundaries.length; b++) {
    const from = boundaries[b]!;
    const to = boundaries[b + 1]!;
    // Retire spans that ended, admit spans that started (a start clipped by the window counts as `lo`).
    active = active.filter((span) => span.to > from);
    while (next < live.length && Math.max(live[next]!.from, lo) <= from) {
      const span = live[next++]!;
      if (span.to > from) active.push(span);
    }
    if (active.length > 0) {
      // `active` stays in canonical order: spans are admitted in that order and only ever removed.
      segments.push({ from, to, spans: active.slice() });
    }
  }
  return segments;
}
