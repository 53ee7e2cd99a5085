import type { ApiErrorBody } from '../shared/types.ts';
import { WORKSPACE_EXTENSION } from './paths.ts';

/** An error meant for the person using Parley: a stable code, a plain message, and the field at fault. */
export class ParleyError extends Error {
  readonly code: ApiErrorBody['code'];
  readonly field: string | undefined;

  constructor(code: ApiErrorBody['code'], message: string, field?: string) {
    super(message);
    this.name = 'ParleyError';
    this.code = code;
    this.field = field;
  }

  toBody(): ApiErrorBody {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field };
  }
}

export function notFound(what: string, id: number | string): ParleyError {
  return new ParleyError('not_found', `${what} ${id} does not exist`);
}

export function invalid(field: string, message: string): ParleyError {
  return new ParleyError('invalid_params', `${field}: ${message}`, field);
}

export function conflict(message: string, field?: string): ParleyError {
  return new ParleyError('conflict', message, field);
}

/**
 * A workspace file that cannot be opened as it is. The file is never changed: the host tells the person which
 * file and why, and offers another.
 */
export class WorkspaceOpenError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'WorkspaceOpenError';
  }
}

/** The workspace was written by a newer Parley, whose schema this one does not know. */
export class FutureWorkspaceError extends WorkspaceOpenError {
  constructor(path: string, found: number, supported: number) {
    super(
      path,
      `The workspace ${path} was written by a newer version of Parley (schema version ${found}; this version ` +
        `understands up to ${supported}). It has not been opened or changed: update Parley to open it.`,
    );
    this.name = 'FutureWorkspaceError';
  }
}

/** Where recovery of a damaged workspace suggests putting what it recovers: beside it, `ukraine.recovered.parley`. */
export function recoveryPath(path: string): string {
  const stem = path.toLowerCase().endsWith(WORKSPACE_EXTENSION) ? path.slice(0, -WORKSPACE_EXTENSION.length) : path;
  return `${stem}.recovered${WORKSPACE_EXTENSION}`;
}

/**
 * The file is not a workspace: not a database at all, or a damaged one (`damaged`), for which the message says
 * which backups there are and how to put one back (`newestBackup`: its file name in the backups folder).
 */
export class NotAWorkspaceError extends WorkspaceOpenError {
  constructor(
    path: string,
    reason: string,
    readonly damaged = false,
    readonly newestBackup: { file: string; folder: string; count: number } | null = null,
  ) {
    const what = damaged ? `${path} is damaged` : `${path} is not a Parley workspace`;
    const backups = !damaged
      ? ''
      : newestBackup
        ? ` It has ${newestBackup.count} backup${newestBackup.count === 1 ? '' : 's'} in ${newestBackup.folder}; put the newest back with: parley restore "${path}" "${newestBackup.file}" (the damaged file is kept beside it).`
        : ' It has no backups.';
    const recovery = damaged ? ` Or copy what can still be read into a new workspace with: parley recover "${path}" "${recoveryPath(path)}".` : '';
    super(path, `${what} (SQLite says: ${reason}). It has not been changed.${backups}${recovery}`);
    this.name = 'NotAWorkspaceError';
  }
}
