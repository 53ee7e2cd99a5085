import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CONTENT_SECURITY_POLICY } from '../shared/page-policy.ts';
import { createRendererHandler, isAppUrl, resolveRendererFile } from './app-protocol.ts';

// The renderer folder sits next to a file it must never serve.
const root = mkdtempSync(join(tmpdir(), 'parley-app-protocol-'));
const rendererDir = join(root, 'renderer');
mkdirSync(join(rendererDir, 'assets'), { recursive: true });
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html>');
writeFileSync(join(rendererDir, 'assets', 'app.js'), 'export {};');
writeFileSync(join(root, 'secret.txt'), 'not for the page');
const serve = createRendererHandler(rendererDir);

describe('app:// renderer protocol', () => {
  after(() => rmSync(root, { recursive: true, force: true }));

  it('serves index.html for the root, with its type and the CSP', async () => {
    const response = await serve(new Request('app://parley/'));
    assert.equal(response.status, 200);
    assert.equal(await response.text(), '<!doctype html>');
    assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(response.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
  });

  it('serves scripts as JavaScript', async () => {
    const response = await serve(new Request('app://parley/assets/app.js'));
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/javascript; charset=utf-8');
  });

  it('refuses every spelling of a path outside the renderer folder', async () => {
    for (const path of ['..%2Fsecret.txt', 'assets/..%2F..%2Fsecret.txt', '%2E%2E%2Fsecret.txt', '..%5Csecret.txt']) {
      const url = `app://parley/${path}`;
      const file = resolveRendererFile(rendererDir, url);
      assert.ok(file === null || file.startsWith(rendererDir), `${path} resolved to ${file}`);
      const response = await serve(new Request(url));
      assert.notEqual(response.status, 200, path);
      assert.notEqual(await response.text(), 'not for the page', path);
    }
  });

  it('answers 404 for missing files and other hosts, 405 for anything but GET and HEAD', async () => {
    assert.equal((await serve(new Request('app://parley/missing.js'))).status, 404);
    assert.equal((await serve(new Request('app://elsewhere/index.html'))).status, 404);
    assert.equal((await serve(new Request('app://parley/index.html', { method: 'POST', body: 'x' }))).status, 405);
  });

  it('recognises only its own origin', () => {
    assert.equal(isAppUrl('app://parley/index.html#annotation-3'), true);
    assert.equal(isAppUrl('app://parley.evil/index.html'), false);
    assert.equal(isAppUrl('https://parley/index.html'), false);
    assert.equal(isAppUrl('not a url'), false);
  });
});
