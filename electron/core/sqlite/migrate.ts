import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';
import { FutureWorkspaceError } from '../errors.ts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * The folder of numbered SQL files (`0001_name.sql`, ...), the schema's single source of truth: the repo's
 * `migrations/`, or where a packaged app put them (the Electron shell sets PARLEY_MIGRATIONS_DIR).
 */
export function migrationsDir(): string {
  return process.env['PARLEY_MIGRATIONS_DIR'] ?? fileURLToPath(new URL('../../../migrations/', import.meta.url));
}

/** Reads `NNNN_name.sql` files in order, refusing gaps and duplicates so a numbering slip cannot go unnoticed. */
export function loadMigrations(dir: string = migrationsDir()): Migration[] {
  const migrations = readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .map((file) => {
      const match = /^(\d{4})_([a-z0-9_]+)\.sql$/.exec(file);
      if (!match) throw new Error(`Migration file name ${join(dir, file)} is not of the form NNNN_name.sql`);
      return { version: Number(match[1]), name: match[2]!, sql: readFileSync(join(dir, file), 'utf8') };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`Migrations must be numbered 1, 2, 3, ... without gaps; found ${migration.version} at position ${index + 1}`);
    }
  });
  return migrations;
}

/**
 * Brings the database to `target` (default: the latest migration) in one transaction, tracking the version in
 * `PRAGMA user_version`. Either every pending migration applies or none does. A database from the future is
 * refused before anything is written. Foreign keys are off while migrations run, as SQLite's documentation
 * prescribes for rebuilding a table (dropping the old one must not cascade into the tables that refer to it), and
 * every foreign key is checked before the transaction commits.
 */
export function migrate(db: Database.Database, migrations: Migration[], target = migrations.length): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) throw new FutureWorkspaceError(db.name, current, migrations.length);
  if (target < current) throw new Error(`Cannot migrate down from version ${current} to ${target}`);
  if (target === current) return current;
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  // Outside a transaction only: inside one, SQLite ignores this pragma.
  db.pragma('foreign_keys = OFF');
  try {
    registerMigrationFunctions(db);
    db.transaction(() => {
      for (const migration of migrations.slice(current, target)) {
        db.exec(migration.sql);
      }
      const broken = db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
      if (broken.length > 0) {
        const [first] = broken;
        throw new Error(`Migrating to version ${target} would break ${broken.length} reference(s), e.g. ${first!.table} row ${first!.rowid} to ${first!.parent}`);
      }
      // user_version is set inside the transaction, so it rolls back with the schema on failure.
      db.pragma(`user_version = ${target}`);
    }).immediate();
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys}`);
  }
  return target;
}

/**
 * Functions migrations may call (never a view, trigger or index: the schema must open without Parley): JavaScript's
 * trim() and toLowerCase(), which know every script's spaces and letters, where SQLite's trim() and lower() know
 * only ASCII ones (migration 0012 groups targets written in any script).
 */
function registerMigrationFunctions(db: Database.Database): void {
  db.function('parley_trim', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? text.trim() : text));
  db.function('parley_lower', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? text.toLowerCase() : text));
}
