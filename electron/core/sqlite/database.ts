import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { FutureWorkspaceError, NotAWorkspaceError } from '../errors.ts';
import { backupBeforeMigration, backupsFolder, listBackups } from './backups.ts';
import { loadMigrations, migrate } from './migrate.ts';

export interface OpenDatabaseOptions {
  /** Where better-sqlite3's native addon is, when it is not the one built for this Node (the Electron build). */
  nativeBinding?: string;
  /** Refuse to create the file if it does not exist. */
  mustExist?: boolean;
}

/**
 * Opens (creating if needed) a workspace file, sets the connection up and migrates it to the latest schema.
 * The pragmas are chosen for one desktop user with a few readers (the renderer, a CLI run alongside):
 * - WAL: readers never block the writer, and a crash mid-write leaves the last committed state intact.
 * - synchronous = NORMAL: in WAL mode this is still durable against application crashes; only an OS crash or
 *   power loss can lose the last transactions, never corrupt the file. FULL would cost an fsync per tag.
 * - foreign_keys: the schema's cascades and references are enforced (off by default in SQLite).
 * - busy_timeout: a second process (the CLI) waits for a lock instead of failing at once. (The store turns it
 *   off for its own transactions and waits on timers instead: see SqliteStore.)
 * - cache_size / mmap_size: a 1M-character document and its annotations stay in memory.
 * - temp_store = MEMORY: statement and savepoint sub-journals stay in memory instead of spilling to temporary
 *   files past 64 KiB. An import keeps one savepoint per file inside a batch's transaction; copying the pages
 *   each file changes to a temporary file added a fifth to the time spent writing annotation rows. Their size
 *   is bounded by what one transaction changes. (The setting also keeps the scratch space of large sorts in
 *   memory.)
 */
export function openDatabase(path: string, options: OpenDatabaseOptions = {}): Database.Database {
  if (options.mustExist && path !== ':memory:' && !existsSync(path)) {
    throw new Error(`No workspace at ${path}`);
  }
  const db = new Database(path, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    // Checked before any pragma below can write to the file: a workspace from the future is never touched.
    const migrations = loadMigrations();
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > migrations.length) throw new FutureWorkspaceError(path, version, migrations.length);
    const journal = db.pragma('journal_mode = WAL', { simple: true });
    if (path !== ':memory:' && journal !== 'wal') throw new Error(`Could not switch ${path} to WAL mode`);
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('cache_size = -32000');
    db.pragma('mmap_size = 268435456');
    db.pragma('temp_store = MEMORY');
    // A workspace about to move to a newer schema is copied first: a migration that goes wrong for it, or a
    // return to the older Parley, finds the workspace as it was in its backups.
    if (path !== ':memory:' && version > 0 && version < migrations.length) backupBeforeMigration(db, path, version);
    migrate(db, migrations);
    return db;
  } catch (error) {
    db.close();
    throw damagedWorkspaceError(error, path);
  }
}

/**
 * What SQLite's "not a database" or "malformed" means for the workspace at `path`, in words that say which
 * backups there are and how to recover the rest (a NotAWorkspaceError); other errors as they are. For opening
 * the file, and for any call that finds a damaged page later.
 */
export function damagedWorkspaceError(error: unknown, path: string): unknown {
  const code = error instanceof Error && 'code' in error ? String(error.code) : '';
  if (code !== 'SQLITE_NOTADB' && !code.startsWith('SQLITE_CORRUPT')) return error;
  const damaged = code.startsWith('SQLITE_CORRUPT');
  const backups = damaged ? listBackups(path) : [];
  return new NotAWorkspaceError(path, (error as Error).message, damaged, backups[0] ? { file: backups[0].file, folder: backupsFolder(path), count: backups.length } : null);
}
