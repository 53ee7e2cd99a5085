import { SvelteMap } from 'svelte/reactivity';
import type {
  AnnotationFilter,
  AnnotationQuery,
  AnnotationSortKey,
  AnnotationTableRow,
  AsyncParleyApi,
  SortDirection,
} from '../../../../electron/shared/types.ts';
import type { Toasts } from '../../lib/state/toasts.svelte.ts';

/** Rows are fetched in pages of this many, aligned to multiples of it. */
export const TABLE_PAGE_SIZE = 100;

/** The order a column sorts in when first clicked: newest first for dates, A to Z for the rest. */
export function firstDirection(sort: AnnotationSortKey): SortDirection {
  return sort === 'updated' ? 'desc' : 'asc';
}

/**
 * The table screen, every annotation of the workspace: its filter and sort, how many annotations they take, and the pages of rows fetched so
 * far. Filtering and sorting happen in the store; this holds only the pages the view has asked for.
 *
 * Typing in the filter sends a query at once when none is running; keys typed while one runs are coalesced, and
 * only the newest filter is sent when it answers. There is no fixed debounce delay to wait out, so a result
 * reaches the screen as soon as the store can give it, and the store never works on a filter already replaced.
 */
export class TableScreen {
  text = $state('');
  labelIds = $state.raw<number[]>([]);
  sort = $state<AnnotationSortKey>('updated');
  direction = $state<SortDirection>('desc');
  /** Annotations the current filter takes; null before the first answer. */
  total = $state<number | null>(null);
  /** Every annotation in the workspace. */
  all = $state(0);
  /** The row that has the keyboard focus, by position in the sorted list. */
  focusIndex = $state(0);
  /** Bumped to ask the view to put the focus in the filter. */
  filterFocus = $state(0);
  /** Rows PageUp and PageDown move by: a screenful less one, set by the view as it is sized. */
  pageRows = $state(1);
  /** Counts the answers to queries (changes of filter or sort, refreshes) applied to the table. */
  answers = $state(0);
  /** Counts the answers that start the list again from the top: the view scrolls back up. */
  restarts = $state(0);

  /** Pages of the current query by number: their rows, or null while on their way. */
  readonly #pages = new SvelteMap<number, AnnotationTableRow[] | null>();
  /** Bumped by every change of filter or sort: answers to an older query are dropped. */
  #generation = 0;
  #headRunning = false;
  #headWanted = false;
  /** The pending query keeps the focused row and the scroll position (the table shown again), or starts at the top. */
  #keepPosition = false;

  constructor(
    private readonly api: AsyncParleyApi,
    private readonly toasts: Toasts,
  ) {}

  /** The row at `index`, or undefined while its page is on its way. */
  row(index: number): AnnotationTableRow | undefined {
    return this.#pages.get(Math.floor(index / TABLE_PAGE_SIZE))?.[index % TABLE_PAGE_SIZE];
  }

  setText(text: string): void {
    if (text === this.text) return;
    this.text = text;
    this.refresh();
  }

  toggleLabel(id: number): void {
    this.labelIds = this.labelIds.includes(id) ? this.labelIds.filter((other) => other !== id) : [...this.labelIds, id];
    this.refresh();
  }

  /**
   * Shows what `filter` takes, from the top: its text and labels (the parts this table filters by; a route may
   * carry more, see AnnotationFilter).
   */
  setFilter(filter: AnnotationFilter): void {
    this.text = filter.text ?? '';
    this.labelIds = filter.labelIds ?? [];
    this.refresh();
  }

  clearLabels(): void {
    if (this.labelIds.length === 0) return;
    this.labelIds = [];
    this.refresh();
  }

  /** Sorts by `sort`; clicking the sorted column again reverses it. */
  sortBy(sort: AnnotationSortKey): void {
    if (this.sort === sort) this.direction = this.direction === 'asc' ? 'desc' : 'asc';
    else {
      this.sort = sort;
      this.direction = firstDirection(sort);
    }
    this.refresh();
  }

  /**
   * Queries again: from the top after a change of filter or sort; around the focused row when the table is shown
   * again (annotations may have changed meanwhile, the place in the list should not). The rows shown stay until
   * the answer replaces them.
   */
  refresh(options: { keepPosition?: boolean } = {}): void {
    this.#generation++;
    this.#keepPosition = (options.keepPosition ?? false) && this.total !== null;
    this.#headWanted = true;
    if (!this.#headRunning) void this.#runHead();
  }

  /** Fetches the pages that hold rows `first` to `last` (inclusive) and are not here or on their way. */
  ensureRows(first: number, last: number): void {
    if (this.total === null || this.#headRunning) return;
    const lastRow = Math.min(last, this.total - 1);
    for (let page = Math.floor(Math.max(0, first) / TABLE_PAGE_SIZE); page * TABLE_PAGE_SIZE <= lastRow; page++) {
      if (!this.#pages.has(page)) void this.#loadPage(page);
    }
  }

  moveFocus(index: number): void {
    if (this.total === null || this.total === 0) return;
    this.focusIndex = Math.max(0, Math.min(this.total - 1, index));
  }

  /** Moves the focus `rows` down (up when negative); a key command, so the key is taken even at an end. */
  moveFocusBy(rows: number): boolean {
    this.moveFocus(this.focusIndex + rows);
    return true;
  }

  moveFocusTo(end: 'first' | 'last'): boolean {
    this.moveFocus(end === 'first' ? 0 : (this.total ?? 0) - 1);
    return true;
  }

  #query(offset: number): AnnotationQuery {
    const text = this.text.trim();
    return {
      ...(text ? { text } : {}),
      ...(this.labelIds.length > 0 ? { labelIds: this.labelIds } : {}),
      sort: this.sort,
      direction: this.direction,
      offset,
      limit: TABLE_PAGE_SIZE,
    };
  }

  async #runHead(): Promise<void> {
    this.#headRunning = true;
    try {
      while (this.#headWanted) {
        this.#headWanted = false;
        const generation = this.#generation;
        const keep = this.#keepPosition;
        const first = keep ? Math.floor(this.focusIndex / TABLE_PAGE_SIZE) : 0;
        try {
          const page = await this.api.queryAnnotations(this.#query(first * TABLE_PAGE_SIZE));
          if (generation !== this.#generation) continue;
          this.#pages.clear();
          this.#pages.set(first, page.rows);
          this.total = page.total;
          this.all = page.all;
          if (keep) this.moveFocus(this.focusIndex);
          else {
            this.focusIndex = 0;
            this.restarts++;
          }
          this.answers++;
        } catch (error) {
          if (generation === this.#generation) this.toasts.error(error, 'Could not list the annotations');
        }
      }
    } finally {
      this.#headRunning = false;
    }
  }

  async #loadPage(page: number): Promise<void> {
    const generation = this.#generation;
    this.#pages.set(page, null);
    try {
      const answer = await this.api.queryAnnotations(this.#query(page * TABLE_PAGE_SIZE));
      if (generation !== this.#generation) return;
      this.#pages.set(page, answer.rows);
      // Annotations may have been added or removed since the first page: the newest count wins.
      this.total = answer.total;
      this.all = answer.all;
    } catch (error) {
      // The page stays empty (asking again at once would fail again) until the next query.
      if (generation === this.#generation) this.toasts.error(error, 'Could not list the annotations');
    }
  }
}
