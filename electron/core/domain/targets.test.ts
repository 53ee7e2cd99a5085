import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Target } from '../../shared/types.ts';
import { mergedTargetRecord, newTargetRecord, targetIndex, targetKey, targetsMatching } from './targets.ts';

const NOW = '2026-01-01T00:00:00.000Z';
const target = (id: number, name: string, aliases: string[] = []): Target => ({ id, name, aliases, description: '', createdAt: NOW, updatedAt: NOW });

describe('targets', () => {
  it('finds a target by its name before another’s alias, the oldest first, ignoring case and surrounding space', () => {
    const index = targetIndex([target(3, 'Sanctions', ['the plan']), target(1, 'The Plan'), target(2, 'the plan', ['ПЛАН'])]);
    assert.equal(index.get(targetKey('  THE PLAN ')), 1);
    assert.equal(index.get(targetKey('план')), 2, 'Cyrillic folds too');
    assert.equal(index.get(targetKey('sanctions')), 3);
    assert.equal(index.get(targetKey('ceasefire')), undefined);
  });

  it('matches a query in the name or an alias', () => {
    const targets = [target(1, 'the US peace plan', ['28-point plan']), target(2, 'a ceasefire')];
    assert.deepEqual(targetsMatching(targets, '28-POINT').map((one) => one.id), [1]);
    assert.deepEqual(targetsMatching(targets, '  ').map((one) => one.id), [1, 2]);
  });

  it('trims names and keeps each alias once; a merge keeps the survivor’s name and takes the other’s as aliases', () => {
    assert.deepEqual(newTargetRecord({ name: ' plan ', aliases: ['US plan', ' us PLAN '] }, NOW).aliases, ['US plan']);
    assert.throws(() => newTargetRecord({ name: 'plan', aliases: [' '] }, NOW), /alias/);
    const merged = mergedTargetRecord(target(1, 'the US peace plan', ['US plan']), target(2, 'Witkoff plan', ['us plan', 'the US peace plan', 'план']), NOW);
    assert.deepEqual([merged.name, merged.aliases], ['the US peace plan', ['US plan', 'Witkoff plan', 'план']]);
  });
});
