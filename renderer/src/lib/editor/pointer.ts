import { EditorView } from '@codemirror/view';
import { annotationField } from './field.ts';
import { annotationHost } from './host.ts';
import { innermostAt } from './spans.ts';

/** The character under a screen point, or null when the point is not over text. */
export function charAtCoords(view: EditorView, x: number, y: number): number | null {
  const hit = view.posAndSideAtCoords({ x, y });
  if (!hit) return null;
  const char = hit.assoc < 0 ? hit.pos - 1 : hit.pos;
  return char >= 0 && char < view.state.doc.length ? char : null;
}

/** The innermost annotation covering a character. */
export function annotationAtChar(view: EditorView, char: number): number | null {
  return innermostAt(view.state.field(annotationField).spans, char)?.id ?? null;
}

/**
 * A plain click activates the innermost (shortest) annotation under the pointer, or clears the selection on
 * bare text. Drags, double clicks and modified clicks are left to text selection.
 */
export const annotationClicks = EditorView.domEventHandlers({
  click(event, view) {
    if (event.button !== 0 || event.detail > 1 || event.shiftKey || event.altKey || event.metaKey || event.ctrlKey) {
      return false;
    }
    if (!view.state.selection.main.empty) return false;
    const host = view.state.facet(annotationHost);
    if (!host) return false;
    const char = charAtCoords(view, event.clientX, event.clientY);
    host.activate(char === null ? null : annotationAtChar(view, char), view);
    return false;
  },
});
