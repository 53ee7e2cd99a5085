import type { ImportFormat, ImportSummary, OffsetUnit } from '../../../../electron/shared/types.ts';
import { ApiError } from '../api/client.ts';
import type { AppState } from './app.svelte.ts';
import { callsOf, failedBatches, type FailedBatch, hasTextField, importBatches, joinQueue, toBase64, type PickedFile } from '../util/files.ts';

/** Formats whose records name the field that holds the text. */
const FIELD_FORMATS: readonly ImportFormat[] = ['csv', 'tsv', 'jsonl', 'labelstudio'];
/** Formats whose offsets may count code points or UTF-16 units. */
const OFFSET_FORMATS: readonly ImportFormat[] = ['jsonl', 'labelstudio'];


/**
 * The Import dialog's work: the queue of files and the options, then the run, one API call per batch, with
 * progress, Stop and a summary; and trying the failed batches again. The dialog draws it.
 */
export class ImportState {
  files = $state.raw<PickedFile[]>([]);
  format = $state<ImportFormat | ''>('');
  duplicates = $state<'skip' | 'merge'>('skip');
  textField = $state('');
  offsets = $state<OffsetUnit | ''>('');
  phase = $state<'choose' | 'running' | 'done'>('choose');
  /**
   * Progress in files as the CLI counts them: a brat .ann with its .txt (and annotation.conf) is one file, as
   * it is one document; every other file is one.
   */
  filesDone = $state(0);
  filesTotal = $state(0);
  /** The batch being imported, by file name. */
  current = $state<string[]>([]);
  stopping = $state(false);
  summary = $state.raw<ImportSummary | null>(null);
  /** The batches that failed in the last run and why, to try them again (reading another column, say). */
  failed = $state.raw<FailedBatch[]>([]);
  /**
   * The run stopped because the backend could not be reached: the last file it stored, and the batches not
   * imported, to queue again once it is back.
   */
  interrupted = $state.raw<{ lastStored: string | null; remaining: PickedFile[][] } | null>(null);

  readonly batches = $derived(importBatches(this.files));
  readonly pairs = $derived(this.batches.filter((batch) => batch.length > 1).length);
  /** The queue's size in files as the CLI counts them (see `filesDone`). */
  readonly fileCount = $derived(this.batches.length);
  readonly size = $derived(this.files.reduce((sum, f) => sum + f.file.size, 0));
  readonly needsField = $derived(this.format ? FIELD_FORMATS.includes(this.format) : this.files.length === 0 || this.files.some((f) => hasTextField(f.name)));
  readonly needsOffsets = $derived(
    this.format ? OFFSET_FORMATS.includes(this.format) : this.files.length === 0 || this.files.some((f) => /\.(jsonl?|ndjson)$/i.test(f.name)),
  );
  readonly failedFiles = $derived(this.failed.length);

  constructor(private readonly app: AppState) {}

  startOver(keep: PickedFile[] = []): void {
    this.files = keep;
    this.phase = 'choose';
    this.summary = null;
    this.failed = [];
    this.interrupted = null;
  }

  add(list: PickedFile[]): void {
    this.files = joinQueue(this.files, list);
  }

  /** Leaves out a batch's files, except those another batch still needs (a .txt two annotators' .ann share, annotation.conf). */
  leaveOut(batch: PickedFile[]): void {
    const kept = this.batches.filter((other) => other !== batch).flat();
    this.files = this.files.filter((f) => !batch.includes(f) || kept.includes(f));
  }

  /** Asks the run to stop after the batch under way. */
  stop(): void {
    this.stopping = true;
  }

  /**
   * The batches (a file, or a brat .ann with its .txt; each all or nothing) go several to a call, up to a few
   * megabytes (one call per file made the dialog about eight times slower than the CLI), so progress shows and
   * Stop takes effect between calls: what is done stays, and the call under way when Stop is pressed is finished.
   */
  async run(): Promise<void> {
    const work = this.batches;
    const calls = callsOf(work);
    this.phase = 'running';
    this.app.importBusy = true;
    this.stopping = false;
    this.filesDone = 0;
    this.filesTotal = work.length;
    this.failed = [];
    this.interrupted = null;
    let result = emptySummary();
    this.summary = result;
    let lastStored: string | null = null;
    try {
      for (const [position, call] of calls.entries()) {
        if (this.stopping) {
          result = { ...result, cancelled: true };
          break;
        }
        const files = call.flat();
        this.current = call.map((batch) => batch[0]!.name);
        const part = await this.#importFiles(files);
        if (part === UNREACHABLE) {
          // One message for the run, not one per file left: nothing more can be stored until the backend is back.
          this.interrupted = { lastStored, remaining: calls.slice(position).flat() };
          result = { ...result, cancelled: true };
          break;
        }
        const failed = failedBatches(call, part.errors);
        if (failed.length > 0) this.failed = [...this.failed, ...failed];
        const stored = call.filter((batch) => !failed.some((failure) => failure.batch === batch));
        if (stored.length > 0) lastStored = stored[stored.length - 1]!.at(-1)!.name;
        result = merge(result, part);
        this.filesDone += call.length;
        this.summary = result;
      }
    } finally {
      this.summary = result;
      this.current = [];
      this.phase = 'done';
      this.app.importBusy = false;
    }
    if (!this.interrupted) await this.app.afterImport();
  }

  /** Back to the queue with the files an interrupted run did not reach. */
  resume(): void {
    this.startOver(this.interrupted?.remaining.flat() ?? []);
  }

  /**
   * Back to the queue with the files that failed; with a text field, only those whose problem offers that
   * option, to read their text from it.
   */
  retry(textField?: string): void {
    const again =
      textField === undefined ? this.failed : this.failed.filter(({ problems }) => problems.some((problem) => problem.fix?.option === 'textField'));
    if (textField !== undefined) this.textField = textField;
    this.startOver(again.flatMap(({ batch }) => batch));
  }

  async #importFiles(files: PickedFile[]): Promise<ImportSummary | typeof UNREACHABLE> {
    try {
      const payload = await Promise.all(files.map(async (f) => ({ name: f.name, contentBase64: await toBase64(f.file) })));
      const textField = this.textField.trim();
      return await this.app.api.importFiles({
        files: payload,
        duplicates: this.duplicates,
        ...(this.format ? { format: this.format } : {}),
        ...(this.needsField && textField ? { textField } : {}),
        ...(this.needsOffsets && this.offsets ? { offsets: this.offsets } : {}),
      });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'network') return UNREACHABLE;
      // A refused call (a file too large to send, say) is its files' problem; the run goes on.
      const message = error instanceof Error ? error.message : String(error);
      return { ...emptySummary(), filesTotal: files.length, errors: files.map((f) => ({ file: f.name, message })) };
    }
  }
}

/** A call did not reach the backend. */
const UNREACHABLE = Symbol('unreachable');

function emptySummary(): ImportSummary {
  return { documents: 0, merged: 0, annotations: 0, relations: 0, filesTotal: 0, filesDone: 0, skipped: [], errors: [], warnings: [], cancelled: false };
}

function merge(into: ImportSummary, part: ImportSummary): ImportSummary {
  return {
    documents: into.documents + part.documents,
    merged: into.merged + part.merged,
    annotations: into.annotations + part.annotations,
    relations: into.relations + part.relations,
    filesTotal: into.filesTotal + part.filesTotal,
    filesDone: into.filesDone + part.filesDone,
    skipped: [...into.skipped, ...part.skipped],
    errors: [...into.errors, ...part.errors],
    warnings: [...into.warnings, ...part.warnings],
    cancelled: into.cancelled || part.cancelled,
  };
}
