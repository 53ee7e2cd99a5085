import { EditorSelection, EditorState, Prec, type Extension } from '@codemirror/state';
import { EditorView, drawSelection, keymap } from '@codemirror/view';
import { defaultKeymap } from '@codemirror/commands';
import { annotationField, changeAnnotations, setAnnotations } from './field.ts';
import { paintedAnnotations, selectAnnotation, selectedField, type SelectedAnnotation } from './selected.ts';
import { annotationHost, type AnnotationHost } from './host.ts';
import { annotationClicks } from './pointer.ts';
import { annotationTooltip } from './tooltip.ts';
import { readingTheme } from './theme.ts';
import type { Span } from './spans.ts';

export { annotationField, selectedField, setAnnotations, changeAnnotations, selectAnnotation };
export type { AnnotationHost, SelectedAnnotation, Span };

/**
 * The article view: read-only text that still takes a caret and keyboard selection (readOnly stops edits;
 * the content stays editable to the browser so it can be focused and navigated), with the annotation layer.
 */
export function articleExtensions(host: AnnotationHost, label: string): Extension[] {
  return [
    EditorState.readOnly.of(true),
    EditorView.lineWrapping,
    drawSelection(),
    annotationHost.of(host),
    // Application keys (tagging, navigation, undo) come before the editor's own bindings.
    Prec.highest(EditorView.domEventHandlers({ keydown: (event, view) => host.keydown(event, view) })),
    keymap.of(defaultKeymap),
    annotationField,
    selectedField,
    paintedAnnotations,
    annotationClicks,
    annotationTooltip,
    readingTheme,
    EditorView.contentAttributes.of({ 'aria-label': label, 'aria-readonly': 'true', spellcheck: 'false', autocorrect: 'off', autocapitalize: 'off' }),
  ];
}

/** Puts the caret at `from` (unless told not to) and scrolls the range into view if it is not already. */
export function revealRange(view: EditorView, from: number, to: number, moveCaret = true): void {
  view.dispatch({
    ...(moveCaret ? { selection: EditorSelection.cursor(from) } : {}),
    effects: EditorView.scrollIntoView(EditorSelection.range(from, to), { y: 'nearest', yMargin: 96 }),
  });
}
