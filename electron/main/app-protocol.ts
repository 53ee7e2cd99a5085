import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY, CONTENT_TYPES } from '../shared/page-policy.ts';

/**
 * The renderer is served from `app://parley/`, never `file://`: a custom standard scheme gives the page a real
 * origin of its own (so 'self' in the CSP means exactly the app's files, and no other local file is reachable),
 * and every response goes through the handler below, which adds the security headers.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'parley';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** Whether `url` belongs to the app's own origin. (Node's URL reports origin "null" for unknown schemes, hence no `.origin`.) */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/**
 * The file under `rendererDir` that an app:// URL names (`/` means `/index.html`), or null if the path is
 * malformed or would leave `rendererDir` (`..`, encoded slashes, absolute paths, ...): the resolved path is
 * checked, not the URL text, so no spelling of a traversal gets through.
 */
export function resolveRendererFile(rendererDir: string, url: string): string | null {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null;
  }
  if (pathname === '' || pathname.endsWith('/')) pathname += 'index.html';
  const root = resolve(rendererDir);
  const file = resolve(root, `.${pathname}`);
  return file.startsWith(root + sep) ? file : null;
}

function textResponse(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Security-Policy': CONTENT_SECURITY_POLICY },
  });
}

/** The `protocol.handle` handler that serves the built renderer read-only, with the CSP on every response. */
export function createRendererHandler(rendererDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'Method not allowed');
    if (!isAppUrl(request.url)) return textResponse(404, 'Not found');
    const file = resolveRendererFile(rendererDir, request.url);
    if (file === null) return textResponse(403, 'Forbidden');
    let body: Uint8Array;
    try {
      body = await readFile(file);
    } catch {
      return textResponse(404, 'Not found');
    }
    return new Response(request.method === 'HEAD' ? null : body, {
      status: 200,
      headers: {
        'Content-Type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  };
}
