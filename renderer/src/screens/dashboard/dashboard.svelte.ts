import type { AnnotationFilter, AsyncParleyApi, Dashboard, DocumentStatus } from '../../../../electron/shared/types.ts';
import type { Toasts } from '../../lib/state/toasts.svelte.ts';

export type ChartId = 'labels' | 'statuses' | 'actors' | 'speakers' | 'days';

/** One bar of a chart: what it counts, and the annotations table's filter for exactly that (null: no table counts it). */
export interface Bar {
  /** Unique in its chart (two actors may share a name). */
  key: string;
  name: string;
  value: number;
  /** A label's id, for its colour; otherwise the chart's accent colour. */
  labelId?: number;
  /** The day, for the time axis of the day chart. */
  day?: string;
  /** A second count drawn inside the bar (a status's annotated documents). */
  secondary?: number;
  /** What the bar says in words: its name and its count, with the count's unit. */
  description: string;
  filter: AnnotationFilter | null;
}

export interface Chart {
  id: ChartId;
  title: string;
  /** What the chart counts, in one line under its title. */
  subtitle: string;
  /** What a bar is, for the data table's first column ("Label", "Day"). */
  barName: string;
  /** Whether its bars stand on a time axis (the days) or are listed one under another. */
  axis: 'time' | 'list';
  /** The unit of its values, and of the bars' second counts if they have them, for the data table's header. */
  unit: string;
  secondaryUnit?: string;
  bars: Bar[];
  /** What it shows when it has no bar. */
  empty: string;
}

const STATUS_NAMES: Record<DocumentStatus, string> = { new: 'New', in_progress: 'In progress', done: 'Done' };

function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString()} ${count === 1 ? one : many}`;
}

/** The whole of a chart in one sentence, for its accessible description. */
export function chartSummary(chart: Chart): string {
  if (chart.bars.length === 0) return `${chart.title}: ${chart.empty}`;
  return `${chart.title}, ${chart.subtitle}: ${chart.bars.map((bar) => bar.description).join('; ')}.`;
}

/** The charts of a dashboard, in the order the screen shows them. */
export function chartsOf(dashboard: Dashboard): Chart[] {
  const annotations = (count: number) => plural(count, 'annotation', 'annotations');
  const quotes = (count: number) => plural(count, 'quote', 'quotes');
  const top = (shown: number, named: number, what: string) =>
    named === 0 ? `the ${what}, most first` : named > shown ? `the ${shown} with most of ${named.toLocaleString()} ${what}` : `all ${named.toLocaleString()} ${what}`;
  return [
    {
      id: 'labels',
      barName: 'Label',
      title: 'Annotations per label',
      subtitle: `${annotations(dashboard.annotations)} in ${plural(dashboard.documents, 'document', 'documents')}`,
      axis: 'list',
      unit: 'Annotations',
      empty: 'The schema has no labels.',
      bars: dashboard.labels.map((label) => ({
        key: String(label.id),
        name: label.name,
        value: label.count,
        labelId: label.id,
        description: `${label.name} ${annotations(label.count)}`,
        filter: { labelIds: [label.id] },
      })),
    },
    {
      id: 'statuses',
      barName: 'Status',
      title: 'Corpus progress',
      subtitle: 'documents by status, and how many of them are annotated',
      axis: 'list',
      unit: 'Documents',
      secondaryUnit: 'Annotated',
      empty: 'No documents yet.',
      bars:
        dashboard.documents === 0
          ? []
          : dashboard.statuses.map((status) => ({
              key: status.status,
              name: STATUS_NAMES[status.status],
              value: status.documents,
              secondary: status.annotated,
              description: `${STATUS_NAMES[status.status]} ${plural(status.documents, 'document', 'documents')}, ${status.annotated.toLocaleString()} annotated`,
              filter: null,
            })),
    },
    {
      id: 'actors',
      barName: 'Actor',
      title: 'Annotations per actor',
      subtitle: top(dashboard.actors.length, dashboard.actorsNamed, 'actors named'),
      axis: 'list',
      unit: 'Annotations',
      empty: 'No annotation names an actor yet.',
      bars: dashboard.actors.map((actor) => ({
        key: String(actor.id),
        name: actor.name,
        value: actor.count,
        description: `${actor.name} ${annotations(actor.count)}`,
        filter: { actorIds: [actor.id] },
      })),
    },
    {
      id: 'speakers',
      barName: 'Speaker',
      title: 'Quotes per speaker',
      subtitle: top(dashboard.speakers.length, dashboard.speakersNamed, 'speakers'),
      axis: 'list',
      unit: 'Quotes',
      empty: dashboard.speakerLabelIds.length === 0 ? 'No label has a speaker attribute.' : 'No quote names its speaker yet.',
      bars: dashboard.speakers.map((speaker) => ({
        key: String(speaker.id),
        name: speaker.name,
        value: speaker.count,
        description: `${speaker.name} ${quotes(speaker.count)}`,
        filter: { labelIds: dashboard.speakerLabelIds, actorIds: [speaker.id] },
      })),
    },
    {
      id: 'days',
      barName: 'Day',
      title: 'Annotations per day of publication',
      subtitle:
        dashboard.undated > 0
          ? `${annotations(dashboard.undated)} in documents without a publication day are not shown`
          : `${plural(dashboard.days.length, 'day', 'days')} with annotations`,
      axis: 'time',
      unit: 'Annotations',
      empty: 'No annotated document has a publication day.',
      bars: dashboard.days.map((day) => ({
        key: day.day,
        name: day.day,
        value: day.count,
        day: day.day,
        description: `${day.day} ${annotations(day.count)}`,
        filter: { publishedFrom: day.day, publishedTo: day.day },
      })),
    },
  ];
}

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

  /** Counts again (the corpus may have changed since); the charts shown stay until the answer replaces them. */
  async refresh(): Promise<void> {
    const generation = ++this.#generation;
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
