import { StateEffect, StateField, type Range } from '@codemirror/state';
import { Decoration, type DecorationSet } from '@codemirror/view';
import { colourClass } from './decorations.ts';

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
 * Painted segment decorations with the selected annotation's segments swapped for variants that also carry the
 * class `cm-annotation-selected`. `RangeSet.update` with a filter confined to the selected range shares every
 * other chunk with the given set, so the view's diff touches only the selected range.
 */
export function withSelection(decorations: DecorationSet, selected: SelectedAnnotation | null): DecorationSet {
  if (!selected || selected.pieces.length === 0) return decorations;
  const add: Array<Range<Decoration>> = [];
  let filterFrom = Infinity;
  let filterTo = -Infinity;
  for (const piece of selected.pieces) {
    filterFrom = Math.min(filterFrom, piece.from);
    filterTo = Math.max(filterTo, piece.to);
    decorations.between(piece.from, piece.to, (from, to, decoration) => {
      if (from >= piece.from && to <= piece.to) {
        add.push(selectedVariant(decoration, selected.labelId, from === piece.from, to === piece.to).range(from, to));
      }
    });
  }
  if (add.length === 0) return decorations;
  const inside = (from: number, to: number) => selected.pieces.some((piece) => from >= piece.from && to <= piece.to);
  return decorations.update({ filter: (from, to) => !inside(from, to), filterFrom, filterTo, add });
}

const variants = new WeakMap<Decoration, Map<string, Decoration>>();

function selectedVariant(base: Decoration, labelId: number, starts: boolean, ends: boolean): Decoration {
  const key = `${labelId}|${starts ? 's' : ''}${ends ? 'e' : ''}`;
  let byKey = variants.get(base);
  if (!byKey) variants.set(base, (byKey = new Map()));
  let variant = byKey.get(key);
  if (!variant) {
    const spec = base.spec as { attributes: Record<string, string> };
    const classes = [spec.attributes['class'], 'cm-annotation-selected', colourClass('selected', labelId)];
    if (starts) classes.push('cm-annotation-selected-start');
    if (ends) classes.push('cm-annotation-selected-end');
    variant = Decoration.mark({ ...spec, attributes: { ...spec.attributes, class: classes.join(' ') } });
    byKey.set(key, variant);
  }
  return variant;
}
