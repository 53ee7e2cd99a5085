import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contrast, labelPalette, parseHex, rgbToOklch, labelColorRules } from './color.ts';

const LIGHT_PAGE = parseHex('#fbfaf8')!;
const DARK_PAGE = parseHex('#17181b')!;

test('hex parsing accepts #rgb and #rrggbb and rejects the rest', () => {
  assert.deepEqual(parseHex('#fff'), [1, 1, 1]);
  assert.deepEqual(parseHex('#000000'), [0, 0, 0]);
  assert.equal(parseHex('red'), null);
  assert.equal(parseHex('#12345'), null);
});

test('the default label colours read as underlines on both pages', () => {
  for (const hex of ['#2f7ed8', '#d9822b', '#8e44ad', '#1e9e6a']) {
    const palette = labelPalette(hex);
    assert.ok(contrast(parseHex(palette.light)!, LIGHT_PAGE) >= 3, `${hex} light ${palette.light}`);
    assert.ok(contrast(parseHex(palette.dark)!, DARK_PAGE) >= 4.5, `${hex} dark ${palette.dark}`);
  }
});

test('extreme choices are pulled into a readable range and keep their hue', () => {
  for (const hex of ['#ffff00', '#ffffff', '#000000', '#000080', '#ff00ff', '#c0ffee']) {
    const palette = labelPalette(hex);
    assert.ok(contrast(parseHex(palette.light)!, LIGHT_PAGE) >= 3, `${hex} light ${palette.light}`);
    assert.ok(contrast(parseHex(palette.dark)!, DARK_PAGE) >= 4.5, `${hex} dark ${palette.dark}`);
  }
  const yellow = rgbToOklch(parseHex('#ffff00')!);
  const shown = rgbToOklch(parseHex(labelPalette('#ffff00').light)!);
  assert.ok(Math.abs(shown.h - yellow.h) < 12, 'hue kept');
});

test('an invalid colour falls back to grey rather than breaking the page', () => {
  assert.match(labelColorRules([{ id: 4, color: 'nonsense' }]), /^--label-4: light-dark\(#[0-9a-f]{6}, #[0-9a-f]{6}\);$/);
});
