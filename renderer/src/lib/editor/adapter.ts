import { EditorSelection, type SelectionRange, type StateEffect, type TransactionSpec } from '@codemirror/state';
import type { EditorView } from '@codemirror/view';
import type { Fragment } from '../../../../electron/shared/types.ts';
import type { AfterChange, EditorSink, PaintedAnnotation } from '../state/session.svelte.ts';
import type { OffsetBoundary } from './boundary.ts';
import { afterNextPaint } from '../util/frames.ts';
import { changeAnnotations, setAnnotations } from './field.ts';
import { selectAnnotation, type SelectedAnnotation } from './selected.ts';
import { reveal } from './index.ts';
import { snapSelection, type TextSource } from './words.ts';

/** The article view as the session sees it: annotations in code points in, effects in UTF-16 out. */
export class ArticleEditor implements EditorSink {
  readonly text: TextSource;
  /** The text selection a tag used, still selected until the frame that paints the tag is done (see `change`). */
  #consumed: SelectionRange | null = null;

  constructor(
    readonly view: EditorView,
    readonly boundary: OffsetBoundary,
  ) {
    this.text = { length: view.state.doc.length, slice: (from, to) => view.state.doc.sliceString(from, to) };
    // Whatever the analyst does next starts from the collapsed selection. Capturing on the editor's root runs
    // before CodeMirror's own handlers on its content.
    const collapseFirst = () => this.#collapseConsumed();
    view.dom.addEventListener('keydown', collapseFirst, { capture: true });
    view.dom.addEventListener('mousedown', collapseFirst, { capture: true });
  }

  reset(annotations: Iterable<PaintedAnnotation>, selected: PaintedAnnotation | null): void {
    const spans = [];
    for (const annotation of annotations) spans.push(...this.boundary.spansOf(annotation));
    this.view.dispatch({ effects: [setAnnotations.of(spans), selectAnnotation.of(this.#selected(selected))] });
  }

  /**
   * One transaction for the change and what goes with it: one DOM update, one layout, one paint. The text
   * selection a tag used (`collapseText`) is the exception: it is collapsed once the tag is on screen.
   */
  change(removed: readonly PaintedAnnotation[], added: readonly PaintedAnnotation[], after: AfterChange = {}): void {
    const effects: StateEffect<unknown>[] = [];
    if (removed.length > 0 || added.length > 0) {
      effects.push(
        changeAnnotations.of({
          removed: removed.flatMap((annotation) => this.boundary.spansOf(annotation)),
          added: added.flatMap((annotation) => this.boundary.spansOf(annotation)),
        }),
      );
    }
    let spec: TransactionSpec = {};
    if (after.select) spec = this.#selectSpec(after.select.annotation, after.select.reveal);
    const range = this.view.state.selection.main;
    if (after.collapseText && !spec.selection && !range.empty) this.#collapseAfterPaint(range);
    const all = [...effects, ...[spec.effects ?? []].flat()];
    if (all.length === 0 && !spec.selection) return;
    this.view.dispatch({ ...spec, effects: all });
  }

  /**
   * Collapsing the selection in the tag's own transaction would have CodeMirror set the DOM selection inside the
   * key handler, right after the line it sits in was redrawn, and the browser lays the page out to do that: the
   * frame that shows the tag came about 7 ms later (issue #5's tag figure). So the selection is collapsed
   * after that frame, or sooner when the analyst presses a key or the mouse, or a tag reads the selection: it
   * is never used twice.
   */
  #collapseAfterPaint(range: SelectionRange): void {
    this.#consumed = range;
    void afterNextPaint().then(() => this.#collapseConsumed());
  }

  #collapseConsumed(): void {
    const range = this.#consumed;
    if (!range) return;
    this.#consumed = null;
    // A selection made since (by find, say) is the analyst's: only the one the tag used is collapsed.
    if (this.view.state.selection.main.eq(range)) this.view.dispatch({ selection: EditorSelection.cursor(range.head) });
  }

  select(annotation: PaintedAnnotation | null, reveal: boolean): void {
    this.view.dispatch(this.#selectSpec(annotation, reveal));
  }

  #selected(annotation: PaintedAnnotation | null): SelectedAnnotation | null {
    return (
      annotation && {
        id: annotation.id,
        labelId: annotation.labelId,
        pieces: annotation.fragments.map((fragment) => this.boundary.toEditor(fragment)),
      }
    );
  }

  #selectSpec(annotation: PaintedAnnotation | null, shown: boolean): TransactionSpec {
    const selected = this.#selected(annotation);
    const effects: StateEffect<unknown>[] = [selectAnnotation.of(selected)];
    if (!shown || !selected) return { effects };
    const first = selected.pieces[0]!;
    const last = selected.pieces[selected.pieces.length - 1]!;
    const scroll = reveal(first.from, last.to);
    return { ...scroll, effects: [...effects, ...[scroll.effects ?? []].flat()] };
  }

  selectedFragment(snapToWords: boolean): Fragment | null {
    this.#collapseConsumed();
    const range = this.view.state.selection.main;
    if (range.empty) return null;
    const snapped = snapSelection(this.text, range.from, range.to, snapToWords);
    if (snapped.from >= snapped.to) return null;
    return this.boundary.toFragment(snapped.from, snapped.to);
  }

  caret(): number {
    this.#collapseConsumed();
    return this.boundary.toFragment(this.view.state.selection.main.head, this.view.state.selection.main.head)[0];
  }

  /** Selects a UTF-16 range of the text (find), scrolling it into view. */
  selectText(from: number, to: number): void {
    this.view.dispatch({ ...reveal(from, to, false), selection: EditorSelection.range(from, to) });
  }

  focus(): void {
    this.view.focus();
  }
}
