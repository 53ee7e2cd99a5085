import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Dashboard } from '../../../../electron/shared/types.ts';
import { chartsOf, chartSummary } from './charts.ts';

const DASHBOARD: Dashboard = {
  annotations: 7,
  documents: 3,
  labels: [
    { id: 1, name: 'Quote', color: '#2f7ed8', count: 4 },
    { id: 5, name: 'Interview', color: '#336699', count: 1 },
    { id: 2, name: 'Claim', color: '#d9822b', count: 2 },
    { id: 3, name: 'Position', color: '#8e44ad', count: 0 },
  ],
  actors: [
    { id: 7, name: 'Юрий Ушаков', count: 3 },
    { id: 8, name: 'Yuri Ushakov', count: 3 },
  ],
  actorsNamed: 12,
  speakers: [{ id: 7, name: 'Юрий Ушаков', count: 1 }],
  speakersNamed: 1,
  speakerLabelIds: [1, 5],
  days: [
    { day: '2025-03-01', count: 5 },
    { day: '2025-03-04', count: 1 },
  ],
  undated: 1,
  statuses: [
    { status: 'new', documents: 1, annotated: 0 },
    { status: 'in_progress', documents: 1, annotated: 1 },
    { status: 'done', documents: 1, annotated: 1 },
  ],
};

describe('the dashboard’s charts', () => {
  const charts = new Map(chartsOf(DASHBOARD).map((chart) => [chart.id, chart]));

  it('give each bar the table filter for exactly what it counts', () => {
    assert.deepEqual(charts.get('labels')!.bars.map((bar) => bar.filter), [{ labelIds: [1] }, { labelIds: [5] }, { labelIds: [2] }, { labelIds: [3] }]);
    assert.deepEqual(charts.get('actors')!.bars.map((bar) => bar.filter), [{ actorIds: [7] }, { actorIds: [8] }]);
    assert.deepEqual(charts.get('speakers')!.bars[0]!.filter, { labelIds: [1, 5], actorIds: [7] });
    assert.deepEqual(charts.get('days')!.bars.map((bar) => bar.filter), [
      { publishedFrom: '2025-03-01', publishedTo: '2025-03-01' },
      { publishedFrom: '2025-03-04', publishedTo: '2025-03-04' },
    ]);
    assert.ok(charts.get('statuses')!.bars.every((bar) => bar.filter === null), 'statuses count documents, which no annotations table lists');
  });

  it('keep two actors of the same name apart', () => {
    assert.deepEqual(charts.get('actors')!.bars.map((bar) => bar.key), ['7', '8']);
  });

  it('say every bar in words, with the right number of its unit', () => {
    assert.equal(
      chartSummary(charts.get('labels')!),
      'Annotations per label, 7 annotations in 3 documents: Quote 4 annotations; Interview 1 annotation; Claim 2 annotations; Position 0 annotations.',
    );
    assert.equal(chartSummary(charts.get('speakers')!), 'Quotes per speaker, 1 speaker: Юрий Ушаков 1 quote.');
    assert.match(chartSummary(charts.get('statuses')!), /New 1 document, 0 annotated; In progress 1 document, 1 annotated; Done 1 document, 1 annotated\.$/);
  });

  it('say how many they leave out', () => {
    assert.equal(charts.get('actors')!.subtitle, 'the 2 with most of 12 actors named');
    assert.equal(charts.get('days')!.subtitle, '1 annotation in documents without a publication day not shown');
  });

  it('say what is missing when a chart has no bar', () => {
    const empty = new Map(
      chartsOf({ ...DASHBOARD, annotations: 0, documents: 0, actors: [], actorsNamed: 0, speakers: [], speakersNamed: 0, speakerLabelIds: [], days: [], undated: 0 }).map((chart) => [chart.id, chart]),
    );
    assert.equal(chartSummary(empty.get('speakers')!), 'Quotes per speaker: No label has a speaker attribute.');
    assert.equal(chartSummary(empty.get('statuses')!), 'Corpus progress: No documents yet.');
    assert.equal(empty.get('actors')!.subtitle, 'the actors named, most first');
  });
});
