import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Actor, Label } from '../../shared/types.ts';
import { actorReferences, actorsMatching, checkActorUnused, newActorRecord, patchedActorRecord } from './actors.ts';

const actor = (id: number, name: string, aliases: string[] = [], externalId: string | null = null): Actor => ({
  id,
  name,
  kind: 'person',
  aliases,
  externalId,
  description: '',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

describe('actors', () => {
  const registry = [actor(1, 'Yuri Ushakov', ['Ushakov']), actor(2, 'Владимир Путин', ['Putin'], 'Q7747'), actor(3, 'Kremlin')];

  test('match by name or alias in any case and script, or by exact external id', () => {
    assert.deepEqual(actorsMatching(registry, 'USHA').map((a) => a.id), [1]);
    assert.deepEqual(actorsMatching(registry, 'путин').map((a) => a.id), [2]);
    assert.deepEqual(actorsMatching(registry, 'putin').map((a) => a.id), [2]);
    assert.deepEqual(actorsMatching(registry, 'q7747').map((a) => a.id), [2]);
    assert.deepEqual(actorsMatching(registry, 'Q77').map((a) => a.id), []);
    assert.equal(actorsMatching(registry, '  ').length, 3);
  });

  test('a new actor is a person with a trimmed name unless said otherwise; an empty name is refused', () => {
    const record = newActorRecord({ name: ' Kremlin ', kind: 'organisation' }, 'T');
    assert.equal(record.name, 'Kremlin');
    assert.equal(record.kind, 'organisation');
    assert.equal(newActorRecord({ name: 'A' }, 'T').kind, 'person');
    assert.throws(() => newActorRecord({ name: ' ' }, 'T'), /an actor needs a name/);
    assert.throws(() => patchedActorRecord(registry[0]!, { name: '' }, 'T'), (error: { field?: string }) => error.field === 'patch.name');
  });

  test('a patch keeps what it does not name and the creation time', () => {
    const patched = patchedActorRecord(registry[1]!, { aliases: ['Putin', 'V. V. Putin'] }, '2026-12-07T00:00:00.000Z');
    assert.deepEqual(patched.aliases, ['Putin', 'V. V. Putin']);
    assert.equal(patched.externalId, 'Q7747');
    assert.equal(patched.createdAt, '2026-01-01T00:00:00.000Z');
    assert.equal(patched.updatedAt, '2026-12-07T00:00:00.000Z');
  });

  test('only actor-typed attributes count as references', () => {
    const labels: Label[] = [
      { id: 1, name: 'Quote', color: '#000000', hotkey: null, description: '', position: 0, attributes: [{ name: 'speaker', type: 'actor' }, { name: 'year', type: 'text' }] },
    ];
    const candidates = [
      { labelId: 1, attribute: 'speaker' },
      { labelId: 1, attribute: 'year' },
      { labelId: 9, attribute: 'speaker' },
    ];
    assert.deepEqual(actorReferences(labels, candidates), [{ labelId: 1, attribute: 'speaker' }]);
    assert.throws(() => checkActorUnused(registry[0]!, 1), /Yuri Ushakov is linked from 1 annotation;/);
    assert.doesNotThrow(() => checkActorUnused(registry[0]!, 0));
  });
});
