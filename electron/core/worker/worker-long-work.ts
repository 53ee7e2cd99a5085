/**
 * Long work in a worker thread: imports and exports parse, format and write there, on the worker's own
 * connection to the workspace (WAL lets this thread read meanwhile, and the store waits for the worker's write
 * lock on timers), so the thread that answers the window or the HTTP server is never held up by them. One
 * worker per backend, started on the first long call and shared by the calls after it; a worker that dies
 * (a crash, its memory limit) fails the calls it had and is started afresh for the next one.
 */
import { Worker } from 'node:worker_threads';
import type { ApiParams, ApiResult } from '../../shared/types.ts';
import type { LongCall, LongMethod, LongWork } from '../long-work.ts';
import { workerEntry } from './worker-entry.ts';
import type { LongWorkCall, LongWorkReply, LongWorkRequest, LongWorkWorkerData } from './messages.ts';
import { rebuildError } from './transferred-error.ts';

/**
 * The worker's heap limit. A file is at most 64 MiB, and parsing one (a PDF's pages, a docx's XML) takes several
 * times its size; beyond this, the worker ends (and the call with it) instead of the whole process.
 */
const WORKER_HEAP_MB = 2048;

/** How long a closing worker may take to finish its transaction and close the workspace before it is stopped. */
const CLOSE_GRACE_MS = 5000;

interface Pending {
  resolve(result: unknown): void;
  reject(error: Error): void;
  onProgress: LongCall['onProgress'];
  /** Stops listening to the caller's signal. */
  release(): void;
}

export function workerLongWork(path: string, options: { nativeBinding?: string } = {}): LongWork {
  let worker: Worker | null = null;
  /** The worker being closed: when it ends, what it had not answered ends with the workspace. */
  let closing: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  function failAll(error: Error): void {
    for (const call of pending.values()) {
      call.release();
      call.reject(error);
    }
    pending.clear();
  }

  function started(): Worker {
    if (worker) return worker;
    const { script, entry } = workerEntry('long-work-worker', import.meta.url);
    const data: LongWorkWorkerData = { path, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}), ...(entry ? { entry } : {}) };
    const created = new Worker(script, { workerData: data, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    created.on('message', (reply: LongWorkReply) => {
      if (reply.type === 'closed') return;
      const call = pending.get(reply.id);
      if (!call) return;
      if (reply.type === 'progress') {
        call.onProgress?.(reply.progress);
        return;
      }
      pending.delete(reply.id);
      call.release();
      if (reply.type === 'done') call.resolve(reply.result);
      else call.reject(rebuildError(reply.error));
      if (pending.size === 0) created.unref();
    });
    const died = (reason: string) => {
      if (worker === created) worker = null;
      failAll(
        closing === created
          ? new Error('The workspace was closed before the import or export finished')
          : new Error(`Parley's import and export worker stopped (${reason}); what it had stored is kept. Try again.`),
      );
    };
    created.on('error', (error) => died(error.message));
    created.on('exit', (code) => died(`exit code ${code}`));
    // Idle, the worker does not keep the process alive; a call holds it (ref) until answered.
    created.unref();
    worker = created;
    return created;
  }

  // Started with the workspace rather than at the first import: starting a thread and loading the importers
  // costs the thread that answers the window a few hundred milliseconds, better spent before anyone is waiting.
  started();

  function call(request: LongWorkCall, longCall: LongCall): Promise<unknown> {
    longCall.signal?.throwIfAborted();
    const id = nextId++;
    const thread = started();
    return new Promise((resolve, reject) => {
      const cancel = () => thread.postMessage({ type: 'cancel', id } satisfies LongWorkRequest);
      longCall.signal?.addEventListener('abort', cancel, { once: true });
      pending.set(id, { resolve, reject, onProgress: longCall.onProgress, release: () => longCall.signal?.removeEventListener('abort', cancel) });
      thread.ref();
      thread.postMessage({ ...request, id, caller: longCall.caller } as LongWorkRequest);
    });
  }

  return {
    run: <M extends LongMethod>(method: M, params: ApiParams<M>, longCall: LongCall) =>
      call({ type: 'run', method, params }, longCall) as Promise<ApiResult<M>>,
    importPaths: (paths, importOptions, longCall) => call({ type: 'importPaths', paths, options: importOptions }, longCall) as ReturnType<LongWork['importPaths']>,
    exportToPath: (exportOptions, out, longCall) => call({ type: 'exportToPath', options: exportOptions, out }, longCall) as ReturnType<LongWork['exportToPath']>,
    async close() {
      const ending = worker;
      if (!ending) return;
      worker = null;
      closing = ending;
      // Asked to close, the worker cancels its calls (which answer as cancelled), closes the workspace and says so.
      const exited = new Promise<void>((resolve) => ending.once('exit', () => resolve()));
      ending.ref();
      ending.on('message', (reply: LongWorkReply) => {
        if (reply.type === 'closed') void ending.terminate();
      });
      ending.postMessage({ type: 'close' } satisfies LongWorkRequest);
      const timer = setTimeout(() => void ending.terminate(), CLOSE_GRACE_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}
