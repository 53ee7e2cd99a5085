/**
 * The largest file an import reads. Parley keeps a document's whole text in the editor, and one file is one
 * transaction held in memory, so anything larger is refused by its size, before a byte of it is read. The same
 * cap holds for a document's text however it comes (`createDocument`), and for what a compressed file (a .docx's
 * zip parts, a PDF's streams) inflates to.
 */
export const MAX_IMPORT_FILE_BYTES = 64 * 1024 * 1024;

/** What the parts of a zip archive (a .docx) may inflate to, together: checked while inflating. */
export const MAX_INFLATED_BYTES = MAX_IMPORT_FILE_BYTES;

/** A file reports at most this many problems; a file broken throughout would otherwise flood the summary. */
export const MAX_PROBLEMS_PER_FILE = 50;

/**
 * How deep JSON values of an imported file may nest. Real records nest a few levels; the checks and the store
 * after parsing walk values recursively, and SQLite's JSON functions refuse more than 1,000 levels.
 */
export const MAX_JSON_DEPTH = 100;

/** The most pages of a PDF that are read; a 20,000-page PDF takes minutes for a text nobody annotates whole. */
export const MAX_PDF_PAGES = 5_000;

/** Base64 of the largest file an import takes, rounded up: how an uploaded file travels in an API call. */
export const MAX_IMPORT_BASE64_CHARS = Math.ceil(MAX_IMPORT_FILE_BYTES / 3) * 4;

const MEBIBYTE = 1024 * 1024;

/**
 * The largest request body an API call may send, read no further than this: room for what the method takes at
 * most, under the same per-file cap as everything else. An upload (`importFiles`) carries a brat pair of two
 * whole files in base64; `createDocument` a whole document's text with room for JSON's escapes (a quarter more:
 * news text escapes its line breaks and quote marks, a few per cent); every other call a few megabytes at most (a
 * bulk edit of ten thousand annotations is about one).
 */
export function maxRequestBytes(method: string): number {
  if (method === 'importFiles') return 2 * MAX_IMPORT_BASE64_CHARS + MEBIBYTE;
  if (method === 'createDocument') return Math.ceil(1.25 * MAX_IMPORT_FILE_BYTES) + MEBIBYTE;
  return 16 * MEBIBYTE;
}
