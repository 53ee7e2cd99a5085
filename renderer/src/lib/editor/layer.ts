import { RangeSet, RangeSetBuilder, type ChangeDesc, type Range } from '@codemirror/state';
import type { Decoration, DecorationSet } from '@codemirror/view';
import { flattenSpans, type Segment } from './segments.ts';
import { spanRange, spanSetOf, spansOverlapping, type Span, type SpanSet } from './spans.ts';
import type { SegmentDecorations } from './decorations.ts';

/**
 * Everything the editor knows about annotations: the spans themselves (overlapping freely, in a RangeSet so
 * they map through changes and answer "what is here?" in O(log n)) and the flattened, non-overlapping segment
 * decorations that paint them.
 */
export class AnnotationLayer {
  private constructor(
    readonly spans: SpanSet,
    readonly decorations: DecorationSet,
    readonly styles: SegmentDecorations,
  ) {}

  static empty(styles: SegmentDecorations): AnnotationLayer {
    return new AnnotationLayer(RangeSet.empty, RangeSet.empty, styles);
  }

  /** Builds the layer once from every span: one sort, one sweep, one RangeSetBuilder pass. */
  static build(spans: readonly Span[], styles: SegmentDecorations): AnnotationLayer {
    return new AnnotationLayer(spanSetOf(spans), decorate(flattenSpans(spans), styles), styles);
  }

  /**
   * Removes `removed` and adds `added` (an annotation that changed appears in both), recomputing segments only
   * around the spans involved and splicing them into the decoration set with `RangeSet.update`.
   */
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
    if (added.length > 0) {
      spans = spans.update({ add: added.map(spanRange), sort: true });
    }

    const windows = this.affectedWindows([...removed, ...added]);
    const fresh: Array<Range<Decoration>> = [];
    for (const [lo, hi] of windows) {
      for (const segment of flattenSpans(spansOverlapping(spans, lo, hi), lo, hi)) {
        fresh.push(this.styles.get(segment).range(segment.from, segment.to));
      }
    }
    const decorations = this.decorations.update({
      filter: (from, to) => !overlapsAny(windows, from, to),
      filterFrom: windows[0]![0],
      filterTo: windows[windows.length - 1]![1],
      add: fresh,
    });
    return new AnnotationLayer(spans, decorations, this.styles);
  }

  /** Maps both sets through a document change. */
  map(changes: ChangeDesc): AnnotationLayer {
    if (changes.empty) return this;
    return new AnnotationLayer(this.spans.map(changes), this.decorations.map(changes), this.styles);
  }

  /**
   * The windows to recompute: the ranges of the changed spans, each widened to the old segments touching it
   * (a removed endpoint can merge its neighbours, so those are redrawn too), then merged where they meet. Every
   * window edge is then a boundary of the new segmentation, which makes the local result equal to a rebuild.
   */
  private affectedWindows(changed: readonly Span[]): Array<[number, number]> {
    const widened = changed.map((span): [number, number] => {
      let lo = span.from;
      let hi = span.to;
      this.decorations.between(span.from, span.to, (from, to) => {
        if (from < lo) lo = from;
        if (to > hi) hi = to;
      });
      return [lo, hi];
    });
    widened.sort((a, b) => a[0] - b[0]);
    const merged: Array<[number, number]> = [];
    for (const window of widened) {
      const last = merged[merged.length - 1];
      if (last && window[0] <= last[1]) last[1] = Math.max(last[1], window[1]);
      else merged.push([window[0], window[1]]);
    }
    return merged;
  }
}

/** Whether [from, to) overlaps one of the sorted, disjoint windows (binary search). */
function overlapsAny(windows: ReadonlyArray<readonly [number, number]>, from: number, to: number): boolean {
  let low = 0;
  let high = windows.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (windows[mid]![1] <= from) low = mid + 1;
    else high = mid;
  }
  const window = windows[low];
  return window !== undefined && window[0] < to;
}

function decorate(segments: readonly Segment[], styles: SegmentDecorations): DecorationSet {
  const builder = new RangeSetBuilder<Decoration>();
  for (const segment of segments) builder.add(segment.from, segment.to, styles.get(segment));
  return builder.finish();
}
