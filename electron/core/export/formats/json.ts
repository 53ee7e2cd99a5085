import { isUtf8 } from 'node:buffer';
import type { ExportedDocument } from '../../workspace.ts';
import type { FormatSession } from '../format.ts';

/**
 * Besides `\n` (which JSON.stringify always escapes), U+2028, U+2029 and U+0085 are escaped in JSON lines: they
 * are legal inside JSON strings, but Python's `str.splitlines()` and some editors break lines at them, which
 * would cut a record in two.
 */
function escapeLineBreakers(json: string): string {
  // Searching for each character is much faster than a regular expression over a whole document's text, and
  // in a one-byte string U+2028 and U+2029 cannot occur, which the search knows at once.
  if (json.indexOf('\u2028') < 0 && json.indexOf('\u2029') < 0 && json.indexOf('\u0085') < 0) return json;
  return json.replace(/[\u2028\u2029\u0085]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** One JSON value as a line of a JSONL file. */
export function jsonLine(value: unknown): string {
  return `${escapeLineBreakers(JSON.stringify(value))}\n`;
}

/**
 * What each byte of UTF-8 text needs in a JSON string: 0 nothing, 1 an escape (a control character, `"` or
 * `\`), 2 a look at the bytes after it (0xC2 and 0xE2 start U+0085, U+2028 and U+2029).
 */
const BYTE_CLASS = new Uint8Array(256);
BYTE_CLASS.fill(1, 0, 0x20);
BYTE_CLASS[0x22] = 1;
BYTE_CLASS[0x5c] = 1;
BYTE_CLASS[0xc2] = 2;
BYTE_CLASS[0xe2] = 2;
/** The letter of the two-character escapes JSON.stringify uses (`\n`, `\"`), by byte; 0: written as `\u00xx`. */
const SHORT_ESCAPE = new Uint8Array(0x80);
for (const [byte, letter] of ['\b', '\t', '\n', '\f', '\r', '"', '\\'].map((character) => [character.charCodeAt(0), JSON.stringify(character).charCodeAt(2)])) {
  SHORT_ESCAPE[byte!] = letter!;
}
const HEX = Buffer.from('0123456789abcdef', 'latin1');
const BACKSLASH = 0x5c;
const QUOTE = 0x22;

/** Where escaped text is built before it is copied out; grown to the largest text seen (six bytes per byte at worst). */
let scratch = new Uint8Array(1 << 16);

/**
 * The UTF-8 text `bytes` as a JSON string in a JSON line, as UTF-8: exactly the bytes of
 * `jsonLine(decoded text)` without its line break, built without decoding the text or encoding the result.
 * Bytes that are not valid UTF-8 go the long way, so they become U+FFFD exactly as decoding makes them.
 */
export function jsonStringBytes(bytes: Uint8Array): Uint8Array {
  if (!isUtf8(bytes)) return Buffer.from(escapeLineBreakers(JSON.stringify(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'))), 'utf8');
  if (scratch.length < 6 * bytes.length + 2) scratch = new Uint8Array(6 * bytes.length + 2);
  const out = scratch;
  let at = 0;
  out[at++] = QUOTE;
  for (let index = 0; index < bytes.length; index++) {
    const byte = bytes[index]!;
    const kind = BYTE_CLASS[byte]!;
    if (kind === 0) {
      out[at++] = byte;
    } else if (kind === 1) {
      out[at++] = BACKSLASH;
      const short = SHORT_ESCAPE[byte]!;
      if (short !== 0) {
        out[at++] = short;
      } else {
        out[at++] = 0x75; // u
        out[at++] = 0x30;
        out[at++] = 0x30;
        out[at++] = HEX[byte >> 4]!;
        out[at++] = HEX[byte & 0xf]!;
      }
    } else if (byte === 0xc2 && bytes[index + 1] === 0x85) {
      at = writeUnicodeEscape(out, at, 0x0085);
      index += 1;
    } else if (byte === 0xe2 && bytes[index + 1] === 0x80 && (bytes[index + 2] === 0xa8 || bytes[index + 2] === 0xa9)) {
      at = writeUnicodeEscape(out, at, bytes[index + 2] === 0xa8 ? 0x2028 : 0x2029);
      index += 2;
    } else {
      out[at++] = byte;
    }
  }
  out[at++] = QUOTE;
  return out.slice(0, at);
}

/** Writes `\uXXXX` (lower-case hex, as the line-breaker escapes are written) at `at`; returns where it ends. */
function writeUnicodeEscape(out: Uint8Array, at: number, code: number): number {
  out[at++] = BACKSLASH;
  out[at++] = 0x75;
  for (let shift = 12; shift >= 0; shift -= 4) out[at++] = HEX[(code >> shift) & 0xf]!;
  return at;
}

/**
 * A JSON line whose `text` member holds the document's text: `before` is the JSON of the members before it
 * (as an object, which loses its closing brace), `after` those after it. The text goes from the store's bytes
 * to the file's without being decoded or stringified, which for long texts is most of the cost of a line.
 */
export function jsonLineWithText(before: object, textBytes: Uint8Array, after: object): [string, Uint8Array, string] {
  const head = escapeLineBreakers(JSON.stringify(before));
  const tail = escapeLineBreakers(JSON.stringify(after));
  return [`${head.slice(0, -1)},"text":`, jsonStringBytes(textBytes), `,${tail.slice(1)}\n`];
}

/** A session for JSONL formats: each part is one file with one line per document. */
export function jsonLinesSession(encode: (document: ExportedDocument) => unknown): FormatSession {
  return {
    openPart(folder, fileName) {
      const file = folder.open(fileName);
      return {
        async write(document) {
          const line = jsonLine(encode(document));
          await file.write(line);
          return line;
        },
        end: () => file.close(),
      };
    },
    finish: async () => undefined,
  };
}
