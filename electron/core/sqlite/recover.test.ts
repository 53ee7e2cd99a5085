import Database from 'better-sqlite3';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { temporaryDir, workspacePath } from '../../test/helpers.ts';
import { openBackend } from '../backend.ts';
import { NotAWorkspaceError, ParleyError, recoveryPath } from '../errors.ts';
import { mulberry32 } from '../export/split.ts';
import { importFile, type ImportedDocument } from '../workspace.ts';
import { openDatabase } from './database.ts';
import type { RecoveryReport } from '../../shared/recovery.ts';
import { recoverWorkspace } from './recover.ts';

const dir = temporaryDir();
const PAGE = 4096;

/** A workspace as analysts have them: the samples, and 60 articles of 40 annotations each, checkpointed into the file. */
async function realWorkspace(): Promise<string> {
  const path = workspacePath(dir);
  const backend = await openBackend(path, { seedSamples: true });
  const documents: ImportedDocument[] = Array.from({ length: 60 }, (_, d) => ({
    document: { title: `Report ${d} 🌍`, text: `${'Said the minister, é. '.repeat(60)}مرحبا ${d} 👩‍👩‍👧` },
    normalisation: { bomRemoved: false, crlfToLf: 0, crToLf: 0 },
    annotations: Array.from({ length: 40 }, (_, a) => ({ key: `T${a}`, label: a % 2 ? 'Quote' : 'Claim', fragments: [[a * 22, a * 22 + 17]], note: `note ${d}/${a}` })),
    relations: [],
  }));
  await importFile(backend.workspace, documents, { duplicates: 'skip' });
  await backend.close();
  const db = new Database(path);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return path;
}

type Row = Record<string, unknown>;

/** Every row of every table the recovery copies, by table, keyed by rowid (or the whole row for WITHOUT ROWID tables). */
function tablesOf(db: Database.Database, report: RecoveryReport): Map<string, Map<string, Row>> {
  const tables = new Map<string, Map<string, Row>>();
  for (const { table } of report.tables) {
    const withoutRowid = (db.pragma('table_list') as { name: string; wr: number }[]).find((entry) => entry.name === table)!.wr === 1;
    const rows = db.prepare(`SELECT ${withoutRowid ? '' : 'rowid AS row_key, '}* FROM "${table}"`).all() as Row[];
    tables.set(table, new Map(rows.map((row) => [withoutRowid ? JSON.stringify(row) : String(row['row_key']), row])));
  }
  return tables;
}

/**
 * The rows of `pristine` that the damaged file still gives back, each looked up alone by its key (not scanned, as
 * recovery does): what recovery must find. A row that reads back different from the original fails the test.
 */
function readableRows(damagedPath: string, pristine: Map<string, Map<string, Row>>): Map<string, Map<string, Row>> {
  const damaged = new Database(damagedPath, { readonly: true });
  // As recovery reads it: a file shorter than its header says is read as far as it goes.
  damaged.unsafeMode(true);
  damaged.pragma('writable_schema = ON');
  const readable = new Map<string, Map<string, Row>>();
  for (const [table, rows] of pristine) {
    const found = new Map<string, Row>();
    for (const [key, row] of rows) {
      try {
        const back =
          'row_key' in row
            ? damaged.prepare(`SELECT rowid AS row_key, * FROM "${table}" WHERE rowid = ?`).get(row['row_key'])
            : damaged.prepare(`SELECT * FROM "${table}" WHERE ${Object.keys(row).map((column) => `"${column}" = ?`).join(' AND ')}`).get(...Object.values(row));
        if (back === undefined) continue;
        assert.deepEqual(back, row, `${table} row ${key} reads back changed from the damaged file`);
        found.set(key, row);
      } catch (error) {
        if (!(error instanceof Error && 'code' in error && /^SQLITE_(CORRUPT|IOERR|NOTADB)/.test(String(error.code)))) throw error;
      }
    }
    readable.set(table, found);
  }
  damaged.close();
  return readable;
}

/** The pages of b-tree `name` (a table or index) of kind `pagetype` in file order, as SQLite's dbstat lists them. */
function pagesOf(path: string, name: string, pagetype: 'leaf' | 'overflow' | 'internal'): number[] {
  const db = new Database(path, { readonly: true });
  const pages = db.prepare('SELECT pageno FROM dbstat WHERE name = ? AND pagetype = ? ORDER BY pageno').pluck().all(name, pagetype) as number[];
  db.close();
  return pages;
}

/** Overwrites whole pages (numbered from 1) with seeded random bytes. */
function scribbleOver(path: string, pages: number[], seed: number): void {
  const random = mulberry32(seed);
  const bytes = readFileSync(path);
  for (const page of pages) {
    for (let at = (page - 1) * PAGE; at < page * PAGE; at += 1) bytes[at] = Math.floor(random() * 256);
  }
  writeFileSync(path, bytes);
}

/**
 * Recovers `damagedPath` and checks the result against `pristine`: each table holds exactly the readable rows, less
 * those that refer to a row that is not there (and the report says so, table by table), and the file opens whole.
 */
function recoverAndCheck(damagedPath: string, pristine: Map<string, Map<string, Row>>, reportTables: string[]): RecoveryReport {
  const before = readFileSync(damagedPath);
  const out = workspacePath(dir);
  const report = recoverWorkspace(damagedPath, out);
  assert.deepEqual(readFileSync(damagedPath), before, 'the damaged file is never written');
  assert.deepEqual(report.tables.map((entry) => entry.table).sort(), reportTables);
  const readable = readableRows(damagedPath, pristine);
  const recovered = openDatabase(out, { mustExist: true });
  assert.equal(recovered.pragma('integrity_check', { simple: true }), 'ok');
  assert.deepEqual(recovered.pragma('foreign_key_check'), []);
  const got = tablesOf(recovered, report);
  for (const entry of report.tables) {
    const wanted = readable.get(entry.table)!;
    const kept = got.get(entry.table)!;
    for (const [key, row] of kept) assert.deepEqual(row, wanted.get(key), `${entry.table} row ${key} was recovered as it was, and was readable`);
    const left = [...wanted.keys()].filter((key) => !kept.has(key));
    // A readable row is left out only when it belongs to a row that was lost (a foreign key with nothing to point at).
    const keys = recovered.pragma(`foreign_key_list("${entry.table}")`) as { table: string; from: string; to: string | null }[];
    for (const key of left) {
      const row = wanted.get(key)!;
      const dangling = keys.some((fk) => row[fk.from] !== null && recovered.prepare(`SELECT 1 FROM "${fk.table}" WHERE "${fk.to ?? 'id'}" = ?`).get(row[fk.from]) === undefined);
      assert.ok(dangling, `${entry.table} row ${key} was readable and belongs to rows that were recovered, yet was left out`);
    }
    assert.equal(entry.recovered, kept.size, `${entry.table}: recovered count`);
    assert.equal(entry.orphaned, left.length, `${entry.table}: orphaned count`);
    if (entry.lost !== null) assert.equal(entry.lost, pristine.get(entry.table)!.size - wanted.size, `${entry.table}: lost count`);
  }
  recovered.close();
  return report;
}

describe('recovering a damaged workspace into a new file', async () => {
  const pristinePath = await realWorkspace();
  const pristineReport = recoverWorkspace(pristinePath, workspacePath(dir));
  const copied = pristineReport.tables.map((entry) => entry.table).sort();
  const pristineDb = new Database(pristinePath, { readonly: true });
  const pristine = tablesOf(pristineDb, pristineReport);
  pristineDb.close();

  test('a whole workspace is recovered entirely: every row of every table, nothing lost', () => {
    assert.ok(copied.includes('annotations') && copied.includes('documents') && copied.includes('history'), copied.join());
    for (const entry of pristineReport.tables) {
      assert.deepEqual({ ...entry }, { table: entry.table, recovered: pristine.get(entry.table)!.size, lost: 0, orphaned: 0 });
    }
    assert.equal(pristine.get("annotations")!.size, 2400);
  });

  test('garbage over pages in the middle: the rows on them are lost, every other row comes back, orphans are dropped', async () => {
    const damaged = workspacePath(dir);
    writeFileSync(damaged, readFileSync(pristinePath));
    const annotationLeaves = pagesOf(damaged, 'annotations', 'leaf');
    const documentLeaves = pagesOf(damaged, 'documents', 'leaf');
    const middle = (pages: number[]) => pages.slice(Math.floor(pages.length / 2), Math.floor(pages.length / 2) + 2);
    scribbleOver(damaged, [...middle(annotationLeaves), ...middle(documentLeaves)], 13);
    assert.throws(() => {
      const db = new Database(damaged, { readonly: true });
      try {
        db.prepare('SELECT * FROM annotations').all();
      } finally {
        db.close();
      }
    }, /malformed/);
    const report = recoverAndCheck(damaged, pristine, copied);
    const annotations = report.tables.find((entry) => entry.table === 'annotations')!;
    const documents = report.tables.find((entry) => entry.table === 'documents')!;
    assert.ok(annotations.lost! > 0 && annotations.recovered > 2000, JSON.stringify(annotations));
    assert.ok(documents.lost! > 0, JSON.stringify(documents));
    assert.ok(annotations.orphaned > 0, 'annotations of lost documents are dropped');
  });

  test('a call that finds a damaged page says the workspace is damaged, and offers recovery with the command', async () => {
    const damaged = workspacePath(dir);
    writeFileSync(damaged, readFileSync(pristinePath));
    scribbleOver(damaged, pagesOf(damaged, 'documents', 'leaf'), 5);
    const backend = await openBackend(damaged);
    await assert.rejects(
      backend.dispatch('listDocuments', {}),
      (error: unknown) =>
        error instanceof NotAWorkspaceError &&
        error.message.startsWith(`${damaged} is damaged (SQLite says: database disk image is malformed). It has not been changed. It has no backups.`) &&
        error.message.endsWith(`Or copy what can still be read into a new workspace with: parley recover "${damaged}" "${recoveryPath(damaged)}".`),
    );
    // The rest of the workspace still answers.
    assert.equal(((await backend.dispatch('listLabels', {})) as unknown[]).length, 4);
    await backend.close();
  });

  test('a truncated file: what is before the cut comes back', () => {
    const damaged = workspacePath(dir);
    writeFileSync(damaged, readFileSync(pristinePath));
    truncateSync(damaged, Math.floor(readFileSync(damaged).length * 0.6 / PAGE) * PAGE);
    const report = recoverAndCheck(damaged, pristine, copied);
    const documents = report.tables.find((entry) => entry.table === 'documents')!;
    assert.ok(documents.recovered > 0 && documents.lost! > 0, JSON.stringify(documents));
  });

  test('a file whose list of tables is garbage: nothing to recover, said plainly, and no new file left behind', () => {
    const damaged = workspacePath(dir);
    writeFileSync(damaged, readFileSync(pristinePath));
    const bytes = readFileSync(damaged);
    // Page 1 past its 100-byte header: the root of sqlite_schema.
    for (let at = 100; at < PAGE; at += 1) bytes[at] = (at * 31) & 0xff;
    writeFileSync(damaged, bytes);
    const out = workspacePath(dir);
    assert.throws(() => recoverWorkspace(damaged, out), (error: unknown) => error instanceof NotAWorkspaceError && /nothing to recover/.test(error.message) && error.message.includes(damaged));
    assert.equal(existsSync(out), false);
  });

  test('never writes over an existing file, nor over the damaged one', () => {
    assert.throws(() => recoverWorkspace(pristinePath, pristinePath), (error: unknown) => error instanceof ParleyError && /must be a new file/.test(error.message));
    const taken = workspacePath(dir);
    writeFileSync(taken, 'someone else’s file');
    assert.throws(() => recoverWorkspace(pristinePath, taken), (error: unknown) => error instanceof ParleyError && /exists already/.test(error.message));
    assert.equal(readFileSync(taken, 'utf8'), 'someone else’s file');
  });
});
