import { mkdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import { basename, dirname, extname, resolve } from 'node:path';
import { z } from 'zod';
import {
  API_METHODS,
  type ApiErrorBody,
  type ApiMethod,
  type ApiParams,
  type ExportOptions,
  type ExportSummary,
  type ImportSummary,
} from '../shared/types.ts';
import type { Caller } from './domain/caller.ts';
import { ParleyError } from './errors.ts';
import type { ImportRunOptions } from './import/importer.ts';
import { inThreadLongWork, LONG_METHODS, type LongCall, type LongMethod, type LongWork } from './long-work.ts';
import { seedSamples } from './samples.ts';
import { PARAM_SCHEMAS } from './schemas.ts';
import { openDatabase } from './sqlite/database.ts';
import { SqliteStore } from './sqlite/sqlite-store.ts';
import type { Workspace, WorkspaceMethod } from './workspace.ts';
import { WorkspaceService } from './domain/workspace-service.ts';
import { workerLongWork } from './worker/worker-long-work.ts';

/** What a host says about a call besides its method and parameters. */
export interface CallOptions {
  /** Who acts. Absent: the local annotator (the workspace's author setting, else `localUser` of `openBackend`). */
  caller?: Caller;
  /** Stops long work (an import, an export) between files or documents. */
  signal?: AbortSignal;
  onProgress?: LongCall['onProgress'];
}

/**
 * The one backend every host talks to (the Electron utility process, the browser-mode HTTP server, the CLI). It
 * takes untrusted input, validates it against the API's schemas and hands it to the workspace store, or to long
 * work (imports, exports), which a host may run off its own thread.
 */
export interface Backend {
  readonly path: string;
  /** The workspace itself, for core services and tests that run against it directly, never for untrusted input. */
  readonly workspace: Workspace;
  /** Calls API method `method`; throws a ParleyError for an unknown method or invalid parameters. */
  dispatch(method: string, params: unknown, options?: CallOptions): Promise<unknown>;
  /** Imports files and folders from disk, as long work. */
  importPaths(paths: string[], options?: Omit<ImportRunOptions, 'signal' | 'onProgress'>, call?: CallOptions): Promise<ImportSummary>;
  /** Exports to `out` on disk, as long work; `options` are validated like `exportData`'s. */
  exportToPath(options: ExportOptions, out: string, call?: CallOptions): Promise<ExportSummary>;
  close(): Promise<void>;
}

/** Where a backend runs its long work: on the calling thread, or in a worker thread of its own. */
export type LongWorkPlace = 'in-thread' | 'worker';

export interface OpenBackendOptions {
  /** Path of a better-sqlite3 addon built for this runtime (the Electron shell passes its Electron build). */
  nativeBinding?: string;
  /** Add the sample articles if this workspace has never had them. */
  seedSamples?: boolean;
  /** Default `in-thread`; hosts that answer other calls meanwhile (server, desktop app, CLI) choose `worker`. */
  longWork?: LongWorkPlace;
  /** The account's name, the author of a local call when the workspace's author setting is empty. Default: the OS user. */
  localUser?: string;
}

const methods = new Set<string>(API_METHODS);
const longMethods = new Set<string>(LONG_METHODS);

export function isApiMethod(name: string): name is ApiMethod {
  return methods.has(name);
}

/** Validates `params` for `method`, naming the first offending field in the error. */
export function validateParams<M extends ApiMethod>(method: M, params: unknown): ApiParams<M> {
  const result = PARAM_SCHEMAS[method].safeParse(params ?? {});
  if (result.success) return result.data as ApiParams<M>;
  const issue = result.error.issues[0]!;
  const field =
    issue.path.map((key, position) => (typeof key === 'number' ? `[${key}]` : position === 0 ? String(key) : `.${String(key)}`)).join('') ||
    '(parameters)';
  throw new ParleyError('invalid_params', `${method}: ${field}: ${issue.message}`, field);
}

export function createBackend(workspace: Workspace, path: string, longWork: LongWork = inThreadLongWork(workspace), localUser = osUserName()): Backend {
  /** The local annotator: who acts when a host names nobody. */
  async function localCaller(): Promise<Caller> {
    // Reading the settings records nothing, so it may run as the account itself.
    const configured = (await workspace.getSettings({}, { author: localUser })).author.trim();
    return { author: configured || localUser };
  }
  async function longCall(options: CallOptions): Promise<LongCall> {
    return {
      caller: options.caller ?? (await localCaller()),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    };
  }
  return {
    path,
    workspace,
    async dispatch(method, params, options = {}) {
      if (!isApiMethod(method)) throw new ParleyError('unknown_method', `There is no API method "${method}"`);
      const valid = validateParams(method, params);
      if (longMethods.has(method)) return longWork.run(method as LongMethod, valid as ApiParams<LongMethod>, await longCall(options));
      const caller = options.caller ?? (await localCaller());
      const call = workspace[method as WorkspaceMethod] as (params: unknown, caller: Caller) => Promise<unknown>;
      return call.call(workspace, valid, caller);
    },
    async importPaths(paths, options = {}, call = {}) {
      return longWork.importPaths(paths, options, await longCall(call));
    },
    async exportToPath(options, out, call = {}) {
      return longWork.exportToPath(validateParams('exportData', options), out, await longCall(call));
    },
    async close() {
      await longWork.close();
      await workspace.close();
    },
  };
}

/** Opens the workspace at `path` (creating it and its folder if needed) with the SQLite store. */
export async function openBackend(path: string, options: OpenBackendOptions = {}): Promise<Backend> {
  const absolute = resolve(path);
  mkdirSync(dirname(absolute), { recursive: true });
  const db = openDatabase(absolute, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  const workspace = await WorkspaceService.open(new SqliteStore(db), { path: absolute, name: basename(absolute, extname(absolute)) });
  if (options.seedSamples) await seedSamples(workspace);
  const longWork =
    options.longWork === 'worker'
      ? workerLongWork(absolute, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {})
      : inThreadLongWork(workspace);
  return createBackend(workspace, absolute, longWork, options.localUser);
}

function osUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return '';
  }
}

/** The error body every host sends back; unexpected errors keep their message but are marked internal. */
export function toErrorBody(error: unknown): ApiErrorBody {
  if (error instanceof ParleyError) return error.toBody();
  if (error instanceof z.ZodError) return { code: 'invalid_params', message: error.message };
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}


