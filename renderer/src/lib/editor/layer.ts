import { RangeSet, RangeSetBuilder, type ChangeDesc } from '@codemirror/state';
import type { Decoration, DecorationSet } from '@codemirror/view';
import { flattenSpans } from './segments.ts';
import { spanRange, spanSetOf, spansOverlapping, type Span, type SpanSet } from './spans.ts';
import type { SegmentDecorations } from './decorations.ts';

/**
 * Everything the editor knows about annotations: the spans themselves, overlapping freely, in a RangeSet so they
 * map through changes and answer "what is here?" in O(log n). The segment decorations that paint them are made
 * for a range at a time — the viewport (see painter.ts) — as CodeMirror's own highlighters do: opening a long
 * document then costs one sort of its spans, not the segments and decorations of text nobody is looking at, and
 * a change costs no more than repainting what is on screen.
 */
export class AnnotationLayer {
  private constructor(
    readonly spans: SpanSet,
    readonly styles: SegmentDecorations,
  ) {}

  static empty(styles: SegmentDecorations): AnnotationLayer {
    return new AnnotationLayer(RangeSet.empty, styles);
  }

  static build(spans: readonly Span[], styles: SegmentDecorations): AnnotationLayer {
    return new AnnotationLayer(spanSetOf(spans), styles);
  }

  /** Removes `removed` and adds `added` (an annotation that changed appears in both). */
  update(removed: readonly Span[], added: readonly Span[]): AnnotationLayer {
    if (removed.length === 0 && added.length === 0) return this;
    let spans = this.spans;
    if (removed.length > 0) {
      const ids = new Set(removed.map((span) => span.id));
      let filterFrom = Infinity;
      let filterTo = -Infinity;
      for (const span of removed) {
        filterFrom = Math.min(filterFrom, span.from);
        filterTo = Math.max(filterTo, span.to);
      }
      spans = spans.update({ filter: (_from, _to, value) => !ids.has(value.id), filterFrom, filterTo });
    }
    if (added.length > 0) spans = spans.update({ add: added.map(spanRange), sort: true });
    return new AnnotationLayer(spans, this.styles);
  }

  /** Maps the spans through a document change. */
  map(changes: ChangeDesc): AnnotationLayer {
    return changes.empty ? this : new AnnotationLayer(this.spans.map(changes), this.styles);
  }

  /**
   * The segment decorations covering [from, to): the spans there, flattened. The range is first widened to the
   * segment boundaries around its ends, so no segment is cut: each one is the whole document's, with the same
   * rounded ends, and a repaint after scrolling hands out the same decorations for the text both ranges share.
   */
  paint(from: number, to: number): DecorationSet {
    const lo = boundaryAtOrBefore(this.spans, from);
    const hi = boundaryAtOrAfter(this.spans, to);
    const builder = new RangeSetBuilder<Decoration>();
    for (const segment of flattenSpans(spansOverlapping(this.spans, lo, hi), lo, hi)) {
      builder.add(segment.from, segment.to, this.styles.get(segment));
    }
    return builder.finish();
  }
}

/**
 * The greatest span endpoint at or before `pos`, or `pos` itself when no span runs across it (then no segment
 * does either). Looks only between `pos` and the latest start of the spans across it, so a span as long as the
 * document costs no more than a short one.
 */
function boundaryAtOrBefore(spans: SpanSet, pos: number): number {
  let start = -Infinity;
  spans.between(pos, pos, (from, to) => {
    if (from < pos && to > pos) start = Math.max(start, from);
  });
  if (start === -Infinity) return pos;
  let boundary = start;
  spans.between(start, pos, (from, to) => {
    if (from > boundary && from <= pos) boundary = from;
    if (to > boundary && to <= pos) boundary = to;
  });
  return boundary;
}

/** The least span endpoint at or after `pos`, or `pos` itself when no span runs across it. */
function boundaryAtOrAfter(spans: SpanSet, pos: number): number {
  let end = Infinity;
  spans.between(pos, pos, (from, to) => {
    if (from < pos && to > pos) end = Math.min(end, to);
  });
  if (end === Infinity) return pos;
  let boundary = end;
  spans.between(pos, end, (from, to) => {
    if (from >= pos && from < boundary) boundary = from;
    if (to >= pos && to < boundary) boundary = to;
  });
  return boundary;
}
