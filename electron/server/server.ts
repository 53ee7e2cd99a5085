/**
 * Browser mode: the renderer and the API served over HTTP on the loopback interface only, for users without
 * Electron and for end-to-end tests. It is a local server that can read and change a workspace, so it trusts
 * nothing: every request must carry the random token of this run (given in the printed URL, then kept in a
 * SameSite=Strict cookie), name this server in its Host header (against DNS rebinding) and, when a browser
 * sends an Origin, come from this server's own origin (against cross-site requests).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY, CONTENT_TYPES } from '../shared/page-policy.ts';
import type { ApiErrorBody, StartUp } from '../shared/types.ts';
import { LAST_DOCUMENT_COOKIE } from '../shared/start-up.ts';
import { sendStartPage } from './start-page.ts';
import { maxRequestBytes } from '../core/import/limits.ts';
import { openBackend, toErrorBody, type Backend, type LongWorkPlace } from '../core/backend.ts';

export interface ServerOptions {
  workspacePath: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** When the port is taken, listen on a free one instead of failing (for a remembered, not a requested, port). */
  portIsPreference?: boolean;
  /** The secret every request must carry; a fresh random one by default. */
  token?: string;
  /** The built renderer (`build/out/renderer`). */
  staticDir: string;
  seedSamples?: boolean;
  /**
   * Where imports and exports run: in a worker thread (the default), so this thread keeps answering requests
   * during them, or on this thread, which the responsiveness test uses to show what the worker spares.
   */
  longWork?: LongWorkPlace;
}

export interface RunningServer {
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

const COOKIE = 'parley_token';

const STATUS_BY_CODE: Record<ApiErrorBody['code'], number> = {
  invalid_params: 400,
  not_found: 404,
  unknown_method: 404,
  conflict: 409,
  internal: 500,
};

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const backend = await openBackend(options.workspacePath, { seedSamples: options.seedSamples ?? false, longWork: options.longWork ?? 'worker', automaticBackups: true });
  const token = options.token ?? randomBytes(24).toString('base64url');
  const staticRoot = resolve(options.staticDir);
  let port = 0;

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) sendJson(response, 500, { error: toErrorBody(error) });
      else response.destroy();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    setSecurityHeaders(response);
    const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
    if (!allowedHosts.includes(request.headers.host ?? '')) {
      return sendText(response, 421, 'Refused: this server answers only to its loopback address.');
    }
    const origin = request.headers.origin;
    if (origin !== undefined && !allowedHosts.some((host) => origin === `http://${host}`)) {
      return sendText(response, 403, 'Refused: requests from other origins are not accepted.');
    }
    const url = new URL(request.url ?? '/', `http://${request.headers.host}`);
    const offered = url.searchParams.get('token');
    if (offered !== null && request.method === 'GET') {
      if (!sameSecret(offered, token)) return sendText(response, 401, 'Refused: wrong token. Open the URL Parley printed.');
      // Keep the token out of the address bar and history: store it in a cookie and drop it from the URL.
      url.searchParams.delete('token');
      response.setHeader('Set-Cookie', `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`);
      response.writeHead(303, { Location: url.pathname + url.search });
      response.end();
      return;
    }
    if (!isAuthorised(request, token)) {
      return sendText(response, 401, 'Refused: no token. Open the URL that `parley serve` printed (it ends in ?token=...).');
    }
    if (url.pathname.startsWith('/api/')) return handleApi(request, response, url.pathname.slice('/api/'.length), backend);
    if (request.method !== 'GET' && request.method !== 'HEAD') return sendText(response, 405, 'Method not allowed.');
    if (request.method === 'GET' && (url.pathname === '/' || url.pathname === '/index.html')) {
      const shown = Number(cookies(request).get(LAST_DOCUMENT_COOKIE));
      const params = Number.isSafeInteger(shown) && shown > 0 ? { documentId: shown } : {};
      // The renderer's built page, read fresh each time as serveStatic does; a missing build is serveStatic's 404.
      // eslint-disable-next-line security/detect-non-literal-fs-filename
      const page = await readFile(join(staticRoot, 'index.html'), 'utf8').catch(() => null);
      if (page !== null) return sendStartPage(response, page, () => backend.dispatch('startUp', params) as Promise<StartUp>);
    }
    return serveStatic(response, staticRoot, url.pathname);
  }

  const listen = (on: number) =>
    new Promise<void>((resolvePromise, reject) => {
      server.once('error', reject);
      server.listen(on, '127.0.0.1', () => {
        server.off('error', reject);
        resolvePromise();
      });
    });
  try {
    await listen(options.port ?? 0);
  } catch (error) {
    const taken = error instanceof Error && 'code' in error && error.code === 'EADDRINUSE';
    if (!(taken && options.portIsPreference)) {
      await backend.close();
      throw error;
    }
    await listen(0);
  }
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    token,
    port,
    async close() {
      await new Promise<void>((resolvePromise) => {
        server.close(() => resolvePromise());
        server.closeAllConnections();
      });
      await backend.close();
    },
  };
}

function isAuthorised(request: IncomingMessage, token: string): boolean {
  const authorization = request.headers.authorization;
  if (authorization?.startsWith('Bearer ') && sameSecret(authorization.slice('Bearer '.length), token)) return true;
  const offered = cookies(request).get(COOKIE);
  return offered !== undefined && sameSecret(offered, token);
}

/** The request's cookies by name (the first of a name wins). */
function cookies(request: IncomingMessage): Map<string, string> {
  const found = new Map<string, string>();
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, value] = part.trim().split('=');
    if (name && value !== undefined && !found.has(name)) found.set(name, value);
  }
  return found;
}

function sameSecret(offered: string, token: string): boolean {
  const a = Buffer.from(offered);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function handleApi(request: IncomingMessage, response: ServerResponse, method: string, backend: Backend) {
  if (request.method !== 'POST') return sendText(response, 405, 'API calls are POST requests.');
  // A JSON content type cannot be sent cross-site without a CORS preflight, which this server never grants.
  if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
    return sendJson(response, 415, { error: { code: 'invalid_params', message: 'API calls need Content-Type: application/json' } });
  }
  const limit = maxRequestBytes(method);
  const body = await readBody(request, limit);
  if (body === TOO_LARGE) {
    // Said before the rest of the body is read; Node reads and drops the rest (keeping nothing of it), so that a
    // client still sending is not cut off before it has the answer.
    return sendJson(response, 413, {
      error: { code: 'invalid_params', message: `The request is larger than the ${limit / 1024 / 1024} MiB that ${method} takes` },
    });
  }
  let params: unknown;
  try {
    params = body.length === 0 ? {} : JSON.parse(body);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return sendJson(response, 400, { error: { code: 'invalid_params', message: `The request body is not valid JSON: ${message}` } });
  }
  try {
    const result = await backend.dispatch(method, params);
    sendJson(response, 200, result);
  } catch (error) {
    const body = toErrorBody(error);
    sendJson(response, STATUS_BY_CODE[body.code], { error: body });
  }
}

const TOO_LARGE = Symbol('too large');

/**
 * The request's body, or TOO_LARGE as soon as it is known to pass `limit` bytes: from its Content-Length before a
 * byte is read, or while reading, when the bytes held so far are let go and the rest is read and dropped.
 */
function readBody(request: IncomingMessage, limit: number): Promise<string | typeof TOO_LARGE> {
  return new Promise((resolvePromise, reject) => {
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > limit) {
      request.resume();
      return resolvePromise(TOO_LARGE);
    }
    let chunks: Buffer[] | null = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      if (!chunks) return;
      size += chunk.length;
      if (size > limit) {
        chunks = null;
        resolvePromise(TOO_LARGE);
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (chunks) resolvePromise(Buffer.concat(chunks).toString('utf8'));
    });
    request.on('error', reject);
  });
}

async function serveStatic(response: ServerResponse, root: string, pathname: string): Promise<void> {
  let relative: string;
  try {
    relative = decodeURIComponent(pathname);
  } catch {
    return sendText(response, 400, 'Bad path.');
  }
  const file = resolve(join(root, relative === '/' ? 'index.html' : relative));
  if (file !== root && !file.startsWith(root + sep)) return sendText(response, 404, 'Not found.');
  try {
    // The path was resolved and checked to stay inside the renderer folder just above.
    // eslint-disable-next-line security/detect-non-literal-fs-filename
    const info = await stat(file);
    if (!info.isFile()) return sendText(response, 404, 'Not found.');
    // eslint-disable-next-line security/detect-non-literal-fs-filename
    const body = await readFile(file);
    response.writeHead(200, {
      'Content-Type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': body.length,
      // Hashed asset names change with their content; the page itself must always be fresh.
      'Cache-Control': file.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable',
    });
    response.end(body);
  } catch {
    sendText(response, 404, 'Not found.');
  }
}

function setSecurityHeaders(response: ServerResponse): void {
  response.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  response.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(text);
}

function sendText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(text + '\n');
}
