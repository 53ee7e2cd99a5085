import type { AsyncParleyApi, Dashboard } from '../../../../electron/shared/types.ts';
import type { Toasts } from '../../lib/state/toasts.svelte.ts';
import { chartsOf, type Chart, type ChartId } from './charts.ts';

/**
 * The dashboard screen: the workspace's counts (one `dashboard` call), the charts made of them, and which bar of
 * which chart has the keyboard. Each chart is one stop of the Tab key; the arrows move between its bars.
 */
export class DashboardScreen {
  data = $state.raw<Dashboard | null>(null);
  /** Counts the answers shown, for tests and the bench to wait on. */
  answers = $state(0);
  readonly charts = $derived(this.data ? chartsOf(this.data) : []);
  /** The bar of each chart that Tab reaches (the last one focused), by chart. */
  active = $state<Partial<Record<ChartId, number>>>({});
  /** The chart whose bar has the focus, if any. */
  focusedChart = $state<ChartId | null>(null);
  /** Bumped to ask the view to move the focus to the active bar of `focusedChart`. */
  focusRequest = $state(0);

  #generation = 0;

  constructor(
    private readonly api: AsyncParleyApi,
    private readonly toasts: Toasts,
  ) {}

  /**
   * Counts afresh for the screen being opened. The counts of an earlier visit are not shown meanwhile: they may be
   * out of date, and drawing them would only delay drawing the fresh ones.
   */
  async open(): Promise<void> {
    const generation = ++this.#generation;
    this.data = null;
    try {
      const data = await this.api.dashboard({});
      if (generation !== this.#generation) return;
      this.data = data;
      this.answers++;
    } catch (error) {
      if (generation === this.#generation) this.toasts.error(error, 'Could not count the annotations for the dashboard');
    }
  }

  chart(id: ChartId): Chart | undefined {
    return this.charts.find((chart) => chart.id === id);
  }

  activeIndex(id: ChartId): number {
    const bars = this.chart(id)?.bars.length ?? 0;
    return Math.min(this.active[id] ?? 0, Math.max(0, bars - 1));
  }

  /** A bar got the focus (by Tab, a click or the arrows). */
  focused(id: ChartId, index: number): void {
    this.focusedChart = id;
    this.active[id] = index;
  }

  /** The focus left the charts. */
  blurred(): void {
    this.focusedChart = null;
  }

  /** Moves the focus `step` bars on in the focused chart (or to its first or last); false with no chart focused. */
  moveFocus(step: number | 'first' | 'last'): boolean {
    const id = this.focusedChart;
    const bars = id ? (this.chart(id)?.bars.length ?? 0) : 0;
    if (!id || bars === 0) return false;
    const index = step === 'first' ? 0 : step === 'last' ? bars - 1 : this.activeIndex(id) + step;
    this.active[id] = Math.max(0, Math.min(bars - 1, index));
    this.focusRequest++;
    return true;
  }
}
