import { ApiError } from '../api/client.ts';

export interface Toast {
  id: number;
  kind: 'error' | 'info';
  title: string;
  detail: string | null;
  /** A button on the toast, e.g. Undo; pressing it runs `run` and dismisses the toast. */
  action?: { label: string; run: () => void };
}

/** How long a toast that offers Undo stays: long enough to read it and change one's mind. */
const UNDO_TOAST_MS = 10_000;

/** Non-blocking notices in a corner: every API error lands here, none is swallowed. */
export class Toasts {
  items = $state<Toast[]>([]);
  #next = 1;
  #timers: Record<number, ReturnType<typeof setTimeout>> = {};

  info(title: string, detail: string | null = null, ms = 3500): void {
    this.#push({ kind: 'info', title, detail }, ms);
  }

  /** Says what a step did, with an Undo button that runs `undo`; answers the toast's id (to dismiss it once undone elsewhere). */
  undoable(title: string, detail: string | null, undo: () => void): number {
    return this.#push({ kind: 'info', title, detail, action: { label: 'Undo', run: undo } }, UNDO_TOAST_MS);
  }

  /** Presses a toast's button: its action runs once and the toast goes. */
  act(id: number): void {
    const action = this.items.find((toast) => toast.id === id)?.action;
    this.dismiss(id);
    action?.run();
  }

  error(error: unknown, context?: string): void {
    console.error(context ?? 'Parley error', error);
    const message = error instanceof Error ? error.message : String(error);
    const field = error instanceof ApiError && error.field ? ` (${error.field})` : '';
    this.#push({ kind: 'error', title: context ?? 'Something went wrong', detail: `${message}${field}` }, 8000);
  }

  /**
   * Runs `work` and answers what it answers; when it fails, the error becomes a toast titled `failure` and the
   * answer is `fallback`. The one way the state classes call the API where a failure needs no more than saying.
   */
  async attempt<T, F>(failure: string, work: () => Promise<T>, fallback: F): Promise<T | F> {
    try {
      return await work();
    } catch (error) {
      this.error(error, failure);
      return fallback;
    }
  }

  dismiss(id: number): void {
    clearTimeout(this.#timers[id]);
    delete this.#timers[id];
    this.items = this.items.filter((toast) => toast.id !== id);
  }

  /** Keeps a toast on screen while the pointer or focus is on it. */
  hold(id: number): void {
    clearTimeout(this.#timers[id]);
    delete this.#timers[id];
  }

  release(id: number): void {
    this.#schedule(id, 4000);
  }

  #push(toast: Omit<Toast, 'id'>, ms: number): number {
    const id = this.#next++;
    this.items = [...this.items.slice(-3), { id, ...toast }];
    this.#schedule(id, ms);
    return id;
  }

  #schedule(id: number, ms: number): void {
    clearTimeout(this.#timers[id]);
    this.#timers[id] = setTimeout(() => this.dismiss(id), ms);
  }
}
