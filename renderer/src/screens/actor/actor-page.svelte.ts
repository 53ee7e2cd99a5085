import { SvelteMap } from 'svelte/reactivity';
import type { Actor, ActorItem, ActorItemsQuery, AsyncParleyApi, Label } from '../../../../electron/shared/types.ts';
import { ApiError } from '../../lib/api/errors.ts';
import type { Toasts } from '../../lib/state/toasts.svelte.ts';
import { plural } from '../../lib/util/text.ts';
import { itemRecords, toCsv, toTsv, type TargetName } from './item-records.ts';

/** Items are fetched in windows of this many, aligned to multiples of it: the first is what the page opens with. */
export const ACTOR_PAGE_SIZE = 100;
/** The largest window the API gives, for fetching every item (copy, export). */
const WHOLE_LIST_WINDOW = 500;

/** An attribute value the page filters by: a Claim's verdict "false", a Position's stance "opposes". */
export interface AttributeChoice {
  name: string;
  value: string;
}

/**
 * An actor's page: their quotes, claims, positions and other mentions across the corpus, in the articles'
 * publication order, filtered by label, one attribute value and a publication date range. The filtering is the
 * store's (`actorItems`); a change of filter sends a query at once, and an answer to a query already replaced is
 * dropped. Items come in windows as the list scrolls to them (an actor of thousands opens on the first window);
 * copy and export fetch them all. The row with the keyboard focus opens in its article.
 */
export class ActorPage {
  actorId = $state<number | null>(null);
  actor = $state.raw<Actor | null>(null);
  /** Items the filters take; null before the first answer. */
  total = $state<number | null>(null);
  /** The actor asked for is not in the registry (deleted, merged away, or a wrong address). */
  missing = $state(false);
  labelIds = $state.raw<number[]>([]);
  attribute = $state.raw<AttributeChoice | null>(null);
  /** Publication days, YYYY-MM-DD, or '' for an open end. */
  from = $state('');
  to = $state('');
  focusIndex = $state(0);
  pageRows = $state(1);
  /** Counts the answers applied to the page: the view paints their rows in the same update. */
  answers = $state(0);
  /** Bumped by answers that start the list again from the top (a new actor or filter). */
  restarts = $state(0);

  readonly filtered = $derived(this.labelIds.length > 0 || this.attribute !== null || this.from !== '' || this.to !== '');
  readonly focused = $derived<ActorItem | undefined>(this.row(this.focusIndex));

  /** Windows of the current query by number: their items, or null while on their way. */
  readonly #pages = new SvelteMap<number, ActorItem[] | null>();
  /** Bumped by every new query: answers to an older one are dropped. */
  #generation = 0;

  constructor(
    private readonly api: AsyncParleyApi,
    private readonly toasts: Toasts,
    /** The label schema, for the records' label names and attribute columns. */
    private readonly labels: () => readonly Label[],
    /** The registry's names of targets, which Positions name by id. */
    private readonly targetName: TargetName,
  ) {}

  /** Shows actor `id`'s page: with the filters cleared when it is another actor than the one shown last. */
  show(id: number): void {
    if (id !== this.actorId) {
      this.actorId = id;
      this.actor = null;
      this.total = null;
      this.#pages.clear();
      this.labelIds = [];
      this.attribute = null;
      this.from = '';
      this.to = '';
      this.focusIndex = 0;
      void this.load({ restart: true });
    } else void this.load({ restart: false });
  }

  toggleLabel(id: number): void {
    this.labelIds = this.labelIds.includes(id) ? this.labelIds.filter((other) => other !== id) : [...this.labelIds, id];
    void this.load({ restart: true });
  }

  setAttribute(choice: AttributeChoice | null): void {
    this.attribute = choice;
    void this.load({ restart: true });
  }

  /** Sets one end of the date range; a day that is not a whole date yet (typing) leaves that end open. */
  setRange(end: 'from' | 'to', day: string): void {
    this[end] = /^\d{4}-\d{2}-\d{2}$/.test(day) ? day : '';
    void this.load({ restart: true });
  }

  clearFilters(): void {
    if (!this.filtered) return;
    this.labelIds = [];
    this.attribute = null;
    this.from = '';
    this.to = '';
    void this.load({ restart: true });
  }

  /** The item at `index`, or undefined while its window is on its way. */
  row(index: number): ActorItem | undefined {
    return this.#pages.get(Math.floor(index / ACTOR_PAGE_SIZE))?.[index % ACTOR_PAGE_SIZE];
  }

  /** Fetches the windows that hold items `first` to `last` (inclusive) and are neither here nor on their way. */
  ensureRows(first: number, last: number): void {
    if (this.total === null) return;
    const lastRow = Math.min(last, this.total - 1);
    for (let page = Math.floor(Math.max(0, first) / ACTOR_PAGE_SIZE); page * ACTOR_PAGE_SIZE <= lastRow; page++) {
      if (!this.#pages.has(page)) void this.#loadPage(page);
    }
  }

  moveFocusBy(rows: number): boolean {
    const total = this.total ?? 0;
    if (total > 0) this.focusIndex = Math.max(0, Math.min(total - 1, this.focusIndex + rows));
    return true;
  }

  moveFocusTo(end: 'first' | 'last'): boolean {
    this.focusIndex = end === 'first' ? 0 : Math.max(0, (this.total ?? 0) - 1);
    return true;
  }

  /** Puts the items the filters take on the clipboard as tab-separated lines with a header, which spreadsheets paste as a table. */
  async copy(): Promise<void> {
    const copied = await this.toasts.attempt(
      'Could not copy the items',
      async () => {
        const items = await this.#everyItem();
        await navigator.clipboard.writeText(toTsv(itemRecords(items, this.labels(), this.targetName)));
        return items.length;
      },
      null,
    );
    if (copied !== null) this.toasts.info(`Copied ${plural(copied, 'item')} as a table`);
  }

  /** Downloads the items the filters take as a CSV file named after the actor. */
  async download(): Promise<void> {
    const items = await this.toasts.attempt('Could not export the items', () => this.#everyItem(), null);
    if (!items) return;
    const blob = new Blob([toCsv(itemRecords(items, this.labels(), this.targetName))], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = `${fileNameOf(this.actor?.name ?? 'actor')}.csv`;
    link.click();
    // The browser reads the blob as the download starts; the URL is let go a little later, not held for the session.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  /** Every item the filters take, in order, fetched in the largest windows the API gives. */
  async #everyItem(): Promise<ActorItem[]> {
    const actorId = this.actorId;
    if (actorId === null) return [];
    const items: ActorItem[] = [];
    for (let offset = 0; ; offset += WHOLE_LIST_WINDOW) {
      const window = await this.api.actorItems(this.#query(actorId, offset, WHOLE_LIST_WINDOW));
      items.push(...window.items);
      if (window.items.length < WHOLE_LIST_WINDOW || items.length >= window.total) return items;
    }
  }

  #query(actorId: number, offset: number, limit: number = ACTOR_PAGE_SIZE): ActorItemsQuery {
    return {
      actorId,
      offset,
      limit,
      ...(this.labelIds.length > 0 ? { labelIds: this.labelIds } : {}),
      ...(this.attribute ? { attribute: this.attribute } : {}),
      ...(this.from ? { publishedFrom: this.from } : {}),
      ...(this.to ? { publishedTo: this.to } : {}),
    };
  }

  /**
   * Asks for the items again: from the top after a change of filter (`restart`), or around the focused item when
   * they may have changed (an undo); the items shown stay until the answer replaces them.
   */
  async load({ restart }: { restart: boolean }): Promise<void> {
    const actorId = this.actorId;
    if (actorId === null) return;
    const generation = ++this.#generation;
    const first = restart ? 0 : Math.floor(this.focusIndex / ACTOR_PAGE_SIZE);
    try {
      const answer = await this.api.actorItems(this.#query(actorId, first * ACTOR_PAGE_SIZE));
      if (generation !== this.#generation) return;
      this.actor = answer.actor;
      this.missing = false;
      this.#pages.clear();
      this.#pages.set(first, answer.items);
      this.total = answer.total;
      if (restart) {
        this.focusIndex = 0;
        this.restarts++;
      } else this.moveFocusBy(0);
      this.answers++;
    } catch (error) {
      if (generation !== this.#generation) return;
      if (error instanceof ApiError && error.code === 'not_found') {
        this.actor = null;
        this.total = 0;
        this.#pages.clear();
        this.missing = true;
        this.answers++;
      } else this.toasts.error(error, 'Could not list the actor’s items');
    }
  }

  async #loadPage(page: number): Promise<void> {
    const actorId = this.actorId;
    if (actorId === null) return;
    const generation = this.#generation;
    this.#pages.set(page, null);
    try {
      const answer = await this.api.actorItems(this.#query(actorId, page * ACTOR_PAGE_SIZE));
      if (generation !== this.#generation) return;
      this.#pages.set(page, answer.items);
      // Items may have been added or removed since the first window: the newest count wins.
      this.total = answer.total;
    } catch (error) {
      // The window stays empty (asking again at once would fail again) until the next query.
      if (generation === this.#generation) this.toasts.error(error, 'Could not list the actor’s items');
    }
  }
}

/** A name as a file name on every system: letters and digits of any script kept, the rest one hyphen. */
function fileNameOf(name: string): string {
  return name.normalize('NFC').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '') || 'actor';
}
