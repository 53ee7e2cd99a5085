import { EditorSelection, EditorState, type Extension, type TransactionSpec } from '@codemirror/state';
import { EditorView, drawSelection, keymap } from '@codemirror/view';
import { defaultKeymap } from '@codemirror/commands';
import { annotationField, changeAnnotations, setAnnotations } from './field.ts';
import { labelColours } from './colours.ts';
import { selectAnnotation, selectedField, type SelectedAnnotation } from './selected.ts';
import { annotationPainter } from './painter.ts';
import { annotationHost, type AnnotationHost } from './host.ts';
import { annotationClicks } from './pointer.ts';
import { annotationTooltip } from './tooltip.ts';
import { readingTheme } from './theme.ts';
import { steadyHeightEstimates } from './estimates.ts';
import type { Span } from './spans.ts';

export { annotationField, selectedField, setAnnotations, changeAnnotations, selectAnnotation };
export type { AnnotationHost, SelectedAnnotation, Span };

/**
 * The reading surface without annotations: read-only text that still takes a caret and keyboard selection
 * (readOnly stops edits; the content stays editable to the browser so it can be focused and navigated), line
 * wrapping, the reading typography and steady height estimates for long texts. The article view adds the annotation layer to it; the benchmark's
 * plain-CodeMirror baseline (renderer/bench/) uses it alone, so both measure the same editor.
 */
export function readingExtensions(label: string): Extension[] {
  return [
    EditorState.readOnly.of(true),
    EditorView.lineWrapping,
    drawSelection(),
    keymap.of(defaultKeymap),
    readingTheme,
    steadyHeightEstimates,
    EditorView.contentAttributes.of({ 'aria-label': label, 'aria-readonly': 'true', spellcheck: 'false', autocorrect: 'off', autocapitalize: 'off' }),
  ];
}

/** The article view: the reading surface with the annotation layer. */
export function articleExtensions(host: AnnotationHost, label: string): Extension[] {
  return [
    readingExtensions(label),
    annotationHost.of(host),
    annotationField,
    labelColours,
    selectedField,
    annotationPainter,
    annotationClicks,
    annotationTooltip,
  ];
}

/**
 * The transaction that puts the caret at `from` (unless told not to) and scrolls the range into view if it is
 * not already; spread into a larger transaction to do it in the same update.
 */
export function reveal(from: number, to: number, moveCaret = true): TransactionSpec {
  return {
    ...(moveCaret ? { selection: EditorSelection.cursor(from) } : {}),
    effects: EditorView.scrollIntoView(EditorSelection.range(from, to), { y: 'nearest', yMargin: 96 }),
  };
}
