/**
 * Bundles the `parley` command (electron/cli/main.ts and the core it hosts) into one ES module,
 * build/out/cli/parley.mjs, so that the command starts without compiling TypeScript: through tsx, loading the
 * CLI's hundred-odd modules took over a second before the server could listen. npm packages stay external (they
 * are plain JavaScript already, and better-sqlite3 is a native addon).
 *
 * Run by `npm run build:cli`; electron/cli/bin.mjs also runs it whenever a source is newer than the bundle.
 */
import { mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CLI_BUNDLE = fileURLToPath(new URL('../../build/out/cli/parley.mjs', import.meta.url));
/** What the bundle is made of: a change under any of these makes it stale. */
export const CLI_SOURCES = ['electron/cli', 'electron/core', 'electron/server', 'electron/shared'].map((dir) => `${ROOT}${dir}`);

/**
 * Packages loaded from node_modules at run time rather than bundled: the native addon, the large readers of
 * HTML, PDF and Word files, which the importer loads only when such a file arrives, and the language detector's
 * 2 MiB of n-grams, loaded by the first import that needs them. The other packages (zod, the
 * decoders, CSV and zip) are bundled, because loading each of their many small modules one by one cost more
 * start-up time than all of the CLI's own code.
 */
const EXTERNAL_PACKAGES = ['better-sqlite3', 'pdfjs-dist', 'mammoth', 'linkedom', '@mozilla/readability', 'eld'];

export async function buildCli() {
  // Several processes may find the bundle stale at once (parallel tests): each builds in its own directory and
  // renames the result into place, so none ever imports a half-written bundle.
  // The staging directory sits at the bundle's depth, so the source map's relative paths stay right after the move.
  const outDir = dirname(CLI_BUNDLE);
  mkdirSync(outDir, { recursive: true });
  const staging = mkdtempSync(join(dirname(outDir), '.cli-staging-'));
  try {
    await bundleInto(staging);
    // The command's bundle last: its time is what says whether the build is fresh.
    for (const name of ['long-work-worker.mjs', 'parse-worker.mjs', 'suggest-worker.mjs', 'parley.mjs']) {
      renameSync(join(staging, `${name}.map`), join(outDir, `${name}.map`));
      renameSync(join(staging, name), join(outDir, name));
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** The command, the worker thread that runs its imports and exports, and the one that reads HTML, Word and PDF files (electron/core/worker/). */
async function bundleInto(outdir) {
  // Imported here, not at the top: bin.mjs imports this module on every start, and needs esbuild only to rebuild.
  const { build } = await import('esbuild');
  await build({
    absWorkingDir: ROOT,
    entryPoints: { parley: 'electron/cli/main.ts', 'long-work-worker': 'electron/core/worker/long-work-worker.ts', 'parse-worker': 'electron/core/worker/parse-worker.ts', 'suggest-worker': 'electron/core/worker/suggest-worker.ts' },
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: EXTERNAL_PACKAGES,
    sourcemap: 'linked',
    logLevel: 'warning',
    banner: {
      // The core finds its migrations, samples and the built renderer relative to its own source files, which a
      // bundle no longer has: point it at them from the bundle's place in the repository (as the Electron shell
      // does from its own).
      js: [
        // Bundled CommonJS packages call require() for Node's built-ins.
        "import { createRequire as parleyCreateRequire } from 'node:module';",
        'const require = parleyCreateRequire(import.meta.url);',
        "import { fileURLToPath as parleyPathOf } from 'node:url';",
        "process.env.PARLEY_MIGRATIONS_DIR ??= parleyPathOf(new URL('../../../migrations/', import.meta.url));",
        "process.env.PARLEY_SAMPLES_DIR ??= parleyPathOf(new URL('../../../electron/samples/', import.meta.url));",
        "process.env.PARLEY_RENDERER_DIR ??= parleyPathOf(new URL('../renderer/', import.meta.url));",
      ].join('\n'),
    },
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await buildCli();
  console.log(`${CLI_BUNDLE.slice(ROOT.length)} built`);
}
