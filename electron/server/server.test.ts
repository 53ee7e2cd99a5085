import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { temporaryDir, workspacePath } from '../test/helpers.ts';
import { startServer, type RunningServer } from './server.ts';
import type { DocumentSummary, StartUp } from '../shared/types.ts';

const dir = temporaryDir();

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP request, so that Host and Origin can be set freely (fetch would not allow it). */
function send(server: RunningServer, options: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: '127.0.0.1',
        port: server.port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: { host: `127.0.0.1:${server.port}`, ...options.headers },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

describe('browser-mode server', () => {
  let server: RunningServer;
  const staticDir = join(dir, 'renderer');

  before(async () => {
    mkdirSync(join(staticDir, 'assets'), { recursive: true });
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Parley</title><body><div id="app"></div><script type="module" src="/assets/app.js"></script></body>');
    writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(dir, 'secret.txt'), 'do not serve');
    server = await startServer({ workspacePath: workspacePath(dir), staticDir, seedSamples: true });
  });
  after(() => server.close());

  const api = (method: string, body: unknown, headers: Record<string, string> = {}) =>
    send(server, {
      method: 'POST',
      path: `/api/${method}`,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}`, ...headers },
      body: JSON.stringify(body),
    });

  it('listens on loopback and prints a URL with a long random token', () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}$/);
  });

  it('refuses requests without the token', async () => {
    const page = await send(server, { path: '/' });
    assert.equal(page.status, 401);
    assert.match(page.body, /no token/);
    const call = await send(server, { method: 'POST', path: '/api/listDocuments', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(call.status, 401);
  });

  it('refuses a wrong token', async () => {
    assert.equal((await send(server, { path: '/?token=wrong' })).status, 401);
    assert.equal((await api('listDocuments', {}, { authorization: 'Bearer wrong' })).status, 401);
    assert.equal((await send(server, { path: '/', headers: { cookie: 'parley_token=wrong' } })).status, 401);
  });

  it('refuses a foreign Origin even with the token', async () => {
    const reply = await api('listDocuments', {}, { origin: 'http://evil.example' });
    assert.equal(reply.status, 403);
    assert.match(reply.body, /other origins/);
    assert.equal((await api('listDocuments', {}, { origin: `http://127.0.0.1:${server.port}` })).status, 200);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const reply = await api('listDocuments', {}, { host: `attacker.example:${server.port}` });
    assert.equal(reply.status, 421);
  });

  it('trades the token in the URL for a strict cookie and drops it from the address', async () => {
    const reply = await send(server, { path: `/?token=${server.token}` });
    assert.equal(reply.status, 303);
    assert.equal(reply.headers.location, '/');
    const cookie = String(reply.headers['set-cookie']);
    assert.match(cookie, /parley_token=.+; HttpOnly; SameSite=Strict/);
    const page = await send(server, { path: '/', headers: { cookie: cookie.split(';')[0]! } });
    assert.equal(page.status, 200);
    assert.match(page.body, /<title>Parley/);
    assert.match(String(page.headers['content-security-policy']), /script-src 'self'/);
    assert.equal(page.headers['referrer-policy'], 'no-referrer');
  });

  it('serves built assets but nothing outside the renderer folder', async () => {
    const auth = { authorization: `Bearer ${server.token}` };
    const asset = await send(server, { path: '/assets/app.js', headers: auth });
    assert.equal(asset.status, 200);
    assert.match(String(asset.headers['content-type']), /text\/javascript/);
    assert.equal((await send(server, { path: '/../secret.txt', headers: auth })).status, 404);
    assert.equal((await send(server, { path: '/%2e%2e/secret.txt', headers: auth })).status, 404);
  });

  it('answers API calls with JSON, and errors with a code, a message and an HTTP status', async () => {
    const list = await api('listDocuments', {});
    assert.equal(list.status, 200);
    assert.equal(JSON.parse(list.body).length, 5);
    const missing = await api('openDocument', { id: 999 });
    assert.equal(missing.status, 404);
    assert.deepEqual(JSON.parse(missing.body), { error: { code: 'not_found', message: 'Document 999 does not exist' } });
    const bad = await api('openDocument', { id: 'x' });
    assert.equal(bad.status, 400);
    assert.equal(JSON.parse(bad.body).error.field, 'id');
    const broken = await send(server, {
      method: 'POST',
      path: '/api/listDocuments',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
      body: '{"query": ',
    });
    assert.equal(broken.status, 400);
    assert.match(JSON.parse(broken.body).error.message, /not valid JSON/);
    const form = await api('listDocuments', {}, { 'content-type': 'text/plain' });
    assert.equal(form.status, 415, 'a simple cross-site form post cannot reach the API');
    assert.equal((await api('noSuchMethod', {})).status, 404);
  });

  /** Sends `bytes` bytes of body in 1 MiB pieces, with or without a Content-Length, and takes the answer whenever it comes. */
  function sendLarge(method: string, bytes: number, declareLength: boolean): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string | number> = { host: `127.0.0.1:${server.port}`, 'content-type': 'application/json', authorization: `Bearer ${server.token}` };
      if (declareLength) headers['content-length'] = bytes;
      const outgoing = request({ host: '127.0.0.1', port: server.port, method: 'POST', path: `/api/${method}`, headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode!, body: Buffer.concat(chunks).toString('utf8') }));
      });
      // Once the server has answered and closed, what is still being sent fails: the answer is what counts.
      outgoing.on('error', (error) => setTimeout(() => reject(error), 1000));
      const piece = Buffer.alloc(1024 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < bytes) {
          sent += piece.length;
          if (!outgoing.write(piece)) return void outgoing.once('drain', pump);
        }
        outgoing.end();
      };
      pump();
    });
  }

  it('answers 413 to a body over the method’s limit, declared or not, before reading it whole, and goes on answering', async () => {
    for (const declareLength of [true, false]) {
      const reply = await sendLarge('listDocuments', 40 * 1024 * 1024, declareLength);
      assert.equal(reply.status, 413, `with${declareLength ? '' : 'out'} a Content-Length`);
      assert.deepEqual(JSON.parse(reply.body), { error: { code: 'invalid_params', message: 'The request is larger than the 16 MiB that listDocuments takes' } });
    }
    // An upload may be larger than other calls: 40 MiB reach importFiles, whose JSON is then refused as such.
    const upload = await sendLarge('importFiles', 40 * 1024 * 1024, true);
    assert.equal(upload.status, 400);
    assert.match(JSON.parse(upload.body).error.message, /not valid JSON/);
    // A document's text may be 64 MiB: a 100 MiB body for createDocument is refused before it is parsed.
    const document = await sendLarge('createDocument', 100 * 1024 * 1024, true);
    assert.equal(document.status, 413);
    assert.match(JSON.parse(document.body).error.message, /larger than the 81 MiB that createDocument takes/);
    assert.equal((await api('listDocuments', {})).status, 200);
  });

  it('searches the corpus over HTTP, and answers a bad query with a plain message on the field', async () => {
    const found = await api('searchCorpus', { query: 'Pokrovsk' });
    assert.equal(found.status, 200);
    const results = JSON.parse(found.body) as { total: number; documents: { title: string; hits: { snippet: { match: string } }[] }[] };
    assert.equal(results.total, 1);
    assert.match(results.documents[0]!.title, /Witkoff/);
    assert.ok(results.documents[0]!.hits.every((hit) => hit.snippet.match === 'Pokrovsk'));
    const unbalanced = await api('searchCorpus', { query: '"Pokrovsk' });
    assert.equal(unbalanced.status, 400);
    assert.deepEqual(JSON.parse(unbalanced.body), {
      error: { code: 'invalid_params', message: 'query: the quote at character 1 is never closed: add the closing " or remove it', field: 'query' },
    });
  });

  describe('the page carries the first screen', () => {
    const page = (cookie = '') => send(server, { path: '/', headers: { cookie: `parley_token=${server.token}${cookie}` } });
    /** The StartUp inlined into the page, and the page around it. */
    const inlined = (body: string) => {
      const match = /<script type="application\/json" id="parley-start-up">(.*?)<\/script>\n<\/body>$/s.exec(body);
      assert.ok(match, `no start-up data before </body> in: ${body.slice(0, 300)}`);
      return JSON.parse(match[1]!) as StartUp;
    };

    it('inlines the lists and the document the window showed last, before </body> and after the app\'s script', async () => {
      const documents = (JSON.parse((await api('listDocuments', {})).body) as DocumentSummary[]).map((doc) => doc.id);
      assert.ok(documents.length >= 2, 'the sample workspace has several documents');
      const reply = await page(`; parley_document=${documents[1]}`);
      assert.equal(reply.status, 200);
      assert.equal(reply.headers['cache-control'], 'no-store');
      assert.ok(reply.body.indexOf('/assets/app.js') < reply.body.indexOf('parley-start-up'), 'the script tag leaves first');
      const startUp = inlined(reply.body);
      assert.deepEqual(startUp.documents.map((doc) => doc.id), documents);
      assert.equal(startUp.opened?.document.id, documents[1]);
      assert.deepEqual(startUp, JSON.parse((await api('startUp', { documentId: documents[1] })).body));
      // No cookie, or one naming no document: the list's first.
      assert.equal(inlined((await page()).body).opened?.document.id, documents[0]);
      assert.equal(inlined((await page('; parley_document=999999')).body).opened?.document.id, documents[0]);
      assert.equal(inlined((await page('; parley_document=<x>')).body).opened?.document.id, documents[0]);
    });

    it('escapes a document whose text would end the element or open markup', async () => {
      const hostile = '</script><script>alert(1)</script><!-- <img src=x onerror=alert(2)>';
      const created = JSON.parse((await api('createDocument', { title: 'Markup </script>', text: hostile })).body) as DocumentSummary;
      const reply = await page(`; parley_document=${created.id}`);
      const data = reply.body.slice(reply.body.indexOf('parley-start-up'));
      assert.equal(data.match(/</g)?.length, 2, 'only the element\'s own </script> and </body> are markup');
      const startUp = inlined(reply.body);
      assert.equal(startUp.opened?.document.text, hostile);
      assert.equal(startUp.documents.find((doc) => doc.id === created.id)?.title, 'Markup </script>');
    });
  });
});
