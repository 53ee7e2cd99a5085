/**
 * The repository on one SQLite file (better-sqlite3): transactions, one at a time, over one connection, with the
 * row reads and writes of sqlite-tx.ts and the corpus queries of the modules beside it. It holds no rules of the
 * domain; those are in `../domain/`.
 */
import { ParleyError } from '../errors.ts';
import type Database from 'better-sqlite3';
import type { CorpusQueries, ReadTx, Repository, WriteTx } from '../repository.ts';
import { actorItems, actorSummaries } from './actor-queries.ts';
import { lastAnnotationId, recordAnnotationActorsAfter, recordAnnotationPositionsAfter } from './annotation-actors.ts';
import { agreementDocuments } from './agreement-spans.ts';
import { queryAnnotations } from './annotation-query.ts';
import { dashboard } from './dashboard-query.ts';
import { positionItems, positionsMatrix, stanceOverTime } from './positions-query.ts';
import { HAN_TEXT, searchAnnotations, searchDocuments } from './corpus-search.ts';
import { findDocumentsByUrl, listDocuments, workspaceStats } from './document-queries.ts';
import { exportDocuments, selectExportDocuments } from './export-documents.ts';
import { SqliteTx } from './sqlite-tx.ts';
import { cachedStatement } from './statements.ts';

/** How long a transaction waits for another connection's write (a worker's import, the CLI) before giving up. */
const BUSY_WAIT_MS = 5000;

export class SqliteStore implements Repository {
  /** The end of the queue of work on the connection: each transaction starts when the one before has ended. */
  private tail: Promise<unknown> = Promise.resolve();
  readonly queries: CorpusQueries;

  constructor(private readonly db: Database.Database) {
    // SQLite's own busy wait sleeps on this thread, which also answers the window: while another connection
    // writes, this one waits on timers instead (see `whenFree`), and SQLite reports a busy file at once.
    db.pragma('busy_timeout = 0');
    this.queries = {
      stats: () => this.query(() => workspaceStats(db)),
      listDocuments: (query) => this.query(() => listDocuments(db, query)),
      queryAnnotations: (query) => this.query(() => queryAnnotations(db, query)),
      actorSummaries: () => this.query(() => actorSummaries(db)),
      actorItems: (query) => this.query(() => actorItems(db, query)),
      positionsMatrix: (filter) => this.query(() => positionsMatrix(db, filter)),
      agreementDocuments: () => this.query(() => agreementDocuments(db)),
      stanceOverTime: (actorId, targetId, filter) => this.query(() => stanceOverTime(db, actorId, targetId, filter)),
      positionItems: (actorId, targetId, filter) => this.query(() => positionItems(db, actorId, targetId, filter)),
      searchDocuments: (query, limit) => this.query(() => searchDocuments(db, query, limit)),
      searchAnnotations: (query, filter) => this.query(() => searchAnnotations(db, query, filter)),
      dashboard: (top) => this.query(() => dashboard(db, top)),
      findDocumentsByUrl: (url) => this.query(() => findDocumentsByUrl(db, url)),
      selectExportDocuments: (filter) => this.query(() => selectExportDocuments(db, filter)),
      exportDocuments: (documentIds, filter) => exportDocuments((read) => this.query(() => read(db)), documentIds, filter),
    };
  }

  write<T>(work: (tx: WriteTx) => Promise<T>, options: { bulk?: boolean } = {}): Promise<T> {
    return this.exclusive(async () => {
      const bulk = options.bulk === true;
      await this.whenFree(() => this.run('BEGIN IMMEDIATE'));
      try {
        const annotationsBefore = bulk ? this.deferSearchIndexing() : 0;
        const result = await work(new SqliteTx(this.db, bulk));
        if (bulk) this.indexDeferred(annotationsBefore);
        this.run('COMMIT');
        return result;
      } catch (error) {
        // Some errors (a full disk) end the transaction themselves.
        if (this.db.inTransaction) this.run('ROLLBACK');
        throw storageError(error, this.db.name);
      }
    });
  }

  read<T>(work: (tx: ReadTx) => Promise<T>): Promise<T> {
    // In WAL mode a reader waits only while another connection recovers the log; a read is retried whole.
    return this.exclusive(() =>
      this.whenFree(async () => {
        this.run('BEGIN');
        try {
          return await work(new SqliteTx(this.db, false));
        } finally {
          if (this.db.inTransaction) this.run('COMMIT');
        }
      }),
    );
  }

  async schemaVersion(): Promise<number> {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  close(): Promise<void> {
    return this.exclusive(() => {
      this.db.close();
    });
  }

  /** A read of the corpus queries, which open their own read transactions: in turn, and retried while the file is busy. */
  private query<T>(read: () => T): Promise<T> {
    return this.exclusive(() => this.whenFree(read));
  }

  /**
   * Runs `work` when every transaction asked for before it has ended. The connection is one: a transaction
   * that awaits between its statements must not see another's statements run inside it.
   */
  private exclusive<T>(work: () => T | Promise<T>): Promise<T> {
    const run = this.tail.then(work, work);
    this.tail = run.catch(() => undefined);
    return run;
  }

  /**
   * Runs `attempt` until it does not find the file busy, waiting a little longer each time (on timers, so the
   * thread goes on with other work), for at most BUSY_WAIT_MS; then the last busy error is thrown.
   */
  private async whenFree<T>(attempt: () => T | Promise<T>): Promise<T> {
    const deadline = performance.now() + BUSY_WAIT_MS;
    for (let delay = 1; ; delay = Math.min(delay * 2, 25)) {
      try {
        return await attempt();
      } catch (error) {
        if (!isBusy(error) || performance.now() + delay > deadline) throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }

  private run(sql: string): void {
    cachedStatement(this.db, sql).run();
  }

  /**
   * Holds the full-text index's insert trigger back for a bulk write (see migration 0004: FTS5 writes a new index
   * segment at every statement savepoint, so indexing document by document costs a segment each). Returns the
   * last annotation id before the write, after which `indexDeferred` records annotations' actors and positions.
   */
  private deferSearchIndexing(): number {
    this.run('INSERT INTO documents_fts_deferred (after_id) SELECT coalesce(max(id), 0) FROM documents');
    return lastAnnotationId(this.db);
  }

  /** Indexes every document a bulk write added (in both search indexes), and records the actors and positions of its annotations. */
  private indexDeferred(annotationsBefore: number): void {
    recordAnnotationActorsAfter(this.db, annotationsBefore);
    recordAnnotationPositionsAfter(this.db, annotationsBefore);
    this.run('INSERT INTO documents_fts (rowid, title, text) SELECT id, title, text FROM documents WHERE id > (SELECT after_id FROM documents_fts_deferred)');
    this.run(`INSERT INTO documents_han (rowid, text) SELECT id, text FROM documents WHERE id > (SELECT after_id FROM documents_fts_deferred) AND ${HAN_TEXT('text')}`);
    this.run('DELETE FROM documents_fts_deferred');
  }
}

function isBusy(error: unknown): boolean {
  return error instanceof Error && 'code' in error && (error.code === 'SQLITE_BUSY' || error.code === 'SQLITE_BUSY_SNAPSHOT');
}

/**
 * What the disk or the file refused, in words an analyst can act on; nothing of the change was stored (the
 * transaction rolled back). Other errors pass as they are.
 */
export function storageError(error: unknown, path: string): unknown {
  const code = error instanceof Error && 'code' in error ? String(error.code) : '';
  if (code === 'SQLITE_FULL') {
    return new ParleyError('internal', `The disk that holds ${path} is full: nothing of this change was stored. Free some space, then do it again.`);
  }
  if (code.startsWith('SQLITE_READONLY')) {
    return new ParleyError('internal', `${path} cannot be written (the file or its folder is read-only): nothing of this change was stored. Make it writable, or open a copy.`);
  }
  if (code.startsWith('SQLITE_IOERR')) {
    return new ParleyError('internal', `Writing ${path} failed (${code}): nothing of this change was stored. Check the disk, then do it again.`);
  }
  return error;
}
