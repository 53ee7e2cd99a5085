import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DecorationSet } from '@codemirror/view';
import { AnnotationLayer } from './layer.ts';
import { SegmentDecorations } from './decorations.ts';
import { withSelection } from './selected.ts';

function painted(set: DecorationSet): string[] {
  const out: string[] = [];
  for (let c = set.iter(); c.value; c.next()) {
    const spec = c.value.spec as { attributes: Record<string, string> };
    out.push(`${c.from}-${c.to} [${spec.attributes['data-annotation-ids']}]${spec.attributes['class']!.includes('cm-annotation-selected') ? ' selected' : ''}`);
  }
  return out;
}

const layer = AnnotationLayer.build(
  [
    { id: 1, labelId: 1, from: 0, to: 10 },
    { id: 2, labelId: 2, from: 5, to: 15 },
    { id: 3, labelId: 1, from: 30, to: 40 },
  ],
  new SegmentDecorations(),
).paint(0, 40);

test('selecting marks exactly the selected annotation’s segments, keeping their ids', () => {
  const set = withSelection(layer, { id: 2, labelId: 2, pieces: [{ from: 5, to: 15 }] });
  assert.deepEqual(painted(set), ['0-5 [1]', '5-10 [1 2] selected', '10-15 [2] selected', '30-40 [3]']);
});

test('selection leaves the painted set itself alone', () => {
  const before = painted(layer);
  withSelection(layer, { id: 1, labelId: 1, pieces: [{ from: 0, to: 10 }] });
  assert.deepEqual(painted(layer), before);
  assert.equal(withSelection(layer, null), layer);
});

test('a selected annotation outside the painted range leaves it as it is', () => {
  assert.equal(withSelection(layer, { id: 5, labelId: 1, pieces: [{ from: 50, to: 60 }] }), layer);
});

test('a discontinuous annotation is marked on every fragment', () => {
  const split = AnnotationLayer.build(
    [
      { id: 4, labelId: 1, from: 0, to: 3 },
      { id: 4, labelId: 1, from: 8, to: 12 },
    ],
    new SegmentDecorations(),
  ).paint(0, 12);
  const set = withSelection(split, { id: 4, labelId: 1, pieces: [{ from: 0, to: 3 }, { from: 8, to: 12 }] });
  assert.deepEqual(painted(set), ['0-3 [4] selected', '8-12 [4] selected']);
});
