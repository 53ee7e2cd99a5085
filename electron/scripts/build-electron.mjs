/**
 * Bundles the Electron main process and preload (TypeScript, ESM) into CommonJS files Electron can load:
 *   electron/main/main.ts    -> build/out/electron/main.cjs     (package.json "main")
 *   electron/main/preload.ts -> build/out/electron/preload.cjs  (sandboxed preloads must be CommonJS)
 *   electron/main/backend-process.ts -> build/out/electron/backend.cjs  (the utility process holding the workspace)
 *   electron/core/worker/long-work-worker.ts -> build/out/electron/long-work-worker.cjs  (its imports and exports)
 *   electron/core/worker/parse-worker.ts     -> build/out/electron/parse-worker.cjs      (its readers of HTML, Word, PDF)
 * `electron` and `better-sqlite3` stay external: the first is provided by Electron, the second is a native
 * addon loaded at run time (main.ts passes the Electron build of it to the core).
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['electron', 'better-sqlite3'],
  sourcemap: true,
  metafile: true,
  logLevel: 'warning',
  // A CommonJS bundle has no import.meta; esbuild would quietly turn it into `{}` (and `new URL(x, undefined)`
  // would throw at startup). Fail the build instead; the main bundle defines import.meta.url below.
  logOverride: { 'empty-import-meta': 'error' },
};

/** Bundles that host the core: it resolves files with `new URL(..., import.meta.url)`. */
const coreHost = {
  ...common,
  // Give the core the bundle's own URL. Paths relative to it mean little once bundled, which is why main.ts also
  // sets PARLEY_MIGRATIONS_DIR and PARLEY_SAMPLES_DIR (inherited by the backend process and its worker). Source
  // maps make stack traces point at the .ts files.
  define: { 'import.meta.url': '__parleyBundleUrl' },
  banner: {
    // The banner goes above esbuild's own "use strict", which would then no longer be a directive: repeat it.
    js: [
      "'use strict';",
      "const __parleyBundleUrl = require('node:url').pathToFileURL(__filename).href;",
      'process.setSourceMapsEnabled(true);',
    ].join('\n'),
  },
};

const [main, preload, backend, worker] = await Promise.all([
  build({ ...coreHost, entryPoints: ['electron/main/main.ts'], outfile: 'build/out/electron/main.cjs' }),
  build({
    ...common,
    entryPoints: ['electron/main/preload.ts'],
    outfile: 'build/out/electron/preload.cjs',
  }),
  build({ ...coreHost, entryPoints: ['electron/main/backend-process.ts'], outfile: 'build/out/electron/backend.cjs' }),
  // Found by the backend beside its own bundle (electron/core/worker/worker-long-work.ts, workerEntry).
  build({ ...coreHost, entryPoints: ['electron/core/worker/long-work-worker.ts'], outfile: 'build/out/electron/long-work-worker.cjs' }),
  build({ ...coreHost, entryPoints: ['electron/core/worker/parse-worker.ts'], outfile: 'build/out/electron/parse-worker.cjs' }),
]);

/** The packages and built-in modules a bundle loads at run time. */
function externalRequires(result) {
  return Object.values(result.metafile.outputs)
    .flatMap((output) => output.imports)
    .filter((entry) => entry.external)
    .map((entry) => entry.path);
}

function failUnless(result, allowed, why) {
  const forbidden = [...new Set(externalRequires(result).filter((path) => !allowed(path)))];
  if (forbidden.length === 0) return;
  console.error(`${why}, but it requires: ${forbidden.join(', ')}`);
  process.exit(1);
}

// A sandboxed preload can require('electron') and nothing else useful; anything more would only fail at run
// time, inside Electron, which is much harder to notice than a failed build.
failUnless(preload, (path) => path === 'electron', "The preload may only require 'electron'");
// The main process draws the window and holds no workspace: SQLite belongs to the backend process.
failUnless(main, (path) => path === 'electron' || path.startsWith('node:'), "The main process may only require 'electron' and Node's modules");

for (const result of [main, preload, backend, worker]) {
  for (const [file, output] of Object.entries(result.metafile.outputs)) {
    if (!file.endsWith('.map')) console.log(`${file}  ${(output.bytes / 1024).toFixed(1)} KiB`);
  }
}
