/**
 * The address of a workspace in browser mode, kept across restarts: the port and token `parley serve` last used
 * for it, so that a page left open reconnects by itself when the server is back (its cookie still holds the token)
 * and a bookmarked URL keeps working. Kept per workspace in one small file of the user's configuration folder,
 * readable by the user alone; never in the workspace, which may be shared.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export interface BrowserSession {
  token: string;
  /** The port last served on; absent until the workspace has been served once. */
  port?: number;
}

type SessionFile = Record<string, { token: string; port?: number }>;

function read(file: string): SessionFile {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as SessionFile) : {};
  } catch {
    // Missing or unreadable: every workspace starts afresh, with a new token.
    return {};
  }
}

function isToken(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{32,}$/.test(value);
}

/** The session `file` keeps for the workspace at `workspacePath`, or a new one with a fresh random token. */
export function sessionFor(file: string, workspacePath: string): BrowserSession {
  const kept = read(file)[resolve(workspacePath)];
  if (!kept || !isToken(kept.token)) return { token: randomBytes(24).toString('base64url') };
  return Number.isInteger(kept.port) && kept.port! > 0 && kept.port! < 65536 ? { token: kept.token, port: kept.port! } : { token: kept.token };
}

/**
 * Keeps `session` for the workspace, replacing the file whole (written aside, then renamed) and private to the user.
 * Workspaces that no longer exist are forgotten, so the file does not grow with every temporary one.
 */
export function keepSession(file: string, workspacePath: string, session: Required<BrowserSession>): void {
  const kept = Object.entries(read(file)).filter(([path]) => existsSync(path));
  const sessions = { ...Object.fromEntries(kept), [resolve(workspacePath)]: { token: session.token, port: session.port } };
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const staged = `${file}.${process.pid}.tmp`;
  writeFileSync(staged, `${JSON.stringify(sessions, null, 2)}\n`, { mode: 0o600 });
  renameSync(staged, file);
}
