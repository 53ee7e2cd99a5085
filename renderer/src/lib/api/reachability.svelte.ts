/**
 * Whether the backend answers. Browser mode's server can stop (closed, killed, the laptop asleep): the first call
 * that cannot reach it marks it lost, and from then on a cheap call probes it, less and less often, until it
 * answers again; `onback` then lets the app reload what it shows. The server keeps its port and token across
 * restarts (cli/browser-sessions.ts), so the page's cookie is still good when it comes back.
 */
export class Reachability {
  lost = $state(false);
  /** Called once each time the backend answers again after being lost. */
  onback: (() => void) | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly probe: () => Promise<unknown>) {}

  /** A call could not reach the backend. */
  failed(): void {
    if (this.lost) return;
    this.lost = true;
    this.#retryIn(PROBE_FIRST_MS);
  }

  #retryIn(ms: number): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#try(ms), ms);
  }

  async #try(waited: number): Promise<void> {
    try {
      await this.probe();
    } catch {
      this.#retryIn(Math.min(waited * 2, PROBE_MAX_MS));
      return;
    }
    this.lost = false;
    this.onback?.();
  }
}

/** The first probe comes soon (a restart takes a second or two); then at most every few seconds. */
const PROBE_FIRST_MS = 500;
const PROBE_MAX_MS = 4000;
