import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jsonLine, jsonStringBytes } from './formats/json.ts';

/** What the text's JSON line holds for it, as UTF-8: what `jsonStringBytes` must write without decoding. */
function expected(text: string): Buffer {
  return Buffer.from(jsonLine(text).slice(0, -1), 'utf8');
}

describe('JSON strings from UTF-8 bytes', () => {
  it('escape exactly as JSON.stringify and the JSON line rules do, character by character', () => {
    const characters: string[] = [];
    for (let code = 0; code < 0x3000; code++) if (code < 0xd800 || code > 0xdfff) characters.push(String.fromCharCode(code));
    characters.push('👩‍👩‍👧', '🇺🇦', '𝄞', 'e\u0301', '\u200f«سننتصر»\u200f', '\ufeff', '\uffff');
    for (const character of characters) {
      const text = `a${character}b${character}`;
      assert.deepEqual(Buffer.from(jsonStringBytes(Buffer.from(text, 'utf8'))), expected(text), JSON.stringify(text));
    }
  });

  it('handle a whole text with quotes, backslashes, control characters and line separators', () => {
    const text = 'He said "no" \\ then\ttabbed\u0001\u001f on.\r\nLine\u2028separator\u2029paragraph\u0085next\u007f end 𝄞.\n';
    assert.deepEqual(Buffer.from(jsonStringBytes(Buffer.from(text, 'utf8'))), expected(text));
    assert.deepEqual(Buffer.from(jsonStringBytes(new Uint8Array(0))), Buffer.from('""'));
  });

  it('turn bytes that are not UTF-8 into U+FFFD as decoding them does', () => {
    for (const bytes of [[0x61, 0xff, 0x62], [0xc2], [0xe2, 0x80], [0xed, 0xa0, 0x80], [0xe2, 0x80, 0xa8, 0x80]]) {
      const buffer = Buffer.from(bytes);
      assert.deepEqual(Buffer.from(jsonStringBytes(buffer)), expected(buffer.toString('utf8')), JSON.stringify(bytes));
    }
  });
});
