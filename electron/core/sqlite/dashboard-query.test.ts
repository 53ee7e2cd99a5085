import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { DocumentStatus, Edit } from '../../shared/types.ts';
import { temporaryDir, typedApi as api, workspacePath } from '../../test/helpers.ts';
import { openBackend, type Backend } from '../backend.ts';
import { ParleyError } from '../errors.ts';

const dir = temporaryDir();

describe('the dashboard’s counts', () => {
  let backend: Backend;
  let call: ReturnType<typeof api>;
  const labels: Record<string, number> = {};
  const actors: Record<string, number> = {};

  before(async () => {
    backend = await openBackend(workspacePath(dir));
    call = api(backend);
    for (const label of await call('listLabels', {})) labels[label.name] = label.id;
    // A label of the analyst's own whose actor attribute is also called speaker: its annotations are quotes too.
    labels['Interview'] = (await call('createLabel', { name: 'Interview', color: '#336699', attributes: [{ name: 'speaker', type: 'actor' }] })).id;
    // A speaker that is text, not an actor, does not make a label a quote.
    labels['Rumour'] = (await call('createLabel', { name: 'Rumour', color: '#996633', attributes: [{ name: 'speaker', type: 'text' }] })).id;
    actors['zelenskyy'] = (await call('createActor', { name: 'Volodymyr Zelenskyy' })).id;
    actors['ushakov'] = (await call('createActor', { name: 'Юрий Ушаков' })).id;
    actors['nato'] = (await call('createActor', { name: 'NATO', kind: 'organisation' })).id;
    actors['unnamed'] = (await call('createActor', { name: 'محمد' })).id;
    const peacePlan = (await call('createTarget', { name: 'the US peace plan' })).id;

    const text = 'Zelenskyy 👩‍👩‍👧 said «ні»; Ушаков said no; NATO said maybe; שלום and so on and so forth, and on.';
    // [published, status]: a bare day, a timestamp (counts by its day), no day, and a day Parley cannot read.
    const documents: [string | null, DocumentStatus][] = [
      ['2025-01-10', 'done'],
      ['2025-01-10T18:00:00Z', 'in_progress'],
      ['2025-02-01', 'done'],
      [null, 'new'],
      ['March 2025', 'new'],
      ['2025-03-15', 'new'],
    ];
    const ids: number[] = [];
    for (const [index, [publishedAt, status]] of documents.entries()) {
      const id = (await call('createDocument', { title: `Article ${index}`, text, publishedAt })).id;
      if (status !== 'new') await call('updateDocument', { id, patch: { status } });
      ids.push(id);
    }
    const tag = (label: string, attributes: Record<string, string | number> = {}) => ({ label, attributes });
    // Per document, hand-counted in the tests below. Article 5 has none.
    const tags: ReturnType<typeof tag>[][] = [
      [tag('Quote', { speaker: actors['zelenskyy']! }), tag('Quote', { speaker: actors['zelenskyy']!, kind: 'direct' }), tag('Claim', { claimant: actors['ushakov']! }), tag('Actor', { actor: actors['nato']! })],
      [tag('Quote', { speaker: actors['ushakov']! }), tag('Position', { holder: actors['zelenskyy']!, target: peacePlan, stance: 'opposes' }), tag('Quote')],
      [tag('Quote', { speaker: actors['zelenskyy']! }), tag('Claim', { verdict: 'unverified' }), tag('Interview', { speaker: actors['ushakov']! })],
      [tag('Quote', { speaker: actors['nato']! }), tag('Actor', { actor: actors['zelenskyy']! })],
      [tag('Claim', { claimant: actors['zelenskyy']! }), tag('Rumour', { speaker: 'someone' })],
      [],
    ];
    for (const [document, spans] of tags.entries()) {
      if (spans.length === 0) continue;
      const edits: Edit[] = spans.map((span, index) => ({ op: 'createAnnotation', labelId: labels[span.label]!, fragments: [[index * 3, index * 3 + 2]], attributes: span.attributes }));
      await call('edit', { documentId: ids[document]!, description: 'Tag', edits });
    }
  });

  it('counts annotations per label in the schema’s order, labels without any included', async () => {
    const dashboard = await call('dashboard', {});
    assert.equal(dashboard.annotations, 14);
    assert.equal(dashboard.documents, 6);
    assert.deepEqual(
      dashboard.labels.map((label) => [label.name, label.count]),
      [['Quote', 6], ['Claim', 3], ['Position', 1], ['Actor', 2], ['Interview', 1], ['Rumour', 1]],
    );
    assert.equal(dashboard.labels[0]!.color, '#2f7ed8');
  });

  it('counts per label exactly what the table filtered to that label holds', async () => {
    const dashboard = await call('dashboard', {});
    for (const label of dashboard.labels) {
      assert.equal((await call('queryAnnotations', { labelIds: [label.id] })).total, label.count, label.name);
    }
  });

  it('counts annotations per actor the table shows for them, most first, ties by name', async () => {
    const dashboard = await call('dashboard', {});
    assert.deepEqual(
      dashboard.actors.map((actor) => [actor.name, actor.count]),
      [['Volodymyr Zelenskyy', 6], ['Юрий Ушаков', 3], ['NATO', 2]],
    );
    assert.equal(dashboard.actorsNamed, 3);
    const top = await call('dashboard', { top: 2 });
    assert.deepEqual(top.actors.map((actor) => actor.id), [actors['zelenskyy'], actors['ushakov']]);
    assert.equal(top.actorsNamed, 3, 'how many actors there are, past the top');
  });

  it('counts quotes per speaker: every label with a speaker actor attribute, not one with a text speaker', async () => {
    const dashboard = await call('dashboard', {});
    assert.deepEqual(dashboard.speakerLabelIds, [labels['Quote'], labels['Interview']]);
    assert.deepEqual(
      dashboard.speakers.map((speaker) => [speaker.name, speaker.count]),
      [['Volodymyr Zelenskyy', 3], ['Юрий Ушаков', 2], ['NATO', 1]],
    );
    assert.equal(dashboard.speakersNamed, 3);
    assert.deepEqual((await call('dashboard', { top: 1 })).speakers, [{ id: actors['zelenskyy'], name: 'Volodymyr Zelenskyy', count: 3 }]);
  });

  it('counts annotations per publication day, a timestamp by its day, the rest as undated', async () => {
    const dashboard = await call('dashboard', {});
    assert.deepEqual(dashboard.days, [
      { day: '2025-01-10', count: 7 },
      { day: '2025-02-01', count: 3 },
    ]);
    assert.equal(dashboard.undated, 4, 'no day (2) and a day that does not read as one (2)');
  });

  it('counts documents by status, and those with annotations', async () => {
    assert.deepEqual((await call('dashboard', {})).statuses, [
      { status: 'new', documents: 3, annotated: 2 },
      { status: 'in_progress', documents: 1, annotated: 1 },
      { status: 'done', documents: 2, annotated: 2 },
    ]);
  });

  it('follows edits: a removed quote and a renamed actor', async () => {
    const before = await call('dashboard', {});
    await call('updateActor', { id: actors['nato']!, patch: { name: 'North Atlantic Treaty Organization' } });
    const nato = (await call('dashboard', {})).actors.find((actor) => actor.id === actors['nato']);
    assert.equal(nato?.name, 'North Atlantic Treaty Organization');
    const document = (await call('listDocuments', { query: 'Article 3' }))[0]!;
    await call('deleteDocument', { id: document.id });
    const after = await call('dashboard', {});
    assert.equal(after.annotations, before.annotations - 2);
    assert.equal(after.undated, before.undated - 2);
    assert.deepEqual(after.statuses[0], { status: 'new', documents: 2, annotated: 1 });
    assert.deepEqual(after.speakers.map((speaker) => speaker.name), ['Volodymyr Zelenskyy', 'Юрий Ушаков']);
  });

  it('refuses a number of bars out of range, naming the field', async () => {
    for (const top of [0, 51, 2.5]) {
      await assert.rejects(backend.dispatch('dashboard', { top }), (error: ParleyError) => error.code === 'invalid_params' && error.field === 'top');
    }
    await assert.rejects(backend.dispatch('dashboard', { bars: 3 }), (error: ParleyError) => error.code === 'invalid_params');
  });
});

describe('the dashboard of an empty workspace', () => {
  it('has every label at zero, no bars elsewhere, and every status at zero', async () => {
    const backend = await openBackend(workspacePath(dir));
    const dashboard = await api(backend)('dashboard', {});
    assert.equal(dashboard.annotations, 0);
    assert.ok(dashboard.labels.length > 0 && dashboard.labels.every((label) => label.count === 0));
    assert.deepEqual([dashboard.actors, dashboard.speakers, dashboard.days, dashboard.actorsNamed, dashboard.undated], [[], [], [], 0, 0]);
    assert.deepEqual(dashboard.statuses.map((status) => status.documents), [0, 0, 0]);
    await backend.close();
  });
});
