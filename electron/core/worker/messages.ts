/** What the backend's thread and its long-work worker say to each other (worker-long-work.ts, long-work-worker.ts). */
import type { ExportOptions } from '../../shared/types.ts';
import type { Caller } from '../domain/caller.ts';
import type { ImportRunOptions } from '../import/importer.ts';
import type { LongCall, LongMethod } from '../long-work.ts';
import type { TransferredError } from './transferred-error.ts';

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
