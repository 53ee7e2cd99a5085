import type { ExportedDocument } from '../../store.ts';
import type { FormatSession } from '../format.ts';

/**
 * One JSON value per line. Besides `\n` (which JSON.stringify always escapes), U+2028, U+2029 and U+0085 are
 * escaped too: they are legal inside JSON strings, but Python's `str.splitlines()` and some editors break
 * lines at them, which would cut a record in two.
 */
export function jsonLine(value: unknown): string {
  const json = JSON.stringify(value);
  // Searching for each character is much faster than a regular expression over a whole document's text, and
  // in a one-byte string U+2028 and U+2029 cannot occur, which the search knows at once.
  if (json.indexOf('\u2028') < 0 && json.indexOf('\u2029') < 0 && json.indexOf('\u0085') < 0) return `${json}\n`;
  return `${json.replace(/[\u2028\u2029\u0085]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
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
