import { RangeSetBuilder, type Text } from '@codemirror/state';
import { Decoration, ViewPlugin, type DecorationSet, type EditorView, type ViewUpdate } from '@codemirror/view';

/** The longest line CodeMirror would measure its character width on (see below). */
const SHORT = 20;

const shortLine = Decoration.mark({ class: 'cm-short-line' });

/**
 * Keeps CodeMirror's height estimates steady on long documents, and the drawn lines on screen.
 *
 * CodeMirror draws only the lines on screen and estimates the height of the others from a line height and a
 * character width. It measures both on the first short line it has drawn (at most 20 characters of plain
 * ASCII text, with no decoration in it) or, when there is none, on a sample text of its own. In prose the short
 * lines are headings — "CHAPTER XII", "BOOK TWO: 1805" — whose capitals are far wider than running text, so the
 * character width jumps whenever a heading scrolls into or out of the drawn range; every estimated height jumps
 * with it (by 30% on a 1,000,000-character novel) and the position on screen moves by thousands of pixels.
 * Marking each drawn short line (a plain mark: no style, just a class) disqualifies it, so CodeMirror always
 * measures its sample text and the estimates stay put. Only the drawn range is marked.
 *
 * Even with steady estimates, a long jump (a click in the scroll bar track, a reveal far away) into text whose
 * line lengths differ from the average takes CodeMirror several rounds of measuring, and after six it gives up
 * ("Viewport failed to stabilize") with its new viewport computed but not drawn: the screen shows an empty
 * gap until the user scrolls far enough for the viewport to change again. So after every viewport change the
 * plugin checks, in the next frame, that the viewport it last saw drawn is still CodeMirror's, and if not asks
 * for a redraw (an empty transaction redraws the viewport).
 */
export const steadyHeightEstimates = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    /** The viewport as of the last update the view drew (plugins are updated right before each redraw). */
    drawn: { from: number; to: number };
    pending = -1;

    constructor(readonly view: EditorView) {
      this.decorations = markShortLines(view);
      this.drawn = view.viewport;
    }

    update(update: ViewUpdate) {
      if (update.docChanged || update.viewportChanged || update.selectionSet) this.decorations = markShortLines(update.view);
      this.drawn = update.view.viewport;
      if (update.viewportChanged && this.pending < 0) {
        this.pending = requestAnimationFrame(() => {
          this.pending = -1;
          const { from, to } = this.view.viewport;
          if (from !== this.drawn.from || to !== this.drawn.to) this.view.dispatch({});
        });
      }
    }

    destroy() {
      if (this.pending >= 0) cancelAnimationFrame(this.pending);
    }
  },
  { decorations: (plugin) => plugin.decorations },
);

function markShortLines(view: EditorView): DecorationSet {
  // The drawn range: the viewport, plus the lines holding the selection (CodeMirror draws those too).
  const heads = view.state.selection.ranges.map((range) => ({ from: range.head, to: range.head }));
  const builder = new RangeSetBuilder<Decoration>();
  for (const line of shortLines(view.state.doc, [view.viewport, ...heads])) builder.add(line.from, line.to, shortLine);
  return builder.finish();
}

/**
 * The non-empty lines of at most 20 characters that touch the given ranges, in document order, each once —
 * the lines CodeMirror could measure its character width on.
 */
export function shortLines(doc: Text, ranges: ReadonlyArray<{ from: number; to: number }>): Array<{ from: number; to: number }> {
  const found: Array<{ from: number; to: number }> = [];
  let next = 0;
  for (const range of [...ranges].sort((a, b) => a.from - b.from)) {
    let pos = Math.max(range.from, next);
    while (pos <= range.to && pos <= doc.length) {
      const line = doc.lineAt(pos);
      if (line.length > 0 && line.length <= SHORT) found.push({ from: line.from, to: line.to });
      pos = line.to + 1;
      next = pos;
    }
  }
  return found;
}
