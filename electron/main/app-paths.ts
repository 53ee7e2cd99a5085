import { app } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the app's files are. In development `electron .` runs on the repository, so everything is relative to the
 * app root; packaged, the code is in `resources/app.asar` and the files electron-builder copies as extraResources
 * (build/electron-builder.yml) are in `resources/`. The native addon and the migrations must be real files
 * outside the asar: Node cannot load a `.node` from inside one, and they are read by path.
 */
const appRoot = app.getAppPath();

function fromResources(packagedPath: string, developmentPath: string): string {
  return app.isPackaged ? join(process.resourcesPath, packagedPath) : join(appRoot, developmentPath);
}

export const APP_PATHS = {
  /** The built renderer (vite output); inside the asar when packaged, which protocol.handle can read. */
  renderer: join(appRoot, 'build/out/renderer'),
  /** Bundled next to main.cjs by electron/scripts/build-electron.mjs. */
  preload: fileURLToPath(new URL('./preload.cjs', import.meta.url)),
  /** better-sqlite3 built for Electron's ABI by `npm run rebuild:electron-sqlite`. */
  nativeBinding: fromResources('native/better_sqlite3.node', 'build/native/electron/better_sqlite3.node'),
  migrations: fromResources('migrations', 'migrations'),
  samples: fromResources('samples', 'electron/samples'),
};

// The core finds its migrations and sample articles relative to its own source files, which means nothing once
// it is bundled into main.cjs. These variables point it at the real folders. They are set when this module is
// evaluated, and main.ts imports it before anything from electron/core, so they are in place before the core's
// modules run.
process.env.PARLEY_MIGRATIONS_DIR = APP_PATHS.migrations;
process.env.PARLEY_SAMPLES_DIR = APP_PATHS.samples;
