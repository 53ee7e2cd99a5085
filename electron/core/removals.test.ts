/**
 * Removals undone through the backend, on a real workspace: a document, a label with its annotations, an actor
 * each come back exactly as they were (same ids, annotations, relations, undo history, search), and an undo the
 * workspace has moved past is refused without changing anything.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Label } from '../shared/types.ts';
import { openInFull, temporaryDir, typedApi, workspacePath } from '../test/helpers.ts';
import { openBackend, type Backend } from './backend.ts';
import { KEPT_REMOVALS } from './domain/removals.ts';
import { ParleyError } from './errors.ts';

const dir = temporaryDir('parley-removals-');

async function rejectsWith(promise: Promise<unknown>, code: string, pattern: RegExp) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof ParleyError, `expected a ParleyError, got ${String(error)}`);
    assert.equal(error.code, code);
    assert.match(error.message, pattern);
    return true;
  });
}

/** A workspace with two annotated documents (emoji, a combining mark and RTL text in the first), related, with history. */
async function annotatedWorkspace() {
  const backend = await openBackend(workspacePath(dir));
  const call = typedApi(backend);
  const labels = await call('listLabels', {});
  const label = (name: string) => labels.find((candidate) => candidate.name === name)!;
  const speaker = await call('createActor', { name: 'Yuri Ushakov', kind: 'person' });
  const first = await call('createDocument', { title: 'Pokrovsk 🇺🇦', text: 'Ushakov said «لا حل وسط» about Pokrovsk 👩‍👩‍👧 and Cafe\u0301 talks.' });
  const tagged = await call('edit', {
    documentId: first.id,
    description: 'Tag two',
    edits: [
      { op: 'createAnnotation', ref: 'q', labelId: label('Quote').id, fragments: [[13, 24]], attributes: { speaker: speaker.id, kind: 'direct' } },
      { op: 'createAnnotation', ref: 'a', labelId: label('Actor').id, fragments: [[0, 7]] },
      { op: 'createRelation', type: 'said_by', sourceId: 'q', targetId: 'a' },
    ],
  });
  await call('edit', { documentId: first.id, description: 'Tag a claim', edits: [{ op: 'createAnnotation', labelId: label('Claim').id, fragments: [[31, 39], [49, 54]] }] });
  await call('undo', { documentId: first.id });
  const second = await call('createDocument', { title: 'Second', text: 'Another quote said here.' });
  await call('edit', { documentId: second.id, description: 'Tag', edits: [{ op: 'createAnnotation', labelId: label('Quote').id, fragments: [[8, 13]] }] });
  return { backend, call, label, speaker, first, second, quoteId: tagged.createdIds['q']! };
}

/** How many documents the full-text index finds for `word`. */
async function searchHits(backend: Backend, word: string): Promise<number> {
  return (await typedApi(backend)('exportPreview', { format: 'parley', filter: { search: word } })).documents;
}

describe('removals', () => {
  it('brings a removed document back whole: text, annotations, relations, undo history and search', async () => {
    const { backend, call, first } = await annotatedWorkspace();
    const before = await openInFull(backend, first.id);
    const statsBefore = await call('stats', {});
    assert.equal(await searchHits(backend, 'Pokrovsk'), 1);

    const removed = await call('deleteDocument', { id: first.id });
    assert.equal(removed.deleted, first.id);
    assert.equal(removed.removal.description, 'Remove “Pokrovsk 🇺🇦” and its 2 annotations');
    await rejectsWith(call('openDocument', { id: first.id }), 'not_found', /Document/);
    assert.equal((await call('stats', {})).annotations, statsBefore.annotations - 2);
    assert.equal(await searchHits(backend, 'Pokrovsk'), 0);

    const undone = await call('undoRemoval', { id: removed.removal.id });
    assert.deepEqual(undone, { description: removed.removal.description, documents: [first.id], labels: [], actors: [], targets: [], annotations: 2 });
    assert.deepEqual(await openInFull(backend, first.id), before);
    assert.deepEqual(await call('stats', {}), statsBefore);
    assert.equal(await searchHits(backend, 'Pokrovsk'), 1);
    // The history came back too: the undone claim can be redone, then both steps undone.
    const redone = await call('redo', { documentId: first.id });
    assert.equal(redone.upsertedAnnotations.length, 1);
    assert.equal(redone.history.undoDescription, 'Tag a claim');
    await call('undo', { documentId: first.id });
    assert.equal((await call('undo', { documentId: first.id })).deletedAnnotationIds.length, 2);
    // Undone once, the removal is gone.
    await rejectsWith(call('undoRemoval', { id: removed.removal.id }), 'not_found', /Removal/);
    await backend.close();
  });

  it('deletes a label in use only when asked to take its annotations, and brings them back across documents', async () => {
    const { backend, call, label, first, second } = await annotatedWorkspace();
    const quote = label('Quote');
    const before = [await openInFull(backend, first.id), await openInFull(backend, second.id)];
    await rejectsWith(call('deleteLabel', { id: quote.id }), 'conflict', /used by 2 annotations/);

    const removed = await call('deleteLabel', { id: quote.id, withAnnotations: true });
    assert.equal(removed.removal.description, 'Delete label Quote and its 2 annotations');
    assert.ok(!(await call('listLabels', {})).some((candidate) => candidate.id === quote.id));
    const firstAfter = await openInFull(backend, first.id);
    assert.equal(firstAfter.annotations.length, 1, 'the Actor annotation stays');
    assert.deepEqual(firstAfter.relations, [], 'the relation from the quote went with it');

    await call('undoRemoval', { id: removed.removal.id });
    assert.deepEqual((await call('listLabels', {})).find((candidate) => candidate.id === quote.id), quote);
    assert.deepEqual([await openInFull(backend, first.id), await openInFull(backend, second.id)], before);
    await backend.close();
  });

  it('refuses an undo the workspace has moved past, changing nothing', async () => {
    const { backend, call, label } = await annotatedWorkspace();
    const claim: Label = label('Claim');
    const removed = await call('deleteLabel', { id: claim.id, withAnnotations: true });
    const taken = await call('createLabel', { name: 'claim', color: '#123456' });
    const labelsBefore = await call('listLabels', {});
    await rejectsWith(call('undoRemoval', { id: removed.removal.id }), 'conflict', /A label named claim was created since/);
    assert.deepEqual(await call('listLabels', {}), labelsBefore);
    await call('deleteLabel', { id: taken.id });
    await call('undoRemoval', { id: removed.removal.id });
    assert.deepEqual((await call('listLabels', {})).find((candidate) => candidate.id === claim.id), claim);
    await backend.close();
  });

  it('brings back a deleted actor with its id, and keeps the last removals only', async () => {
    const { backend, call } = await annotatedWorkspace();
    const actor = await call('createActor', { name: 'Kremlin', kind: 'organisation', aliases: ['the Kremlin'], externalId: 'Q42040' });
    const removed = await call('deleteActor', { id: actor.id });
    assert.equal(removed.removal.description, 'Delete actor Kremlin');
    assert.equal((await call('listActors', { query: 'Kremlin' })).length, 0);
    await call('undoRemoval', { id: removed.removal.id });
    assert.deepEqual(await call('listActors', { query: 'Kremlin' }), [actor]);

    const receipts = [];
    for (let n = 0; n <= KEPT_REMOVALS; n++) {
      const spare = await call('createActor', { name: `Spare ${n}`, kind: 'other' });
      receipts.push((await call('deleteActor', { id: spare.id })).removal.id);
    }
    await rejectsWith(call('undoRemoval', { id: receipts[0]! }), 'not_found', /Removal/);
    await call('undoRemoval', { id: receipts[1]! });
    await backend.close();
  });
});
