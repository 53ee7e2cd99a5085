/**
 * How the renderer's page is served, the same in every host (Electron's app:// protocol, browser mode, the
 * meta tag of the built page).
 *
 * style-src needs 'unsafe-inline' because CodeMirror injects its styles as <style> elements at run time and
 * annotation decorations set inline style attributes (label colours); scripts stay strictly 'self'. The API
 * goes over IPC or same-origin HTTP, so connect-src 'self' is enough.
 */
const POLICY_WITHOUT_FRAMING = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
];

/** Sent as a header with every response. */
export const CONTENT_SECURITY_POLICY = [...POLICY_WITHOUT_FRAMING, "frame-ancestors 'none'"].join('; ');

/** For the page's <meta> tag, where browsers ignore (and warn about) frame-ancestors. */
export const META_CONTENT_SECURITY_POLICY = POLICY_WITHOUT_FRAMING.join('; ');

/** Content types of the files a built renderer contains. */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};
