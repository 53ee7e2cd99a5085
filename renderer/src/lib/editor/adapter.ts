import { EditorSelection } from '@codemirror/state';
import type { EditorView } from '@codemirror/view';
import type { Annotation, Fragment } from '../../../../electron/shared/types.ts';
import type { EditorSink } from '../state/session.svelte.ts';
import type { OffsetBoundary } from './boundary.ts';
import { changeAnnotations, setAnnotations } from './field.ts';
import { selectAnnotation, type SelectedAnnotation } from './selected.ts';
import { revealRange } from './index.ts';
import { snapSelection, type TextSource } from './words.ts';

/** The article view as the session sees it: annotations in code points in, effects in UTF-16 out. */
export class ArticleEditor implements EditorSink {
  readonly text: TextSource;

  constructor(
    readonly view: EditorView,
    readonly boundary: OffsetBoundary,
  ) {
    this.text = { length: view.state.doc.length, slice: (from, to) => view.state.doc.sliceString(from, to) };
  }

  reset(annotations: Iterable<Annotation>): void {
    const spans = [];
    for (const annotation of annotations) spans.push(...this.boundary.spansOf(annotation));
    this.view.dispatch({ effects: setAnnotations.of(spans) });
  }

  change(removed: readonly Annotation[], added: readonly Annotation[]): void {
    if (removed.length === 0 && added.length === 0) return;
    this.view.dispatch({
      effects: changeAnnotations.of({
        removed: removed.flatMap((annotation) => this.boundary.spansOf(annotation)),
        added: added.flatMap((annotation) => this.boundary.spansOf(annotation)),
      }),
    });
  }

  select(annotation: Annotation | null, reveal: boolean): void {
    const selected: SelectedAnnotation | null = annotation && {
      id: annotation.id,
      labelId: annotation.labelId,
      pieces: annotation.fragments.map((fragment) => this.boundary.toEditor(fragment)),
    };
    this.view.dispatch({ effects: selectAnnotation.of(selected) });
    if (reveal && selected) {
      const first = selected.pieces[0]!;
      const last = selected.pieces[selected.pieces.length - 1]!;
      revealRange(this.view, first.from, last.to);
    }
  }

  selectedFragment(snapToWords: boolean): Fragment | null {
    const range = this.view.state.selection.main;
    if (range.empty) return null;
    const snapped = snapSelection(this.text, range.from, range.to, snapToWords);
    if (snapped.from >= snapped.to) return null;
    return this.boundary.toFragment(snapped.from, snapped.to);
  }

  caret(): number {
    return this.boundary.toFragment(this.view.state.selection.main.head, this.view.state.selection.main.head)[0];
  }

  clearTextSelection(): void {
    const head = this.view.state.selection.main.head;
    if (!this.view.state.selection.main.empty) this.view.dispatch({ selection: EditorSelection.cursor(head) });
  }

  /** Selects a UTF-16 range of the text (find), scrolling it into view. */
  selectText(from: number, to: number): void {
    revealRange(this.view, from, to, false);
    this.view.dispatch({ selection: EditorSelection.range(from, to) });
  }

  focus(): void {
    this.view.focus();
  }
}
