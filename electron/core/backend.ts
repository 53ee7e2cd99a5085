import type Database from 'better-sqlite3';
import { mkdirSync, rmSync } from 'node:fs';
import { userInfo } from 'node:os';
import { basename, dirname, extname, resolve } from 'node:path';
import { z } from 'zod';
import {
  API_METHODS,
  type ApiErrorBody,
  type ApiMethod,
  type ApiParams,
  type BackupInfo,
  type BackupKind,
  type BackupMethod,
  type BackupRestored,
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
import { backupPath, createBackup, listBackups, pruneAutomaticBackups, restoreBackup } from './sqlite/backups.ts';
import { damagedWorkspaceError, openDatabase } from './sqlite/database.ts';
import { loadMigrations } from './sqlite/migrate.ts';
import { SqliteStore } from './sqlite/sqlite-store.ts';
import type { Workspace, WorkspaceMethod } from './workspace.ts';
import { WorkspaceService } from './domain/workspace-service.ts';
import { workerLongWork } from './worker/worker-long-work.ts';

/** The backups of a workspace file, for hosts that look at them without opening it (a damaged workspace). */
export { backupsFolder, listBackups, restoreOverDamaged } from './sqlite/backups.ts';
/** Recovery of a damaged workspace into a new file, for hosts that offer it (it needs no open workspace). */
export { recoverWorkspace } from './sqlite/recover.ts';

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
  /**
   * Makes an automatic backup if one is due (the workspace changed, and the last is older than the setting says),
   * pruning the oldest beyond what the settings keep; null when none was due or the workspace is no file.
   */
  backUpIfDue(now?: number): Promise<BackupInfo | null>;
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
  /** Rolling automatic backups while the workspace changes (the settings say how often and how many): for hosts an analyst works in. */
  automaticBackups?: boolean;
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

/** One opening of the workspace: the domain's workspace on its store, and where its long work runs. */
export interface Opened {
  workspace: Workspace;
  longWork: LongWork;
}

/** The backups of a workspace file (sqlite/backups.ts), for a backend that opened one. */
export interface FileBackups {
  list(): BackupInfo[];
  /** Backs up the workspace as it is now, while it stays open. */
  create(kind: BackupKind): Promise<BackupInfo>;
  /** Puts backup `file` over the workspace, whose connections the backend has closed first. */
  restore(file: string): Promise<void>;
  /** Opens the workspace again (after a restore, or a restore that failed). */
  reopen(): Promise<Opened>;
  /** Something was written since the last call (by this backend or another process). */
  changedSinceLastAsked(): boolean;
}

const backupMethods = new Set<string>(['listBackups', 'backUpWorkspace', 'restoreBackup'] satisfies BackupMethod[]);

export function createBackend(workspace: Workspace, path: string, longWork: LongWork = inThreadLongWork(workspace), localUser = osUserName(), backups?: FileBackups): Backend {
  let current: Opened = { workspace, longWork };
  /** Calls wait for a restore under way, which closes and reopens the workspace beneath them. */
  let restoring: Promise<unknown> = Promise.resolve();
  /** When the last automatic backup was made (ms), and whether the workspace changed since. */
  let lastAutomatic = Date.parse(backups?.list().find((backup) => backup.kind === 'automatic')?.createdAt ?? '') || 0;
  let changed = false;

  /** The local annotator: who acts when a host names nobody. */
  async function localCaller(): Promise<Caller> {
    // Reading the settings records nothing, so it may run as the account itself.
    const configured = (await current.workspace.getSettings({}, { author: localUser })).author.trim();
    return { author: configured || localUser };
  }
  async function longCall(options: CallOptions): Promise<LongCall> {
    return {
      caller: options.caller ?? (await localCaller()),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    };
  }
  function fileBackups(): FileBackups {
    if (!backups) throw new ParleyError('conflict', 'This workspace is not a file on this machine, so it has no backups here');
    return backups;
  }
  async function backupCall(method: BackupMethod, params: ApiParams<BackupMethod>): Promise<unknown> {
    const file = fileBackups();
    if (method === 'listBackups') return file.list();
    if (method === 'backUpWorkspace') return file.create('manual');
    const wanted = (params as ApiParams<'restoreBackup'>).file;
    backupPath(path, wanted); // a name that is no backup of this workspace is refused before anything is touched
    const replaced = await file.create('before-restore');
    await current.longWork.close();
    await current.workspace.close();
    try {
      await file.restore(wanted);
    } finally {
      current = await file.reopen();
    }
    const restored = file.list().find((backup) => backup.file === wanted)!;
    return { restored, replaced } satisfies BackupRestored;
  }
  return {
    path,
    get workspace() {
      return current.workspace;
    },
    async dispatch(method, params, options = {}) {
      if (!isApiMethod(method)) throw new ParleyError('unknown_method', `There is no API method "${method}"`);
      const valid = validateParams(method, params);
      await restoring;
      if (backupMethods.has(method)) {
        const call = backupCall(method as BackupMethod, valid as ApiParams<BackupMethod>);
        if (method === 'restoreBackup') restoring = call.catch(() => undefined);
        return call;
      }
      if (longMethods.has(method)) return current.longWork.run(method as LongMethod, valid as ApiParams<LongMethod>, await longCall(options));
      const caller = options.caller ?? (await localCaller());
      const call = current.workspace[method as WorkspaceMethod] as (params: unknown, caller: Caller) => Promise<unknown>;
      return call.call(current.workspace, valid, caller).catch((error: unknown) => {
        // A damaged page found by a call, not at opening: said as at opening, with the backups and recovery.
        throw damagedWorkspaceError(error, path);
      });
    },
    async importPaths(paths, options = {}, call = {}) {
      await restoring;
      return current.longWork.importPaths(paths, options, await longCall(call));
    },
    async exportToPath(options, out, call = {}) {
      await restoring;
      return current.longWork.exportToPath(validateParams('exportData', options), out, await longCall(call));
    },
    async backUpIfDue(now = Date.now()) {
      if (!backups) return null;
      await restoring;
      changed = backups.changedSinceLastAsked() || changed;
      const { backupEveryMinutes, backupsKept } = await current.workspace.getSettings({}, { author: localUser });
      if (backupEveryMinutes === 0 || !changed || now - lastAutomatic < backupEveryMinutes * 60_000) return null;
      const made = await backups.create('automatic');
      lastAutomatic = now;
      changed = false;
      pruneAutomaticBackups(path, backupsKept, (file) => rmSync(file, { force: true }));
      return made;
    },
    async close() {
      await restoring;
      await current.longWork.close();
      await current.workspace.close();
    },
  };
}

/** How often a backend with automatic backups looks whether one is due. */
const BACKUP_CHECK_MS = 60_000;

/** Opens the workspace at `path` (creating it and its folder if needed) with the SQLite store. */
export async function openBackend(path: string, options: OpenBackendOptions = {}): Promise<Backend> {
  const absolute = resolve(path);
  mkdirSync(dirname(absolute), { recursive: true });
  const binding = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  let db: Database.Database;
  let seenVersion = -1;
  let seenChanges = -1;
  const open = async (): Promise<Opened & { workspace: WorkspaceService }> => {
    db = openDatabase(absolute, binding);
    let workspace: WorkspaceService;
    try {
      workspace = await WorkspaceService.open(new SqliteStore(db), { path: absolute, name: basename(absolute, extname(absolute)) });
    } catch (error) {
      // What the workspace reads as it opens (its settings, ...) can be on a damaged page too.
      db.close();
      throw damagedWorkspaceError(error, absolute);
    }
    const longWork = options.longWork === 'worker' ? workerLongWork(absolute, binding) : inThreadLongWork(workspace);
    return { workspace, longWork };
  };
  const opened = await open();
  if (options.seedSamples) await seedSamples(opened.workspace);
  const backups: FileBackups = {
    list: () => listBackups(absolute),
    create: (kind) => createBackup(db, absolute, kind),
    restore: (file) => restoreBackup(absolute, file, loadMigrations().length, binding),
    reopen: open,
    changedSinceLastAsked() {
      // data_version moves when another connection commits (the worker, the CLI); total_changes with this one's.
      const version = db.pragma('data_version', { simple: true }) as number;
      const changes = (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
      const changedNow = seenVersion >= 0 && (version !== seenVersion || changes !== seenChanges);
      seenVersion = version;
      seenChanges = changes;
      return changedNow;
    },
  };
  backups.changedSinceLastAsked();
  const backend = createBackend(opened.workspace, absolute, opened.longWork, options.localUser, backups);
  if (!options.automaticBackups) return backend;
  const timer = setInterval(() => void backend.backUpIfDue().catch(() => undefined), BACKUP_CHECK_MS);
  timer.unref();
  return { ...backend, get workspace() { return backend.workspace; }, close: async () => { clearInterval(timer); await backend.close(); } };
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


