import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Label } from '../../shared/types.ts';
import { ParleyError } from '../errors.ts';
import { checkLabel, checkLabelUnused, importedLabel } from './labels.ts';

const quote: Label = { id: 1, name: 'Quote', color: '#2f7ed8', hotkey: 'q', description: '', attributes: [], position: 0 };

function refusal(run: () => unknown): { code: string; field: string | undefined } {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof ParleyError);
    return { code: error.code, field: error.field };
  }
  assert.fail('accepted');
}

describe('checkLabel', () => {
  test('trims the name, lower-cases the hotkey and colour, and fills the defaults', () => {
    assert.deepEqual(checkLabel({ name: '  Claim ', color: '#D9822B', hotkey: 'C' }, [quote], null), {
      name: 'Claim',
      color: '#d9822b',
      hotkey: 'c',
      description: '',
      attributes: [],
    });
  });

  test('refuses a name or hotkey another label has (names ignoring case), but not the label’s own', () => {
    assert.deepEqual(refusal(() => checkLabel({ name: 'quote', color: '#000000' }, [quote], null)), { code: 'conflict', field: 'name' });
    assert.deepEqual(refusal(() => checkLabel({ name: 'Speech', color: '#000000', hotkey: 'Q' }, [quote], null)), { code: 'conflict', field: 'hotkey' });
    assert.equal(checkLabel({ name: 'QUOTE', color: '#000000', hotkey: 'q' }, [quote], quote.id).name, 'QUOTE');
  });

  test('refuses keys the workbench navigates with, and an empty name', () => {
    assert.deepEqual(refusal(() => checkLabel({ name: 'Next', color: '#000000', hotkey: 'N' }, [], null)), { code: 'invalid_params', field: 'hotkey' });
    assert.deepEqual(refusal(() => checkLabel({ name: '   ', color: '#000000' }, [], null)), { code: 'invalid_params', field: 'name' });
  });
});

test('a label in use cannot be deleted', () => {
  assert.doesNotThrow(() => checkLabelUnused(quote, 0));
  assert.throws(() => checkLabelUnused(quote, 2), /The label Quote is used by 2 annotations/);
});

test('labels added by an import take colours in turn and no hotkey', () => {
  assert.notEqual(importedLabel('Source', 0).color, importedLabel('Cue', 1).color);
  assert.equal(importedLabel('Source', 0).color, importedLabel('Source', 10).color);
  assert.equal(importedLabel('Source', 3).hotkey, null);
});
