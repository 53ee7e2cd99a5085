import { StateEffect, StateField } from '@codemirror/state';
import { AnnotationLayer } from './layer.ts';
import { SegmentDecorations } from './decorations.ts';
import type { Span } from './spans.ts';

/** Replaces every annotation (opening a document): one full build from sorted spans. */
export const setAnnotations = StateEffect.define<readonly Span[]>();

/** Removes and adds spans (an edited annotation is in both lists): an incremental update. */
export const changeAnnotations = StateEffect.define<{ removed: readonly Span[]; added: readonly Span[] }>();

/**
 * The annotation layer: spans and their flattened segment decorations, in editor (UTF-16) positions. Its
 * decorations reach the view through `paintedAnnotations` (see selected.ts), which marks the selected
 * annotation's segments on top.
 */
export const annotationField = StateField.define<AnnotationLayer>({
  create: () => AnnotationLayer.empty(new SegmentDecorations()),
  update(layer, tr) {
    let next = layer.map(tr.changes);
    for (const effect of tr.effects) {
      if (effect.is(setAnnotations)) next = AnnotationLayer.build(effect.value, new SegmentDecorations());
      else if (effect.is(changeAnnotations)) next = next.update(effect.value.removed, effect.value.added);
    }
    return next;
  },
});
