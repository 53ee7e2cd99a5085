import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { DATA, parse, problemsOf } from '../test/support.ts';
import { parseText } from './text.ts';

describe('plain text and Markdown', () => {
  it('drops the BOM, turns CRLF into LF and records both; the first line is the title', async () => {
    const { documents } = await parse(parseText, 'bom-crlf.txt', readFileSync(join(DATA, 'bad-input/bom-crlf.txt')));
    const [imported] = documents;
    assert.equal(imported!.document.text, 'Line one with BOM.\nLine two, CRLF.\n\u201cQuoted,\u201d she said.\n');
    assert.deepEqual(imported!.normalisation, { bomRemoved: true, crlfToLf: 3, crToLf: 0 });
    assert.equal(imported!.document.title, 'Line one with BOM.');
    assert.deepEqual(imported!.document.metadata, { importedFrom: { file: 'bom-crlf.txt', format: 'text', encoding: 'utf-8' } });
  });

  it('reads Windows-1251 and takes a Markdown heading without its marks as the title', async () => {
    const text = '# Переговоры в Женеве\n\nМинистр сказал, что компромисса не будет.\n';
    const { documents } = await parse(parseText, 'news.md', iconv.encode(text, 'windows-1251'));
    assert.equal(documents[0]!.document.text, text);
    assert.equal(documents[0]!.document.title, 'Переговоры в Женеве');
    assert.equal((documents[0]!.document.metadata!['importedFrom'] as { encoding: string }).encoding, 'windows-1251');
  });

  it('falls back to the file name for a title, and shortens a first line that is a paragraph', async () => {
    const long = `${'word '.repeat(80)}end`;
    assert.equal((await parse(parseText, 'a/b/long.txt', long)).documents[0]!.document.title.length <= 201, true);
    assert.match((await parse(parseText, 'long.txt', long)).documents[0]!.document.title, /word…$/);
    assert.equal((await parse(parseText, 'x/untitled-notes.txt', '   \n\u200b\n')).documents[0]!.document.title, 'untitled-notes', 'a zero-width space is no title');
  });

  it('refuses files with nothing but white space, and binary files named .txt', async () => {
    assert.deepEqual(await problemsOf(parse(parseText, 'blank.txt', ' \r\n\t\n')), [{ message: 'has no text (only white space)' }]);
    const [binary] = await problemsOf(parse(parseText, 'photo.txt', readFileSync(join(DATA, 'bad-input/binary.bin'))));
    assert.match(binary!.message, /^is a binary file/);
  });
});
