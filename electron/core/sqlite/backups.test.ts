import assert from 'node:assert/strict';
import { readdirSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import type { BackupInfo, BackupRestored, ChangeResult, DocumentSummary, Label } from '../../shared/types.ts';
import { temporaryDir, workspacePath } from '../../test/helpers.ts';
import { openBackend, type Backend } from '../backend.ts';
import { ParleyError } from '../errors.ts';
import { backupsFolder } from './backups.ts';
import { openDatabase } from './database.ts';
import { loadMigrations, migrate } from './migrate.ts';

const dir = temporaryDir('parley-backups-');

/** Every row of every table of the workspace at `path` (the search index's own tables included), read by a connection of its own. */
function dump(path: string): Record<string, unknown[]> {
  const db = new Database(path, { readonly: true });
  try {
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name`).all() as { name: string }[];
    // Some of the search index's tables have no rowid: rows are compared in a sorted order of their own.
    const rows = (name: string) => db.prepare(`SELECT * FROM "${name}"`).all().map((row) => JSON.stringify(row, (_key, value: unknown) => (Buffer.isBuffer(value) ? value.toString('hex') : value)));
    return Object.fromEntries(tables.map(({ name }) => [name, rows(name).sort()]));
  } finally {
    db.close();
  }
}

async function tag(backend: Backend, documentId: number, start: number, end: number): Promise<number> {
  const [quote] = (await backend.dispatch('listLabels', {})) as Label[];
  const result = (await backend.dispatch('edit', { documentId, description: 'Tag', edits: [{ op: 'createAnnotation', ref: 'a', labelId: quote!.id, fragments: [[start, end]] }] })) as ChangeResult;
  return result.createdIds['a']!;
}

async function rejectsWith(promise: Promise<unknown>, code: string, message: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => error instanceof ParleyError && error.code === code && message.test(error.message));
}

describe('backups', () => {
  it('restore gives back exactly the rows that were backed up, while another connection has the workspace open, and can itself be undone', async () => {
    const path = workspacePath(dir);
    const backend = await openBackend(path, { seedSamples: true });
    const [first] = (await backend.dispatch('listDocuments', {})) as DocumentSummary[];
    await tag(backend, first!.id, 0, 5);
    await backend.dispatch('createDocument', { title: 'Backed up', text: 'Ushakov 😀 said e\u0301 مرحبا.' });
    const backup = (await backend.dispatch('backUpWorkspace', {})) as BackupInfo;
    const atBackup = dump(path);
    assert.equal(backup.kind, 'manual');
    assert.ok(backup.bytes > 0);

    // Changes after the backup: a document, a tag, a removed document, a setting.
    const other = new Database(path);
    const created = (await backend.dispatch('createDocument', { title: 'After', text: 'Written after the backup.' })) as DocumentSummary;
    await tag(backend, created.id, 0, 7);
    await backend.dispatch('deleteDocument', { id: first!.id });
    await backend.dispatch('updateSettings', { author: 'Natasha' });
    const changed = dump(path);
    assert.notDeepEqual(changed, atBackup);

    const restored = (await backend.dispatch('restoreBackup', { file: backup.file })) as BackupRestored;
    assert.equal(restored.restored.file, backup.file);
    assert.equal(restored.replaced.kind, 'before-restore');
    assert.deepEqual(dump(path), atBackup);
    // The other connection (another process, say) reads the restored workspace, not a torn one.
    assert.equal((other.prepare('SELECT count(*) AS n FROM documents WHERE title = ?').get('After') as { n: number }).n, 0);
    assert.equal(other.pragma('integrity_check', { simple: true }), 'ok');
    other.close();
    // The backend goes on with the restored workspace.
    const titles = ((await backend.dispatch('listDocuments', {})) as DocumentSummary[]).map((document) => document.title);
    assert.ok(titles.includes('Backed up') && !titles.includes('After'));

    // Restoring the backup of what the restore replaced undoes the restore.
    await backend.dispatch('restoreBackup', { file: restored.replaced.file });
    assert.deepEqual(dump(path), changed);
    const kinds = ((await backend.dispatch('listBackups', {})) as BackupInfo[]).map((info) => info.kind);
    assert.deepEqual(kinds, ['before-restore', 'before-restore', 'manual'], 'newest first');
    await backend.close();
  });

  it('refuses a name that is no backup, a missing one, a damaged one and one from a newer Parley, leaving the workspace as it was', async () => {
    const path = workspacePath(dir);
    const backend = await openBackend(path);
    await backend.dispatch('createDocument', { title: 'Kept', text: 'Nothing may change this.' });
    const backup = (await backend.dispatch('backUpWorkspace', {})) as BackupInfo;
    const before = dump(path);
    await rejectsWith(backend.dispatch('restoreBackup', { file: '../elsewhere.parley' }), 'invalid_params', /is not the name of a backup/);
    await rejectsWith(backend.dispatch('restoreBackup', { file: '2020-01-01T00-00-00.000Z manual.parley' }), 'not_found', /There is no backup/);

    const future = join(backupsFolder(path), '2030-01-01T00-00-00.000Z manual.parley');
    const newer = new Database(future);
    newer.pragma(`user_version = ${loadMigrations().length + 1}`);
    newer.close();
    await rejectsWith(backend.dispatch('restoreBackup', { file: '2030-01-01T00-00-00.000Z manual.parley' }), 'conflict', /made by a newer Parley/);

    truncateSync(join(backupsFolder(path), backup.file), 8192);
    await assert.rejects(backend.dispatch('restoreBackup', { file: backup.file }));
    assert.deepEqual(dump(path), before);
    assert.equal(((await backend.dispatch('listDocuments', {})) as DocumentSummary[])[0]!.title, 'Kept', 'and the backend still answers');
    await backend.close();
  });

  it('backs a workspace up before migrating it to a newer schema', () => {
    const path = workspacePath(dir);
    const migrations = loadMigrations();
    const old = new Database(path);
    migrate(old, migrations, migrations.length - 1);
    old.prepare(`INSERT INTO documents (title, text, length, content_hash, created_at, updated_at) VALUES ('Old', 'From an older Parley.', 21, 'h', 'now', 'now')`).run();
    old.close();
    openDatabase(path).close();
    const files = readdirSync(backupsFolder(path));
    assert.equal(files.length, 1);
    assert.ok(files[0]!.endsWith(` before-migration-${migrations.length - 1}.parley`), files[0]);
    const copy = new Database(join(backupsFolder(path), files[0]!), { readonly: true });
    assert.equal(copy.pragma('user_version', { simple: true }), migrations.length - 1);
    assert.equal((copy.prepare('SELECT title FROM documents').get() as { title: string }).title, 'Old');
    copy.close();
    // Opening it again migrates nothing, so backs nothing up.
    openDatabase(path).close();
    assert.equal(readdirSync(backupsFolder(path)).length, 1);
  });

  it('makes rolling automatic backups while the workspace changes, as often as the settings say, keeping the newest few', async () => {
    const path = workspacePath(dir);
    const backend = await openBackend(path);
    await backend.dispatch('updateSettings', { backupEveryMinutes: 5, backupsKept: 2 });
    const document = (await backend.dispatch('createDocument', { title: 'Changing', text: 'A text that is tagged again and again.' })) as DocumentSummary;
    const start = Date.now();
    const minutes = (n: number) => start + n * 60_000;
    assert.equal((await backend.backUpIfDue(minutes(0)))?.kind, 'automatic', 'changed, and never backed up');
    assert.equal(await backend.backUpIfDue(minutes(10)), null, 'nothing changed since');
    await tag(backend, document.id, 0, 1);
    assert.ok(await backend.backUpIfDue(minutes(11)), 'changed, and the last backup is 11 minutes old');
    await tag(backend, document.id, 1, 2);
    assert.equal(await backend.backUpIfDue(minutes(14)), null, 'changed, but the last backup is 3 minutes old');
    await tag(backend, document.id, 2, 4);
    // A change by another connection (the CLI importing) counts too.
    const other = new Database(path);
    other.prepare(`UPDATE documents SET title = 'Renamed elsewhere' WHERE id = ?`).run(document.id);
    other.close();
    await new Promise((resolve) => setTimeout(resolve, 5)); // backup names are to the millisecond
    assert.ok(await backend.backUpIfDue(minutes(20)));
    const automatic = ((await backend.dispatch('listBackups', {})) as BackupInfo[]).filter((info) => info.kind === 'automatic');
    assert.equal(automatic.length, 2, 'the oldest went');
    const newest = new Database(join(backupsFolder(path), automatic[0]!.file), { readonly: true });
    assert.equal((newest.prepare('SELECT title FROM documents WHERE id = ?').get(document.id) as { title: string }).title, 'Renamed elsewhere');
    newest.close();
    await backend.dispatch('updateSettings', { backupEveryMinutes: 0 });
    await tag(backend, document.id, 5, 6);
    assert.equal(await backend.backUpIfDue(minutes(60)), null, 'off');
    await backend.close();
  });
});
