/**
 * The API's long methods (imports and exports), behind one seam so that a host can run them where they do not
 * hold up the calls behind them: `inThreadLongWork` runs them on the calling thread (tests, and the worker
 * itself), `workerLongWork` (worker/long-work-worker.ts) in a worker thread with its own connection to the
 * workspace, so the thread that answers the window keeps answering during a four-second import.
 */
import type { ApiParams, ApiResult, ExportOptions, ExportSummary, ImportSummary } from '../shared/types.ts';
import type { Caller } from './domain/caller.ts';
import { exportToMemory, exportToPath, previewFirstRecord, type ExportProgress } from './export/exporter.ts';
import { importPaths, importUploads, type ImportProgress, type ImportRunOptions } from './import/importer.ts';
import type { Workspace } from './workspace.ts';

/** API methods that are long work: they read or write a whole corpus. */
export type LongMethod = 'importFiles' | 'exportData' | 'exportPreview';
export const LONG_METHODS: readonly LongMethod[] = ['importFiles', 'exportData', 'exportPreview'];

/** A call as long work receives it: who acts, how to stop it, where progress goes. */
export interface LongCall {
  caller: Caller;
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress | ExportProgress) => void;
}

export interface LongWork {
  /** Runs an API method whose parameters were validated already. */
  run<M extends LongMethod>(method: M, params: ApiParams<M>, call: LongCall): Promise<ApiResult<M>>;
  /** Imports files and folders from disk (the CLI, files dropped on the desktop app). */
  importPaths(paths: string[], options: Omit<ImportRunOptions, 'signal' | 'onProgress'>, call: LongCall): Promise<ImportSummary>;
  /** Exports to a file, folder or zip on disk (the CLI). */
  exportToPath(options: ExportOptions, out: string, call: LongCall): Promise<ExportSummary>;
  close(): Promise<void>;
}

/** Long work on the calling thread, against `store`. */
export function inThreadLongWork(workspace: Workspace): LongWork {
  const runOptions = (call: LongCall) => ({
    ...(call.signal ? { signal: call.signal } : {}),
    ...(call.onProgress ? { onProgress: call.onProgress } : {}),
  });
  return {
    run(method, params, call) {
      // Each branch returns that method's result; TypeScript cannot narrow the generic through the switch.
      switch (method) {
        case 'importFiles':
          return importUploads(workspace, params as ApiParams<'importFiles'>, runOptions(call)) as Promise<ApiResult<typeof method>>;
        case 'exportData':
          return exportToMemory(workspace, params as ApiParams<'exportData'>, runOptions(call)) as Promise<ApiResult<typeof method>>;
        case 'exportPreview':
          return previewFirstRecord(workspace, params as ApiParams<'exportPreview'>) as Promise<ApiResult<typeof method>>;
      }
      throw new Error(`${String(method)} is not long work`);
    },
    importPaths: (paths, options, call) => importPaths(workspace, paths, { ...options, ...runOptions(call) }),
    exportToPath: (options, out, call) => exportToPath(workspace, options, out, runOptions(call)),
    close: async () => {},
  };
}
