import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { OffsetIndex } from '../../shared/offsets.ts';
import { checkFragments, coveredText, FragmentError } from './fragments.ts';

describe('checkFragments', () => {
  test('sorts fragments by start and leaves the input alone', () => {
    const given: [number, number][] = [[6, 9], [0, 3]];
    assert.deepEqual(checkFragments(given, 10, 'text'), [[0, 3], [6, 9]]);
    assert.deepEqual(given, [[6, 9], [0, 3]]);
  });

  test('refuses no fragments, empty, reversed, fractional, negative and too long ranges, naming the one at fault', () => {
    const refusal = (fragments: [number, number][]) => {
      try {
        checkFragments(fragments, 10, 'document');
      } catch (error) {
        assert.ok(error instanceof FragmentError);
        return { position: error.position, message: error.message };
      }
      assert.fail(`accepted ${JSON.stringify(fragments)}`);
    };
    assert.deepEqual(refusal([]), { position: null, message: 'an annotation needs at least one fragment' });
    assert.deepEqual(refusal([[3, 3]]), { position: 0, message: "[3, 3] is not a non-empty range within the document's 10 code points" });
    assert.equal(refusal([[0, 2], [5, 4]]).position, 1);
    assert.equal(refusal([[0.5, 2]]).position, 0);
    assert.equal(refusal([[-1, 2]]).position, 0);
    assert.equal(refusal([[0, 11]]).position, 0);
    assert.deepEqual(refusal([[4, 8], [0, 5]]), { position: 1, message: 'fragments [0, 5] and [4, 8] overlap' });
  });

  test('takes ranges that touch and a range ending at the text’s end', () => {
    assert.deepEqual(checkFragments([[0, 5], [5, 10]], 10, 'text'), [[0, 5], [5, 10]]);
  });
});

describe('coveredText', () => {
  // Code points: 😀 is one (two UTF-16 units), é is e + U+0301 (two), the Arabic word five.
  const text = '😀 Putin said e\u0301 — مرحبا';
  const index = new OffsetIndex(text);

  test('slices by code points, past astral characters', () => {
    assert.equal(coveredText(text, index, [[2, 7]]), 'Putin');
    assert.equal(coveredText(text, index, [[0, 1]]), '😀');
  });

  test('keeps combining marks and right-to-left text whole, and joins fragments with one space', () => {
    assert.equal(coveredText(text, index, [[13, 15]]), 'e\u0301');
    assert.equal(coveredText(text, index, [[2, 7], [18, 23]]), 'Putin مرحبا');
  });
});
