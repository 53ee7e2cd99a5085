import type Database from 'better-sqlite3';

const caches = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/**
 * The prepared statement for `sql` on `db`, prepared once per connection and reused. Preparing costs more
 * than running a short statement (an INSERT into documents compiles its full-text triggers too), so code that
 * runs per file, per document or per batch takes its statements from here instead of calling `db.prepare`.
 * Statements are never finalised early: they go with the connection.
 */
export function cachedStatement<BindParameters extends unknown[] | object = unknown[], Result = unknown>(
  db: Database.Database,
  sql: string,
): Database.Statement<BindParameters, Result> {
  return cached(db, sql, false) as unknown as Database.Statement<BindParameters, Result>;
}

/**
 * Like `cachedStatement`, in raw mode: each row is an array of the columns in SELECT order. Reading many rows,
 * arrays are much cheaper to make than objects keyed by column name (which the caller would copy anyway).
 */
export function cachedRawStatement<BindParameters extends unknown[] | object = unknown[]>(
  db: Database.Database,
  sql: string,
): Database.Statement<BindParameters, unknown[]> {
  return cached(db, sql, true) as unknown as Database.Statement<BindParameters, unknown[]>;
}

function cached(db: Database.Database, sql: string, raw: boolean): Database.Statement {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const key = raw ? `raw:${sql}` : sql;
  let statement = cache.get(key);
  if (!statement) {
    statement = db.prepare(sql);
    if (raw) statement.raw(true);
    cache.set(key, statement);
  }
  return statement;
}
