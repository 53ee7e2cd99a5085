import { Compartment, EditorState, StateField, type Extension, type Transaction } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { colourClass, MAX_STACK } from './decorations.ts';
import { changeAnnotations, setAnnotations } from './field.ts';

/*
 * Label colours for the segments' colour classes (see `colourClass`): `.cm-ann-2-7` sets `--ann-2` to label 7's
 * colour, `.cm-ann-selected-7` sets `--selected`. The rules exist for the labels the layer has painted; the
 * transaction that first paints a label adds its rules (a theme in a compartment, reconfigured), so a segment
 * never shows without its colour.
 */

const rules = new Compartment();

/** The labels the rules cover. */
const coloured = StateField.define<ReadonlySet<number>>({
  create: () => new Set(),
  update(labels, tr) {
    const added = uncoloured(labels, tr);
    return added.length > 0 ? new Set([...labels, ...added]) : labels;
  },
});

/** Labels of the spans a transaction paints that the rules do not cover yet. */
function uncoloured(labels: ReadonlySet<number>, tr: Transaction): number[] {
  const added = new Set<number>();
  for (const effect of tr.effects) {
    const spans = effect.is(setAnnotations) ? effect.value : effect.is(changeAnnotations) ? effect.value.added : [];
    for (const span of spans) if (!labels.has(span.labelId)) added.add(span.labelId);
  }
  return [...added];
}

function colourRules(labels: Iterable<number>): Extension {
  const spec: Record<string, Record<string, string>> = {};
  for (const label of labels) {
    const colour = `var(--label-${label},var(--label-fallback))`;
    for (let slot = 1; slot <= MAX_STACK; slot++) spec[`.${colourClass(slot, label)}`] = { [`--ann-${slot}`]: colour };
    spec[`.${colourClass('selected', label)}`] = { '--selected': colour };
  }
  return EditorView.theme(spec);
}

export const labelColours: Extension = [
  coloured,
  rules.of([]),
  EditorState.transactionExtender.of((tr) => {
    const labels = tr.startState.field(coloured);
    const added = uncoloured(labels, tr);
    return added.length > 0 ? { effects: rules.reconfigure(colourRules([...labels, ...added])) } : null;
  }),
];
