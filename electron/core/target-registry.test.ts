/**
 * The registry of targets through the backend, on a real workspace: creating, renaming and giving aliases,
 * searching by name or alias, merging two targets and undoing it, deleting one and undoing it, and the checks a
 * target-typed attribute gets.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { temporaryDir, typedApi, workspacePath } from '../test/helpers.ts';
import { openBackend } from './backend.ts';
import { ParleyError } from './errors.ts';

const dir = temporaryDir('parley-target-registry-');

/** Zelenskyy's positions on “the US peace plan” (two) and “the 28-point plan” (one) in one article. */
async function targetWorkspace() {
  const backend = await openBackend(workspacePath(dir));
  const call = typedApi(backend);
  const position = (await call('listLabels', {})).find((label) => label.name === 'Position')!;
  const zelenskyy = await call('createActor', { name: 'Volodymyr Zelenskyy' });
  const plan = await call('createTarget', { name: ' the US peace plan ', aliases: ['US plan', ' us PLAN', 'Witkoff plan'] });
  const points = await call('createTarget', { name: 'the 28-point plan', aliases: ['План из 28 пунктов'], description: 'Leaked in November' });
  const document = await call('createDocument', { title: 'Talks 🇺🇦', publishedAt: '2025-11-21', text: 'Zelenskyy 👍🏽 rejected it. He said no. Then yes.' });
  const tagged = await call('edit', {
    documentId: document.id,
    description: 'Tag',
    edits: [
      { op: 'createAnnotation', ref: 'a', labelId: position.id, fragments: [[0, 11]], attributes: { holder: zelenskyy.id, target: plan.id, stance: 'opposes' } },
      { op: 'createAnnotation', ref: 'b', labelId: position.id, fragments: [[24, 35]], attributes: { holder: zelenskyy.id, target: plan.id, stance: 'opposes' } },
      { op: 'createAnnotation', ref: 'c', labelId: position.id, fragments: [[36, 45]], attributes: { holder: zelenskyy.id, target: points.id, stance: 'supports' } },
    ],
  });
  return { backend, call, position, zelenskyy, plan, points, document, ids: tagged.createdIds };
}

describe('the target registry', () => {
  it('creates targets trimmed, each alias once ignoring case, and finds them by name or alias in any script', async () => {
    const { backend, call, plan, points } = await targetWorkspace();
    assert.equal(plan.name, 'the US peace plan');
    assert.deepEqual(plan.aliases, ['US plan', 'Witkoff plan']);
    assert.deepEqual((await call('listTargets', {})).map((target) => target.name), ['the 28-point plan', 'the US peace plan']);
    assert.deepEqual((await call('listTargets', { query: 'witkoff' })).map((target) => target.id), [plan.id]);
    assert.deepEqual((await call('listTargets', { query: 'пунктов' })).map((target) => target.id), [points.id]);
    assert.deepEqual((await call('listTargets', { query: 'PLAN' })).length, 2);
    await assert.rejects(call('createTarget', { name: '   ' }), (error: ParleyError) => error.code === 'invalid_params' && error.field === 'name');
    await backend.close();
  });

  it('renames a target and sets its aliases, and the matrix shows the new name', async () => {
    const { backend, call, plan } = await targetWorkspace();
    const renamed = await call('updateTarget', { id: plan.id, patch: { name: 'The peace plan', aliases: ['US plan'] } });
    assert.deepEqual([renamed.name, renamed.aliases], ['The peace plan', ['US plan']]);
    assert.deepEqual((await call('positionsMatrix', {})).targets.map((target) => target.name), ['The peace plan', 'the 28-point plan']);
    await assert.rejects(call('updateTarget', { id: 999, patch: { name: 'x' } }), (error: ParleyError) => error.code === 'not_found');
    await backend.close();
  });

  it('refuses a target attribute that names no target, or holds text', async () => {
    const { backend, position, document } = await targetWorkspace();
    const tag = (target: unknown) =>
      backend.dispatch('edit', { documentId: document.id, description: 'Tag', edits: [{ op: 'createAnnotation', labelId: position.id, fragments: [[0, 3]], attributes: { target } }] });
    await assert.rejects(tag(999), (error: ParleyError) => error.code === 'invalid_params' && error.field === 'edits[0].attributes.target' && /no target 999/.test(error.message));
    await assert.rejects(tag('the US peace plan'), (error: ParleyError) => error.field === 'edits[0].attributes.target' && /target id/.test(error.message));
    await backend.close();
  });

  it('merges one target into another: its positions follow the survivor, its names become aliases; undo puts all back', async () => {
    const { backend, call, zelenskyy, plan, points, ids } = await targetWorkspace();
    const merged = await call('mergeTargets', { survivorId: plan.id, mergedId: points.id });
    assert.equal(merged.removal.description, 'Merge the 28-point plan into the US peace plan (1 position)');
    const survivor = (await call('listTargets', {})).find((target) => target.id === plan.id)!;
    assert.deepEqual(survivor.aliases, ['US plan', 'Witkoff plan', 'the 28-point plan', 'План из 28 пунктов']);
    assert.equal(survivor.description, 'Leaked in November', 'the survivor had none');
    assert.deepEqual((await call('getAnnotation', { id: ids['c']! })).attributes['target'], plan.id);
    const matrix = await call('positionsMatrix', {});
    assert.deepEqual(matrix.cells, [[zelenskyy.id, plan.id, 1, 2, 0, 0]]);

    const undone = await call('undoRemoval', { id: merged.removal.id });
    assert.deepEqual([undone.targets, undone.annotations], [[points.id], 1]);
    assert.deepEqual(await call('listTargets', {}), [points, plan].map((target) => ({ ...target })).sort((a, b) => a.name.localeCompare(b.name)));
    assert.equal((await call('getAnnotation', { id: ids['c']! })).attributes['target'], points.id);
    await assert.rejects(call('mergeTargets', { survivorId: plan.id, mergedId: plan.id }), (error: ParleyError) => error.field === 'mergedId');
    await backend.close();
  });

  it('deletes only a target no position names, undoably', async () => {
    const { backend, call, plan, points, document, ids } = await targetWorkspace();
    await assert.rejects(call('deleteTarget', { id: plan.id }), (error: ParleyError) => error.code === 'conflict' && /target of 2 annotations/.test(error.message));
    await call('edit', { documentId: document.id, description: 'Untarget', edits: [{ op: 'updateAnnotation', id: ids['c']!, attributes: { target: null } }] });
    const removed = await call('deleteTarget', { id: points.id });
    assert.equal(removed.removal.description, 'Delete target the 28-point plan');
    assert.deepEqual((await call('listTargets', {})).map((target) => target.id), [plan.id]);
    await call('undoRemoval', { id: removed.removal.id });
    assert.deepEqual((await call('listTargets', {})).map((target) => target.name), ['the 28-point plan', 'the US peace plan']);
    await backend.close();
  });

  it('deleting a document with positions and undoing it checks their targets still exist', async () => {
    const { backend, call, plan, points, document } = await targetWorkspace();
    const removed = await call('deleteDocument', { id: document.id });
    await call('deleteTarget', { id: points.id });
    await assert.rejects(call('undoRemoval', { id: removed.removal.id }), (error: ParleyError) => error.code === 'conflict' && error.field === 'target' && /Target \d+, the target of annotation/.test(error.message));
    assert.deepEqual((await call('listTargets', {})).map((target) => target.id), [plan.id]);
    await backend.close();
  });
});
