import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
// The same policy the hosts send as a header, repeated in a meta tag so a page opened any other way is held to it.
import { META_CONTENT_SECURITY_POLICY } from '../electron/shared/page-policy.ts';

const root = fileURLToPath(new URL('.', import.meta.url));
const shared = fileURLToPath(new URL('../electron/shared', import.meta.url));

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
          `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${META_CONTENT_SECURITY_POLICY}" />`,
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
