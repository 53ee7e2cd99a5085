/**
 * Reading a file where a runaway can be stopped. The readers of HTML, Word and PDF files run in a worker thread
 * with a heap limit, and each file has a deadline: a file that takes too long or needs too much memory fails
 * alone, with a plain message, the worker is replaced, and the import goes on with the next file. Everything
 * else about the file (its caps, its checks) is the reader's own; this only bounds what the caps cannot foresee.
 *
 * One sandbox serves one import run, one file at a time; its worker starts with the first file that needs it.
 */
import { Worker } from 'node:worker_threads';
import type { ImportInput, ParseIsolation, ParseOptions, ParseResult, SandboxedFormat } from '../import/parse.ts';
import { ImportFileError } from '../import/problems.ts';
import { rebuildError } from './transferred-error.ts';
import type { ParseReply, ParseRequest, ParseWorkerData } from './parse-messages.ts';
import { workerEntry } from './worker-entry.ts';

export interface ParseLimits {
  /** How long one file may take to read. */
  deadlineMs: number;
  /** The reader's heap limit. A 64 MiB file's parse takes a few times its size. */
  heapMb: number;
}

/** A news article reads in well under a second; the slowest real files seen (4,000-page PDFs) in about five. */
export const PARSE_LIMITS: ParseLimits = { deadlineMs: 20_000, heapMb: 768 };

function duration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

export class ParseSandbox implements ParseIsolation {
  readonly #limits: ParseLimits;
  #worker: Worker | null = null;
  #nextId = 1;

  constructor(limits: ParseLimits = PARSE_LIMITS) {
    this.#limits = limits;
  }

  /** Reads `bytes` with the `format` reader in the worker; the file's own problems arrive as an ImportFileError. */
  parse(format: SandboxedFormat, input: ImportInput, bytes: Uint8Array, options: ParseOptions): Promise<ParseResult> {
    options.signal?.throwIfAborted();
    const worker = this.#started();
    const id = this.#nextId++;
    const { deadlineMs, heapMb } = this.#limits;
    return new Promise<ParseResult>((resolve, reject) => {
      let settled = false;
      const settle = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        options.signal?.removeEventListener('abort', onAbort);
        if (this.#worker === worker) worker.unref();
        outcome();
      };
      /** Stops the worker in the middle of the file; the next file gets a fresh one. */
      const stop = (error: unknown) => {
        this.#forget(worker);
        void worker.terminate();
        settle(() => reject(error));
      };
      const onMessage = (reply: ParseReply) => {
        if (reply.id !== id) return;
        if (reply.ok) settle(() => resolve(reply.result));
        else if ('problems' in reply) settle(() => reject(new ImportFileError(reply.problems)));
        else settle(() => reject(rebuildError(reply.error)));
      };
      const onError = (error: Error & { code?: string }) => {
        this.#forget(worker);
        const message =
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? `needed more than ${heapMb} MiB of memory to read, so Parley stopped reading it`
            : `could not be read: its reader stopped (${error.message})`;
        settle(() => reject(new ImportFileError(message)));
      };
      const onExit = (code: number) => {
        this.#forget(worker);
        settle(() => reject(new ImportFileError(`could not be read: its reader stopped (exit code ${code})`)));
      };
      const onAbort = () => stop(options.signal!.reason);
      const timer = setTimeout(() => stop(new ImportFileError(`took longer than ${duration(deadlineMs)} to read, so Parley stopped reading it`)), deadlineMs);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      worker.ref();
      // A copy is sent: the caller's bytes may share their memory with other buffers, which a transfer would empty.
      const copy = bytes.slice();
      const request: ParseRequest = {
        id,
        format,
        input: { name: input.name, storedName: input.storedName, size: input.size },
        bytes: copy,
        options: { ...(options.textField ? { textField: options.textField } : {}), ...(options.offsets ? { offsets: options.offsets } : {}) },
      };
      worker.postMessage(request, [copy.buffer]);
    });
  }

  /** Stops the worker, if one is running. */
  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = null;
    if (worker) await worker.terminate();
  }

  #started(): Worker {
    if (this.#worker) return this.#worker;
    const { script, entry } = workerEntry('parse-worker', import.meta.url);
    const data: ParseWorkerData = entry ? { entry } : {};
    const worker = new Worker(script, { workerData: data, resourceLimits: { maxOldGenerationSizeMb: this.#limits.heapMb } });
    // A worker that dies between files is replaced by the next file (a call's own listeners report it to the call).
    worker.on('error', () => this.#forget(worker));
    worker.on('exit', () => this.#forget(worker));
    // An idle worker does not keep the process alive; a file being read holds it (ref) until answered.
    worker.unref();
    this.#worker = worker;
    return worker;
  }

  #forget(worker: Worker): void {
    if (this.#worker === worker) this.#worker = null;
  }
}
