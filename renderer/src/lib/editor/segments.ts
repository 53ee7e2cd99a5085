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

  // Every clipped endpoint, sorted numerically (a typed array sorts without a comparator call per pair).
  const points = new Float64Array(live.length * 2);
  live.forEach((span, index) => {
    points[2 * index] = Math.max(span.from, lo);
    points[2 * index + 1] = Math.min(span.to, hi);
  });
  points.sort();

  const segments: Segment[] = [];
  // Segments share `active` while it stays the same: it is replaced, never changed, once a segment holds it.
  let active: Span[] = [];
  let next = 0;
  let from = points[0]!;
  for (let point = 1; point < points.length; point++) {
    const to = points[point]!;
    if (to === from) continue;
    // Retire spans that ended, admit spans that started (a start clipped by the window counts as `lo`).
    if (active.some((span) => span.to <= from)) active = active.filter((span) => span.to > from);
    if (next < live.length && Math.max(live[next]!.from, lo) <= from) {
      active = active.slice();
      while (next < live.length && Math.max(live[next]!.from, lo) <= from) {
        const span = live[next++]!;
        if (span.to > from) active.push(span);
      }
    }
    // `active` stays in canonical order: spans are admitted in that order and only ever removed.
    if (active.length > 0) segments.push({ from, to, spans: active });
    from = to;
  }
  return segments;
}
