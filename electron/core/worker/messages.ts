/** What the backend's thread and its long-work worker say to each other (worker-long-work.ts, long-work-worker.ts). */
import type { ApiErrorBody, ExportOptions } from '../../shared/types.ts';
import type { Caller } from '../domain/caller.ts';
import { ParleyError } from '../errors.ts';
import type { ImportRunOptions } from '../import/importer.ts';
import type { LongCall, LongMethod } from '../long-work.ts';

/** How to open the workspace in the worker. */
export interface LongWorkWorkerData {
  path: string;
  nativeBinding?: string;
  /** In source mode (tsx), the module the bootstrap loads: this worker's TypeScript entry. */
  entry?: string;
}

/** One long call: an API method, or an import or export on disk. */
export type LongWorkCall =
  | { type: 'run'; method: LongMethod; params: unknown }
  | { type: 'importPaths'; paths: string[]; options: Omit<ImportRunOptions, 'signal' | 'onProgress'> }
  | { type: 'exportToPath'; options: ExportOptions; out: string };

export type LongWorkRequest = (LongWorkCall & { id: number; caller: Caller }) | { type: 'cancel'; id: number } | { type: 'close' };

export type LongWorkReply =
  | { type: 'progress'; id: number; progress: Parameters<NonNullable<LongCall['onProgress']>>[0] }
  | { type: 'done'; id: number; result: unknown }
  | { type: 'failed'; id: number; error: TransferredError }
  | { type: 'closed' };

/**
 * An error as it crosses between threads: an Error arrives with its message only, so what callers look at is
 * sent as fields (a ParleyError's code and field; a system error's code, such as ENOTEMPTY).
 */
export type TransferredError =
  | { kind: 'parley'; body: ApiErrorBody }
  | { kind: 'error'; name: string; message: string; code?: string };

export function transferError(error: unknown): TransferredError {
  if (error instanceof ParleyError) return { kind: 'parley', body: error.toBody() };
  if (error instanceof Error) {
    const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
    return { kind: 'error', name: error.name, message: error.message, ...(code === undefined ? {} : { code }) };
  }
  return { kind: 'error', name: 'Error', message: String(error) };
}

export function rebuildError(error: TransferredError): Error {
  if (error.kind === 'parley') return new ParleyError(error.body.code, error.body.message, error.body.field);
  const rebuilt = new Error(error.message) as Error & { code?: string };
  rebuilt.name = error.name;
  if (error.code !== undefined) rebuilt.code = error.code;
  return rebuilt;
}
