import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { OffsetIndex, codePointLength } from './offsets.ts';

/** The reference: code point offset -> UTF-16 offset by walking the string. */
function slowToUtf16(text: string, cp: number): number {
  return Array.from(text).slice(0, cp).join('').length;
}

const SAMPLES = {
  ascii: 'Putin met Witkoff.',
  emojiZwj: 'Family 👩‍👩‍👧 and flag 🇺🇦 and skin tone 👍🏽!',
  combining: 'Cafe\u0301 de\u0301ja\u0300 vu',
  rtl: 'قال المتحدث إن «لا حل وسط» 🙂 بعد',
  astralCjk: '𠮷野家 and 𩸽',
};

describe('OffsetIndex', () => {
  for (const [name, text] of Object.entries(SAMPLES)) {
    it(`converts every offset both ways for ${name}`, () => {
      const index = new OffsetIndex(text);
      const cps = Array.from(text);
      assert.equal(index.codePointLength, cps.length);
      assert.equal(codePointLength(text), cps.length);
      for (let cp = 0; cp <= cps.length; cp++) {
        const unit = index.toUtf16(cp);
        assert.equal(unit, slowToUtf16(text, cp), `toUtf16(${cp})`);
        assert.equal(index.toCodePoint(unit), cp, `toCodePoint(${unit})`);
      }
    });
  }

  it('slices the same text as Python would', () => {
    const text = SAMPLES.emojiZwj;
    const index = new OffsetIndex(text);
    // In Python, 'Family 👩‍👩‍👧 and'[7:12] is the five code points of the ZWJ family.
    assert.equal(text.slice(index.toUtf16(7), index.toUtf16(12)), '👩‍👩‍👧');
  });

  it('never splits a surrogate pair when converting from UTF-16', () => {
    const text = 'a😀b';
    const index = new OffsetIndex(text);
    assert.equal(index.toCodePoint(2, -1), 1);
    assert.equal(index.toCodePoint(2, 1), 2);
    assert.equal(index.toCodePoint(3), 2);
  });

  it('rejects offsets outside the text', () => {
    const index = new OffsetIndex('😀x');
    assert.throws(() => index.toUtf16(3), RangeError);
    assert.throws(() => index.toUtf16(-1), RangeError);
    assert.throws(() => index.toCodePoint(4), RangeError);
  });

  it('agrees with the lengths listed for the emoji stress tweets', () => {
    const rows = readFileSync(new URL('../../../shared/data/unicode/tweets/emoji_stress_subset.tsv', import.meta.url), 'utf8')
      .split('\n')
      .slice(1)
      .filter((line) => line.trim() !== '')
      .map((line) => line.split('\t'));
    assert.ok(rows.length > 100, 'the stress subset should have over a hundred tweets');
    for (const [, , , codePoints, utf16Units, , ...rest] of rows) {
      const text = rest.join('\t');
      const index = new OffsetIndex(text);
      assert.equal(index.codePointLength, Number(codePoints), text);
      assert.equal(index.utf16Length, Number(utf16Units), text);
      assert.equal(index.toUtf16(index.codePointLength), index.utf16Length);
    }
  });
});
