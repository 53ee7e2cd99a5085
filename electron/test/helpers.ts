import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';

/** A fresh folder for one test file's workspaces, removed when the file's tests end. */
export function temporaryDir(prefix = 'parley-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

let counter = 0;
/** A path for a new workspace file inside `dir`. */
export function workspacePath(dir: string): string {
  counter += 1;
  return join(dir, `workspace-${counter}.parley`);
}
