import type { AsyncParleyApi, SearchDocument, SearchResults } from '../../../../electron/shared/types.ts';
import { ApiError } from '../../lib/api/errors.ts';
import type { Toasts } from '../../lib/state/toasts.svelte.ts';

/** Documents asked for at first, and added by each "more documents": a screenful or two, quick to rank and draw. */
export const SEARCH_PAGE_DOCUMENTS = 20;

/** Hits a document lists until it is expanded; next / previous (F3) steps through all of them regardless. */
export const HITS_LISTED = 3;

/** One hit in the order of the results: its document, and where it is (code points of the stored text). */
export interface HitPlace {
  documentId: number;
  start: number;
  end: number;
}

/**
 * The corpus search screen: the query, the answer to it, and the hit the keys are on, which next / previous
 * (F3, Shift+F3) step through across documents, in the order of the results.
 *
 * Typing sends the query at once when none is running; keys typed while one runs are coalesced, and only the
 * newest query is sent when it answers (as the table's filter does): no fixed delay to wait out, and no answer
 * to an older query is ever shown.
 */
export class SearchScreen {
  query = $state('');
  /** The answer to `answered`; null before the first, and after a query that could not be read. */
  results = $state.raw<SearchResults | null>(null);
  /** The query `results` (or `problem`) answer. */
  answered = $state('');
  /** What is wrong with the query, in plain words (an unbalanced quote, a lone AND). */
  problem = $state<string | null>(null);
  /** Search the annotations with these labels instead of the whole texts ("quotes containing …"). */
  labelIds = $state.raw<number[]>([]);
  /** Documents asked for. */
  limit = $state(SEARCH_PAGE_DOCUMENTS);
  /** Index of the current hit in `hits`. */
  current = $state(0);
  /** The current hit is open in its article (the workbench shows where it is among the others). */
  opened = $state(false);
  /** Bumped to ask the view to put the focus in the search box. */
  boxFocus = $state(0);
  /** Bumped to ask the view to put the focus on the current hit. */
  hitFocus = $state(0);
  /** Counts the answers applied. */
  answers = $state(0);
  /** Documents that list every hit, by id. */
  expanded = $state.raw<number[]>([]);

  /** Every hit of the answer, document after document, in reading order within each. */
  readonly hits: HitPlace[] = $derived(
    (this.results?.documents ?? []).flatMap((document) => document.hits.map((hit) => ({ documentId: document.documentId, start: hit.start, end: hit.end }))),
  );

  /** Where each document's hits begin in `hits`, by document id. */
  readonly firstHit: Readonly<Record<number, number>> = $derived.by(() => {
    const first: Record<number, number> = {};
    let index = 0;
    for (const document of this.results?.documents ?? []) {
      first[document.documentId] = index;
      index += document.hits.length;
    }
    return first;
  });

  /** The places in `hits` that the results list, in order: what the arrows move through. */
  readonly listed: number[] = $derived.by(() => {
    const places: number[] = [];
    let index = 0;
    for (const document of this.results?.documents ?? []) {
      const count = this.expanded.includes(document.documentId) ? document.hits.length : Math.min(HITS_LISTED, document.hits.length);
      for (let hit = 0; hit < count; hit++) places.push(index + hit);
      index += document.hits.length;
    }
    return places;
  });

  /** The query and labels of the answer shown, to tell more of the same search from a new one. */
  #answeredSearch = '';
  #generation = 0;
  #running = false;
  #wanted = false;

  constructor(
    private readonly api: AsyncParleyApi,
    private readonly toasts: Toasts,
  ) {}

  setQuery(query: string): void {
    if (query === this.query && (this.results !== null || this.problem !== null)) return;
    this.query = query;
    this.limit = SEARCH_PAGE_DOCUMENTS;
    this.refresh();
  }

  toggleLabel(id: number): void {
    this.labelIds = this.labelIds.includes(id) ? this.labelIds.filter((other) => other !== id) : [...this.labelIds, id];
    this.limit = SEARCH_PAGE_DOCUMENTS;
    this.refresh();
  }

  clearLabels(): void {
    if (this.labelIds.length === 0) return;
    this.labelIds = [];
    this.limit = SEARCH_PAGE_DOCUMENTS;
    this.refresh();
  }

  /** Asks for more documents of the same query. */
  showMore(): void {
    this.limit += SEARCH_PAGE_DOCUMENTS;
    this.refresh();
  }

  /** Queries again (the corpus may have changed since). */
  refresh(): void {
    this.#generation++;
    this.#wanted = true;
    if (!this.#running) void this.#run();
  }

  /** Moves the current hit `by` places among those listed, stopping at the ends; a key command, so the key is taken there too. */
  moveBy(by: number): boolean {
    const listed = this.listed;
    if (listed.length === 0) return false;
    // A hit reached by F3 may be one its document does not list: the arrows go on from the listed one before it.
    let at = listed.findLastIndex((place) => place <= this.current);
    if (at < 0) at = 0;
    else if (listed[at] !== this.current && by < 0) at++;
    this.current = listed[Math.max(0, Math.min(listed.length - 1, at + by))]!;
    this.hitFocus++;
    return true;
  }

  /** Lists every hit of document `documentId`. */
  expand(documentId: number): void {
    if (!this.expanded.includes(documentId)) this.expanded = [...this.expanded, documentId];
  }

  /** Lists the current hit, expanding its document if it is past the first few. */
  revealCurrent(): void {
    const hit = this.hits[this.current];
    if (hit && !this.listed.includes(this.current)) this.expand(hit.documentId);
  }

  /** The hit `by` places from the current one, round the ends (next after the last is the first). */
  stepped(by: 1 | -1): number {
    const count = this.hits.length;
    return (((this.current + by) % count) + count) % count;
  }

  documentOf(documentId: number): SearchDocument | undefined {
    return this.results?.documents.find((document) => document.documentId === documentId);
  }

  async #run(): Promise<void> {
    this.#running = true;
    try {
      while (this.#wanted) {
        this.#wanted = false;
        const generation = this.#generation;
        const query = this.query.trim();
        const limit = this.limit;
        const labelIds = this.labelIds;
        if (!query) {
          this.#apply(query, labelIds, null, null);
          continue;
        }
        try {
          const results = await this.api.searchCorpus({ query, limit, ...(labelIds.length > 0 ? { labelIds } : {}) });
          if (generation === this.#generation) this.#apply(query, labelIds, results, null);
        } catch (error) {
          if (generation !== this.#generation) continue;
          if (error instanceof ApiError && error.code === 'invalid_params' && error.field === 'query') this.#apply(query, labelIds, null, plainProblem(error.message));
          else this.toasts.error(error, 'Could not search the corpus');
        }
      }
    } finally {
      this.#running = false;
    }
  }

  #apply(query: string, labelIds: number[], results: SearchResults | null, problem: string | null): void {
    const search = JSON.stringify([query, labelIds]);
    const more = results !== null && this.results !== null && search === this.#answeredSearch;
    this.#answeredSearch = search;
    this.answered = query;
    this.results = results;
    this.problem = problem;
    // The same query again (more documents, the corpus changed) keeps the place; a new one starts at its first hit.
    if (more) {
      const count = results.documents.reduce((sum, document) => sum + document.hits.length, 0);
      this.current = Math.min(this.current, Math.max(0, count - 1));
    } else {
      this.current = 0;
      this.opened = false;
      this.expanded = [];
    }
    this.answers++;
  }
}

/** "query: the quote at character 1 is never closed…" as a sentence for the screen. */
function plainProblem(message: string): string {
  const text = message.replace(/^query: /, '');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}
