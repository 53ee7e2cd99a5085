/**
 * CSV as spreadsheets read it (RFC 4180): a field holding a quote, comma or line break is quoted, its quotes
 * doubled; rows end in CRLF. Files start with a byte-order mark so that Excel reads them as UTF-8.
 */

/** Put before a CSV file's first row. */
export const CSV_BYTE_ORDER_MARK = '\ufeff';

export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One row, its line end included. */
export function csvRow(fields: readonly string[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}
