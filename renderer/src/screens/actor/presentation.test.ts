import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Label } from '../../../../electron/shared/types.ts';
import { attributeChoices, LEAD_IN, leadIn, publicationDay } from './presentation.ts';

describe('an actor page’s rows', () => {
  it('offer every choice attribute of the labels once, with the options of all of them', () => {
    const labels = [
      { id: 1, name: 'Claim', attributes: [{ name: 'claimant', type: 'actor' }, { name: 'verdict', type: 'choice', options: ['true', 'false'] }] },
      { id: 2, name: 'Check', attributes: [{ name: 'verdict', type: 'choice', options: ['false', 'misleading'] }, { name: 'note', type: 'text' }] },
    ] as Label[];
    assert.deepEqual(attributeChoices(labels), [{ name: 'verdict', values: ['true', 'false', 'misleading'] }]);
  });

  it('show the end of a long sentence before the span from a word on, never splitting a code point', () => {
    assert.equal(leadIn('Short before '), 'Short before ');
    const long = `${'👍🏽 слово '.repeat(30)}and then `;
    const shown = leadIn(long);
    assert.ok(shown.startsWith('…'));
    assert.ok(shown.endsWith('and then '));
    assert.ok(Array.from(shown).length <= LEAD_IN + 1);
    assert.ok(!/\uFFFD/.test(shown) && Array.from(shown)[1] !== ' ');
  });

  it('read a publication day from a day or a time, and nothing from anything else', () => {
    assert.equal(publicationDay('2025-01-05')?.iso, '2025-01-05');
    assert.equal(publicationDay('2025-01-05T23:30:00+03:00')?.iso, '2025-01-05');
    assert.equal(publicationDay(null), null);
    assert.equal(publicationDay('5 Jan'), null);
  });
});
