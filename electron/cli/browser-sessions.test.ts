import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { temporaryDir, workspacePath } from '../test/helpers.ts';
import { keepSession, sessionFor } from './browser-sessions.ts';

const dir = temporaryDir('parley-sessions-');
const CLI = fileURLToPath(new URL('./bin.mjs', import.meta.url));
/** A stand-in for the built renderer: serving it is not what these tests are about. */
const RENDERER = join(dir, 'renderer/');
mkdirSync(RENDERER);
writeFileSync(join(RENDERER, 'index.html'), '<!doctype html><title>Parley</title>');

describe('browser mode sessions', () => {
  it('gives a workspace the same token and port again, kept private, forgetting workspaces that are gone', () => {
    const file = join(dir, 'config', 'browser-sessions.json');
    const workspace = workspacePath(dir);
    writeFileSync(workspace, '');
    const first = sessionFor(file, workspace);
    assert.match(first.token, /^[A-Za-z0-9_-]{32}$/);
    assert.equal(first.port, undefined);
    keepSession(file, workspace, { token: first.token, port: 8123 });
    assert.deepEqual(sessionFor(file, workspace), { token: first.token, port: 8123 });
    assert.equal(statSync(file).mode & 0o777, 0o600);
    keepSession(file, join(dir, 'gone.parley'), { token: first.token, port: 8124 });
    keepSession(file, workspace, { token: first.token, port: 8125 });
    assert.deepEqual(Object.keys(JSON.parse(readFileSync(file, 'utf8')) as object), [workspace]);
    assert.notEqual(sessionFor(file, join(dir, 'other.parley')).token, first.token);
  });

  it('starts afresh from a damaged file', () => {
    const file = join(dir, 'damaged.json');
    writeFileSync(file, '{"not json');
    assert.match(sessionFor(file, workspacePath(dir)).token, /^[A-Za-z0-9_-]{32}$/);
    writeFileSync(file, JSON.stringify({ [workspacePath(dir)]: { token: 'short', port: 'x' } }));
    assert.notEqual(sessionFor(file, workspacePath(dir)).token, 'short');
  });
});

/** Runs `parley serve` until it prints its URL; resolves with the URL and a function that stops it. */
function serve(workspace: string, config: string): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [CLI, 'serve', workspace], {
    env: { ...process.env, PARLEY_CONFIG_DIR: config, PARLEY_RENDERER_DIR: RENDERER },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL in 30 s:\n${output}`)), 30_000);
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Open (http:\/\/\S+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      resolve({ url: match[1]!, stop: () => new Promise((stopped) => (child.once('exit', () => stopped()), child.kill('SIGINT'))) });
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('exit', (code) => reject(new Error(`parley serve exited with ${code}:\n${output}`)));
  });
}

describe('parley serve, restarted', () => {
  it('comes back at the same address, and on a free port with the same token when its port is taken', async () => {
    const workspace = workspacePath(dir);
    const config = join(dir, 'serve-config');
    const first = await serve(workspace, config);
    await first.stop();
    const second = await serve(workspace, config);
    assert.equal(second.url, first.url);
    await second.stop();

    const port = Number(new URL(first.url).port);
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      const third = await serve(workspace, config);
      const [was, now] = [new URL(first.url), new URL(third.url)];
      assert.notEqual(now.port, was.port);
      assert.equal(now.searchParams.get('token'), was.searchParams.get('token'));
      await third.stop();
    } finally {
      blocker.close();
    }
  });
});
