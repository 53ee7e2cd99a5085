import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SourceText } from './source-text.ts';

describe('SourceText', () => {
  it('maps raw offsets past a BOM and the CR of each CRLF onto the normalised text', () => {
    const source = new SourceText('\uFEFFab\r\ncd\re\r\nf');
    assert.equal(source.text, 'ab\ncd\ne\nf');
    assert.deepEqual(source.normalisation, { bomRemoved: true, crlfToLf: 2, crToLf: 1 });
    // raw:  0=BOM 1=a 2=b 3=\r 4=\n 5=c 6=d 7=\r 8=e 9=\r 10=\n 11=f
    const expected = [0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 7, 8, 9];
    assert.deepEqual(expected.map((_, raw) => source.fromRaw(raw)), expected);
    assert.equal(source.slice(source.fromRaw(5), source.fromRaw(9)), 'cd\ne', 'a lone CR becomes an LF in place');
    assert.throws(() => source.fromRaw(13), /outside the text's 12 characters/);
  });

  it('counts astral characters as one code point, and UTF-16 offsets inside them as errors', () => {
    const source = new SourceText('a🇺🇸b\r\n😀c');
    assert.equal(source.rawLength, 8);
    assert.deepEqual(source.range(1, 3, 'codepoints'), { fragment: [1, 3], rawStart: 1, rawEnd: 3 });
    assert.equal(source.slice(1, 3), '🇺🇸');
    assert.deepEqual(source.range(1, 5, 'utf16'), { fragment: [1, 3], rawStart: 1, rawEnd: 3 });
    assert.deepEqual(source.range(8, 10, 'utf16'), { fragment: [5, 6], rawStart: 6, rawEnd: 7 }, 'past the CRLF, one CR fewer');
    assert.equal(source.slice(5, 6), '😀');
    assert.match((source.range(1, 2, 'utf16') as { problem: string }).problem, /cuts an emoji .* in half/);
  });

  it('explains every range it cannot map', () => {
    const source = new SourceText('abc\r\ndef');
    const problem = (start: unknown, end: unknown) => (source.range(start, end, 'codepoints') as { problem: string }).problem;
    assert.match(problem(2, 1), /\[2, 1\] is empty or reversed/);
    assert.match(problem(0, 99), /\[0, 99\] lies outside the text, which is 8 characters long/);
    assert.match(problem(-1, 2), /lies outside/);
    assert.match(problem(1.5, 2), /not whole numbers/);
    assert.match(problem('1', 2), /not whole numbers/);
    assert.equal(problem(undefined, undefined), 'has no start and end offsets', 'found by the fuzz harness: "offsets undefined and undefined"');
    assert.equal(problem(1, undefined), 'has no end offset');
    assert.match(problem(3, 4), /nothing but the CR of a CRLF/);
  });
});
