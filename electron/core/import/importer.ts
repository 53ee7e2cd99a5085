/**
 * The import orchestrator: plans the jobs (files, brat pairs), runs each through its parser and stores the
 * documents of several parsed files with one `importBatch` call: one transaction, with each file imported
 * whole or not at all inside it. A failed file is reported and the import goes on with the next. Progress is
 * reported before each job, and an AbortSignal is honoured between jobs and inside long parses; a cancelled
 * job leaves nothing behind, and the files parsed before it are stored.
 */
import type { ImportFilesParams, ImportFormat, ImportProblem, ImportSummary, OffsetUnit } from '../../shared/types.ts';
import type { ImportedDocument, ImportedFileResult, Workspace } from '../workspace.ts';
import { filesFromPaths, filesFromUploads, type InputFile } from './files.ts';
import type { ParseContext, ParseOptions, ParseResult } from './parse.ts';
import { planImport } from './plan.ts';
import { ParleyError } from '../errors.ts';
import { ImportFileError } from './problems.ts';
import { ParseSandbox, type ParseLimits } from '../worker/parse-sandbox.ts';

export interface ImportProgress {
  /** Jobs finished (imported, skipped or failed). */
  filesDone: number;
  filesTotal: number;
  /** The file being imported now; null once all are done. */
  currentFile: string | null;
}

export interface ImportRunOptions {
  /** Overrides format detection for every file. */
  format?: ImportFormat;
  /** A document whose text is already in the workspace: skip it (the default), or add the file's annotations to it. */
  duplicates?: 'skip' | 'merge';
  /** The column or field holding the text, for tables and JSON records. */
  textField?: string;
  /** How the sources count offsets, where formats differ (doccano, Label Studio). */
  offsets?: OffsetUnit;
  onProgress?: (progress: ImportProgress) => void;
  signal?: AbortSignal;
  /** Each file's deadline and the heap of the worker that reads HTML, Word and PDF files; PARSE_LIMITS by default. */
  parseLimits?: ParseLimits;
}

/** Imports files and folders from disk (the CLI, and the Electron shell for dropped or chosen files). */
export async function importPaths(workspace: Workspace, paths: string[], options: ImportRunOptions = {}): Promise<ImportSummary> {
  const { files, errors } = await filesFromPaths(paths);
  return importFiles(workspace, files, options, errors);
}

/** Imports files whose contents came with an API call (browser mode uploads them). */
export async function importUploads(
  workspace: Workspace,
  params: ImportFilesParams,
  run: Pick<ImportRunOptions, 'signal' | 'onProgress'> = {},
): Promise<ImportSummary> {
  const files = filesFromUploads(params.files.map((file) => ({ name: file.name, bytes: new Uint8Array(Buffer.from(file.contentBase64, 'base64')) })));
  return importFiles(workspace, files, {
    ...run,
    ...(params.format ? { format: params.format } : {}),
    ...(params.duplicates ? { duplicates: params.duplicates } : {}),
    ...(params.textField ? { textField: params.textField } : {}),
    ...(params.offsets ? { offsets: params.offsets } : {}),
  });
}

export async function importFiles(workspace: Workspace, files: InputFile[], options: ImportRunOptions, inputErrors: ImportProblem[] = []): Promise<ImportSummary> {
  const plan = planImport(files, options.format);
  const summary: ImportSummary = {
    documents: 0,
    merged: 0,
    annotations: 0,
    relations: 0,
    filesTotal: plan.jobs.length,
    filesDone: 0,
    skipped: [...plan.skipped],
    errors: [...inputErrors, ...plan.errors],
    warnings: [],
    cancelled: false,
  };
  const sandbox = new ParseSandbox(options.parseLimits);
  const parseOptions: ParseOptions = {
    ...(options.textField ? { textField: options.textField } : {}),
    ...(options.offsets ? { offsets: options.offsets } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    sandbox,
  };
  try {
    return await runJobs(workspace, plan, summary, options, parseOptions);
  } finally {
    await sandbox.close();
  }
}

async function runJobs(
  workspace: Workspace,
  plan: ReturnType<typeof planImport>,
  summary: ImportSummary,
  options: ImportRunOptions,
  parseOptions: ParseOptions,
): Promise<ImportSummary> {
  const batch = new PendingBatch(workspace, summary);
  const context: ParseContext = {
    // A parser that looks documents up must find those of the files parsed before it: they are stored first.
    findDocumentsByUrl: async (url) => {
      await batch.store();
      return workspace.findDocumentsByUrl(url);
    },
  };

  let yieldedAt = performance.now();
  for (const job of plan.jobs) {
    // Files read and parsed from memory never wait for I/O: let the thread handle what came meanwhile (a cancel,
    // other calls) every few milliseconds.
    if (performance.now() - yieldedAt >= YIELD_EVERY_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      yieldedAt = performance.now();
    }
    if (options.signal?.aborted) break;
    options.onProgress?.({ filesDone: summary.filesDone, filesTotal: summary.filesTotal, currentFile: job.file });
    try {
      const result = await job.run(parseOptions, context);
      options.signal?.throwIfAborted();
      batch.add(job.file, result, result.annotatesExisting ? 'merge' : (options.duplicates ?? 'skip'));
    } catch (error) {
      if (options.signal?.aborted) break;
      batch.addFailure(job.file, error);
    }
    // A parsed file counts as done: whatever happens to the batch, it ends up imported, skipped or failed.
    summary.filesDone++;
    if (batch.isFull()) await batch.store();
  }
  // Also when cancelled: the files already parsed were counted as done, so they are stored.
  await batch.store();
  summary.cancelled = summary.filesDone < summary.filesTotal;
  options.onProgress?.({ filesDone: summary.filesDone, filesTotal: summary.filesTotal, currentFile: null });
  return summary;
}

/**
 * A batch is stored once it holds this many files, characters of text or annotations, or once its first file
 * was parsed this long ago. One transaction per batch instead of per file is most of an import's speed (a
 * commit, and the full-text index's segment, per batch); beyond a few hundred articles a batch gains little.
 * The bounds keep the parsed documents held in memory small, the write (which holds the workspace's write lock,
 * so an edit made meanwhile waits for it) to a fraction of a second (10,000 annotations take 0.15–0.4 s here), and the
 * documents of slow formats (PDF, Word) appearing in the workspace soon after they are read.
 */
const BATCH_FILES = 250;
const BATCH_CHARACTERS = 2_000_000;
const BATCH_ANNOTATIONS = 10_000;
const BATCH_MILLISECONDS = 250;

/** How long the import runs between two turns of the event loop. */
const YIELD_EVERY_MS = 10;

/** A job waiting in the batch: its parse result and how to store it, or why it could not be parsed. */
type ParsedJob = { file: string; result: ParseResult; duplicates: 'skip' | 'merge' };
type PendingJob = ParsedJob | { file: string; error: unknown };

/**
 * Parsed files waiting to be stored together with `Workspace.importBatch`, each all or nothing. What
 * each file adds to the summary is added when its batch is stored, in the order of the files, so the summary
 * lists skipped files, warnings and errors exactly as a file-by-file import would.
 */
class PendingBatch {
  private jobs: PendingJob[] = [];
  private characters = 0;
  private annotations = 0;
  private startedAt = 0;

  constructor(
    private readonly workspace: Workspace,
    private readonly summary: ImportSummary,
  ) {}

  add(file: string, result: ParseResult, duplicates: 'skip' | 'merge'): void {
    this.push({ file, result, duplicates });
    for (const imported of result.documents) {
      this.characters += imported.document.text.length;
      this.annotations += imported.annotations.length;
    }
  }

  addFailure(file: string, error: unknown): void {
    this.push({ file, error });
  }

  isFull(): boolean {
    return (
      this.jobs.length >= BATCH_FILES ||
      this.characters >= BATCH_CHARACTERS ||
      this.annotations >= BATCH_ANNOTATIONS ||
      performance.now() - this.startedAt >= BATCH_MILLISECONDS
    );
  }

  /** Stores the waiting files in one transaction and adds them to the summary. */
  async store(): Promise<void> {
    const jobs = this.jobs;
    if (jobs.length === 0) return;
    this.jobs = [];
    this.characters = 0;
    this.annotations = 0;
    const storing = jobs.filter((job): job is ParsedJob => 'result' in job && job.result.documents.length > 0);
    let results: ImportedFileResult[];
    try {
      results = storing.length === 0 ? [] : await this.workspace.importBatch(storing.map((job) => ({ documents: job.result.documents, options: { duplicates: job.duplicates } })));
    } catch (error) {
      // The transaction as a whole failed (the workspace is locked, the disk is full): no file of it was stored.
      const failed = { error: error instanceof Error ? error : new Error(String(error)) };
      results = storing.map(() => failed);
    }
    const stored = new Map<PendingJob, ImportedFileResult>(storing.map((job, index) => [job, results[index]!]));
    for (const job of jobs) {
      if ('error' in job) this.summary.errors.push(...problemsOf(job.error, job.file));
      else this.addToSummary(job, stored.get(job));
    }
  }

  private push(job: PendingJob): void {
    if (this.jobs.length === 0) this.startedAt = performance.now();
    this.jobs.push(job);
  }

  private addToSummary({ file, result }: ParsedJob, stored: ImportedFileResult | undefined): void {
    const summary = this.summary;
    for (const { where, reason } of result.skipped) summary.skipped.push({ file: where ? `${file} (${where})` : file, reason });
    if (stored && 'error' in stored) {
      summary.errors.push(...problemsOf(stored.error, file));
      return;
    }
    stored?.outcomes.forEach((outcome, index) => {
      const document = result.documents[index]!;
      if (outcome.status === 'skipped') {
        summary.skipped.push({ file: describe(file, document), reason: outcome.reason ?? 'skipped' });
        return;
      }
      if (outcome.status === 'imported') summary.documents++;
      else summary.merged++;
      for (const { given, stored: name } of outcome.labelsMatchedIgnoringCase ?? []) {
        summary.warnings.push({
          file: describe(file, document),
          message: `its label “${given}” is stored as the label “${name}”: Parley's label names ignore case`,
        });
      }
      summary.annotations += outcome.annotations;
      summary.relations += outcome.relations;
    });
    for (const warning of result.warnings) summary.warnings.push({ file: warning.file ?? file, ...lineOf(warning.line), message: warning.message });
  }
}

/** A file's problems as the summary lists them: each with its file, and its line when it has one. */
function problemsOf(error: unknown, file: string): ImportProblem[] {
  if (error instanceof ImportFileError) {
    return error.problems.map((problem) => ({
      file: problem.file ?? file,
      ...lineOf(problem.line),
      message: problem.message,
      ...(problem.fix === undefined ? {} : { fix: problem.fix }),
    }));
  }
  // The workspace refuses what a parser let through (it checks offsets and references again): still this file's error.
  if (error instanceof ParleyError) return [{ file, message: error.message }];
  // Anything else is a fault of a reader on an input it did not expect: its text ("Cannot read properties of
  // null") means nothing to the user, so the file is refused in plain words.
  const tooDeep = error instanceof RangeError && /call stack/i.test(error.message);
  return [{ file, message: tooDeep ? 'is nested too deeply to be read' : 'could not be read: its content is malformed in a way Parley does not recognise' }];
}

function lineOf(line: number | undefined): { line?: number } {
  return line === undefined ? {} : { line };
}

/** "articles.csv (line 12)": a document of a file, pointed at by the line it starts on when the file has several. */
function describe(file: string, document: ImportedDocument): string {
  const provenance = document.document.metadata?.['importedFrom'] as { line?: number } | undefined;
  return provenance?.line === undefined ? file : `${file} (line ${provenance.line})`;
}
