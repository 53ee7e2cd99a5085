import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stringMatches } from './string-match.ts';

describe('string matching', () => {
  it('suggests every other whole-word occurrence of a tagged text, in code points, but not over an annotation', () => {
    const text = '😀 NATO met. NATOs are not NATO. Then NATO again.';
    const suggestions = stringMatches({
      documentId: 1,
      text,
      labels: ['Actor'],
      actors: [],
      tagged: [{ label: 'Actor', text: 'NATO' }, { label: 'Actor', text: 'NATO' }, { label: 'Quote', text: 'met' }, { label: 'Actor', text: 'to' }],
      annotated: [{ label: 'Actor', start: 2, end: 6 }],
    });
    const points = [...text];
    assert.deepEqual(suggestions.map(({ start, end }) => points.slice(start, end).join('') + '@' + start), ['NATO@26', 'NATO@37']);
    assert.ok(suggestions.every((suggestion) => suggestion.label === 'Actor' && suggestion.confidence === 1));
  });
});
