import { SvelteMap } from 'svelte/reactivity';
import type {
  Annotation,
  AsyncParleyApi,
  ChangeResult,
  DocumentRecord,
  Edit,
  Fragment,
  HistoryState,
  OpenDocument,
  Relation,
} from '../../../../electron/shared/types.ts';
import { OffsetBoundary } from '../editor/boundary.ts';
import { AnnotationOrder } from './order.ts';
import { countBy } from '../util/collections.ts';
import type { Toasts } from './toasts.svelte.ts';

/**
 * What the session needs from the article view. The session speaks code points; the implementation
 * (lib/editor/adapter.ts) converts at this boundary.
 */
export interface EditorSink {
  /** Paints every annotation and marks the selected one (opening the document), in one editor update. */
  reset(annotations: Iterable<Annotation>, selected: Annotation | null): void;
  /**
   * Repaints only what changed and applies what goes with the change — the selected annotation, collapsing the
   * text selection — in the same editor update, so the view lays out and paints once.
   */
  change(removed: readonly Annotation[], added: readonly Annotation[], after?: AfterChange): void;
  /** Marks the selected annotation; `reveal` scrolls it into view and puts the caret at its start. */
  select(annotation: Annotation | null, reveal: boolean): void;
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
  select?: { annotation: Annotation | null; reveal: boolean };
  /** Collapse the text selection to its head (after tagging it). */
  collapseText?: boolean;
}

/** How `apply` moves the selection along with a change. */
interface ApplyOptions {
  /** The annotation to select once the change is applied (undefined: keep the selection if it still exists). */
  select?: (result: ChangeResult) => number | null | undefined;
  reveal?: boolean;
  collapseText?: boolean;
}

export interface LinkDraft {
  type: string;
}

/**
 * The open document: its text, annotations and relations keyed by id, the selection and the undo history.
 * Every change goes through `edit`/`undo`/`redo`, and their ChangeResult deltas are applied here and pushed to
 * the editor — so what is painted is always exactly what the store holds.
 */
export class DocumentSession {
  document = $state.raw<DocumentRecord>() as DocumentRecord;
  readonly annotations = new SvelteMap<number, Annotation>();
  readonly relations = new SvelteMap<number, Relation>();
  history = $state.raw<HistoryState>({ canUndo: false, canRedo: false, undoDescription: null, redoDescription: null });
  selectedId = $state<number | null>(null);
  /** The relation being drawn from the selected annotation: the next annotation picked becomes its target. */
  linking = $state<LinkDraft | null>(null);
  /** Edits sent but not answered yet. */
  pending = $state(0);

  readonly boundary: OffsetBoundary;
  readonly order = new AnnotationOrder();
  readonly selected = $derived(this.selectedId === null ? null : (this.annotations.get(this.selectedId) ?? null));
  readonly selectedRelations = $derived.by(() => {
    const id = this.selectedId;
    if (id === null) return [];
    return [...this.relations.values()].filter((relation) => relation.sourceId === id || relation.targetId === id);
  });
  readonly countsByLabel = $derived(countBy(this.annotations.values(), (annotation) => annotation.labelId));

  #sink: EditorSink | null = null;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly api: AsyncParleyApi,
    private readonly toasts: Toasts,
    opened: OpenDocument,
    private readonly onCount: (documentId: number, count: number) => void,
  ) {
    this.document = opened.document;
    this.boundary = new OffsetBoundary(opened.document.text);
    for (const annotation of opened.annotations) this.annotations.set(annotation.id, annotation);
    for (const relation of opened.relations) this.relations.set(relation.id, relation);
    this.order.reset(opened.annotations);
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
    this.selectedId = annotation ? annotation.id : null;
    if (!annotation) this.linking = null;
    this.#sink?.select(annotation, options.reveal ?? false);
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

  /** Sends one batch of edits as one undoable step and applies the answer. Edits are sent one at a time. */
  edit(description: string, edits: Edit[], options: ApplyOptions = {}): Promise<ChangeResult | null> {
    return this.#serial(async () => {
      try {
        const result = await this.api.edit({ documentId: this.id, description, edits });
        this.apply(result, options);
        return result;
      } catch (error) {
        this.toasts.error(error, `Could not ${description.charAt(0).toLowerCase()}${description.slice(1)}`);
        return null;
      }
    });
  }

  undo(): Promise<ChangeResult | null> {
    if (!this.history.canUndo) return Promise.resolve(null);
    return this.#serial(() => this.#travel('undo'));
  }

  redo(): Promise<ChangeResult | null> {
    if (!this.history.canRedo) return Promise.resolve(null);
    return this.#serial(() => this.#travel('redo'));
  }

  async #travel(direction: 'undo' | 'redo'): Promise<ChangeResult | null> {
    try {
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
    } catch (error) {
      this.toasts.error(error, direction === 'undo' ? 'Could not undo' : 'Could not redo');
      return null;
    }
  }

  /**
   * Applies a ChangeResult delta to the maps, the order, the editor and the selection. The editor gets the
   * change and the selection that follows from it in one update (one layout, one paint).
   */
  apply(result: ChangeResult, options: ApplyOptions = {}): void {
    if (result.documentId !== this.id) return;
    const removed: Annotation[] = [];
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
    if (target) {
      this.selectedId = target.id;
      after.select = { annotation: target, reveal: options.reveal ?? false };
    } else if (this.selectedId !== null) {
      const selected = this.annotations.get(this.selectedId) ?? null;
      if (!selected) {
        this.selectedId = null;
        this.linking = null;
        after.select = { annotation: null, reveal: false };
      } else if (added.some((annotation) => annotation.id === selected.id)) {
        after.select = { annotation: selected, reveal: false };
      }
    }
    this.#sink?.change(removed, added, after);
    this.onCount(this.id, this.annotations.size);
  }

  /** Tags a fragment with a label and selects the new annotation. */
  async tag(labelId: number, labelName: string, fragment: Fragment): Promise<number | null> {
    const result = await this.edit(`Tag ${labelName}`, [{ op: 'createAnnotation', ref: 'new', labelId, fragments: [fragment] }], {
      select: (created) => created.createdIds['new'] ?? created.upsertedAnnotations[0]?.id,
      collapseText: true,
    });
    return result ? (result.createdIds['new'] ?? result.upsertedAnnotations[0]?.id ?? null) : null;
  }

  relabel(id: number, labelId: number, labelName: string): Promise<ChangeResult | null> {
    return this.edit(`Relabel as ${labelName}`, [{ op: 'updateAnnotation', id, labelId }]);
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
    const neighbour = this.order.neighbour(annotation, 1) ?? this.order.neighbour(annotation, -1);
    // Keep the keyboard flow going: when the selection goes with the deleted annotation, the next one is
    // selected, without scrolling away.
    await this.edit('Delete annotation', [{ op: 'deleteAnnotation', id }], {
      select: () => (this.selectedId === null || !this.annotations.has(this.selectedId) ? (neighbour ?? undefined) : undefined),
    });
  }

  link(type: string, sourceId: number, targetId: number): Promise<ChangeResult | null> {
    this.linking = null;
    return this.edit(`Link ${type.replace(/_/g, ' ')}`, [{ op: 'createRelation', type, sourceId, targetId }]);
  }

  unlink(relationId: number): Promise<ChangeResult | null> {
    return this.edit('Remove relation', [{ op: 'deleteRelation', id: relationId }]);
  }

  /** Annotations in reading order (for pickers); O(n). */
  inOrder(): Annotation[] {
    const list: Annotation[] = [];
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

  #serial<T>(task: () => Promise<T>): Promise<T> {
    this.pending++;
    const run = this.#queue.then(task, task);
    this.#queue = run.catch(() => undefined);
    return run.finally(() => {
      this.pending--;
    });
  }
}
