import type { Actor, ActorItem, ActorItemsQuery, AsyncParleyApi, Label } from '../../../../electron/shared/types.ts';
import { ApiError } from '../../lib/api/errors.ts';
import type { Toasts } from '../../lib/state/toasts.svelte.ts';
import { plural } from '../../lib/util/text.ts';
import { itemRecords, toCsv, toTsv } from './item-records.ts';

/** An attribute value the page filters by: a Claim's verdict "false", a Position's stance "opposes". */
export interface AttributeChoice {
  name: string;
  value: string;
}

/**
 * An actor's page: their quotes, claims, positions and other mentions across the corpus, in the articles'
 * publication order, filtered by label, one attribute value and a publication date range. The filtering is the
 * store's (`actorItems`); a change of filter sends a query at once, and an answer to a query already replaced is
 * dropped. The row with the keyboard focus opens in its article.
 */
export class ActorPage {
  actorId = $state<number | null>(null);
  actor = $state.raw<Actor | null>(null);
  items = $state.raw<ActorItem[]>([]);
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
  readonly focused = $derived<ActorItem | undefined>(this.items[this.focusIndex]);

  #generation = 0;

  constructor(
    private readonly api: AsyncParleyApi,
    private readonly toasts: Toasts,
    /** The label schema, for the records' label names and attribute columns. */
    private readonly labels: () => readonly Label[],
  ) {}

  /** Shows actor `id`'s page: with the filters cleared when it is another actor than the one shown last. */
  show(id: number): void {
    if (id !== this.actorId) {
      this.actorId = id;
      this.actor = null;
      this.items = [];
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

  moveFocusBy(rows: number): boolean {
    if (this.items.length > 0) this.focusIndex = Math.max(0, Math.min(this.items.length - 1, this.focusIndex + rows));
    return true;
  }

  moveFocusTo(end: 'first' | 'last'): boolean {
    this.focusIndex = end === 'first' ? 0 : Math.max(0, this.items.length - 1);
    return true;
  }

  /** Puts the items shown on the clipboard as tab-separated lines with a header, which spreadsheets paste as a table. */
  async copy(): Promise<void> {
    const count = this.items.length;
    const text = toTsv(itemRecords(this.items, this.labels()));
    const copied = await this.toasts.attempt('Could not copy the items', () => navigator.clipboard.writeText(text).then(() => true), false);
    if (copied) this.toasts.info(`Copied ${plural(count, 'item')} as a table`);
  }

  /** Downloads the items shown as a CSV file named after the actor. */
  download(): void {
    const blob = new Blob([toCsv(itemRecords(this.items, this.labels()))], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = `${fileNameOf(this.actor?.name ?? 'actor')}.csv`;
    link.click();
    // The browser reads the blob as the download starts; the URL is let go a little later, not held for the session.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  #query(actorId: number): ActorItemsQuery {
    return {
      actorId,
      ...(this.labelIds.length > 0 ? { labelIds: this.labelIds } : {}),
      ...(this.attribute ? { attribute: this.attribute } : {}),
      ...(this.from ? { publishedFrom: this.from } : {}),
      ...(this.to ? { publishedTo: this.to } : {}),
    };
  }

  /** Asks for the items; `restart` puts the focus on the first (a new filter), otherwise it stays where it was. */
  async load({ restart }: { restart: boolean }): Promise<void> {
    const actorId = this.actorId;
    if (actorId === null) return;
    const generation = ++this.#generation;
    try {
      const page = await this.api.actorItems(this.#query(actorId));
      if (generation !== this.#generation) return;
      this.actor = page.actor;
      this.items = page.items;
      this.missing = false;
      if (restart) {
        this.focusIndex = 0;
        this.restarts++;
      } else this.moveFocusBy(0);
      this.answers++;
    } catch (error) {
      if (generation !== this.#generation) return;
      if (error instanceof ApiError && error.code === 'not_found') {
        this.actor = null;
        this.items = [];
        this.missing = true;
        this.answers++;
      } else this.toasts.error(error, 'Could not list the actor’s items');
    }
  }
}

/** A name as a file name on every system: letters and digits of any script kept, the rest one hyphen. */
function fileNameOf(name: string): string {
  return name.normalize('NFC').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '') || 'actor';
}
