import type { Actor, ActorInput, ActorKind, ActorReferences, ActorSummary, AsyncParleyApi, SortDirection } from '../../../../electron/shared/types.ts';
import { ACTOR_KIND_NAMES } from '../../../../electron/shared/actor-kinds.ts';
import type { Toasts } from '../../lib/state/toasts.svelte.ts';
import { foldForSearch } from '../../lib/util/text.ts';

/** Columns the Actors screen sorts by: the registry's own, then the counts (`count:<label name>` per label). */
export type ActorSortKey = 'name' | 'kind' | 'aliases' | 'externalId' | 'mentions' | `count:${string}`;

/** Counts sort most first when first clicked; names, kinds and ids A to Z. */
export function firstActorDirection(sort: ActorSortKey): SortDirection {
  return sort === 'mentions' || sort.startsWith('count:') ? 'desc' : 'asc';
}

/** What the Actors screen asks before acting: a merge (with whom, who keeps the name) or a deletion (with what names the actor). */
export type ActorsQuestion =
  | { kind: 'edit'; actor: ActorSummary }
  | { kind: 'merge'; actor: ActorSummary }
  | { kind: 'delete'; actor: ActorSummary; references: ActorReferences };

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/**
 * The Actors screen: every actor of the registry with their counts, filtered by text (name, alias or external
 * id, ignoring case and accents) and kind, sorted by any column; the row with the keyboard focus; and the
 * changes made from here (edit, merge, delete), each one API call, a merge and a deletion undoable from their
 * toast. The registry is small next to the corpus (thousands of actors), so it is read whole and filtered here.
 */
export class ActorsScreen {
  summaries = $state.raw<ActorSummary[]>([]);
  /** Counts the answers applied; 0 before the first. */
  answers = $state(0);
  text = $state('');
  kind = $state<ActorKind | null>(null);
  sort = $state<ActorSortKey>('name');
  direction = $state<SortDirection>('asc');
  focusIndex = $state(0);
  /** Rows PageUp and PageDown move by, set by the view as it is sized. */
  pageRows = $state(1);
  /** Bumped to ask the view to put the focus in the filter. */
  filterFocus = $state(0);
  /** Bumped to ask the view to put the focus back on the rows (after a dialog). */
  rowsFocus = $state(0);
  question = $state.raw<ActorsQuestion | null>(null);

  readonly rows = $derived.by(() => {
    const needle = foldForSearch(this.text.trim());
    const kept = this.summaries.filter(
      (actor) =>
        (this.kind === null || actor.kind === this.kind) &&
        (!needle ||
          foldForSearch(actor.name).includes(needle) ||
          actor.aliases.some((alias) => foldForSearch(alias).includes(needle)) ||
          (actor.externalId !== null && foldForSearch(actor.externalId).includes(needle))),
    );
    const key = sortValue(this.sort);
    const sign = this.direction === 'asc' ? 1 : -1;
    return kept.sort((a, b) => {
      const x = key(a);
      const y = key(b);
      const order = typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
      // Ties by name, then id, A to Z whatever the direction: the order is total and reads naturally.
      return sign * order || collator.compare(a.name, b.name) || a.id - b.id;
    });
  });
  readonly focused = $derived<ActorSummary | undefined>(this.rows[this.focusIndex]);

  #generation = 0;

  constructor(
    private readonly api: AsyncParleyApi,
    private readonly toasts: Toasts,
  ) {}

  /** Reads the registry again, keeping the focus on the same actor when it is still there. */
  async refresh(): Promise<void> {
    const generation = ++this.#generation;
    const keep = this.focused?.id;
    const summaries = await this.toasts.attempt('Could not list the actors', () => this.api.listActorSummaries({}), null);
    if (!summaries || generation !== this.#generation) return;
    this.summaries = summaries;
    this.answers++;
    this.focusActor(keep);
  }

  /** Puts the focus on actor `id`'s row (or keeps it in range when that actor is gone or filtered out). */
  focusActor(id: number | undefined): void {
    const index = id === undefined ? -1 : this.rows.findIndex((actor) => actor.id === id);
    this.focusIndex = index >= 0 ? index : Math.max(0, Math.min(this.focusIndex, this.rows.length - 1));
  }

  setText(text: string): void {
    const keep = this.focused?.id;
    this.text = text;
    this.focusActor(keep);
  }

  setKind(kind: ActorKind | null): void {
    const keep = this.focused?.id;
    this.kind = kind;
    this.focusActor(keep);
  }

  /** Sorts by `sort`; the sorted column again reverses it. The focused actor keeps the focus. */
  sortBy(sort: ActorSortKey): void {
    const keep = this.focused?.id;
    if (this.sort === sort) this.direction = this.direction === 'asc' ? 'desc' : 'asc';
    else {
      this.sort = sort;
      this.direction = firstActorDirection(sort);
    }
    this.focusActor(keep);
  }

  moveFocusBy(rows: number): boolean {
    if (this.rows.length === 0) return true;
    this.focusIndex = Math.max(0, Math.min(this.rows.length - 1, this.focusIndex + rows));
    return true;
  }

  moveFocusTo(end: 'first' | 'last'): boolean {
    this.focusIndex = end === 'first' ? 0 : Math.max(0, this.rows.length - 1);
    return true;
  }

  // ------------------------------------------------------------------ questions

  ask(kind: 'edit' | 'merge'): boolean {
    const actor = this.focused;
    if (!actor) return false;
    this.question = { kind, actor };
    return true;
  }

  /** Asks before deleting the focused actor, saying what names them. */
  askDelete(): boolean {
    const actor = this.focused;
    if (!actor) return false;
    void this.toasts.attempt('Could not look up what names the actor', async () => {
      const references = await this.api.actorReferences({ id: actor.id });
      this.question = { kind: 'delete', actor, references };
    }, undefined);
    return true;
  }

  dismiss(): void {
    this.question = null;
    this.rowsFocus++;
  }

  // ------------------------------------------------------------------ changes

  /** Saves an edit of an actor (name, kind, aliases, external id); answers the actor as stored, or null when refused. */
  async save(id: number, patch: Partial<ActorInput>): Promise<Actor | null> {
    const actor = await this.toasts.attempt('Could not change the actor', () => this.api.updateActor({ id, patch }), null);
    if (!actor) return null;
    this.summaries = this.summaries.map((summary) => (summary.id === id ? { ...summary, ...actor } : summary));
    this.focusActor(id);
    return actor;
  }

  /** Merges `mergedId` into `survivorId`; answers the removal to undo, or null when it failed. */
  async merge(survivorId: number, mergedId: number): Promise<{ id: number; description: string } | null> {
    const removed = await this.toasts.attempt('Could not merge the actors', () => this.api.mergeActors({ survivorId, mergedId }), null);
    if (!removed) return null;
    this.question = null;
    await this.refresh();
    this.focusActor(survivorId);
    this.rowsFocus++;
    return removed.removal;
  }

  /** Deletes an actor, taking them out of the annotations that name them; answers the removal to undo. */
  async delete(id: number): Promise<{ id: number; description: string } | null> {
    const removed = await this.toasts.attempt('Could not delete the actor', () => this.api.deleteActor({ id, unlink: true }), null);
    if (!removed) return null;
    this.question = null;
    await this.refresh();
    this.rowsFocus++;
    return removed.removal;
  }
}

/** What a row sorts by in column `sort`. */
function sortValue(sort: ActorSortKey): (actor: ActorSummary) => string | number {
  switch (sort) {
    case 'name':
      return (actor) => actor.name;
    case 'kind':
      return (actor) => ACTOR_KIND_NAMES[actor.kind];
    case 'aliases':
      // Actors without aliases after those with, A to Z.
      return (actor) => (actor.aliases.length > 0 ? `0${actor.aliases.join(', ')}` : '1');
    case 'externalId':
      return (actor) => (actor.externalId ? `0${actor.externalId}` : '1');
    case 'mentions':
      return (actor) => actor.mentions;
    default: {
      const name = sort.slice('count:'.length);
      return (actor) => actor.labelCounts[name] ?? 0;
    }
  }
}
