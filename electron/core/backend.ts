import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { API_METHODS, type ApiErrorBody, type ApiMethod, type ApiParams, type ApiResult, type ServiceMethod } from '../shared/types.ts';
import { ParleyError } from './errors.ts';
import { exportToMemory, previewFirstRecord } from './export/exporter.ts';
import { importUploads } from './import/importer.ts';
import { seedSamples } from './samples.ts';
import { PARAM_SCHEMAS } from './schemas.ts';
import { openDatabase } from './sqlite/database.ts';
import { SqliteStore } from './sqlite/sqlite-store.ts';
import type { WorkspaceStore } from './store.ts';

/**
 * The one backend every host talks to (Electron IPC, the browser-mode HTTP server, the CLI). It takes
 * untrusted input, validates it against the API's schemas and hands it to the workspace store.
 */
export interface Backend {
  readonly path: string;
  /** The store itself, for core services that hosts run directly (import, export), never for untrusted input. */
  readonly store: WorkspaceStore;
  /** Calls API method `method`; throws a ParleyError for an unknown method or invalid parameters. */
  dispatch(method: string, params: unknown): Promise<unknown>;
  close(): Promise<void>;
}

export interface OpenBackendOptions {
  /** Path of a better-sqlite3 addon built for this runtime (the Electron shell passes its Electron build). */
  nativeBinding?: string;
  /** Add the sample articles if this workspace has never had them. */
  seedSamples?: boolean;
}

const methods = new Set<string>(API_METHODS);

export function isApiMethod(name: string): name is ApiMethod {
  return methods.has(name);
}

/** Validates `params` for `method`, naming the first offending field in the error. */
export function validateParams(method: ApiMethod, params: unknown): unknown {
  const result = PARAM_SCHEMAS[method].safeParse(params ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field =
    issue.path.map((key, position) => (typeof key === 'number' ? `[${key}]` : position === 0 ? String(key) : `.${String(key)}`)).join('') ||
    '(parameters)';
  throw new ParleyError('invalid_params', `${method}: ${field}: ${issue.message}`, field);
}

/** API methods that core services answer on top of the store (see `ServiceMethod`). */
const SERVICES: { [M in ServiceMethod]?: (store: WorkspaceStore, params: ApiParams<M>) => Promise<ApiResult<M>> } = {
  exportPreview: (store, params) => previewFirstRecord(store, params),
  exportData: (store, params) => exportToMemory(store, params),
  importFiles: (store, params) => importUploads(store, params),
};

export function createBackend(store: WorkspaceStore, path: string): Backend {
  return {
    path,
    store,
    async dispatch(method, params) {
      if (!isApiMethod(method)) throw new ParleyError('unknown_method', `There is no API method "${method}"`);
      const valid = validateParams(method, params);
      const service = SERVICES[method as ServiceMethod] as ((store: WorkspaceStore, params: unknown) => Promise<unknown>) | undefined;
      if (service) return service(store, valid);
      const call = store[method as Exclude<ApiMethod, ServiceMethod>] as (params: unknown) => Promise<unknown>;
      return call.call(store, valid);
    },
    close: () => store.close(),
  };
}

/** Opens the workspace at `path` (creating it and its folder if needed) with the SQLite store. */
export async function openBackend(path: string, options: OpenBackendOptions = {}): Promise<Backend> {
  const absolute = resolve(path);
  mkdirSync(dirname(absolute), { recursive: true });
  const db = openDatabase(absolute, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  const store = new SqliteStore(db, absolute);
  if (options.seedSamples) seedSamples(store);
  return createBackend(store, absolute);
}

/** The error body every host sends back; unexpected errors keep their message but are marked internal. */
export function toErrorBody(error: unknown): ApiErrorBody {
  if (error instanceof ParleyError) return error.toBody();
  if (error instanceof z.ZodError) return { code: 'invalid_params', message: error.message };
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}
