/**
 * `npm start`: Parley as a desktop app. Builds what is missing or out of date (the renderer, the main/preload
 * bundle, better-sqlite3 for Electron), then runs Electron on the repository. When Electron's binary is not
 * installed (ELECTRON_SKIP_BINARY_DOWNLOAD=1, or an offline install), it says so and serves Parley in the
 * browser instead, exactly as `npm run serve` does.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { isOlderThan } from './freshness.mjs';
import { ROOT, runInForeground, runNpmScript, serveInBrowser } from './serve.mjs';

const require = createRequire(import.meta.url);

/** The Electron executable, or null if the npm package is there without its binary. */
function electronBinary() {
  try {
    // The electron package exports the binary's path, and throws if it was never downloaded.
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

/** The Electron build of better-sqlite3 exists and was made for the Electron installed now. */
function hasElectronSqlite() {
  const infoFile = join(ROOT, 'build/native/electron/build-info.json');
  if (!existsSync(join(ROOT, 'build/native/electron/better_sqlite3.node')) || !existsSync(infoFile)) return false;
  try {
    return JSON.parse(readFileSync(infoFile, 'utf8')).electron === require('electron/package.json').version;
  } catch {
    return false;
  }
}

const electron = electronBinary();
if (electron === null) {
  console.log(
    [
      "Electron's binary is not installed, so Parley cannot open as a desktop app.",
      'This happens when dependencies were installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1 or without network access.',
      'To get it, run `npm rebuild electron` while online (or reinstall without ELECTRON_SKIP_BINARY_DOWNLOAD).',
      '',
      'Starting Parley in browser mode instead.',
      '',
    ].join('\n'),
  );
  serveInBrowser(process.argv.slice(2));
} else {
  const inRoot = (...paths) => paths.map((path) => join(ROOT, path));
  const rendererSources = inRoot('renderer', 'electron/shared', 'package.json');
  if (isOlderThan(join(ROOT, 'build/out/renderer/index.html'), rendererSources)) runNpmScript('build:renderer');
  // esbuild takes well under a second, so the main/preload bundle is simply rebuilt every time.
  runNpmScript('build:electron');
  if (!hasElectronSqlite()) runNpmScript('rebuild:electron-sqlite');
  // ELECTRON_RUN_AS_NODE, if set in the environment, would make Electron behave as plain Node.
  delete process.env.ELECTRON_RUN_AS_NODE;
  runInForeground(electron, ['.', ...process.argv.slice(2)]);
}
