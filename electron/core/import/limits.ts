/**
 * The largest file an import reads. Parley keeps a document's whole text in the editor, and one file is one
 * transaction held in memory, so anything larger is refused by its size, before a byte of it is read.
 */
export const MAX_IMPORT_FILE_BYTES = 64 * 1024 * 1024;

/** A file reports at most this many problems; a file broken throughout would otherwise flood the summary. */
export const MAX_PROBLEMS_PER_FILE = 50;
