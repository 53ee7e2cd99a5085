import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Label } from '../../shared/types.ts';
import { attributesKeptBy, mergeAttributes } from './attributes.ts';

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
const actorExists = async (id: number) => actors.has(id);

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

test('a relabel keeps the values the new label defines and drops the others', () => {
  assert.deepEqual(attributesKeptBy(claim, { claimant: 7, speaker: 7, kind: 'direct', topic: 'war' }), { claimant: 7, topic: 'war' });
});
