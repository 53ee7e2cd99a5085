import { test } from 'node:test';
import assert from 'node:assert/strict';
import { flattenSpans } from './segments.ts';
import type { Span } from './spans.ts';

const span = (id: number, from: number, to: number, labelId = 1): Span => ({ id, labelId, from, to });
const shape = (segments: ReturnType<typeof flattenSpans>) =>
  segments.map((s) => `${s.from}-${s.to}:${s.spans.map((x) => x.id).join(',')}`);

test('a lone span is one segment', () => {
  assert.deepEqual(shape(flattenSpans([span(1, 3, 9)])), ['3-9:1']);
});

test('overlapping spans split at every endpoint and carry every id, outermost first', () => {
  assert.deepEqual(shape(flattenSpans([span(2, 5, 15), span(1, 0, 10)])), ['0-5:1', '5-10:1,2', '10-15:2']);
});

test('nested spans: the outer span comes first in the stack', () => {
  assert.deepEqual(shape(flattenSpans([span(7, 4, 6), span(3, 0, 10)])), ['0-4:3', '4-6:3,7', '6-10:3']);
});

test('identical ranges share one segment, ordered by id', () => {
  assert.deepEqual(shape(flattenSpans([span(9, 2, 4), span(4, 2, 4)])), ['2-4:4,9']);
});

test('gaps between spans produce no segment; adjacent spans stay separate', () => {
  assert.deepEqual(shape(flattenSpans([span(1, 0, 2), span(2, 5, 7), span(3, 7, 8)])), ['0-2:1', '5-7:2', '7-8:3']);
});

test('empty spans are ignored', () => {
  assert.deepEqual(shape(flattenSpans([span(1, 4, 4), span(2, 1, 3)])), ['1-3:2']);
});

test('a window clips spans but keeps their true extent in the segment', () => {
  const segments = flattenSpans([span(1, 0, 20), span(2, 8, 12)], 5, 10);
  assert.deepEqual(shape(segments), ['5-8:1', '8-10:1,2']);
  assert.deepEqual(segments[0]!.spans[0], span(1, 0, 20));
});

test('the window equals the full flattening restricted to it when its edges are boundaries', () => {
  const spans = [span(1, 0, 30), span(2, 5, 12), span(3, 10, 25), span(4, 18, 40)];
  const full = shape(flattenSpans(spans).filter((s) => s.from >= 10 && s.to <= 25));
  assert.deepEqual(shape(flattenSpans(spans, 10, 25)), full);
});
