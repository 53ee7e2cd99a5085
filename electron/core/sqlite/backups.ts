/**
 * Backups of a workspace file, in a folder beside it (`ukraine.parley` keeps them in `ukraine.parley-backups/`):
 * made with SQLite's online backup API, which copies a consistent snapshot while the workspace stays open and in
 * use (other connections included), and restored with the same API into the live file, so that another process
 * with the workspace open sees the restored content and never a half-copied file.
 *
 * A backup's name says when and why it was made: `2026-12-08T00-21-05.123Z manual.parley`. Kinds: `manual`
 * (File > Back up workspace, `parley backup`), `automatic` (rolling, while the workspace changes; only these are
 * pruned), `before-migration-N` (made by `openDatabase` before the schema moves on from version N) and
 * `before-restore` (the state a restore replaced, so a restore can itself be undone).
 */
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { BackupInfo, BackupKind } from '../../shared/types.ts';
import { ParleyError } from '../errors.ts';
import { loadMigrations } from './migrate.ts';

const NAME = /^(\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z) (manual|automatic|before-restore|before-migration-\d+)\.parley$/;

export function backupsFolder(workspacePath: string): string {
  return `${workspacePath}-backups`;
}

/** A file name for a backup of `kind` made now (colons are not allowed in Windows file names). */
function backupName(kind: BackupKind, at = new Date()): string {
  return `${at.toISOString().replaceAll(':', '-')} ${kind}.parley`;
}

function infoOf(folder: string, file: string): BackupInfo | null {
  const match = NAME.exec(file);
  if (!match) return null;
  const stamp = match[1]!.replace(/T(\d\d)-(\d\d)-(\d\d)/, 'T$1:$2:$3');
  return { file, kind: match[2] as BackupKind, createdAt: new Date(stamp).toISOString(), bytes: statSync(join(folder, file)).size };
}

/** The workspace's backups, newest first. */
export function listBackups(workspacePath: string): BackupInfo[] {
  const folder = backupsFolder(workspacePath);
  let files: string[];
  try {
    files = readdirSync(folder);
  } catch {
    return [];
  }
  return files
    .map((file) => infoOf(folder, file))
    .filter((info): info is BackupInfo => info !== null)
    .sort((a, b) => (a.file < b.file ? 1 : a.file > b.file ? -1 : 0));
}

/** Copies the workspace open on `db` into a new backup of `kind`, while it stays in use. */
export async function createBackup(db: Database.Database, workspacePath: string, kind: BackupKind): Promise<BackupInfo> {
  const folder = backupsFolder(workspacePath);
  mkdirSync(folder, { recursive: true });
  const file = backupName(kind);
  await db.backup(join(folder, file));
  return infoOf(folder, file)!;
}

/**
 * The backup before a migration: `VACUUM INTO` writes a consistent, compact copy in one synchronous statement,
 * which suits `openDatabase` (synchronous, and run before anyone uses the workspace).
 */
export function backupBeforeMigration(db: Database.Database, workspacePath: string, fromVersion: number): BackupInfo {
  const folder = backupsFolder(workspacePath);
  mkdirSync(folder, { recursive: true });
  const file = backupName(`before-migration-${fromVersion}`);
  db.prepare('VACUUM INTO ?').run(join(folder, file));
  return infoOf(folder, file)!;
}

/** Deletes the oldest automatic backups beyond the newest `keep`; the other kinds are the analyst's to delete. */
export function pruneAutomaticBackups(workspacePath: string, keep: number, remove: (path: string) => void): void {
  const automatic = listBackups(workspacePath).filter((backup) => backup.kind === 'automatic');
  for (const backup of automatic.slice(keep)) remove(join(backupsFolder(workspacePath), backup.file));
}

/** The path of backup `file` of the workspace, refusing names that are not one of its backups (no paths, no `..`). */
export function backupPath(workspacePath: string, file: string): string {
  if (basename(file) !== file || !NAME.test(file)) throw new ParleyError('invalid_params', `“${file}” is not the name of a backup of this workspace`, 'file');
  const path = join(backupsFolder(workspacePath), file);
  try {
    statSync(path);
  } catch {
    throw new ParleyError('not_found', `There is no backup “${file}” in ${backupsFolder(workspacePath)}`, 'file');
  }
  return path;
}

/**
 * Writes backup `file` over the workspace at `workspacePath`, through SQLite's backup API (so a connection
 * another process holds sees the restored workspace, not a torn file). The backup is checked first: a
 * damaged one, or one from a newer Parley, is refused and the workspace is left as it was.
 */
export async function restoreBackup(workspacePath: string, file: string, latestVersion: number, options: { nativeBinding?: string } = {}): Promise<void> {
  const source = checkedBackup(workspacePath, file, latestVersion, options);
  try {
    await source.backup(workspacePath);
  } finally {
    source.close();
  }
}

/** Backup `file`, open, once it is known to be whole and of a schema this Parley reads. */
function checkedBackup(workspacePath: string, file: string, latestVersion: number, options: { nativeBinding?: string }): Database.Database {
  const path = backupPath(workspacePath, file);
  const source = new Database(path, { readonly: true, fileMustExist: true, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
  try {
    const integrity = source.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new ParleyError('conflict', `The backup “${file}” is damaged (${String(integrity)}); the workspace was left as it was`);
    const version = source.pragma('user_version', { simple: true }) as number;
    if (version > latestVersion) throw new ParleyError('conflict', `The backup “${file}” was made by a newer Parley (schema version ${version}); the workspace was left as it was`);
    return source;
  } catch (error) {
    source.close();
    throw error;
  }
}

/**
 * Puts backup `file` in place of a workspace too damaged to open (so nothing else can be using it either): the
 * damaged file (with its WAL) is moved aside, never deleted, and a copy of the backup takes its place. Answers
 * where the damaged file went.
 */
export function restoreOverDamaged(workspacePath: string, file: string, latestVersion = loadMigrations().length): string {
  checkedBackup(workspacePath, file, latestVersion, {}).close();
  const aside = `${workspacePath}.damaged-${new Date().toISOString().replaceAll(':', '-')}`;
  renameSync(workspacePath, aside);
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(workspacePath + suffix)) renameSync(workspacePath + suffix, aside + suffix);
  }
  copyFileSync(backupPath(workspacePath, file), workspacePath);
  return aside;
}
