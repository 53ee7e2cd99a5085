/**
 * Bundles the Electron main process and preload (TypeScript, ESM) into CommonJS files Electron can load:
 *   electron/main/main.ts    -> build/out/electron/main.cjs     (package.json "main")
 *   electron/main/preload.ts -> build/out/electron/preload.cjs  (sandboxed preloads must be CommonJS)
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

const [main, preload] = await Promise.all([
  build({
    ...common,
    entryPoints: ['electron/main/main.ts'],
    outfile: 'build/out/electron/main.cjs',
    // The core (and app-paths.ts) resolve files with `new URL(..., import.meta.url)`; give them the bundle's own
    // URL. Paths relative to it mean little once bundled, which is why main.ts also sets PARLEY_MIGRATIONS_DIR
    // and PARLEY_SAMPLES_DIR. Source maps make stack traces point at the .ts files.
    define: { 'import.meta.url': '__parleyBundleUrl' },
    banner: {
      // The banner goes above esbuild's own "use strict", which would then no longer be a directive: repeat it.
      js: [
        "'use strict';",
        "const __parleyBundleUrl = require('node:url').pathToFileURL(__filename).href;",
        'process.setSourceMapsEnabled(true);',
      ].join('\n'),
    },
  }),
  build({
    ...common,
    entryPoints: ['electron/main/preload.ts'],
    outfile: 'build/out/electron/preload.cjs',
  }),
]);

// A sandboxed preload can require('electron') and nothing else useful; anything more would only fail at run
// time, inside Electron, which is much harder to notice than a failed build.
const preloadRequires = Object.values(preload.metafile.outputs)
  .flatMap((output) => output.imports)
  .filter((entry) => entry.external)
  .map((entry) => entry.path);
const forbidden = preloadRequires.filter((path) => path !== 'electron');
if (forbidden.length > 0) {
  console.error(`The preload may only require 'electron', but it requires: ${forbidden.join(', ')}`);
  process.exit(1);
}

for (const result of [main, preload]) {
  for (const [file, output] of Object.entries(result.metafile.outputs)) {
    if (!file.endsWith('.map')) console.log(`${file}  ${(output.bytes / 1024).toFixed(1)} KB`);
  }
}
