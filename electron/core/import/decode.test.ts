import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { decodeText } from './decode.ts';
import { ImportFileError } from './problems.ts';

const BAD_INPUT = new URL('../../../../shared/data/bad-input/', import.meta.url);
const RUSSIAN = 'Президент заявил журналистам, что переговоры были полезными, но компромисса по территории не будет.\n';
const FRENCH = 'Le ministre a déclaré à la presse que les négociations étaient « très utiles », mais qu’aucun accord n’était prêt.\n';

/** The problems an ImportFileError carries, for matching. */
function problemOf(bytes: Uint8Array): { line?: number; message: string } {
  try {
    decodeText(bytes);
  } catch (error) {
    assert.ok(error instanceof ImportFileError);
    return error.problems[0]!;
  }
  assert.fail('decodeText should have refused these bytes');
}

describe('decodeText', () => {
  it('reads UTF-8 with and without a BOM, keeping the BOM for normalisation to drop and record', () => {
    assert.deepEqual(decodeText(new TextEncoder().encode('Grüße 🇺🇦')), { text: 'Grüße 🇺🇦', encoding: 'utf-8' });
    assert.deepEqual(decodeText(readFileSync(new URL('bom-crlf.txt', BAD_INPUT))).text.slice(0, 5), '\uFEFFLine');
  });

  it('reads UTF-16 LE and BE by their BOM, and refuses a truncated one', () => {
    const text = 'Ukraine 🇺🇦 «Київ»\r\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le);
    for (let index = 0; index < be.length; index += 2) [be[index], be[index + 1]] = [be[index + 1]!, be[index]!];
    assert.deepEqual(decodeText(le), { text: `\uFEFF${text}`, encoding: 'utf-16le' });
    assert.deepEqual(decodeText(be), { text: `\uFEFF${text}`, encoding: 'utf-16be' });
    assert.match(problemOf(le.subarray(0, le.length - 1)).message, /odd number of bytes: the file looks truncated/);
    const utf16Csv = readFileSync(new URL('../../../../shared/data/formats/doccano/backend/data_import/tests/data/example.utf16.csv', import.meta.url));
    assert.match(decodeText(utf16Csv).text, /^\uFEFFtext,label\r\nAAA,Positive/);
  });

  it('recognises legacy single-byte encodings with a detection library', () => {
    assert.deepEqual(decodeText(iconv.encode(RUSSIAN, 'windows-1251')), { text: RUSSIAN, encoding: 'windows-1251' });
    assert.deepEqual(decodeText(iconv.encode(RUSSIAN, 'koi8-r')), { text: RUSSIAN, encoding: 'koi8-r' });
    const latin = decodeText(iconv.encode(FRENCH.replace('’', "'").replace('’', "'"), 'latin1'));
    assert.match(latin.encoding, /^(windows-1252|iso-8859-1)$/);
    assert.equal(latin.text, FRENCH.replace('’', "'").replace('’', "'"));
  });

  it('refuses binary files, damaged UTF-8 and empty files, saying where the trouble is', () => {
    assert.deepEqual(problemOf(new Uint8Array(0)), { message: 'is empty' });
    assert.deepEqual(problemOf(readFileSync(new URL('invalid-utf8.txt', BAD_INPUT))), {
      line: 1,
      message:
        'is not valid UTF-8 (the first bad byte is byte 14 of the line (0xFF)) and not recognisably in a legacy encoding either; save it as UTF-8 and import it again',
    });
    const binary = problemOf(readFileSync(new URL('binary.bin', BAD_INPUT)));
    assert.match(binary.message, /^is a binary file, not text: it contains a NUL byte/);
    const article = new TextEncoder().encode('Überschrift\nDer Außenminister sagte: „Keine Einigung.“\n');
    assert.deepEqual(problemOf(article.subarray(0, article.length - 3)), {
      line: 2,
      message: 'ends in the middle of a UTF-8 character (byte 45 of the line (0xE2)): the file looks truncated',
    });
    const damaged = Uint8Array.from([...article.subarray(0, 17), 0xff, ...article.subarray(17)]);
    assert.match(problemOf(damaged).message, /^is UTF-8 with invalid bytes \(the first is byte 5 of the line \(0xFF\)\)/);
    assert.match(problemOf(new TextEncoder().encode('text\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f with controls')).message, /control characters/);
  });
});
