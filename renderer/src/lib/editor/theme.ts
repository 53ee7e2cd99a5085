import { EditorView } from '@codemirror/view';
import { MAX_STACK } from './decorations.ts';

/*
 * The reading surface and the annotation paint. Every colour is a CSS variable from the app's stylesheet
 * (app.css), so light and dark mode — and label recolouring — need no editor reconfiguration.
 *
 * A segment covered by n annotations shows n stacked underlines, outermost on top, each in its label's colour,
 * over a tint made of each label's colour at low alpha: overlapping annotations blend rather than hide one
 * another. Vertical padding on an inline element grows its background without moving the line, so the
 * underlines sit in the line gap below the text.
 *
 * Everything is a solid fill: a background colour and inset box shadows, which the browser paints as plain
 * rectangles. (Gradient backgrounds, which drew this before, need a shader each and made repainting the lines
 * around a new tag several times slower.)
 */
const LINE = 2;
const STEP = 3;

function tint(color: string, amount: string): string {
  return `color-mix(in oklab, ${color} ${amount}, transparent)`;
}

/**
 * The paint for a segment under n annotations: n underlines and n tints. When the segment belongs to the
 * selected annotation, the tints give way to one deeper tint of the selected label's colour (the underlines
 * stay, so what else covers the text remains visible).
 *
 * An inset shadow `0 -h` fills the bottom h pixels, and shadows listed first are painted on top. So the lines go
 * innermost first, each filling up to its own top, with a shadow in the colour behind the lines between two of
 * them: each line shows as a band of LINE pixels, one pixel apart; the outermost sits just under the text at
 * every depth, so it runs on unbroken past nested spans, and each inner annotation's line hangs one step lower.
 * The tints of the inner annotations come last, as shadows filling the whole box (under the lines).
 */
function depth(n: number, selected: boolean): Record<string, string> {
  const behindLines = selected ? 'color-mix(in oklab, var(--selected) var(--ann-selected-tint), var(--paper))' : 'var(--paper)';
  const shadows: string[] = [];
  for (let line = n; line >= 1; line--) {
    const bottom = (n - line) * STEP;
    shadows.push(`inset 0 -${bottom + LINE}px var(--ann-${line})`);
    if (line > 1) shadows.push(`inset 0 -${bottom + STEP}px ${behindLines}`);
  }
  // Outermost on top, as the lines: the innermost tint is the background colour, the others shadows over it.
  if (!selected) {
    for (let outer = 1; outer < n; outer++) shadows.push(`inset 0 0 0 100vmax ${tint(`var(--ann-${outer})`, 'var(--ann-tint)')}`);
  }
  return {
    paddingBottom: `${1 + (n - 1) * STEP}px`,
    backgroundColor: selected ? tint('var(--selected)', 'var(--ann-selected-tint)') : tint(`var(--ann-${n})`, 'var(--ann-tint)'),
    // Unselected, the tint stops at the text (the lines below it sit on the paper); selected, it takes them in.
    backgroundClip: selected ? 'padding-box' : 'content-box',
    boxShadow: shadows.join(', '),
  };
}

const depthRules: Record<string, Record<string, string>> = {};
for (let n = 1; n <= MAX_STACK; n++) {
  depthRules[`.cm-annotation-depth-${n}`] = depth(n, false);
  depthRules[`.cm-annotation-depth-${n}.cm-annotation-selected`] = depth(n, true);
}

export const readingTheme = EditorView.theme({
  '&': {
    height: '100%',
    color: 'var(--text)',
    backgroundColor: 'transparent',
    fontSize: 'var(--reading-size, 18px)',
  },
  '&.cm-focused': { outline: 'none' },
  '.cm-scroller': {
    fontFamily: 'var(--font-reading)',
    lineHeight: '1.72',
    overflowX: 'hidden',
    scrollbarGutter: 'stable',
  },
  '.cm-content': {
    boxSizing: 'content-box',
    maxWidth: '68ch',
    width: '100%',
    margin: '0 auto',
    // The first line's own top padding (0.55em) is most of the space above the text.
    padding: '0 40px 45vh',
    caretColor: 'var(--accent)',
    fontVariantLigatures: 'common-ligatures',
    textRendering: 'optimizeLegibility',
  },
  // Paragraphs: every line (the text after each line break) gets breathing room above it, as in print. It must
  // be the same on every line: CodeMirror draws only the lines on screen, with a spacer for the rest, so a rule
  // like '.cm-line + .cm-line' would change a line's height as its neighbour scrolls in or out of the DOM, and
  // the viewport would never settle (a long task per scroll step on a long document).
  '.cm-line': { padding: '0.55em 0 0' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--accent)', borderLeftWidth: '2px' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, ::selection': {
    backgroundColor: 'var(--text-selection) !important',
  },
  '.cm-selectionBackground': { backgroundColor: 'var(--text-selection-blur) !important' },

  // Only the top corners are rounded: the shadows that draw the underlines follow a rounded corner, which would
  // bend each line's ends upward; square bottom corners keep them straight and flush with the tint.
  '.cm-annotation': { cursor: 'pointer' },
  ...depthRules,
  '.cm-annotation-start': { borderTopLeftRadius: '3px' },
  '.cm-annotation-end': { borderTopRightRadius: '3px' },
  // The selected annotation is rounded at its own ends, whatever else overlaps it.
  '.cm-annotation.cm-annotation-selected': { borderRadius: '0' },
  '.cm-annotation.cm-annotation-selected-start': { borderTopLeftRadius: '3px' },
  '.cm-annotation.cm-annotation-selected-end': { borderTopRightRadius: '3px' },

  '.cm-tooltip': {
    border: '1px solid var(--border)',
    backgroundColor: 'var(--surface-raised)',
    color: 'var(--text)',
    borderRadius: '8px',
    boxShadow: 'var(--shadow-pop)',
  },
  '.cm-tooltip.cm-tooltip-hover': { padding: '0' },
  '.cm-annotation-tooltip': {
    fontFamily: 'var(--font-ui)',
    fontSize: '12.5px',
    lineHeight: '1.45',
    maxWidth: '340px',
    padding: '9px 11px',
    display: 'grid',
    gap: '10px',
  },
  '.cm-annotation-tooltip-item': { display: 'grid', gap: '3px' },
  '.cm-annotation-tooltip-head': { display: 'flex', alignItems: 'center', gap: '6px' },
  '.cm-annotation-tooltip-swatch': { width: '8px', height: '8px', borderRadius: '2px', flex: 'none' },
  '.cm-annotation-tooltip-text': { fontFamily: 'var(--font-reading)', fontSize: '14px', color: 'var(--text)' },
  '.cm-annotation-tooltip-actor': { color: 'var(--text-muted)' },
  '.cm-annotation-tooltip-actor strong': { color: 'var(--text)', fontWeight: '560' },
  '.cm-annotation-tooltip-more': { color: 'var(--text-faint)', fontSize: '11.5px' },
});
