/**
 * The import orchestrator: plans the jobs (files, brat pairs), runs each through its parser and stores its
 * documents with one `importDocuments` call, which is one transaction: a file is imported whole or not at all.
 * A failed file is reported and the import goes on with the next. Progress is reported before each job, and
 * an AbortSignal is honoured between jobs and inside long parses; a cancelled job leaves nothing behind.
 */
import type { ImportFilesParams, ImportFormat, ImportProblem, ImportSummary, OffsetUnit } from '../../shared/types.ts';
import type { ImportedDocument, WorkspaceStore } from '../store.ts';
import { filesFromPaths, filesFromUploads, type InputFile } from './files.ts';
import type { ParseContext, ParseOptions } from './parse.ts';
import { planImport } from './plan.ts';
import { ImportFileError } from './problems.ts';

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
}

/** Imports files and folders from disk (the CLI, and the Electron shell for dropped or chosen files). */
export async function importPaths(store: WorkspaceStore, paths: string[], options: ImportRunOptions = {}): Promise<ImportSummary> {
  const { files, errors } = await filesFromPaths(paths);
  return importFiles(store, files, options, errors);
}

/** Imports files whose contents came with an API call (browser mode uploads them). */
export async function importUploads(store: WorkspaceStore, params: ImportFilesParams): Promise<ImportSummary> {
  const files = filesFromUploads(params.files.map((file) => ({ name: file.name, bytes: new Uint8Array(Buffer.from(file.contentBase64, 'base64')) })));
  return importFiles(store, files, {
    ...(params.format ? { format: params.format } : {}),
    ...(params.duplicates ? { duplicates: params.duplicates } : {}),
    ...(params.textField ? { textField: params.textField } : {}),
    ...(params.offsets ? { offsets: params.offsets } : {}),
  });
}

export async function importFiles(store: WorkspaceStore, files: InputFile[], options: ImportRunOptions, inputErrors: ImportProblem[] = []): Promise<ImportSummary> {
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
  const parseOptions: ParseOptions = {
    ...(options.textField ? { textField: options.textField } : {}),
    ...(options.offsets ? { offsets: options.offsets } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  };
  const context: ParseContext = { findDocumentsByUrl: (url) => store.findDocumentsByUrl(url) };

  for (const job of plan.jobs) {
    if (options.signal?.aborted) break;
    options.onProgress?.({ filesDone: summary.filesDone, filesTotal: summary.filesTotal, currentFile: job.file });
    try {
      const result = await job.run(parseOptions, context);
      options.signal?.throwIfAborted();
      for (const { where, reason } of result.skipped) summary.skipped.push({ file: where ? `${job.file} (${where})` : job.file, reason });
      if (result.documents.length > 0) {
        const duplicates = result.annotatesExisting ? 'merge' : (options.duplicates ?? 'skip');
        const outcomes = await store.importDocuments(result.documents, { duplicates });
        outcomes.forEach((outcome, index) => {
          if (outcome.status === 'skipped') {
            summary.skipped.push({ file: describe(job.file, result.documents[index]!), reason: outcome.reason ?? 'skipped' });
            return;
          }
          if (outcome.status === 'imported') summary.documents++;
          else summary.merged++;
          for (const { given, stored } of outcome.labelsMatchedIgnoringCase ?? []) {
            summary.warnings.push({
              file: describe(job.file, result.documents[index]!),
              message: `its label “${given}” is stored as the label “${stored}”: Parley's label names ignore case`,
            });
          }
          summary.annotations += outcome.annotations;
          summary.relations += outcome.relations;
        });
      }
      for (const warning of result.warnings) summary.warnings.push({ file: warning.file ?? job.file, ...lineOf(warning.line), message: warning.message });
    } catch (error) {
      if (options.signal?.aborted) break;
      summary.errors.push(...problemsOf(error, job.file));
    }
    summary.filesDone++;
  }
  summary.cancelled = summary.filesDone < summary.filesTotal;
  options.onProgress?.({ filesDone: summary.filesDone, filesTotal: summary.filesTotal, currentFile: null });
  return summary;
}

/** A file's problems as the summary lists them: each with its file, and its line when it has one. */
function problemsOf(error: unknown, file: string): ImportProblem[] {
  if (error instanceof ImportFileError) {
    return error.problems.map((problem) => ({ file: problem.file ?? file, ...lineOf(problem.line), message: problem.message }));
  }
  // The store refuses what a parser let through (it checks offsets and references again): still this file's error.
  return [{ file, message: error instanceof Error ? error.message : String(error) }];
}

function lineOf(line: number | undefined): { line?: number } {
  return line === undefined ? {} : { line };
}

/** "articles.csv (line 12)": a document of a file, pointed at by the line it starts on when the file has several. */
function describe(file: string, document: ImportedDocument): string {
  const provenance = document.document.metadata?.['importedFrom'] as { line?: number } | undefined;
  return provenance?.line === undefined ? file : `${file} (line ${provenance.line})`;
}
