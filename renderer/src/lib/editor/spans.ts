import { RangeSet, RangeValue, type Range } from '@codemirror/state';

/**
 * One contiguous piece of an annotation in editor (UTF-16) positions. A discontinuous annotation contributes
 * one span per fragment, all with the same id.
 */
export interface Span {
  readonly id: number;
  readonly labelId: number;
  readonly from: number;
  readonly to: number;
}

/** The value a span carries in the span set: who it belongs to. Ranges in a RangeSet may overlap freely. */
export class SpanValue extends RangeValue {
  constructor(
    readonly id: number,
    readonly labelId: number,
  ) {
    super();
  }

  override eq(other: RangeValue): boolean {
    return other instanceof SpanValue && other.id === this.id && other.labelId === this.labelId;
  }
}

export type SpanSet = RangeSet<SpanValue>;

/** Canonical span order: by start, then the longer (outer) span first, then by id. */
export function compareSpans(a: Span, b: Span): number {
  return a.from - b.from || b.to - a.to || a.id - b.id || a.labelId - b.labelId;
}

export function spanRange(span: Span): Range<SpanValue> {
  return new SpanValue(span.id, span.labelId).range(span.from, span.to);
}

/** Builds the span set from spans in any order. */
export function spanSetOf(spans: readonly Span[]): SpanSet {
  return RangeSet.of(spans.map(spanRange), true);
}

/** Every span that overlaps the half-open range [from, to) (for from === to: every span containing from). */
export function spansOverlapping(set: SpanSet, from: number, to: number): Span[] {
  const found: Span[] = [];
  set.between(from, to, (f, t, value) => {
    if (from === to ? f <= from && t > from : f < to && t > from) {
      found.push({ id: value.id, labelId: value.labelId, from: f, to: t });
    }
  });
  return found;
}

/** Every span covering the character that starts at UTF-16 position `char`. */
export function spansAtChar(set: SpanSet, char: number): Span[] {
  return spansOverlapping(set, char, char + 1);
}

/**
 * The innermost annotation covering a character: the shortest span there (ties go to the one that starts
 * last, then to the newest id), which is what a click on nested annotations means.
 */
export function innermostAt(set: SpanSet, char: number): Span | null {
  let best: Span | null = null;
  for (const span of spansAtChar(set, char)) {
    if (
      !best ||
      span.to - span.from < best.to - best.from ||
      (span.to - span.from === best.to - best.from && (span.from > best.from || (span.from === best.from && span.id > best.id)))
    ) {
      best = span;
    }
  }
  return best;
}

/** Every span in the set, in canonical order (for tests and diagnostics: O(n)). */
export function allSpans(set: SpanSet): Span[] {
  const spans: Span[] = [];
  for (let cursor = set.iter(); cursor.value; cursor.next()) {
    spans.push({ id: cursor.value.id, labelId: cursor.value.labelId, from: cursor.from, to: cursor.to });
  }
  return spans.sort(compareSpans);
}
