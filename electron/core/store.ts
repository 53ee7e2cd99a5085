import type { AsyncParleyApi } from '../shared/types.ts';

/**
 * A workspace store: everything Parley keeps, behind one asynchronous interface so that the SQLite store of
 * the desktop app and a shared PostgreSQL store of a team server are interchangeable. Every method is one
 * atomic unit of work (one transaction) and receives parameters already validated by the backend.
 */
export interface WorkspaceStore extends AsyncParleyApi {
  /** Releases the underlying database. The store is unusable afterwards. */
  close(): Promise<void>;
}
