import type { AnnotationPage, AsyncParleyApi, Target, TargetInput } from '../../../../electron/shared/types.ts';
import type { Toasts } from '../../lib/state/toasts.svelte.ts';
import type { WorkspaceState } from '../../lib/state/workspace.svelte.ts';
import { foldForSearch } from '../../lib/util/text.ts';

/** Annotations listed as naming a target before a merge or a deletion; the count says how many more. */
const REFERENCES_LISTED = 20;

/** What the Targets dialog shows: the registry, or one question about its focused target. */
export type TargetsStep =
  | { kind: 'list' }
  | { kind: 'edit'; target: Target }
  | { kind: 'merge'; target: Target; references: AnnotationPage }
  | { kind: 'delete'; target: Target; references: AnnotationPage };

/**
 * The Targets dialog (what positions are on): the registry filtered by name or alias (ignoring case and
 * accents), the focused entry, and the changes made from here, as the Actors screen makes them for actors:
 * rename and aliases, merge into another (undoable), delete (after listing what names it; undoable). What names a
 * target is found by the annotations table's target filter. The registry is small (hundreds), kept whole by
 * the workspace state.
 */
export class TargetsRegistry {
  text = $state('');
  focusIndex = $state(0);
  step = $state.raw<TargetsStep>({ kind: 'list' });
  /** Bumped to ask the view to put the focus back on the list (after a question). */
  listFocus = $state(0);
  /**
   * The last merge or deletion made here, undoable from the dialog itself: its toast is behind the modal
   * dialog until it closes.
   */
  lastRemoval = $state.raw<{ id: number; description: string; toast: number | null } | null>(null);
  /**
   * Told of every change to the registry (the app shows it wherever targets are seen); for a removal, answers the
   * toast that offers its Undo, dismissed when it is undone from the dialog.
   */
  onchange: (removal: { id: number; description: string } | null) => Promise<number | null> = async () => null;

  readonly rows = $derived.by(() => {
    const needle = foldForSearch(this.text.trim());
    return this.workspace.targets.filter(
      (target) => !needle || foldForSearch(target.name).includes(needle) || target.aliases.some((alias) => foldForSearch(alias).includes(needle)),
    );
  });
  readonly focused = $derived<Target | undefined>(this.rows[this.focusIndex]);

  constructor(
    private readonly api: AsyncParleyApi,
    private readonly toasts: Toasts,
    private readonly workspace: WorkspaceState,
  ) {}

  /** Starts afresh on the list, with the registry read again (another window may have changed it). */
  async start(): Promise<void> {
    this.step = { kind: 'list' };
    this.lastRemoval = null;
    this.text = '';
    this.focusIndex = 0;
    await this.#reload();
  }

  setText(text: string): void {
    const keep = this.focused?.id;
    this.text = text;
    this.focusTarget(keep);
  }

  focusTarget(id: number | undefined): void {
    const index = id === undefined ? -1 : this.rows.findIndex((target) => target.id === id);
    this.focusIndex = index >= 0 ? index : Math.max(0, Math.min(this.focusIndex, this.rows.length - 1));
  }

  moveFocusBy(rows: number): void {
    if (this.rows.length > 0) this.focusIndex = Math.max(0, Math.min(this.rows.length - 1, this.focusIndex + rows));
  }

  moveFocusTo(end: 'first' | 'last'): void {
    this.focusIndex = end === 'first' ? 0 : Math.max(0, this.rows.length - 1);
  }

  /** Asks about the focused target: edit it, or (after looking up what names it) merge or delete it. */
  async ask(kind: TargetsStep['kind']): Promise<void> {
    const target = this.focused;
    if (!target || kind === 'list') return;
    if (kind === 'edit') {
      this.step = { kind, target };
      return;
    }
    const references = await this.toasts.attempt('Could not look up what names the target', () => this.references(target.id), null);
    if (references) this.step = { kind, target, references };
  }

  /** Back to the list, the focus on it. */
  back(): void {
    this.step = { kind: 'list' };
    this.listFocus++;
  }

  /** The annotations that name target `id` (its Positions), the first of them in document order, and how many. */
  references(id: number): Promise<AnnotationPage> {
    return this.api.queryAnnotations({ targetIds: [id], sort: 'document', limit: REFERENCES_LISTED });
  }

  /** Undoes the last merge or deletion made here (`undo` puts it back and shows what came back). */
  async undoLast(undo: (removal: number) => Promise<void>): Promise<void> {
    const removal = this.lastRemoval;
    if (!removal) return;
    this.lastRemoval = null;
    if (removal.toast !== null) this.toasts.dismiss(removal.toast);
    await undo(removal.id);
    this.focusTarget(this.focused?.id);
    this.listFocus++;
  }

  /** Saves a rename or new aliases; true when stored. */
  async save(id: number, patch: Partial<TargetInput>): Promise<boolean> {
    const target = await this.toasts.attempt('Could not change the target', () => this.api.updateTarget({ id, patch }), null);
    if (!target) return false;
    this.workspace.rememberTarget(target);
    this.focusTarget(id);
    await this.onchange(null);
    this.back();
    return true;
  }

  /** Merges `mergedId` into `survivorId`: every Position on it is then on the survivor. Undone from its toast. */
  async merge(survivorId: number, mergedId: number): Promise<boolean> {
    const removed = await this.toasts.attempt('Could not merge the targets', () => this.api.mergeTargets({ survivorId, mergedId }), null);
    if (!removed) return false;
    await this.#reload();
    this.focusTarget(survivorId);
    this.lastRemoval = { ...removed.removal, toast: await this.onchange(removed.removal) };
    this.back();
    return true;
  }

  /** Deletes a target nothing names (the store refuses one still named, saying so). Undone from its toast. */
  async delete(id: number): Promise<boolean> {
    const removed = await this.toasts.attempt('Could not delete the target', () => this.api.deleteTarget({ id }), null);
    if (!removed) return false;
    await this.#reload();
    this.focusTarget(undefined);
    this.lastRemoval = { ...removed.removal, toast: await this.onchange(removed.removal) };
    this.back();
    return true;
  }

  async #reload(): Promise<void> {
    const targets = await this.toasts.attempt('Could not list the targets', () => this.api.listTargets({}), null);
    if (targets) this.workspace.targets = targets;
  }
}
