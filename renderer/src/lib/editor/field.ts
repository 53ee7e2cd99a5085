import { StateEffect, StateField } from '@codemirror/state';
import { AnnotationLayer } from './layer.ts';
import { SegmentDecorations } from './decorations.ts';
import type { Span } from './spans.ts';

/** Replaces every annotation (opening a document). */
export const setAnnotations = StateEffect.define<readonly Span[]>();

/** Removes and adds spans (an edited annotation is in both lists). */
export const changeAnnotations = StateEffect.define<{ removed: readonly Span[]; added: readonly Span[] }>();

/**
 * The annotation layer: every span, in editor (UTF-16) positions, and the decorations handed out for them. The
 * view paints the viewport's part of it through `annotationPainter` (painter.ts), with the selected annotation's
 * segments marked on top.
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
