/**
 * Tables of articles (.csv, .tsv): a header row, then one document per row. The text column is the one the
 * user names (default `text`); columns named like a title, URL, date, source, author or language fill those
 * document properties, and every other column is kept as metadata. CSV follows RFC 4180 (quoted fields may hold
 * commas and line breaks); TSV follows the IANA definition, where fields cannot hold tabs or line breaks and
 * quotes are ordinary characters (tweets often start with one).
 */
import { parse } from 'csv-parse/sync';
import { decodeText } from '../decode.ts';
import { fileTitle, importedDocument, titleFromText } from '../document.ts';
import { detectLanguage } from '../language.ts';
import { missingTextField, recordFields, textFieldOf } from '../metadata.ts';
import { checkpoint, type FileParser, type ParseResult } from '../parse.ts';
import { ImportFileError } from '../problems.ts';
import { SourceText } from '../source-text.ts';

/** Rows between two looks at the event loop (progress, cancel). */
const ROWS_PER_CHECKPOINT = 500;

interface CsvError extends Error {
  code?: string;
  lines?: number;
}

export function tableParser(kind: 'csv' | 'tsv'): FileParser {
  return async (input, bytes, options) => {
    const { text: raw, encoding } = decodeText(bytes);
    let header: string[] = [];
    // Parsed as UTF-8 bytes so that csv-parse's byte positions locate each row (its line count is off after a
    // CRLF inside a quoted field).
    const body = Buffer.from(raw.replace(/^\uFEFF/, ''), 'utf8');
    let rows: { record: Record<string, string>; info: { bytes: number } }[];
    try {
      rows = parse(body, {
        delimiter: kind === 'csv' ? ',' : '\t',
        quote: kind === 'csv' ? '"' : false,
        relax_quotes: kind === 'csv',
        skip_empty_lines: true,
        info: true,
        columns: (names: string[]) => {
          header = names.map((name) => name.trim());
          const seen = new Set<string>();
          for (const name of header) {
            if (!name) throw new ImportFileError('the header row has a column without a name', 1);
            if (seen.has(name)) throw new ImportFileError(`the header row names two columns “${name}”`, 1);
            seen.add(name);
          }
          return header;
        },
      });
    } catch (error) {
      if (error instanceof ImportFileError) throw error;
      const csvError = error as CsvError;
      throw new ImportFileError(`is not a well-formed ${kind.toUpperCase()} file: ${csvError.message}`, csvError.lines);
    }
    if (header.length === 0) throw new ImportFileError('is empty: a table needs a header row');
    const textColumn = textFieldOf(header, options.textField);
    if (!textColumn) throw new ImportFileError(missingTextField(header, options.textField, 'column'), 1);

    const result: ParseResult = { documents: [], warnings: [], skipped: [] };
    const skip = new Set([textColumn]);
    const lines = new LineCounter(body);
    let rowStart = lines.endOfFirstLine();
    for (const [index, { record, info }] of rows.entries()) {
      if (index % ROWS_PER_CHECKPOINT === ROWS_PER_CHECKPOINT - 1) await checkpoint(options.signal);
      const line = lines.lineOfRowAt(rowStart);
      rowStart = info.bytes;
      const source = new SourceText(record[textColumn] ?? '');
      if (!source.text.trim()) {
        result.skipped.push({ where: `line ${line}`, reason: `the “${textColumn}” column is empty` });
        continue;
      }
      const { fields, metadata } = recordFields(record, skip);
      result.documents.push(
        importedDocument(source, { file: input.storedName, format: kind, encoding, line }, {
          fields: {
            ...fields,
            title: fields.title ?? titleFromText(source.text, `${fileTitle(input.name)} ${line}`),
            language: fields.language ?? (await detectLanguage(source.text)),
          },
          metadata,
        }),
      );
    }
    return result;
  };
}

/** Line numbers of byte positions in a table, counting CRLF, CR and LF each as one line break. */
class LineCounter {
  private position = 0;
  private line = 1;

  constructor(private readonly bytes: Uint8Array) {}

  /** Where the header row ends (a header with a line break inside quotes is not supported by this count). */
  endOfFirstLine(): number {
    const lf = this.bytes.indexOf(0x0a);
    const cr = this.bytes.indexOf(0x0d);
    const end = cr >= 0 && (lf < 0 || cr < lf) ? cr + (this.bytes[cr + 1] === 0x0a ? 2 : 1) : lf + 1;
    return lf < 0 && cr < 0 ? this.bytes.length : end;
  }

  /** The line a row starts on, given where the previous row ended: past any blank lines (which are skipped). */
  lineOfRowAt(offset: number): number {
    let start = offset;
    while (this.bytes[start] === 0x0a || this.bytes[start] === 0x0d) start++;
    this.advanceTo(start);
    return this.line;
  }

  private advanceTo(offset: number): void {
    for (; this.position < offset; this.position++) {
      const byte = this.bytes[this.position];
      if (byte === 0x0a || (byte === 0x0d && this.bytes[this.position + 1] !== 0x0a)) this.line++;
    }
  }
}
