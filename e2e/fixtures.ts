import { test as base, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OffsetIndex } from '../electron/shared/offsets.ts';
import { unpackAnnotations } from '../electron/shared/packed-annotations.ts';
import type { Annotation, OpenDocument } from '../electron/shared/types.ts';

const REPO = fileURLToPath(new URL('..', import.meta.url));

export interface Workbench {
  /** The URL `parley serve` printed, token included. */
  url: string;
  /** The same server without the token. */
  origin: string;
  workspace: string;
  page: Page;
  /** Kills the server (SIGKILL, as a crash would) and resolves once it is gone. */
  killServer(): Promise<void>;
  /** Starts the server again on the same workspace; it comes back at the same address. */
  restartServer(): Promise<string>;
}

/** Starts `parley serve` on a new workspace and resolves with the URL it prints. */
async function serve(workspace: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['electron/cli/bin.mjs', 'serve', workspace], {
    cwd: REPO,
    // Its kept address (port and token) beside the workspace, not among the user's.
    env: { ...process.env, PARLEY_CONFIG_DIR: join(dirname(workspace), 'config') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`parley serve printed no URL in 20 s:\n${output}`)), 20_000);
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Open (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`parley serve exited with ${code}:\n${output}`));
    });
  });
  return { child, url };
}

export const test = base.extend<{ workbench: Workbench }>({
  workbench: async ({ page }, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-e2e-'));
    const workspace = join(dir, 'e2e.parley');
    let { child, url } = await serve(workspace);
    let running = true;
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(url);
    const killServer = async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
      running = false;
    };
    const restartServer = async () => {
      ({ child, url } = await serve(workspace));
      running = true;
      return url;
    };
    await use({ url, origin: new URL(url).origin, workspace, page, killServer, restartServer });
    if (running) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
    expect(pageErrors, 'the page threw no uncaught errors').toEqual([]);
  },
});

/**
 * A document read back through the HTTP API as a script would: `openDocument`, then each annotation's whole
 * record (`getAnnotation`), in reading order.
 */
export async function storedDocument(page: Page, origin: string, id: number): Promise<Omit<OpenDocument, 'annotations'> & { annotations: Annotation[] }> {
  const call = async <T>(method: string, params: object): Promise<T> => {
    const response = await page.request.post(`${origin}/api/${method}`, { data: params });
    expect(response.ok(), `${method} answered ${response.status()}`).toBe(true);
    return (await response.json()) as T;
  };
  const open = await call<OpenDocument>('openDocument', { id });
  const annotations: Annotation[] = [];
  for (const summary of unpackAnnotations(open.annotations, open.document.text, new OffsetIndex(open.document.text))) {
    annotations.push(await call<Annotation>('getAnnotation', { id: summary.id }));
  }
  return { ...open, annotations };
}

export { expect };
