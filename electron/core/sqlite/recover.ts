/**
 * Recovery of a damaged workspace: every row SQLite can still read is copied into a new workspace file, table by
 * table, and the damaged file is only ever opened read-only. A table is read in rowid (or primary key) order; where
 * a read fails on a damaged page, the rows of that page range are skipped and reading goes on past it, so one bad
 * page costs the rows it held and no more. The new file is made by the migrations up to the damaged file's schema
 * version, filled in one transaction, and then migrated to the current schema like any older workspace.
 */
import Database from 'better-sqlite3';
import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { RecoveryReport, TableRecovery } from '../../shared/recovery.ts';
import { INITIALISED, SAMPLES_SEEDED } from '../domain/workspace-service.ts';
import { FutureWorkspaceError, NotAWorkspaceError, ParleyError } from '../errors.ts';
import { recordAnnotationActorsAfter, recordAnnotationPositionsAfter } from './annotation-actors.ts';
import { openDatabase } from './database.ts';
import { loadMigrations, migrate } from './migrate.ts';

/**
 * Tables whose rows are derived from others and rebuilt from them after the copy rather than copied: a damaged
 * page of one of these costs nothing. (The search indexes, virtual tables, are refilled by the documents' insert
 * triggers as documents are copied; `documents_fts_deferred` only marks a bulk write in progress.)
 */
const REBUILT = new Set(['annotation_actors', 'annotation_positions', 'documents_fts_deferred']);

/** Rows read per statement: small enough that a read failing partway loses no readable row before it. */
const BATCH = 200;
/** Past a damaged page, keys are tried one by one this far, then in doubling steps (sparse keys, long damage). */
const LINEAR_PROBES = 4096;

interface ColumnInfo {
  name: string;
  pk: number;
}

/** A table as read from the damaged file: how to read it in key order from a key on. */
interface TableReader {
  table: string;
  columns: string[];
  /** The rowid is copied too (tables without an INTEGER PRIMARY KEY, whose rowid is no column). */
  copyRowid: boolean;
  /** The column the scan is ordered by and resumes from: `rowid`, or a WITHOUT ROWID table's first key column. */
  key: string;
  /** False when that key is not an integer, so reading cannot skip past a damaged page. */
  integerKey: boolean;
}

/** A read failed because the file is damaged (as opposed to a mistake in what was asked). */
function isDamage(error: unknown): boolean {
  const code = error instanceof Error && 'code' in error ? String(error.code) : '';
  return code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_IOERR') || code === 'SQLITE_RANGE';
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Copies what can be read of the workspace at `damagedPath` into a new workspace at `outPath`, which must not
 * exist, and says per table how many rows were recovered and how many were lost. The damaged file is opened
 * read-only and never written. On failure the partial new file is removed.
 */
export function recoverWorkspace(damagedPath: string, outPath: string, options: { nativeBinding?: string } = {}): RecoveryReport {
  if (resolve(damagedPath) === resolve(outPath)) throw new ParleyError('invalid_params', 'The recovered workspace must be a new file, not the damaged one', 'out');
  if (!existsSync(damagedPath)) throw new ParleyError('not_found', `No workspace at ${damagedPath}`);
  if (existsSync(outPath)) throw new ParleyError('conflict', `${outPath} exists already; recovery writes a new file only`, 'out');
  const binding = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  const source = new Database(damagedPath, { readonly: true, fileMustExist: true, ...binding });
  // SQLite refuses a file shorter than its header says (a truncated one) unless the schema is writable, which on a
  // read-only connection only relaxes that check: the pages that are there can then be read.
  source.unsafeMode(true);
  source.pragma('writable_schema = ON');
  try {
    const migrations = loadMigrations();
    let version: number;
    try {
      version = source.pragma('user_version', { simple: true }) as number;
      source.prepare('SELECT count(*) FROM sqlite_schema').get();
    } catch (error) {
      if (!isDamage(error)) throw error;
      throw new NotAWorkspaceError(damagedPath, `${(error as Error).message}; not even its list of tables can be read, so there is nothing to recover`);
    }
    if (version > migrations.length) throw new FutureWorkspaceError(damagedPath, version, migrations.length);
    if (version === 0) throw new NotAWorkspaceError(damagedPath, 'it holds no Parley schema, so there is nothing to recover');
    const target = new Database(outPath, binding);
    try {
      migrate(target, migrations, version);
      const tables = copyReadableRows(source, target);
      migrate(target, migrations);
      const rebuilt = [...REBUILT].filter((table) => tables.some((recovery) => recovery.table === table));
      target.transaction(() => {
        if (rebuilt.includes('annotation_actors')) recordAnnotationActorsAfter(target, 0);
        if (rebuilt.includes('annotation_positions')) recordAnnotationPositionsAfter(target, 0);
      })();
      target.close();
      // Opened as any workspace is (WAL, checks), so what was made is known to open.
      openDatabase(outPath, { mustExist: true, ...binding }).close();
      return { damaged: damagedPath, recovered: outPath, tables: tables.filter((recovery) => !REBUILT.has(recovery.table)) };
    } catch (error) {
      if (target.open) target.close();
      for (const suffix of ['', '-wal', '-shm']) rmSync(outPath + suffix, { force: true });
      throw error;
    }
  } finally {
    source.close();
  }
}

/** The ordinary tables of the new file's schema (not SQLite's own, not search indexes and their shadow tables). */
function tablesToCopy(target: Database.Database): string[] {
  const list = target.pragma('table_list') as { schema: string; name: string; type: string }[];
  return list
    .filter((table) => table.schema === 'main' && table.type === 'table' && !table.name.startsWith('sqlite_'))
    .map((table) => table.name)
    .sort();
}

function readerFor(target: Database.Database, table: string): TableReader {
  const info = target.pragma(`table_info(${quoted(table)})`) as (ColumnInfo & { type: string })[];
  const withoutRowid = (target.pragma('table_list') as { name: string; wr: number }[]).find((entry) => entry.name === table)!.wr === 1;
  const columns = info.map((column) => column.name);
  const key = info.filter((column) => column.pk > 0).sort((a, b) => a.pk - b.pk);
  if (!withoutRowid) {
    const rowidAlias = key.length === 1 && key[0]!.type.toUpperCase() === 'INTEGER';
    return { table, columns, copyRowid: !rowidAlias, key: 'rowid', integerKey: true };
  }
  return { table, columns, copyRowid: false, key: key[0]!.name, integerKey: key[0]!.type.toUpperCase() === 'INTEGER' };
}

/** Copies every readable row of every table, in one transaction, with foreign keys checked afterwards. */
function copyReadableRows(source: Database.Database, target: Database.Database): TableRecovery[] {
  target.pragma('foreign_keys = OFF');
  const recoveries = target.transaction(() => {
    const tables = tablesToCopy(target).map((table): TableRecovery => {
      if (REBUILT.has(table)) return { table, recovered: 0, lost: 0, orphaned: 0 };
      return { table, ...copyTable(source, target, readerFor(target, table)), orphaned: 0 };
    });
    copySequences(source, target);
    // The workspace was set up and given its samples once, even if the settings that say so were lost: opening it
    // must not add the default labels again (over the recovered ones) nor bring back samples deleted long ago.
    const mark = target.prepare("INSERT OR IGNORE INTO settings (key, value) VALUES (?, 'true')");
    for (const key of [INITIALISED, SAMPLES_SEEDED]) mark.run(key);
    const orphaned = removeOrphans(target);
    for (const recovery of tables) {
      recovery.orphaned = orphaned.get(recovery.table) ?? 0;
      recovery.recovered -= recovery.orphaned;
    }
    return tables;
  })();
  target.pragma('foreign_keys = ON');
  return recoveries;
}

/** Copies the readable rows of one table: how many were copied, and how many of the damaged file's were not. */
function copyTable(source: Database.Database, target: Database.Database, reader: TableReader): { recovered: number; lost: number | null } {
  const { table, columns, key, copyRowid } = reader;
  const list = columns.map(quoted).join(', ');
  let exists = true;
  try {
    source.prepare(`SELECT ${list} FROM ${quoted(table)} LIMIT 0`);
  } catch {
    // The damaged file's schema lacks the table (or its schema row is unreadable): nothing of it to read.
    exists = false;
  }
  if (!exists) return { recovered: 0, lost: null };
  const expected = countRows(source, table);
  const keyColumn = key === 'rowid' ? 'rowid' : quoted(key);
  // Integer keys are read from a key on (`>=`), the same seek as the probe past damage below, so that where a probe
  // found a readable row the scan finds it too; other keys from after the last one read.
  const from = (limit: number) =>
    source.prepare(`SELECT ${keyColumn} AS recovery_key, ${list} FROM ${quoted(table)} WHERE ${keyColumn} ${reader.integerKey ? '>=' : '>'} ? ORDER BY ${keyColumn} LIMIT ${limit}`);
  const select = from(BATCH).raw(true).safeIntegers(true);
  // Whole rows, not keys alone: a row whose key reads but whose values do not (a damaged overflow page) is skipped.
  const probe = from(1);
  const insert = target.prepare(
    copyRowid
      ? `INSERT INTO ${quoted(table)} (rowid, ${list}) VALUES (${['?', ...columns.map(() => '?')].join(', ')})`
      : `INSERT INTO ${quoted(table)} (${list}) VALUES (${columns.map(() => '?').join(', ')})`,
  );
  let recovered = 0;
  let start: bigint | number = reader.integerKey ? -(2n ** 63n) : -Infinity;
  for (;;) {
    let read = 0;
    try {
      for (const row of select.iterate(start) as Iterable<unknown[]>) {
        read += 1;
        const [rowKey, ...values] = row;
        start = reader.integerKey ? (rowKey as bigint) + 1n : (rowKey as number);
        try {
          insert.run(...(copyRowid ? [rowKey, ...values] : values));
          recovered += 1;
        } catch (error) {
          // Bytes that read as a row but break the schema's rules (types, checks, uniqueness): lost, not kept.
          if (!(error instanceof Error && 'code' in error && String(error.code).startsWith('SQLITE_CONSTRAINT'))) throw error;
        }
      }
      if (read < BATCH) break;
    } catch (error) {
      if (!isDamage(error)) throw error;
      if (!reader.integerKey) break;
      // The row at or after `start` is unreadable, or the page `start` leads to is: resume past it.
      const next = nextReadableKey(probe, (start as bigint) + 1n);
      if (next === null) break;
      start = next;
    }
  }
  return { recovered, lost: expected === null ? null : Math.max(0, expected - recovered) };
}

/**
 * The first key from `from` on whose seek reaches a readable row, tried one by one (a damaged page's keys are
 * contiguous) and then in doubling steps (sparse keys, long damage). Null when nothing from there on is readable.
 */
function nextReadableKey(probe: Database.Statement, from: bigint): bigint | null {
  const readable = (key: bigint): boolean | null => {
    try {
      return probe.get(key) !== undefined;
    } catch (error) {
      if (!isDamage(error)) throw error;
      return null;
    }
  };
  const LIMIT = 2n ** 63n - 1n;
  let step = 0n;
  for (let tries = 0; from + step < LIMIT; tries += 1) {
    const key = from + step;
    const answer = readable(key);
    if (answer === false) return null;
    if (answer === true) return key;
    step = tries < LINEAR_PROBES ? step + 1n : step * 2n;
  }
  return null;
}

/**
 * How many rows the damaged table held, from the first of its b-trees that can still be counted whole: the table
 * itself, or one of its (full, not partial) indexes, which list every row too. Null when none can.
 */
function countRows(source: Database.Database, table: string): number | null {
  const indexes = (source.pragma(`index_list(${quoted(table)})`) as { name: string; partial: number }[]).filter((index) => index.partial === 0);
  const ways = [`${quoted(table)} NOT INDEXED`, ...indexes.map((index) => `${quoted(table)} INDEXED BY ${quoted(index.name)}`)];
  let best: number | null = null;
  for (const way of ways) {
    try {
      // An index's automatic name (a UNIQUE or PRIMARY KEY constraint) cannot be named in INDEXED BY: skipped.
      const count = (source.prepare(`SELECT count(*) AS n FROM ${way}`).get() as { n: number }).n;
      best = Math.max(best ?? 0, count);
    } catch {
      // This b-tree is damaged (or cannot be named): try the next.
    }
  }
  return best;
}

/** AUTOINCREMENT counters as the damaged file had them where readable, so ids of deleted rows are never reused. */
function copySequences(source: Database.Database, target: Database.Database): void {
  let rows: { name: string; seq: number }[];
  try {
    rows = source.prepare('SELECT name, seq FROM sqlite_sequence').all() as { name: string; seq: number }[];
  } catch (error) {
    if (!isDamage(error)) throw error;
    return;
  }
  const raise = target.prepare('UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = ?');
  const add = target.prepare('INSERT INTO sqlite_sequence (name, seq) SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = ?)');
  for (const row of rows) {
    if (raise.run(row.seq, row.name).changes === 0) add.run(row.name, row.seq, row.name);
  }
}

/**
 * Deletes recovered rows that refer to a row that was lost (an annotation whose document was on a damaged page),
 * again and again until no reference is broken, since a deletion can orphan rows that referred to it. Answers
 * how many rows of each table went.
 */
function removeOrphans(target: Database.Database): Map<string, number> {
  const removed = new Map<string, number>();
  for (;;) {
    let round = 0;
    for (const table of tablesToCopy(target)) {
      const keys = target.pragma(`foreign_key_list(${quoted(table)})`) as { id: number; table: string; from: string; to: string | null }[];
      for (const id of new Set(keys.map((key) => key.id))) {
        const parts = keys.filter((key) => key.id === id);
        const parent = parts[0]!.table;
        const parentColumns = parts.map((part, index) => part.to ?? primaryKey(target, parent)[index]!);
        const matches = parts.map((part, index) => `p.${quoted(parentColumns[index]!)} = c.${quoted(part.from)}`).join(' AND ');
        const present = parts.map((part) => `c.${quoted(part.from)} IS NOT NULL`).join(' AND ');
        const changes = target
          .prepare(`DELETE FROM ${quoted(table)} AS c WHERE ${present} AND NOT EXISTS (SELECT 1 FROM ${quoted(parent)} AS p WHERE ${matches})`)
          .run().changes;
        if (changes > 0) removed.set(table, (removed.get(table) ?? 0) + changes);
        round += changes;
      }
    }
    if (round === 0) return removed;
  }
}

function primaryKey(db: Database.Database, table: string): string[] {
  const info = db.pragma(`table_info(${quoted(table)})`) as ColumnInfo[];
  const key = info.filter((column) => column.pk > 0).sort((a, b) => a.pk - b.pk).map((column) => column.name);
  return key.length > 0 ? key : ['rowid'];
}
