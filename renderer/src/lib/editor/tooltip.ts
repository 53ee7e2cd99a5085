import { hoverTooltip, type EditorView } from '@codemirror/view';
import { quoted } from '../util/text.ts';
import { annotationField } from './field.ts';
import { annotationHost, type AnnotationDescription } from './host.ts';
import { spansAtChar } from './spans.ts';

const MAX_TEXT = 160;

/** Hovering an annotation shows, innermost first, each label with its actor and the covered text. */
export const annotationTooltip = hoverTooltip(
  (view, pos, side) => {
    const host = view.state.facet(annotationHost);
    if (!host) return null;
    const char = side < 0 ? pos - 1 : pos;
    if (char < 0 || char >= view.state.doc.length) return null;
    const spans = spansAtChar(view.state.field(annotationField).spans, char).sort(
      (a, b) => a.to - a.from - (b.to - b.from) || b.from - a.from,
    );
    const seen = new Set<number>();
    const summaries: AnnotationDescription[] = [];
    for (const span of spans) {
      if (seen.has(span.id)) continue;
      seen.add(span.id);
      const summary = host.describe(span.id);
      if (summary) summaries.push(summary);
    }
    const inner = spans[0];
    if (!inner || summaries.length === 0) return null;
    return {
      pos: inner.from,
      end: inner.to,
      above: true,
      create: () => {
        const dom = renderSummaries(summaries.slice(0, 3), summaries.length);
        dom.id = `annotation-tooltip-${++tooltips}`;
        let described: HTMLElement[] = [];
        return {
          dom,
          // The hovered segments are described by the card, so a screen reader announces it with them.
          mount: (mounted: EditorView) => {
            described = segmentsOf(mounted, inner.id);
            for (const element of described) element.setAttribute('aria-describedby', dom.id);
          },
          destroy: () => {
            for (const element of described) if (element.getAttribute('aria-describedby') === dom.id) element.removeAttribute('aria-describedby');
          },
        };
      },
    };
  },
  { hoverTime: 300 },
);

let tooltips = 0;

/** The painted segments (in the rendered part of the document) that belong to annotation `id`. */
function segmentsOf(view: EditorView, id: number): HTMLElement[] {
  const wanted = String(id);
  return Array.from(view.contentDOM.querySelectorAll<HTMLElement>('[data-annotation-ids]')).filter((element) =>
    element.dataset['annotationIds']!.split(' ').includes(wanted),
  );
}

function renderSummaries(summaries: readonly AnnotationDescription[], total: number): HTMLElement {
  const dom = document.createElement('div');
  dom.className = 'cm-annotation-tooltip';
  dom.setAttribute('role', 'tooltip');
  for (const summary of summaries) {
    const item = dom.appendChild(document.createElement('div'));
    item.className = 'cm-annotation-tooltip-item';
    const head = item.appendChild(document.createElement('div'));
    head.className = 'cm-annotation-tooltip-head';
    const swatch = head.appendChild(document.createElement('span'));
    swatch.className = 'cm-annotation-tooltip-swatch';
    swatch.style.background = `var(--label-${summary.labelId}, var(--label-fallback))`;
    head.appendChild(document.createElement('strong')).textContent = summary.label;
    const text = item.appendChild(document.createElement('div'));
    text.className = 'cm-annotation-tooltip-text';
    text.textContent = quoted(summary.text, (whole) => truncate(whole, MAX_TEXT));
    if (summary.actor && summary.actor.name !== summary.text.trim()) {
      const actor = item.appendChild(document.createElement('div'));
      actor.className = 'cm-annotation-tooltip-actor';
      actor.appendChild(document.createElement('span')).textContent = `${summary.actor.role.charAt(0).toUpperCase()}${summary.actor.role.slice(1)} `;
      actor.appendChild(document.createElement('strong')).textContent = summary.actor.name;
    }
  }
  if (total > summaries.length) {
    const more = dom.appendChild(document.createElement('div'));
    more.className = 'cm-annotation-tooltip-more';
    more.textContent = `+${total - summaries.length} more`;
  }
  return dom;
}

/** Shortens text to at most `max` code points, never splitting a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const chars = Array.from(text.slice(0, max * 2));
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}
