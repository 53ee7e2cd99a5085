import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Label } from '../../shared/types.ts';
import { mergeAttributes, relabelledAttributes } from './attributes.ts';

const claim: Label = {
  id: 2,
  name: 'Claim',
  color: '#d9822b',
  hotkey: 'c',
  description: '',
  position: 1,
  attributes: [
    { name: 'claimant', type: 'actor' },
    { name: 'verdict', type: 'choice', options: ['true', 'false'] },
    { name: 'checked', type: 'boolean' },
    { name: 'topic', type: 'text' },
  ],
};
const actors = new Set([7]);
const actorExists = async (registry: string, id: number) => registry === 'actor' && actors.has(id);

describe('mergeAttributes', () => {
  test('merges checked values over the current ones, and null removes one', async () => {
    assert.deepEqual(
      await mergeAttributes(claim, { topic: 'war', verdict: 'true' }, { claimant: 7, verdict: null, checked: false }, 'edits[0].attributes', actorExists),
      { topic: 'war', claimant: 7, checked: false },
    );
  });

  test('refuses a value of the wrong type, an option not offered, an unknown attribute and a missing actor, naming the field', async () => {
    const field = async (changes: Record<string, string | number | boolean | null>) => {
      try {
        await mergeAttributes(claim, {}, changes, 'edits[0].attributes', actorExists);
      } catch (error) {
        return (error as { field?: string }).field;
      }
      assert.fail(`accepted ${JSON.stringify(changes)}`);
    };
    assert.equal(await field({ topic: 3 }), 'edits[0].attributes.topic');
    assert.equal(await field({ verdict: 'maybe' }), 'edits[0].attributes.verdict');
    assert.equal(await field({ checked: 'yes' }), 'edits[0].attributes.checked');
    assert.equal(await field({ speaker: 7 }), 'edits[0].attributes.speaker');
    assert.equal(await field({ claimant: 8 }), 'edits[0].attributes.claimant');
    assert.equal(await field({ claimant: 7.5 }), 'edits[0].attributes.claimant');
  });
});

test('a relabel keeps the values the new label defines and sets the others aside, to give them back later', async () => {
  const toClaim = await relabelledAttributes(claim, { claimant: 7, speaker: 7, kind: 'direct', topic: 'war' }, {}, async () => true);
  assert.deepEqual(toClaim, { attributes: { claimant: 7, topic: 'war' }, setAside: { speaker: 7, kind: 'direct' }, setAsideNow: ['speaker', 'kind'] });
  const bare: Label = { ...claim, id: 9, name: 'Actor', attributes: [] };
  const toBare = await relabelledAttributes(bare, toClaim.attributes, toClaim.setAside, async () => true);
  assert.deepEqual(toBare, { attributes: {}, setAside: { speaker: 7, kind: 'direct', claimant: 7, topic: 'war' }, setAsideNow: ['claimant', 'topic'] });
  const back = await relabelledAttributes(claim, toBare.attributes, toBare.setAside, async () => true);
  assert.deepEqual(back.attributes, { claimant: 7, topic: 'war' });
  assert.deepEqual(back.setAsideNow, []);
});

test('a set-aside value comes back only if it is still valid: an existing actor, a choice the label offers', async () => {
  const restored = await relabelledAttributes(claim, {}, { claimant: 7, verdict: 'maybe', topic: 'war' }, async (_registry, id) => id !== 7);
  assert.deepEqual(restored.attributes, { topic: 'war' });
  assert.deepEqual(restored.setAside, { claimant: 7, verdict: 'maybe' });
});
