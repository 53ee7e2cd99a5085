import { SvelteMap } from 'svelte/reactivity';
import type {
  Annotation,
  AnnotationSummary,
  AsyncParleyApi,
  ChangeResult,
  DocumentRecord,
  Edit,
  Fragment,
  HistoryState,
  OpenDocument,
  Relation,
} from '../../../../electron/shared/types.ts';
import { unpackAnnotations } from '../../../../electron/shared/packed-annotations.ts';
import { OffsetBoundary } from '../editor/boundary.ts';
import { AnnotationOrder } from './order.ts';
import { countBy } from '../util/collections.ts';
import { afterNextPaint } from '../util/frames.ts';
import type { Toasts } from './toasts.svelte.ts';

/** What the editor paints of an annotation. */
export type PaintedAnnotation = Pick<AnnotationSummary, 'id' | 'labelId' | 'fragments'>;

/**
 * What the session needs from the article view. The session speaks code points; the implementation
 * (lib/editor/adapter.ts) converts at this boundary.
 */
export interface EditorSink {
  /** Paints every annotation and marks the selected one (opening the document), in one editor update. */
  reset(annotations: Iterable<PaintedAnnotation>, selected: PaintedAnnotation | null): void;
  /**
   * Repaints only what changed and applies what goes with the change — the selected annotation, collapsing the
   * text selection — in the same editor update, so the view lays out and paints once.
   */
  change(removed: readonly PaintedAnnotation[], added: readonly PaintedAnnotation[], after?: AfterChange): void;
  /** Marks the selected annotation; `reveal` scrolls it into view and puts the caret at its start. */
  select(annotation: PaintedAnnotation | null, reveal: boolean): void;
  /** The text selection as a fragment (snapped to words if asked), or null when nothing is selected. */
  selectedFragment(snapToWords: boolean): Fragment | null;
  /** The caret, in code points. */
  caret(): number;
  /** Selects a range of the document text given in UTF-16 positions of `document.text` (find), and shows it. */
  selectText(from: number, to: number): void;
  focus(): void;
}

/** What the editor does together with a change. */
export interface AfterChange {
  /** Mark this annotation (null: none) as selected; `reveal` as in `EditorSink.select`. */
  select?: { annotation: PaintedAnnotation | null; reveal: boolean };
  /** Collapse the text selection to its head (after tagging it). */
  collapseText?: boolean;
}

/** How `apply` moves the selection along with a change. */
interface ApplyOptions {
  /** The annotation to select once the change is applied (undefined: keep the selection if it still exists). */
  select?: (result: ChangeResult) => number | null | undefined;
  reveal?: boolean;
  collapseText?: boolean;
  /** An annotation painted ahead of the store's answer (see `tag`): taken away in the same editor update. */
  provisional?: PaintedAnnotation;
}

export interface LinkDraft {
  type: string;
}

/**
 * The open document: its text, annotations and relations keyed by id, the selection and the undo history.
 * Every change goes through `edit`/`undo`/`redo`, and their ChangeResult deltas are applied here and pushed to
 * the editor — so what is painted is what the store holds, but for a new tag during the few milliseconds before
 * the store answers (see `tag`).
 */
export class DocumentSession {
  document = $state.raw<DocumentRecord>() as DocumentRecord;
  /** Every annotation as `openDocument` sends it; those changed since carry their whole record. */
  readonly annotations: SvelteMap<number, AnnotationSummary>;
  readonly relations: SvelteMap<number, Relation>;
  history = $state.raw<HistoryState>({ canUndo: false, canRedo: false, undoDescription: null, redoDescription: null });
  selectedId = $state<number | null>(null);
  /** The whole record of the selected annotation (note, author, origin, times): null until it has been read. */
  selectedRecord = $state.raw<Annotation | null>(null);
  /** The relation being drawn from the selected annotation: the next annotation picked becomes its target. */
  linking = $state<LinkDraft | null>(null);
  /** Edits sent but not answered yet. */
  pending = $state(0);

  readonly boundary: OffsetBoundary;
  readonly order = new AnnotationOrder();
  /** Whether anything is selected, counting a tag painted selected while it is on its way to the store. */
  get hasSelection(): boolean {
    return this.selectedId !== null || this.#provisionalSelected !== null;
  }

  readonly selected = $derived.by(() => (this.selectedId === null ? null : (this.annotations.get(this.selectedId) ?? null)));
  readonly selectedRelations = $derived.by(() => {
    const id = this.selectedId;
    if (id === null) return [];
    return [...this.relations.values()].filter((relation) => relation.sourceId === id || relation.targetId === id);
  });
  readonly countsByLabel = $derived.by(() => countBy(this.annotations.values(), (annotation) => annotation.labelId));

  #sink: EditorSink | null = null;
  #queue: Promise<unknown> = Promise.resolve();
  /** Provisional ids count down from -1, so they never meet the store's (positive) ones. */
  #nextProvisionalId = -1;
  // The provisional annotation painted selected by a tag still on its way, until the analyst selects anything
  // else (or nothing): its answer selects the stored annotation only if that is still so.
  #provisionalSelected: number | null = null;
  /** Bumped whenever `selectedRecord` is settled, so that an older read arriving later is dropped. */
  #recordVersion = 0;

  constructor(
    private readonly api: AsyncParleyApi,
    private readonly toasts: Toasts,
    opened: OpenDocument,
    private readonly onCount: (documentId: number, count: number) => void,
  ) {
    this.document = opened.document;
    this.boundary = new OffsetBoundary(opened.document.text);
    const annotations = unpackAnnotations(opened.annotations, opened.document.text, this.boundary.index);
    // Filled through the constructors, which take every entry without a signal update for each one.
    this.annotations = new SvelteMap(annotations.map((annotation) => [annotation.id, annotation]));
    this.relations = new SvelteMap(opened.relations.map((relation) => [relation.id, relation]));
    this.order.reset(annotations);
    this.history = opened.history;
  }

  get id(): number {
    return this.document.id;
  }

  get editor(): EditorSink | null {
    return this.#sink;
  }

  /** Connects the article view: paints every annotation once and restores the selection. */
  attach(sink: EditorSink): void {
    this.#sink = sink;
    sink.reset(this.annotations.values(), this.selected);
  }

  detach(sink: EditorSink): void {
    if (this.#sink === sink) this.#sink = null;
  }

  // ------------------------------------------------------------------ selection

  select(id: number | null, options: { reveal?: boolean } = {}): void {
    const annotation = id === null ? null : (this.annotations.get(id) ?? null);
    this.#provisionalSelected = null;
    this.#selectId(annotation ? annotation.id : null);
    if (!annotation) this.linking = null;
    this.#sink?.select(annotation, options.reveal ?? false);
  }

  /**
   * Sets the selected id and settles its whole record: `record` when the caller has it (a change just returned
   * it), the one already held, or else one read from the store — behind the edits already sent, so it is never
   * older than what they change.
   */
  #selectId(id: number | null, record?: Annotation): void {
    this.selectedId = id;
    if (id === null || record) {
      this.selectedRecord = record ?? null;
      this.#recordVersion++;
      return;
    }
    if (this.selectedRecord?.id === id) return;
    this.selectedRecord = null;
    const version = ++this.#recordVersion;
    this.#queue
      .then(() => this.api.getAnnotation({ id }))
      .then(
        (read) => {
          if (version === this.#recordVersion) this.selectedRecord = read;
        },
        (error: unknown) => {
          if (version === this.#recordVersion) this.toasts.error(error, 'Could not read the annotation');
        },
      );
  }

  /**
   * Selects the next (1) or previous (-1) annotation by start, from the selection or else from the caret,
   * wrapping around at either end of the document.
   */
  step(direction: 1 | -1): void {
    const current = this.selected;
    const next =
      (current ? this.order.neighbour(current, direction) : this.order.fromPosition(this.#sink?.caret() ?? 0, direction)) ??
      this.order.edge(direction > 0 ? 'first' : 'last');
    if (next !== null) this.select(next, { reveal: true });
  }

  // ------------------------------------------------------------------ edits

  /**
   * Sends one batch of edits as one undoable step and applies the answer. Edits are sent one at a time. When
   * the store refuses, a provisional annotation painted for the edit is taken away and the selection painted
   * again, and a toast says why.
   */
  edit(description: string, edits: Edit[], options: ApplyOptions = {}): Promise<ChangeResult | null> {
    return this.#serial(async () => {
      try {
        // Sending a request costs the key handler more than a millisecond: a tag painted ahead goes on screen first.
        if (options.provisional) await afterNextPaint();
        const result = await this.api.edit({ documentId: this.id, description, edits });
        this.apply(result, options);
        return result;
      } catch (error) {
        if (options.provisional) this.#sink?.change([options.provisional], [], { select: { annotation: this.selected, reveal: false } });
        this.toasts.error(error, `Could not ${description.charAt(0).toLowerCase()}${description.slice(1)}`);
        return null;
      }
    });
  }

  // An edit still on its way (a tag painted ahead of the answer) will be undoable once answered: undo waits
  // for it rather than being ignored.
  undo(): Promise<ChangeResult | null> {
    if (!this.history.canUndo && this.pending === 0) return Promise.resolve(null);
    return this.#serial(() => this.#travel('undo'));
  }

  redo(): Promise<ChangeResult | null> {
    if (!this.history.canRedo && this.pending === 0) return Promise.resolve(null);
    return this.#serial(() => this.#travel('redo'));
  }

  #travel(direction: 'undo' | 'redo'): Promise<ChangeResult | null> {
    return this.toasts.attempt(
      direction === 'undo' ? 'Could not undo' : 'Could not redo',
      async () => {
        const result = await this.api[direction]({ documentId: this.id });
        // Select what the step brought back or changed (unless the selection survives), so the analyst sees
        // what happened.
        this.apply(result, {
          select: (applied) => {
            const touched = applied.upsertedAnnotations[0];
            const kept = this.selectedId !== null && this.annotations.has(this.selectedId);
            return touched && !kept ? touched.id : undefined;
          },
          reveal: true,
        });
        return result;
      },
      null,
    );
  }

  /**
   * Applies a ChangeResult delta to the maps, the order, the editor and the selection. The editor gets the
   * change and the selection that follows from it in one update (one layout, one paint).
   */
  apply(result: ChangeResult, options: ApplyOptions = {}): void {
    if (result.documentId !== this.id) return;
    const removed: PaintedAnnotation[] = options.provisional ? [options.provisional] : [];
    const added: Annotation[] = [];
    for (const id of result.deletedAnnotationIds) {
      const old = this.annotations.get(id);
      if (!old) continue;
      removed.push(old);
      this.annotations.delete(id);
      this.order.remove(old);
    }
    for (const annotation of result.upsertedAnnotations) {
      const old = this.annotations.get(annotation.id);
      if (old) {
        removed.push(old);
        this.order.remove(old);
      }
      added.push(annotation);
      this.annotations.set(annotation.id, annotation);
      this.order.insert(annotation);
    }
    for (const id of result.deletedRelationIds) this.relations.delete(id);
    for (const relation of result.upsertedRelations) this.relations.set(relation.id, relation);
    this.history = result.history;

    const after: AfterChange = options.collapseText ? { collapseText: true } : {};
    const wanted = options.select?.(result);
    const target = wanted === undefined || wanted === null ? undefined : this.annotations.get(wanted);
    const upserted = (id: number) => result.upsertedAnnotations.find((annotation) => annotation.id === id);
    if (target) {
      this.#selectId(target.id, upserted(target.id));
      after.select = { annotation: target, reveal: options.reveal ?? false };
    } else if (this.selectedId !== null) {
      const selected = this.annotations.get(this.selectedId) ?? null;
      if (!selected) {
        this.#selectId(null);
        this.linking = null;
        after.select = { annotation: null, reveal: false };
      } else if (upserted(selected.id)) {
        this.#selectId(selected.id, upserted(selected.id));
        after.select = { annotation: selected, reveal: false };
      }
    }
    if (options.provisional && !after.select) after.select = { annotation: this.selected, reveal: false };
    this.#sink?.change(removed, added, after);
    this.onCount(this.id, this.annotations.size);
  }

  /**
   * Tags a fragment with a label and selects the new annotation. The editor paints it at once, selected, under
   * a provisional id — in the frame of the key press, not a round trip later. The edit goes to the store once
   * that frame is painted, and its answer swaps in the stored annotation (or, if refused, takes it away again).
   */
  async tag(labelId: number, labelName: string, fragment: Fragment): Promise<number | null> {
    const provisional: PaintedAnnotation = { id: this.#nextProvisionalId--, labelId, fragments: [fragment] };
    this.#sink?.change([], [provisional], { select: { annotation: provisional, reveal: false }, collapseText: true });
    this.#provisionalSelected = provisional.id;
    const result = await this.edit(`Tag ${labelName}`, [{ op: 'createAnnotation', ref: 'new', labelId, fragments: [fragment] }], {
      select: (created) => {
        if (this.#provisionalSelected !== provisional.id) return undefined;
        this.#provisionalSelected = null;
        return created.createdIds['new'] ?? created.upsertedAnnotations[0]?.id;
      },
      provisional,
    });
    if (this.#provisionalSelected === provisional.id) this.#provisionalSelected = null; // refused: taken away
    return result ? (result.createdIds['new'] ?? result.upsertedAnnotations[0]?.id ?? null) : null;
  }

  /** Relabels; values the new label has no place for are set aside by the store, and the analyst told so. */
  async relabel(id: number, labelId: number, labelName: string): Promise<ChangeResult | null> {
    const result = await this.edit(`Relabel as ${labelName}`, [{ op: 'updateAnnotation', id, labelId }]);
    const setAside = result?.setAside?.flatMap((entry) => entry.attributes) ?? [];
    if (setAside.length > 0) {
      const names = setAside.map((name) => `“${name}”`).join(', ');
      this.toasts.undoable(
        `Relabelled as ${labelName}`,
        `${labelName} has no ${names}: kept aside, and back if you relabel it to a label that has ${setAside.length === 1 ? 'it' : 'them'}.`,
        () => void this.undo(),
      );
    }
    return result;
  }

  setAttributes(id: number, attributes: Annotation['attributes'], description = 'Set attribute'): Promise<ChangeResult | null> {
    return this.edit(description, [{ op: 'updateAnnotation', id, attributes }]);
  }

  setNote(id: number, note: string): Promise<ChangeResult | null> {
    return this.edit('Edit note', [{ op: 'updateAnnotation', id, note }]);
  }

  setFragments(id: number, fragments: Fragment[], description = 'Adjust boundaries'): Promise<ChangeResult | null> {
    return this.edit(description, [{ op: 'updateAnnotation', id, fragments }]);
  }

  async remove(id: number): Promise<void> {
    const annotation = this.annotations.get(id);
    if (!annotation) return;
    // Nothing is selected after a delete, at once: a second Delete (or one pressed before the answer comes)
    // finds nothing to remove, rather than removing a neighbour the analyst never chose. N and K step on from
    // where the caret is.
    if (this.selectedId === id) this.select(null);
    await this.edit('Delete annotation', [{ op: 'deleteAnnotation', id }]);
  }

  link(type: string, sourceId: number, targetId: number): Promise<ChangeResult | null> {
    this.linking = null;
    return this.edit(`Link ${type.replace(/_/g, ' ')}`, [{ op: 'createRelation', type, sourceId, targetId }]);
  }

  unlink(relationId: number): Promise<ChangeResult | null> {
    return this.edit('Remove relation', [{ op: 'deleteRelation', id: relationId }]);
  }

  /** Annotations in reading order (for pickers); O(n). */
  inOrder(): AnnotationSummary[] {
    const list: AnnotationSummary[] = [];
    for (const id of this.order.ids()) {
      const annotation = this.annotations.get(id);
      if (annotation) list.push(annotation);
    }
    return list;
  }

  /** The text of a code point range of the document. */
  textOf(fragment: Fragment): string {
    const { from, to } = this.boundary.toEditor(fragment);
    return this.document.text.slice(from, to);
  }

  /** Resolves once every edit sent so far has been answered and applied (or refused). */
  settled(): Promise<void> {
    return this.#queue.then(() => undefined);
  }

  #serial<T>(task: () => Promise<T>): Promise<T> {
    this.pending++;
    const run = this.#queue.then(task, task);
    this.#queue = run.catch(() => undefined);
    return run.finally(() => {
      this.pending--;
    });
  }
}
