import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Label } from '../../../../electron/shared/types.ts';
import { filterableAttributes } from './filter-fields.ts';

describe('filterable attributes', () => {
  it('are the schema’s attributes but actors, one per name, with every option any label offers', () => {
    const label = (id: number, name: string, attributes: Label['attributes']): Label => ({ id, name, color: '#000000', hotkey: null, description: '', position: id, attributes });
    const labels = [
      label(1, 'Quote', [{ name: 'kind', type: 'choice', options: ['direct', 'indirect'] }, { name: 'speaker', type: 'actor' }]),
      label(2, 'Claim', [{ name: 'claimant', type: 'actor' }, { name: 'verdict', type: 'choice', options: ['unverified', 'false'] }, { name: 'topic', type: 'text' }]),
      label(3, 'Rumour', [{ name: 'verdict', type: 'choice', options: ['unverified', 'debunked'] }, { name: 'viral', type: 'boolean' }]),
    ];
    const attributes = filterableAttributes(labels);
    assert.deepEqual(attributes.map((attribute) => [attribute.name, attribute.type]), [['kind', 'choice'], ['verdict', 'choice'], ['topic', 'text'], ['viral', 'boolean']]);
    const verdict = attributes.find((attribute) => attribute.name === 'verdict')!;
    assert.deepEqual(verdict.options, ['unverified', 'false', 'debunked']);
    assert.deepEqual(verdict.labelIds, [2, 3]);
  });
});
