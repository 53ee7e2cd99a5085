import { Decoration } from '@codemirror/view';
import type { Segment } from './segments.ts';

/** How many stacked underlines a segment shows at most; deeper nesting still shows the blended tint. */
export const MAX_STACK = 4;

/**
 * The class saying that the annotation in stack position `slot` (1 is the outermost), or the selected one, has
 * label `labelId`; colours.ts turns it into the CSS variable the paint reads (`--ann-<slot>`, `--selected`).
 */
export function colourClass(slot: number | 'selected', labelId: number): string {
  return `cm-ann-${slot}-${labelId}`;
}

/** The classes of a segment: its shape, and the colours of its labels. */
interface SegmentStyle {
  readonly className: string;
}

/**
 * Hands out the mark decoration for a segment. The look of a segment depends only on the combination of its
 * labels (outermost first) and whether the whole stack starts or ends there, so that style — the classes for its
 * shape and for each label's colour — is computed once per combination and shared. Each decoration also
 * carries `data-annotation-ids`, so decorations are interned per (style, ids): equal segments share one
 * object, which keeps RangeSet comparisons and the view's DOM diffing cheap.
 *
 * The viewport is repainted on every scroll step, which looks up every segment on screen again. Most segments
 * lie under one annotation; those are found by numbers (label, edges, id) rather than by a string key built for
 * each lookup.
 *
 * Colours are never baked in: the colour classes resolve to `--label-<id>`, defined by the app's stylesheet, so
 * recolouring a label or switching between light and dark mode restyles every segment without touching a
 * decoration. There is no inline style: equal segments then have equal attributes, and the browser shares one
 * computed style among them instead of parsing and resolving a style attribute for each.
 */
export class SegmentDecorations {
  private readonly styles = new Map<string, SegmentStyle>();
  /** Decorations of single-annotation segments, by `singleKey(label, edges)` and then by annotation id. */
  private readonly single = new Map<number, Map<number, Decoration>>();
  /** Decorations of segments under several annotations, by style key and ids. */
  private readonly interned = new Map<string, Decoration>();

  get(segment: Segment): Decoration {
    const spans = segment.spans;
    if (spans.length === 1) {
      const span = spans[0]!;
      const starts = span.from === segment.from;
      const ends = span.to === segment.to;
      const key = span.labelId * 4 + (starts ? 1 : 0) + (ends ? 2 : 0);
      let byId = this.single.get(key);
      if (!byId) this.single.set(key, (byId = new Map()));
      let decoration = byId.get(span.id);
      if (!decoration) {
        decoration = mark(this.style(`${span.labelId}|${edges(starts, ends)}`, [span.labelId], starts, ends), String(span.id));
        byId.set(span.id, decoration);
      }
      return decoration;
    }
    const labels = spans.map((span) => span.labelId);
    // A segment's edge is rounded only where the whole stack begins or ends, never where an outer span goes on.
    const starts = spans.every((span) => span.from === segment.from);
    const ends = spans.every((span) => span.to === segment.to);
    const styleKey = `${labels.join(',')}|${edges(starts, ends)}`;
    const ids = idsOf(segment);
    const key = `${styleKey}|${ids}`;
    let decoration = this.interned.get(key);
    if (!decoration) {
      decoration = mark(this.style(styleKey, labels, starts, ends), ids);
      this.interned.set(key, decoration);
    }
    return decoration;
  }

  /** Number of distinct styles and decorations handed out (for tests and diagnostics). */
  get sizes(): { styles: number; decorations: number } {
    let decorations = this.interned.size;
    for (const byId of this.single.values()) decorations += byId.size;
    return { styles: this.styles.size, decorations };
  }

  private style(key: string, labels: readonly number[], starts: boolean, ends: boolean): SegmentStyle {
    let style = this.styles.get(key);
    if (!style) {
      const depth = Math.min(labels.length, MAX_STACK);
      const classes = ['cm-annotation', `cm-annotation-depth-${depth}`];
      if (starts) classes.push('cm-annotation-start');
      if (ends) classes.push('cm-annotation-end');
      labels.slice(0, MAX_STACK).forEach((label, index) => classes.push(colourClass(index + 1, label)));
      style = { className: classes.join(' ') };
      this.styles.set(key, style);
    }
    return style;
  }
}

function edges(starts: boolean, ends: boolean): string {
  return `${starts ? 's' : ''}${ends ? 'e' : ''}`;
}

/**
 * The class goes in with the other attributes (not as the spec's `class`), so that CodeMirror takes the object
 * as it is instead of copying it into a new one for every decoration.
 */
function mark(style: SegmentStyle, ids: string): Decoration {
  return Decoration.mark({ attributes: { class: style.className, 'data-annotation-ids': ids }, inclusive: false });
}

/** The ids a segment belongs to, ascending and space-separated: its `data-annotation-ids`. */
export function idsOf(segment: Segment): string {
  const spans = segment.spans;
  if (spans.length === 1) return String(spans[0]!.id);
  const ids = [...new Set(spans.map((span) => span.id))].sort((a, b) => a - b);
  return ids.join(' ');
}
