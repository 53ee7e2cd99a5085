import { Decoration } from '@codemirror/view';
import type { Segment } from './segments.ts';

/** How many stacked underlines a segment shows at most; deeper nesting still shows the blended tint. */
export const MAX_STACK = 4;

interface SegmentStyle {
  readonly className: string;
  readonly style: string;
}

/**
 * Hands out the mark decoration for a segment. The look of a segment depends only on the combination of its
 * labels (outermost first) and whether the whole stack starts or ends there, so that style — class list and the
 * CSS variables naming each label's colour — is computed once per combination and shared. Each decoration also
 * carries `data-annotation-ids`, so decorations are interned per (style, ids): equal segments share one
 * object, which keeps RangeSet comparisons and the view's DOM diffing cheap.
 *
 * Colours are never baked in: `--label-<id>` is defined by the app's stylesheet, so recolouring a label or
 * switching between light and dark mode restyles every segment without touching a decoration.
 */
export class SegmentDecorations {
  private readonly styles = new Map<string, SegmentStyle>();
  private readonly interned = new Map<string, Decoration>();

  get(segment: Segment): Decoration {
    const labels = segment.spans.map((span) => span.labelId);
    // A segment's edge is rounded only where the whole stack begins or ends, never where an outer span goes on.
    const starts = segment.spans.every((span) => span.from === segment.from);
    const ends = segment.spans.every((span) => span.to === segment.to);
    const styleKey = `${labels.join(',')}|${starts ? 's' : ''}${ends ? 'e' : ''}`;
    const ids = idsOf(segment);
    const key = `${styleKey}|${ids}`;
    let decoration = this.interned.get(key);
    if (!decoration) {
      const style = this.style(styleKey, labels, starts, ends);
      decoration = Decoration.mark({
        class: style.className,
        attributes: { style: style.style, 'data-annotation-ids': ids },
        inclusive: false,
        annotationIds: ids,
      });
      this.interned.set(key, decoration);
    }
    return decoration;
  }

  /** Number of distinct styles and decorations handed out (for tests and diagnostics). */
  get sizes(): { styles: number; decorations: number } {
    return { styles: this.styles.size, decorations: this.interned.size };
  }

  private style(key: string, labels: readonly number[], starts: boolean, ends: boolean): SegmentStyle {
    let style = this.styles.get(key);
    if (!style) {
      const depth = Math.min(labels.length, MAX_STACK);
      const classes = ['cm-annotation', `cm-annotation-depth-${depth}`];
      if (starts) classes.push('cm-annotation-start');
      if (ends) classes.push('cm-annotation-end');
      const vars = labels
        .slice(0, MAX_STACK)
        .map((label, index) => `--ann-${index + 1}:var(--label-${label},var(--label-fallback))`);
      style = { className: classes.join(' '), style: vars.join(';') };
      this.styles.set(key, style);
    }
    return style;
  }
}

/** The ids a segment belongs to, ascending and space-separated: its `data-annotation-ids`. */
export function idsOf(segment: Segment): string {
  const spans = segment.spans;
  if (spans.length === 1) return String(spans[0]!.id);
  const ids = [...new Set(spans.map((span) => span.id))].sort((a, b) => a - b);
  return ids.join(' ');
}
