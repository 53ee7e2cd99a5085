/**
 * The actor registry through the backend, on a real workspace: merging two actors and undoing it, deleting one and
 * undoing it, and the queries behind the Actors screen and an actor's page against hand-counted fixtures.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { temporaryDir, typedApi, workspacePath } from '../test/helpers.ts';
import { openBackend } from './backend.ts';
import { ParleyError } from './errors.ts';

const dir = temporaryDir('parley-actor-registry-');

/**
 * Two articles (the later one published first) naming Ushakov in two quotes and a claim, Peskov (“Dmitry
 * Peskov”, aliases “Peskov” and “ushakov”) in a quote and a position. Offsets hand-counted in code points: in
 * “Talks began. Ушаков said …” Ушаков is 13–19 and “said ” 20–25.
 */
async function registryWorkspace() {
  const backend = await openBackend(workspacePath(dir));
  const call = typedApi(backend);
  const labels = await call('listLabels', {});
  const label = (name: string) => labels.find((candidate) => candidate.name === name)!;
  const ushakov = await call('createActor', { name: 'Yuri Ushakov', kind: 'person', aliases: ['Ushakov'] });
  const peskov = await call('createActor', { name: 'Dmitry Peskov', kind: 'person', aliases: ['Peskov', 'ushakov'], externalId: 'Q4160', description: 'Spokesman' });
  const early = await call('createDocument', { title: 'Early 🇺🇦', publishedAt: '2025-01-05', text: 'Talks began. Ушаков said «نعم» 👍🏽 today. Peskov added more. End.' });
  const late = await call('createDocument', { title: 'Late', publishedAt: '2025-03-01', text: 'Ushakov claimed victory. Peskov was doubtful! Over.' });
  const tag = (documentId: number, edits: Parameters<typeof call<'edit'>>[1]['edits']) => call('edit', { documentId, description: 'Tag', edits });
  await tag(late.id, [
    { op: 'createAnnotation', labelId: label('Claim').id, fragments: [[8, 23]], attributes: { claimant: ushakov.id, verdict: 'false' } },
    { op: 'createAnnotation', labelId: label('Position').id, fragments: [[25, 44]], attributes: { holder: peskov.id, stance: 'opposes' } },
  ]);
  const early1 = await tag(early.id, [
    { op: 'createAnnotation', ref: 'said', labelId: label('Quote').id, fragments: [[20, 25]], attributes: { speaker: ushakov.id, kind: 'direct' } },
    { op: 'createAnnotation', ref: 'peskov', labelId: label('Quote').id, fragments: [[42, 52]], attributes: { speaker: peskov.id } },
    { op: 'createAnnotation', ref: 'first', labelId: label('Quote').id, fragments: [[13, 19]], attributes: { speaker: ushakov.id } },
  ]);
  return { backend, call, label, ushakov, peskov, early, late, peskovQuote: early1.createdIds['peskov']! };
}

describe('the actor registry', () => {
  it('counts each actor’s mentions by label', async () => {
    const { backend, call, ushakov, peskov } = await registryWorkspace();
    const summaries = await call('listActorSummaries', {});
    assert.deepEqual(summaries.map((actor) => [actor.name, actor.mentions, actor.labelCounts]), [
      ['Dmitry Peskov', 2, { Quote: 1, Position: 1 }],
      ['Yuri Ushakov', 3, { Quote: 2, Claim: 1 }],
    ]);
    assert.deepEqual(summaries.map((actor) => actor.id), [peskov.id, ushakov.id]);
    await backend.close();
  });

  it('lists an actor’s items in publication order with their sentence of context, and filters them', async () => {
    const { backend, call, label, ushakov, early, late } = await registryWorkspace();
    const page = await call('actorItems', { actorId: ushakov.id });
    assert.equal(page.actor.name, 'Yuri Ushakov');
    assert.deepEqual(
      page.items.map((item) => [item.documentId, item.role, item.start, item.context]),
      [
        [early.id, 'speaker', 13, { before: '', span: 'Ушаков', after: ' said «نعم» 👍🏽 today.' }],
        [early.id, 'speaker', 20, { before: 'Ушаков ', span: 'said ', after: '«نعم» 👍🏽 today.' }],
        [late.id, 'claimant', 8, { before: 'Ushakov ', span: 'claimed victory', after: '.' }],
      ],
    );
    assert.deepEqual([page.total, page.offset], [3, 0]);
    // A window of them, and one past the end, which still counts them all.
    const window = await call('actorItems', { actorId: ushakov.id, offset: 1, limit: 1 });
    assert.deepEqual([window.total, window.offset, window.items.map((item) => item.start)], [3, 1, [20]]);
    assert.deepEqual(window.items[0], page.items[1]);
    const past = await call('actorItems', { actorId: ushakov.id, offset: 5 });
    assert.deepEqual([past.total, past.items], [3, []]);
    await assert.rejects(call('actorItems', { actorId: ushakov.id, limit: 501 }), (error: unknown) => error instanceof ParleyError && error.code === 'invalid_params' && /limit/.test(error.message + (error.field ?? '')));
    const claims = await call('actorItems', { actorId: ushakov.id, labelIds: [label('Claim').id] });
    assert.deepEqual([claims.total, claims.items.map((item) => item.documentId)], [1, [late.id]]);
    assert.deepEqual((await call('actorItems', { actorId: ushakov.id, attribute: { name: 'verdict', value: 'false' } })).items.map((item) => item.start), [8]);
    assert.deepEqual((await call('actorItems', { actorId: ushakov.id, attribute: { name: 'verdict', value: 'true' } })).items, []);
    assert.deepEqual((await call('actorItems', { actorId: ushakov.id, publishedFrom: '2025-02-01' })).items.map((item) => item.start), [8]);
    assert.deepEqual((await call('actorItems', { actorId: ushakov.id, publishedTo: '2025-01-05' })).items.map((item) => item.start), [13, 20]);
    await assert.rejects(call('actorItems', { actorId: ushakov.id, publishedTo: '5 Jan' }), (error: unknown) => error instanceof ParleyError && error.code === 'invalid_params' && /publishedTo/.test(error.message + (error.field ?? '')));
    await assert.rejects(call('actorItems', { actorId: 999 }), (error: unknown) => error instanceof ParleyError && error.code === 'not_found');
    await backend.close();
  });

  it('merges an actor into another, its mentions and names following, and undoes the merge as it was', async () => {
    const { backend, call, ushakov, peskov, peskovQuote } = await registryWorkspace();
    const summariesBefore = await call('listActorSummaries', {});
    const quoteBefore = await call('getAnnotation', { id: peskovQuote });
    const merged = await call('mergeActors', { survivorId: ushakov.id, mergedId: peskov.id });
    assert.deepEqual(merged, { deleted: peskov.id, removal: { id: merged.removal.id, description: 'Merge Dmitry Peskov into Yuri Ushakov (2 mentions)' } });

    const [survivor, ...others] = await call('listActorSummaries', {});
    assert.deepEqual(others, []);
    assert.equal(survivor!.id, ushakov.id);
    // Its own alias first; the merged actor's name and aliases after, "ushakov" once only (ignoring case).
    assert.deepEqual(survivor!.aliases, ['Ushakov', 'Dmitry Peskov', 'Peskov']);
    assert.equal(survivor!.externalId, 'Q4160', 'the merged actor’s external id fills the survivor’s empty one');
    assert.equal(survivor!.description, 'Spokesman');
    assert.deepEqual([survivor!.mentions, survivor!.labelCounts], [5, { Quote: 3, Claim: 1, Position: 1 }]);
    const quote = await call('getAnnotation', { id: peskovQuote });
    assert.deepEqual(quote, { ...quoteBefore, attributes: { speaker: ushakov.id } });

    const undone = await call('undoRemoval', { id: merged.removal.id });
    assert.deepEqual([undone.actors, undone.annotations], [[peskov.id], 2]);
    assert.deepEqual(await call('listActorSummaries', {}), summariesBefore);
    assert.deepEqual(await call('getAnnotation', { id: peskovQuote }), quoteBefore);
    await backend.close();
  });

  it('keeps edits made after a merge when undoing it, and refuses merging an actor into itself', async () => {
    const { backend, call, ushakov, peskov, peskovQuote, early } = await registryWorkspace();
    const merged = await call('mergeActors', { survivorId: ushakov.id, mergedId: peskov.id });
    await call('edit', { documentId: early.id, description: 'Note', edits: [{ op: 'updateAnnotation', id: peskovQuote, note: 'checked' }] });
    await call('undoRemoval', { id: merged.removal.id });
    const quote = await call('getAnnotation', { id: peskovQuote });
    assert.deepEqual([quote.attributes, quote.note], [{ speaker: peskov.id }, 'checked']);
    await assert.rejects(call('mergeActors', { survivorId: ushakov.id, mergedId: ushakov.id }), (error: unknown) => error instanceof ParleyError && error.code === 'invalid_params' && /itself/.test(error.message));
    await backend.close();
  });

  it('deletes an actor nobody names and undoes it; refuses one still named, saying by how many', async () => {
    const { backend, call, ushakov } = await registryWorkspace();
    await assert.rejects(call('deleteActor', { id: ushakov.id }), (error: unknown) => error instanceof ParleyError && error.code === 'conflict' && /linked from 3 annotations/.test(error.message));
    const spare = await call('createActor', { name: 'Sergei Lavrov', kind: 'person', aliases: ['Lavrov'] });
    const removed = await call('deleteActor', { id: spare.id });
    assert.equal((await call('listActorSummaries', {})).some((actor) => actor.id === spare.id), false);
    await call('undoRemoval', { id: removed.removal.id });
    assert.deepEqual((await call('listActorSummaries', {})).find((actor) => actor.id === spare.id), { ...spare, mentions: 0, labelCounts: {} });
    await backend.close();
  });

  it('lists what names an actor, by document in publication order, then reading order', async () => {
    const { backend, call, label, ushakov, early, late } = await registryWorkspace();
    const references = await call('actorReferences', { id: ushakov.id });
    assert.deepEqual([references.annotations, references.documents], [3, 2]);
    assert.deepEqual(
      references.listed.map((reference) => [reference.documentId, reference.documentTitle, reference.labelId, reference.attribute, reference.text]),
      [
        [early.id, 'Early 🇺🇦', label('Quote').id, 'speaker', 'Ушаков'],
        [early.id, 'Early 🇺🇦', label('Quote').id, 'speaker', 'said '],
        [late.id, 'Late', label('Claim').id, 'claimant', 'claimed victory'],
      ],
    );
    const spare = await call('createActor', { name: 'Sergei Lavrov' });
    assert.deepEqual(await call('actorReferences', { id: spare.id }), { annotations: 0, documents: 0, listed: [] });
    await assert.rejects(call('actorReferences', { id: 999 }), (error: unknown) => error instanceof ParleyError && error.code === 'not_found');
    await backend.close();
  });

  it('deletes an actor still named when told to unlink it, and the undo names it again where nothing changed since', async () => {
    const { backend, call, label, ushakov, early, late } = await registryWorkspace();
    const before = await call('actorItems', { actorId: ushakov.id });
    const removed = await call('deleteActor', { id: ushakov.id, unlink: true });
    assert.equal(removed.removal.description, 'Delete actor Yuri Ushakov (named by 3 annotations)');
    assert.equal((await call('listActorSummaries', {})).some((actor) => actor.id === ushakov.id), false);
    const [first, second, claim] = before.items.map((item) => item.id) as [number, number, number];
    // The quote keeps its other attribute, and its change time: only the registry entry went.
    const second1 = await call('getAnnotation', { id: second });
    assert.deepEqual(second1.attributes, { kind: 'direct' });
    assert.deepEqual((await call('getAnnotation', { id: claim })).attributes, { verdict: 'false' });
    const table = await call('queryAnnotations', { labelIds: [label('Quote').id, label('Claim').id] });
    assert.equal(table.rows.filter((row) => [first, second, claim].includes(row.id)).every((row) => row.actor === null), true);

    // Meanwhile the analyst names another speaker for the first quote: the undo leaves that one be.
    const lavrov = await call('createActor', { name: 'Sergei Lavrov' });
    await call('edit', { documentId: early.id, description: 'Set speaker', edits: [{ op: 'updateAnnotation', id: first, attributes: { speaker: lavrov.id } }] });
    const undone = await call('undoRemoval', { id: removed.removal.id });
    assert.deepEqual([undone.actors, undone.annotations], [[ushakov.id], 3]);
    assert.deepEqual((await call('getAnnotation', { id: second })).attributes, { speaker: ushakov.id, kind: 'direct' });
    assert.equal((await call('getAnnotation', { id: second })).updatedAt, second1.updatedAt);
    assert.deepEqual((await call('getAnnotation', { id: claim })).attributes, { claimant: ushakov.id, verdict: 'false' });
    assert.deepEqual((await call('getAnnotation', { id: first })).attributes, { speaker: lavrov.id });
    assert.deepEqual((await call('actorItems', { actorId: ushakov.id })).items.map((item) => [item.documentId, item.start]), [[early.id, 20], [late.id, 8]]);
    await backend.close();
  });

  it('finds an actor named after another in a label with two actor attributes, to merge, unlink and list them', async () => {
    const { backend, call, ushakov, peskov, early } = await registryWorkspace();
    const exchange = await call('createLabel', { name: 'Exchange', color: '#336699', attributes: [{ name: 'from', type: 'actor' }, { name: 'to', type: 'actor' }, { name: 'year', type: 'text' }] });
    const tagged = await call('edit', {
      documentId: early.id,
      description: 'Tag',
      edits: [{ op: 'createAnnotation', ref: 'x', labelId: exchange.id, fragments: [[0, 5]], attributes: { from: peskov.id, to: ushakov.id } }],
    });
    const id = tagged.createdIds['x']!;
    assert.deepEqual((await call('actorReferences', { id: ushakov.id })).annotations, 4);
    const lavrov = await call('createActor', { name: 'Sergei Lavrov' });

    const merged = await call('mergeActors', { survivorId: lavrov.id, mergedId: ushakov.id });
    assert.deepEqual((await call('getAnnotation', { id })).attributes, { from: peskov.id, to: lavrov.id });
    // The actor it shows is still the first one, Peskov; Lavrov has Ushakov's three and names this one too.
    assert.equal((await call('queryAnnotations', { labelIds: [exchange.id] })).rows[0]!.actor?.id, peskov.id);
    assert.equal((await call('actorReferences', { id: lavrov.id })).annotations, 4);
    await call('undoRemoval', { id: merged.removal.id });
    assert.deepEqual((await call('getAnnotation', { id })).attributes, { from: peskov.id, to: ushakov.id });

    // Merged into the actor it names first: both attributes name Peskov, and the undo gives Ushakov back his.
    const intoFirst = await call('mergeActors', { survivorId: peskov.id, mergedId: ushakov.id });
    assert.deepEqual((await call('getAnnotation', { id })).attributes, { from: peskov.id, to: peskov.id });
    await call('undoRemoval', { id: intoFirst.removal.id });
    assert.deepEqual((await call('getAnnotation', { id })).attributes, { from: peskov.id, to: ushakov.id });
    assert.equal((await call('queryAnnotations', { labelIds: [exchange.id] })).rows[0]!.actor?.id, peskov.id);
    assert.deepEqual((await call('listActorSummaries', {})).map((actor) => [actor.name, actor.mentions]), [['Dmitry Peskov', 3], ['Sergei Lavrov', 0], ['Yuri Ushakov', 3]]);

    const removed = await call('deleteActor', { id: ushakov.id, unlink: true });
    assert.deepEqual((await call('getAnnotation', { id })).attributes, { from: peskov.id });
    await call('undoRemoval', { id: removed.removal.id });
    assert.deepEqual((await call('getAnnotation', { id })).attributes, { from: peskov.id, to: ushakov.id });
    await backend.close();
  });
});
