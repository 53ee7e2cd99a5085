import { ViewPlugin, type DecorationSet, type EditorView, type ViewUpdate } from '@codemirror/view';
import { annotationField } from './field.ts';
import { selectedField, withSelection } from './selected.ts';

/**
 * Paints the annotations in the viewport, with the selected one marked: repainted when the viewport moves, the
 * annotations change or the selection does. Decorations are interned (SegmentDecorations), so a repaint hands
 * the view the very objects it drew before wherever nothing changed, and its diff touches only what did.
 */
export const annotationPainter = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;

    constructor(view: EditorView) {
      this.decorations = paint(view);
    }

    update(update: ViewUpdate): void {
      if (
        update.viewportChanged ||
        update.startState.field(annotationField) !== update.state.field(annotationField) ||
        update.startState.field(selectedField) !== update.state.field(selectedField)
      ) {
        this.decorations = paint(update.view);
      }
    }
  },
  { decorations: (painter) => painter.decorations },
);

function paint(view: EditorView): DecorationSet {
  const { from, to } = view.viewport;
  return withSelection(view.state.field(annotationField).paint(from, to), view.state.field(selectedField));
}
