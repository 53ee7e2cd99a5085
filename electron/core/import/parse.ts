import type { OffsetUnit } from '../../shared/types.ts';
import type { ImportedDocument } from '../workspace.ts';
import type { FileProblem } from './problems.ts';

/** One file to import: its name as the user gave it, and its bytes (read only when the file's turn comes). */
export interface ImportInput {
  /** A path, or an uploaded file's name (which may carry a relative path, e.g. "corpus/a.ann"): for messages. */
  name: string;
  /**
   * The name a document keeps of its file (`metadata.importedFrom.file`, which exports copy): the file's name,
   * under the name of the folder the user imported when it was found in one ("corpus/a.ann", as a folder
   * picker names it). Never a local absolute path, which names users, clients and projects.
   */
  storedName: string;
  size: number;
  read(): Promise<Uint8Array>;
}

export interface ParseOptions {
  /** The column or field that holds the text (tables, JSON records). */
  textField?: string;
  /** How the source counts offsets; each format has its own default. */
  offsets?: OffsetUnit;
  signal?: AbortSignal;
  /**
   * Where the readers of HTML, Word and PDF files run, when the import has one: a worker with a deadline and a
   * heap limit per file (worker/parse-sandbox.ts). Without one they run in this thread (a parser's own tests).
   */
  sandbox?: ParseIsolation;
}

/** The formats whose readers run isolated when an import can (the large readers of untrusted markup and containers). */
export const SANDBOXED_FORMATS = ['html', 'docx', 'pdf'] as const;
export type SandboxedFormat = (typeof SANDBOXED_FORMATS)[number];

export function isSandboxed(format: string): format is SandboxedFormat {
  return (SANDBOXED_FORMATS as readonly string[]).includes(format);
}

/** Where readers of the sandboxed formats run (worker/parse-sandbox.ts): the file's problems arrive as an ImportFileError. */
export interface ParseIsolation {
  parse(format: SandboxedFormat, input: ImportInput, bytes: Uint8Array, options: ParseOptions): Promise<ParseResult>;
}

/** What the workspace can tell a parser, for formats that annotate documents already in it (W3C). */
export interface ParseContext {
  /** Documents whose URL is `url`, oldest first. */
  findDocumentsByUrl(url: string): Promise<{ id: number; text: string }[]>;
}

/** A parser's answer for one file: the documents to store in one transaction, and what it left out and why. */
export interface ParseResult {
  documents: ImportedDocument[];
  /** Imported with a caveat: a repaired line, a note Parley has no place for. */
  warnings: FileProblem[];
  /** Parts of the file left out on purpose (an empty row), each with where it is ("line 5") and why. */
  skipped: { where: string; reason: string }[];
  /** Annotations of existing documents (W3C): stored onto those documents whatever the duplicates setting. */
  annotatesExisting?: boolean;
}

/** Every parser of a single file has this shape; brat, which pairs two files, has its own. */
export type FileParser = (input: ImportInput, bytes: Uint8Array, options: ParseOptions, context: ParseContext) => Promise<ParseResult>;

/** Lets the event loop run (progress output, a Ctrl+C), then stops if the import was cancelled meanwhile. */
export async function checkpoint(signal: AbortSignal | undefined): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  signal?.throwIfAborted();
}
