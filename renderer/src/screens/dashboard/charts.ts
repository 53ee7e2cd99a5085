/**
 * The dashboard's charts as data: what each bar counts, what it says in words, and the annotations table's filter
 * for exactly that (so that a bar opens the table on what it counts).
 */
import type { AnnotationFilter, Dashboard, DocumentStatus } from '../../../../electron/shared/types.ts';

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
  const top = (shown: number, named: number, one: string, many: string) =>
    named === 0 ? `the ${many}, most first` : named > shown ? `the ${shown} with most of ${plural(named, one, many)}` : plural(named, one, many);
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
      subtitle: top(dashboard.actors.length, dashboard.actorsNamed, 'actor named', 'actors named'),
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
      subtitle: top(dashboard.speakers.length, dashboard.speakersNamed, 'speaker', 'speakers'),
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
          ? `${annotations(dashboard.undated)} in documents without a publication day not shown`
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

