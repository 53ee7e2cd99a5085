import { StateEffect, StateField, type Range } from '@codemirror/state';
import { Decoration, EditorView, type DecorationSet } from '@codemirror/view';
import { annotationField } from './field.ts';
import type { AnnotationLayer } from './layer.ts';

/** The selected annotation: its id, label and pieces in editor positions. */
export interface SelectedAnnotation {
  readonly id: number;
  readonly labelId: number;
  readonly pieces: ReadonlyArray<{ readonly from: number; readonly to: number }>;
}

/** Selects an annotation (or clears the selection with null). */
export const selectAnnotation = StateEffect.define<SelectedAnnotation | null>({
  map: (value, changes) =>
    value && {
      ...value,
      pieces: value.pieces.map((piece) => ({ from: changes.mapPos(piece.from, 1), to: changes.mapPos(piece.to, -1) })),
    },
});

/** A small field of its own, so selecting never touches the annotation layer. */
export const selectedField = StateField.define<SelectedAnnotation | null>({
  create: () => null,
  update(value, tr) {
    let next = value && !tr.changes.empty ? selectAnnotation.map(value, tr.changes) : value;
    for (const effect of tr.effects) if (effect.is(selectAnnotation)) next = effect.value;
    return next ?? null;
  },
});

/**
 * The segment decorations with the selected annotation's segments swapped for variants that also carry the
 * class `cm-annotation-selected`. `RangeSet.update` with a filter confined to the selected range shares every
 * other chunk with the layer's set, so the view's diff touches only the selected range; the layer itself is
 * never rebuilt for a selection.
 */
export function withSelection(layer: AnnotationLayer, selected: SelectedAnnotation | null): DecorationSet {
  if (!selected || selected.pieces.length === 0) return layer.decorations;
  const add: Array<Range<Decoration>> = [];
  let filterFrom = Infinity;
  let filterTo = -Infinity;
  for (const piece of selected.pieces) {
    filterFrom = Math.min(filterFrom, piece.from);
    filterTo = Math.max(filterTo, piece.to);
    layer.decorations.between(piece.from, piece.to, (from, to, decoration) => {
      if (from >= piece.from && to <= piece.to) {
        add.push(selectedVariant(decoration, selected.labelId, from === piece.from, to === piece.to).range(from, to));
      }
    });
  }
  if (add.length === 0) return layer.decorations;
  const inside = (from: number, to: number) => selected.pieces.some((piece) => from >= piece.from && to <= piece.to);
  return layer.decorations.update({ filter: (from, to) => !inside(from, to), filterFrom, filterTo, add });
}

const variants = new WeakMap<Decoration, Map<string, Decoration>>();

function selectedVariant(base: Decoration, labelId: number, starts: boolean, ends: boolean): Decoration {
  const key = `${labelId}|${starts ? 's' : ''}${ends ? 'e' : ''}`;
  let byKey = variants.get(base);
  if (!byKey) variants.set(base, (byKey = new Map()));
  let variant = byKey.get(key);
  if (!variant) {
    const spec = base.spec as { class: string; attributes: Record<string, string>; annotationIds: string };
    const classes = [spec.class, 'cm-annotation-selected'];
    if (starts) classes.push('cm-annotation-selected-start');
    if (ends) classes.push('cm-annotation-selected-end');
    variant = Decoration.mark({
      ...spec,
      class: classes.join(' '),
      attributes: {
        ...spec.attributes,
        style: `${spec.attributes['style']};--selected:var(--label-${labelId},var(--label-fallback))`,
      },
    });
    byKey.set(key, variant);
  }
  return variant;
}

/** What the view paints: the annotation layer with the selection marked. */
export const paintedAnnotations = EditorView.decorations.compute([annotationField, selectedField], (state) =>
  withSelection(state.field(annotationField), state.field(selectedField)),
);
