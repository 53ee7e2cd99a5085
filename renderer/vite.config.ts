import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

const root = fileURLToPath(new URL('.', import.meta.url));
const shared = fileURLToPath(new URL('../electron/shared', import.meta.url));

/**
 * The built page runs under `script-src 'self'; style-src 'self' 'unsafe-inline'`. The hosts send that policy
 * as a header; the meta tag repeats it so a page opened any other way is held to the same rules.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'parley-csp',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        if (/<script(?![^>]*\bsrc=)[^>]*>/i.test(html)) {
          throw new Error('index.html must not contain inline scripts (CSP script-src is self only)');
        }
        return html.replace(
          '<meta charset="UTF-8" />',
          `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`,
        );
      },
    },
  };
}

// In development the API comes from a running `parley serve`: PARLEY_API=http://127.0.0.1:5999 npm run dev
const apiTarget = process.env['PARLEY_API'];

export default defineConfig({
  root,
  base: './',
  plugins: [svelte(), contentSecurityPolicy()],
  build: {
    outDir: '../build/out/renderer',
    emptyOutDir: true,
    target: 'es2023',
    modulePreload: { polyfill: false },
    sourcemap: true,
    chunkSizeWarningLimit: 1200,
    // The app, and the plain-CodeMirror baseline page of `npm run bench` (served at bench/plain.html, linked
    // from nowhere in the app).
    rolldownOptions: {
      input: { index: fileURLToPath(new URL('index.html', import.meta.url)), plain: fileURLToPath(new URL('bench/plain.html', import.meta.url)) },
    },
  },
  server: {
    fs: { allow: [root, shared] },
    ...(apiTarget ? { proxy: { '/api': { target: apiTarget, changeOrigin: false } } } : {}),
  },
});
