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

// `vite build --mode bench` (run by `npm run bench` alone) builds the app together with the plain-CodeMirror
// baseline page into a folder of its own; the ordinary build, which browser mode serves and the desktop app
// packs, holds the app and nothing else.
export default defineConfig(({ mode }) => ({
  root,
  base: './',
  plugins: [svelte(), contentSecurityPolicy()],
  build: {
    outDir: mode === 'bench' ? '../build/out/bench-renderer' : '../build/out/renderer',
    emptyOutDir: true,
    target: 'es2023',
    modulePreload: { polyfill: false },
    sourcemap: true,
    chunkSizeWarningLimit: 1200,
    ...(mode === 'bench'
      ? { rolldownOptions: { input: { index: fileURLToPath(new URL('index.html', import.meta.url)), plain: fileURLToPath(new URL('bench/plain.html', import.meta.url)) } } }
      : {}),
  },
  server: {
    fs: { allow: [root, shared] },
    ...(apiTarget ? { proxy: { '/api': { target: apiTarget, changeOrigin: false } } } : {}),
  },
}));
