import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AnnotationLayer } from './layer.ts';
import { SegmentDecorations } from './decorations.ts';
import { allSpans, innermostAt, type Span } from './spans.ts';
import type { DecorationSet } from '@codemirror/view';

/** A deterministic pseudo-random generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Each decoration as `from-to [ids] classes`, cut to [lo, hi). */
function painted(set: DecorationSet, lo = 0, hi = Infinity): string[] {
  const out: string[] = [];
  for (let cursor = set.iter(); cursor.value; cursor.next()) {
    const from = Math.max(cursor.from, lo);
    const to = Math.min(cursor.to, hi);
    if (from >= to) continue;
    const spec = cursor.value.spec as { attributes: Record<string, string> };
    out.push(`${from}-${to} [${spec.attributes['data-annotation-ids']}] ${spec.attributes['class']}`);
  }
  return out;
}

/** The paint of the whole document (every test text is shorter than this). */
function paintAll(layer: AnnotationLayer): DecorationSet {
  return layer.paint(0, 1_000_000);
}

test('build paints one non-overlapping segment per stretch with ids and label colours', () => {
  const layer = AnnotationLayer.build(
    [
      { id: 1, labelId: 10, from: 0, to: 10 },
      { id: 2, labelId: 20, from: 5, to: 15 },
    ],
    new SegmentDecorations(),
  );
  assert.deepEqual(painted(paintAll(layer)), [
    '0-5 [1] cm-annotation cm-annotation-depth-1 cm-annotation-start cm-ann-1-10',
    '5-10 [1 2] cm-annotation cm-annotation-depth-2 cm-ann-1-10 cm-ann-2-20',
    '10-15 [2] cm-annotation cm-annotation-depth-1 cm-annotation-end cm-ann-1-20',
  ]);
});

test('styles are shared per label combination; decorations are shared by equal segments', () => {
  const styles = new SegmentDecorations();
  const layer = AnnotationLayer.build(
    [
      // Annotation 1 is discontinuous: both fragments look alike and belong to the same id.
      { id: 1, labelId: 10, from: 0, to: 5 },
      { id: 1, labelId: 10, from: 20, to: 25 },
      // Annotation 2 has the same label and shape, but other ids: same style, its own decoration.
      { id: 2, labelId: 10, from: 40, to: 45 },
      { id: 3, labelId: 20, from: 60, to: 65 },
    ],
    styles,
  );
  const decorations: unknown[] = [];
  for (let c = paintAll(layer).iter(); c.value; c.next()) decorations.push(c.value);
  assert.equal(decorations.length, 4);
  assert.equal(decorations[0], decorations[1], 'the two fragments of annotation 1 share one decoration');
  assert.notEqual(decorations[1], decorations[2]);
  assert.deepEqual(styles.sizes, { styles: 2, decorations: 3 });
});

test('removing a span merges the segments it split', () => {
  const a: Span = { id: 1, labelId: 10, from: 0, to: 10 };
  const b: Span = { id: 2, labelId: 20, from: 5, to: 15 };
  const layer = AnnotationLayer.build([a, b], new SegmentDecorations()).update([b], []);
  assert.deepEqual(
    painted(paintAll(layer)).map((line) => line.split(' ')[0]),
    ['0-10'],
  );
});

test('after updates, the layer holds and paints what a rebuild does, and a window paints the whole restricted to it (randomised)', () => {
  for (let seed = 1; seed <= 60; seed++) {
    const next = random(seed);
    const docLength = 400;
    const styles = new SegmentDecorations();
    const live = new Map<number, Span[]>();
    let nextId = 1;
    const makeAnnotation = (id: number): Span[] => {
      const pieces = next() < 0.15 ? 2 : 1;
      const spans: Span[] = [];
      let at = Math.floor(next() * (docLength - 60));
      const labelId = 1 + Math.floor(next() * 4);
      for (let p = 0; p < pieces; p++) {
        const from = at + Math.floor(next() * 5);
        const to = from + 1 + Math.floor(next() * (next() < 0.1 ? 50 : 12));
        spans.push({ id, labelId, from, to });
        at = to + 1 + Math.floor(next() * 6);
      }
      return spans;
    };
    for (let i = 0; i < 25; i++) live.set(nextId, makeAnnotation(nextId++));
    let layer = AnnotationLayer.build([...live.values()].flat(), styles);

    for (let step = 0; step < 40; step++) {
      const roll = next();
      const ids = [...live.keys()];
      let removed: Span[] = [];
      let added: Span[] = [];
      if (roll < 0.4 || ids.length === 0) {
        const id = nextId++;
        added = makeAnnotation(id);
        live.set(id, added);
      } else if (roll < 0.7) {
        const id = ids[Math.floor(next() * ids.length)]!;
        removed = live.get(id)!;
        live.delete(id);
      } else if (roll < 0.9) {
        // Relabel or move: the same id removed and added.
        const id = ids[Math.floor(next() * ids.length)]!;
        removed = live.get(id)!;
        added = next() < 0.5 ? removed.map((s) => ({ ...s, labelId: 1 + ((s.labelId + 1) % 4) })) : makeAnnotation(id);
        live.set(id, added);
      } else {
        // A batch: two deletions and a creation at once (an undo of a multi-edit step).
        for (const id of ids.slice(0, 2)) {
          removed.push(...live.get(id)!);
          live.delete(id);
        }
        const id = nextId++;
        added = makeAnnotation(id);
        live.set(id, added);
      }
      layer = layer.update(removed, added);
      const rebuilt = AnnotationLayer.build([...live.values()].flat(), styles);
      const whole = paintAll(rebuilt);
      assert.deepEqual(painted(paintAll(layer)), painted(whole), `seed ${seed}, step ${step}`);
      assert.deepEqual(allSpans(layer.spans), allSpans(rebuilt.spans), `spans, seed ${seed}, step ${step}`);
      // A window anywhere, as the viewport is: the same segments there, with the same classes.
      const lo = Math.floor(next() * docLength);
      const hi = lo + 1 + Math.floor(next() * 120);
      assert.deepEqual(painted(layer.paint(lo, hi), lo, hi), painted(whole, lo, hi), `window ${lo}-${hi}, seed ${seed}, step ${step}`);
    }
  }
});

test('a repaint after a change hands out the very decorations painted before wherever nothing changed', () => {
  const spans: Span[] = [];
  for (let i = 0; i < 5000; i++) spans.push({ id: i + 1, labelId: 1 + (i % 4), from: i * 20, to: i * 20 + 8 });
  const layer = AnnotationLayer.build(spans, new SegmentDecorations());
  const updated = layer.update([], [{ id: 99999, labelId: 2, from: 50_004, to: 50_030 }]);
  // The same objects, so the view's diff of the two paints stops at the change.
  const before = new Map<number, unknown>();
  for (let c = paintAll(layer).iter(); c.value; c.next()) before.set(c.from, c.value);
  let same = 0;
  let changed = 0;
  for (let c = paintAll(updated).iter(); c.value; c.next()) {
    if (before.get(c.from) === c.value) same++;
    else changed++;
  }
  // The new span [50004, 50030) overlaps spans 2501 [50000, 50008) and 2502 [50020, 50028): five new
  // segments replace those two, and the other 4998 decorations are the very same objects as before.
  assert.equal(changed, 5, 'only the segments around the new span differ');
  assert.equal(same, 4998);
});

test('innermostAt picks the shortest annotation under a character', () => {
  const layer = AnnotationLayer.build(
    [
      { id: 1, labelId: 1, from: 0, to: 100 },
      { id: 2, labelId: 2, from: 10, to: 30 },
      { id: 3, labelId: 3, from: 15, to: 20 },
    ],
    new SegmentDecorations(),
  );
  assert.equal(innermostAt(layer.spans, 16)?.id, 3);
  assert.equal(innermostAt(layer.spans, 12)?.id, 2);
  assert.equal(innermostAt(layer.spans, 50)?.id, 1);
  assert.equal(innermostAt(layer.spans, 100), null);
});

test('a layer maps through document changes', async () => {
  const { ChangeSet } = await import('@codemirror/state');
  const layer = AnnotationLayer.build([{ id: 1, labelId: 1, from: 10, to: 20 }], new SegmentDecorations());
  const mapped = layer.map(ChangeSet.of({ from: 0, insert: 'abc' }, 100));
  assert.deepEqual(allSpans(mapped.spans), [{ id: 1, labelId: 1, from: 13, to: 23 }]);
  assert.deepEqual(painted(paintAll(mapped)).map((l) => l.split(' ')[0]), ['13-23']);
});
