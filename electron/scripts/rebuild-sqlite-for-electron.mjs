/**
 * `npm run rebuild:electron-sqlite [-- <node-gyp options, e.g. --arch=arm64>]`
 *
 * Why this exists: better-sqlite3 is a native addon, and an addon only loads into the runtime whose ABI
 * (NODE_MODULE_VERSION) it was compiled for. `npm install` builds it for Node, which the tests, the CLI and
 * browser mode use. Electron embeds its own Node with a different ABI, so the desktop app needs a second build.
 * The usual tools (electron-rebuild, electron-builder's npmRebuild) rebuild node_modules/better-sqlite3 in
 * place, which would break `npm test`. Instead this compiles a copy of the package in a temporary directory and
 * keeps only the result, build/native/electron/better_sqlite3.node: main.ts loads it through better-sqlite3's
 * `nativeBinding` option, and electron-builder ships it as resources/native/better_sqlite3.node.
 *
 * Needs Electron's headers (downloaded once from https://electronjs.org/headers, then cached by node-gyp) and a
 * C/C++ toolchain (python3 and make + g++, Xcode's command line tools, or Visual Studio Build Tools).
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const OUTPUT_DIR = join(ROOT, 'build/native/electron');
const HEADERS_URL = 'https://electronjs.org/headers';
const require = createRequire(import.meta.url);

const electronVersion = require('electron/package.json').version;
const sqliteVersion = require('better-sqlite3/package.json').version;
const sqliteSource = dirname(require.resolve('better-sqlite3/package.json'));

/** node-gyp's CLI script: the project's copy if there is one, else the copy bundled with npm. */
function nodeGypScript() {
  try {
    return require.resolve('node-gyp/bin/node-gyp.js');
  } catch {
    const npmCli = process.env.npm_execpath;
    if (npmCli) return join(dirname(npmCli), '../node_modules/node-gyp/bin/node-gyp.js');
    console.error('node-gyp was not found. Run this through npm (`npm run rebuild:electron-sqlite`), which bundles it.');
    process.exit(1);
  }
}

/** Runs node-gyp, showing its output as it goes and keeping it to explain a failure. */
function runNodeGyp(cwd, args) {
  return new Promise((resolvePromise) => {
    // npm passes its config to scripts as npm_config_* variables, and node-gyp reads them. A `nodedir` there
    // (some machines set it to build offline against the local Node's headers) would silently win over
    // --runtime=electron and produce a Node build; the other settings are overridden by the flags we pass.
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => name.toLowerCase() !== 'npm_config_nodedir'));
    const child = spawn(process.execPath, [nodeGypScript(), ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
      process.stderr.write(chunk);
    });
    child.on('error', (error) => resolvePromise({ status: 1, output: `${output}\n${error.message}` }));
    child.on('close', (status) => resolvePromise({ status: status ?? 1, output }));
  });
}

/**
 * An addon built for Electron must fail to load in plain Node (different NODE_MODULE_VERSION); one that loads
 * was built for the wrong runtime, and would fail in Electron instead.
 */
function loadsInThisNode(addon) {
  const probe = spawnSync(process.execPath, ['-e', `process.dlopen({ exports: {} }, ${JSON.stringify(addon)})`], {
    stdio: 'ignore',
  });
  return probe.status === 0;
}

function explainFailure(output) {
  const couldNotDownload =
    /network connectivity|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|getaddrinfo|socket hang up|proxy|\b40[34]\b/i.test(
      output,
    ) && /headers|\.tar\.gz/i.test(output);
  if (couldNotDownload) {
    return [
      `Could not download the headers for Electron ${electronVersion} from ${HEADERS_URL}.`,
      'Building better-sqlite3 for Electron needs them once (node-gyp caches them afterwards).',
      'Run this again with network access; nothing was changed.',
    ].join('\n');
  }
  return [
    `Building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} failed (node-gyp's output is above).`,
    'A C/C++ toolchain is required: python3 and make + g++ on Linux, Xcode command line tools on macOS,',
    'Visual Studio Build Tools on Windows. Nothing was changed.',
  ].join('\n');
}

const workDir = mkdtempSync(join(tmpdir(), 'parley-sqlite-electron-'));
try {
  const packageCopy = join(workDir, 'better-sqlite3');
  // The source only: the package's build/ holds the Node build, which must be neither reused nor touched.
  const notCopied = new Set([join(sqliteSource, 'build'), join(sqliteSource, 'node_modules')]);
  cpSync(sqliteSource, packageCopy, { recursive: true, filter: (path) => !notCopied.has(path) });
  console.log(`Building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} in ${packageCopy}`);
  const { status, output } = await runNodeGyp(packageCopy, [
    'rebuild',
    '--release',
    '--runtime=electron',
    `--target=${electronVersion}`,
    `--dist-url=${HEADERS_URL}`,
    ...process.argv.slice(2),
  ]);
  const addon = join(packageCopy, 'build/Release/better_sqlite3.node');
  if (status !== 0) {
    console.error(`\n${explainFailure(output)}`);
    process.exitCode = 1;
  } else if (loadsInThisNode(addon)) {
    console.error(
      `\nThe build loads in Node ${process.version}, so it was compiled against Node's headers, not Electron's ` +
        '(is `nodedir` set in your npm config or environment?). Nothing was changed.',
    );
    process.exitCode = 1;
  } else {
    mkdirSync(OUTPUT_DIR, { recursive: true });
    copyFileSync(addon, join(OUTPUT_DIR, 'better_sqlite3.node'));
    // start.mjs compares this with the installed Electron to know when to rebuild.
    writeFileSync(
      join(OUTPUT_DIR, 'build-info.json'),
      `${JSON.stringify({ electron: electronVersion, betterSqlite3: sqliteVersion, arch: process.arch }, null, 2)}\n`,
    );
    console.log(`Wrote ${join(OUTPUT_DIR, 'better_sqlite3.node')}`);
  }
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
