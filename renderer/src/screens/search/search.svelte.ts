import type { AsyncParleyApi, SearchDocument, SearchResults } from '../../../../electron/shared/types.ts';
import { ApiError } from '../../lib/api/errors.ts';
import type { Toasts } from '../../lib/state/toasts.svelte.ts';

/** Documents asked for at first, and added by each "more documents". */
export const SEARCH_PAGE_DOCUMENTS = 50;

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

  /** Moves the current hit `by` places, stopping at the ends; a key command, so the key is taken there too. */
  moveBy(by: number): boolean {
    if (this.hits.length === 0) return false;
    this.current = Math.max(0, Math.min(this.hits.length - 1, this.current + by));
    this.hitFocus++;
    return true;
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
        if (!query) {
          this.#apply(query, null, null);
          continue;
        }
        try {
          const results = await this.api.searchCorpus({ query, limit });
          if (generation === this.#generation) this.#apply(query, results, null);
        } catch (error) {
          if (generation !== this.#generation) continue;
          if (error instanceof ApiError && error.code === 'invalid_params' && error.field === 'query') this.#apply(query, null, plainProblem(error.message));
          else this.toasts.error(error, 'Could not search the corpus');
        }
      }
    } finally {
      this.#running = false;
    }
  }

  #apply(query: string, results: SearchResults | null, problem: string | null): void {
    const more = results !== null && query === this.answered && this.results !== null;
    this.answered = query;
    this.results = results;
    this.problem = problem;
    // More documents of the same query keep the place; a new query starts at its first hit.
    if (!more) {
      this.current = 0;
      this.opened = false;
    }
    this.answers++;
  }
}

/** "query: the quote at character 1 is never closed…" as a sentence for the screen. */
function plainProblem(message: string): string {
  const text = message.replace(/^query: /, '');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}
