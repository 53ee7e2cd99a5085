import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { stanceCounts } from '../../shared/positions.ts';
import type { PositionsMatrix } from '../../shared/types.ts';
import { temporaryDir, typedApi as api, workspacePath } from '../../test/helpers.ts';
import { openBackend, type Backend } from '../backend.ts';
import { normaliseText } from '../text.ts';
import { importFile } from '../workspace.ts';
import { ParleyError } from '../errors.ts';

const dir = temporaryDir();

/** A cell as the tests read it: "holder → target" and its non-zero counts. */
function cells(matrix: PositionsMatrix): Record<string, Record<string, number>> {
  const names = new Map(matrix.actors.map((actor) => [actor.id, actor.name]));
  const targetNames = new Map(matrix.targets.map((target) => [target.id, target.name]));
  return Object.fromEntries(
    matrix.cells.map((cell) => [`${names.get(cell[0])} → ${targetNames.get(cell[1])}`, Object.fromEntries(Object.entries(stanceCounts(cell)).filter(([, n]) => n > 0))]),
  );
}

describe('positions matrix and stance over time', () => {
  let backend: Backend;
  let call: ReturnType<typeof api>;
  const actors: Record<string, number> = {};
  const targets: Record<string, number> = {};
  const documents: number[] = [];

  before(async () => {
    backend = await openBackend(workspacePath(dir));
    call = api(backend);
    const labels = new Map((await call('listLabels', {})).map((label) => [label.name, label]));
    const position = labels.get('Position')!;
    const quote = labels.get('Quote')!;
    actors['zelenskyy'] = (await call('createActor', { name: 'Volodymyr Zelenskyy' })).id;
    actors['ushakov'] = (await call('createActor', { name: 'Юрий Ушаков' })).id;
    actors['nato'] = (await call('createActor', { name: 'NATO', kind: 'organisation' })).id;
    const text = 'Zelenskyy 👩‍👩‍👧 said «ні»; Ushakov said no; NATO said maybe; and so on and so forth.';
    const days = ['2025-01-10', '2025-01-10', '2025-02-01', '2025-03-15T09:00:00Z', null];
    targets['plan'] = (await call('createTarget', { name: 'the US peace plan', aliases: ['28-point plan'] })).id;
    targets['sanctions'] = (await call('createTarget', { name: 'sanctions on Russia' })).id;
    targets['ceasefire'] = (await call('createTarget', { name: 'a ceasefire' })).id;
    for (const [index, publishedAt] of days.entries()) {
      documents.push((await call('createDocument', { title: `Day ${index}`, text, publishedAt })).id);
    }
    // [document, holder, target, stance]: hand-counted below.
    const positions: [number, string, string, string][] = [
      [0, 'zelenskyy', 'plan', 'opposes'],
      [0, 'zelenskyy', 'plan', 'opposes'],
      [1, 'zelenskyy', 'plan', 'supports'],
      [2, 'zelenskyy', 'plan', 'opposes'],
      [3, 'zelenskyy', 'sanctions', 'supports'],
      [0, 'ushakov', 'plan', 'supports'],
      [2, 'ushakov', 'sanctions', 'opposes'],
      [3, 'nato', 'plan', 'neutral'],
      [4, 'nato', 'plan', 'ambiguous'],
    ];
    for (const [index, [document, holder, target, stance]] of positions.entries()) {
      await call('edit', {
        documentId: documents[document]!,
        description: 'Tag Position',
        edits: [{ op: 'createAnnotation', labelId: position.id, fragments: [[index, index + 3]], attributes: { holder: actors[holder]!, target: targets[target]!, stance } }],
      });
    }
    // Not counted: no target, no stance, and a Quote (no target at all).
    await call('edit', {
      documentId: documents[0]!,
      description: 'Tag',
      edits: [
        { op: 'createAnnotation', labelId: position.id, fragments: [[20, 22]], attributes: { holder: actors['zelenskyy']!, stance: 'supports' } },
        { op: 'createAnnotation', labelId: position.id, fragments: [[24, 26]], attributes: { holder: actors['zelenskyy']!, target: targets['ceasefire']! } },
        { op: 'createAnnotation', labelId: quote.id, fragments: [[26, 28]], attributes: { speaker: actors['ushakov']! } },
      ],
    });
  });

  it('counts every holder × target cell by stance, mixed stances kept apart', async () => {
    const matrix = await call('positionsMatrix', {});
    assert.deepEqual(cells(matrix), {
      'Volodymyr Zelenskyy → the US peace plan': { supports: 1, opposes: 3 },
      'Volodymyr Zelenskyy → sanctions on Russia': { supports: 1 },
      'Юрий Ушаков → the US peace plan': { supports: 1 },
      'Юрий Ушаков → sanctions on Russia': { opposes: 1 },
      'NATO → the US peace plan': { neutral: 1, ambiguous: 1 },
    });
    assert.deepEqual(matrix.actors.map((actor) => [actor.name, actor.kind, actor.total]), [
      ['Volodymyr Zelenskyy', 'person', 5],
      ['NATO', 'organisation', 2],
      ['Юрий Ушаков', 'person', 2],
    ]);
    assert.deepEqual(matrix.targets, [
      { id: targets['plan'], name: 'the US peace plan', total: 7 },
      { id: targets['sanctions'], name: 'sanctions on Russia', total: 2 },
    ]);
  });

  it('filters by the holder’s kind and by publication day (a timestamp counts by its day; no day is out of any range)', async () => {
    assert.deepEqual(cells(await call('positionsMatrix', { actorKinds: ['organisation'] })), { 'NATO → the US peace plan': { neutral: 1, ambiguous: 1 } });
    assert.deepEqual(cells(await call('positionsMatrix', { publishedFrom: '2025-02-01', publishedTo: '2025-03-15' })), {
      'Volodymyr Zelenskyy → the US peace plan': { opposes: 1 },
      'Volodymyr Zelenskyy → sanctions on Russia': { supports: 1 },
      'Юрий Ушаков → sanctions on Russia': { opposes: 1 },
      'NATO → the US peace plan': { neutral: 1 },
    });
    assert.deepEqual(cells(await call('positionsMatrix', { publishedTo: '2025-01-09' })), {});
  });

  it('filters by the status of the documents', async () => {
    await call('updateDocument', { id: documents[3]!, patch: { status: 'done' } });
    await call('updateDocument', { id: documents[4]!, patch: { status: 'done' } });
    assert.deepEqual(cells(await call('positionsMatrix', { documentStatuses: ['done'] })), {
      'Volodymyr Zelenskyy → sanctions on Russia': { supports: 1 },
      'NATO → the US peace plan': { neutral: 1, ambiguous: 1 },
    });
    assert.equal(Object.keys(cells(await call('positionsMatrix', { documentStatuses: ['new', 'in_progress', 'done'] }))).length, 5);
    for (const id of [documents[3]!, documents[4]!]) await call('updateDocument', { id, patch: { status: 'new' } });
  });

  it('filters by the tags of the documents', async () => {
    const tag = await call('tagDocument', { documentId: documents[3]!, name: 'Ukraine talks' });
    await call('tagDocument', { documentId: documents[4]!, name: 'Ukraine talks' });
    await call('tagDocument', { documentId: documents[0]!, name: 'to review' });
    assert.deepEqual(cells(await call('positionsMatrix', { tagIds: [tag.id] })), {
      'Volodymyr Zelenskyy → sanctions on Russia': { supports: 1 },
      'NATO → the US peace plan': { neutral: 1, ambiguous: 1 },
    });
    assert.deepEqual(cells(await call('positionsMatrix', { tagIds: [tag.id], documentStatuses: ['done'] })), {}, 'and with the other filters');
    for (const id of [documents[3]!, documents[4]!]) await call('untagDocument', { documentId: id, tagId: tag.id });
  });

  it('lists the annotations behind a cell in publication order, with their sentence', async () => {
    const items = await call('positionItems', { actorId: actors['zelenskyy']!, targetId: targets['plan']! });
    assert.deepEqual(items.map((item) => [item.documentTitle, item.role, item.attributes['stance'], item.start]), [
      ['Day 0', 'holder', 'opposes', 0],
      ['Day 0', 'holder', 'opposes', 1],
      ['Day 1', 'holder', 'supports', 2],
      ['Day 2', 'holder', 'opposes', 3],
    ]);
    assert.equal(items[0]!.context.span, 'Zel', 'code points: the span starts at the text’s start');
    assert.deepEqual(
      (await call('positionItems', { actorId: actors['nato']!, targetId: targets['plan']!, filter: { publishedFrom: '2025-03-01' } })).map((item) => item.documentTitle),
      ['Day 3'],
    );
    assert.deepEqual(await call('positionItems', { actorId: actors['ushakov']!, targetId: targets['ceasefire']! }), []);
  });

  it('gives one holder’s stance on one target day by day', async () => {
    assert.deepEqual(await call('stanceOverTime', { actorId: actors['zelenskyy']!, targetId: targets['plan']! }), [
      { day: '2025-01-10', counts: { supports: 1, opposes: 2, neutral: 0, ambiguous: 0 } },
      { day: '2025-02-01', counts: { supports: 0, opposes: 1, neutral: 0, ambiguous: 0 } },
    ]);
    assert.deepEqual(await call('stanceOverTime', { actorId: actors['nato']!, targetId: targets['plan']! }), [
      { day: null, counts: { supports: 0, opposes: 0, neutral: 0, ambiguous: 1 } },
      { day: '2025-03-15', counts: { supports: 0, opposes: 0, neutral: 1, ambiguous: 0 } },
    ]);
    assert.deepEqual(await call('stanceOverTime', { actorId: actors['zelenskyy']!, targetId: targets['plan']!, filter: { publishedFrom: '2025-01-11' } }), [
      { day: '2025-02-01', counts: { supports: 0, opposes: 1, neutral: 0, ambiguous: 0 } },
    ]);
  });

  it('counts the positions an import brings, its targets found by name or alias or created', async () => {
    const text = 'Macron backs the 28-point plan. Stubb doubts it.';
    const { text: stored, normalisation } = normaliseText(text);
    const positions = (target: string, stance: string, holder: string, at: [number, number]) => ({
      key: `T${at[0]}`,
      label: 'Position',
      fragments: [at],
      attributes: { target, stance },
      actors: { holder: { name: holder } },
    });
    await importFile(backend.workspace, [
      {
        document: { title: 'Imported', text: stored, publishedAt: '2025-04-01' },
        normalisation,
        annotations: [positions('28-POINT PLAN', 'supports', 'Emmanuel Macron', [0, 6]), positions('a new target', 'ambiguous', 'Alexander Stubb', [32, 37])],
        relations: [],
      },
    ], { duplicates: 'merge' });
    const matrix = await call('positionsMatrix', { publishedFrom: '2025-04-01' });
    assert.deepEqual(cells(matrix), { 'Emmanuel Macron → the US peace plan': { supports: 1 }, 'Alexander Stubb → a new target': { ambiguous: 1 } });
    assert.equal(matrix.targets.find((target) => target.name === 'the US peace plan')?.id, targets['plan'], 'found by its alias, ignoring case');
  });

  it('refuses a malformed day, naming the field', async () => {
    await assert.rejects(backend.dispatch('positionsMatrix', { publishedFrom: '1 March' }), (error: ParleyError) => error.code === 'invalid_params' && error.field === 'publishedFrom');
  });
});
