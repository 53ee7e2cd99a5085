/**
 * `npm run serve [-- <workspace>] [--port N] [--no-samples]`: Parley in the browser, no Electron needed. Builds
 * the renderer if it has not been built, then runs the CLI's `parley serve`, which prints the URL to open and
 * serves until Ctrl+C. Without a workspace it serves the default one (the same file the desktop app opens).
 * `npm start` falls back to this when Electron's binary is missing.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Runs `npm run <script>` in the repository and exits with its status if it fails. */
export function runNpmScript(script) {
  // Under npm, npm_execpath is npm's own CLI script: run it with this Node, no shell needed on any platform.
  const npmCli = process.env.npm_execpath;
  const result = npmCli
    ? spawnSync(process.execPath, [npmCli, 'run', script], { cwd: ROOT, stdio: 'inherit' })
    : spawnSync('npm', ['run', script], { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) {
    console.error(`\`npm run ${script}\` failed.`);
    process.exit(result.status ?? 1);
  }
}

/** Runs a child process in the foreground: stdio shared, its exit status becomes ours. */
export function runInForeground(command, args) {
  const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit' });
  // Ctrl+C reaches the child directly (same process group); stay alive until it has shut down cleanly.
  process.on('SIGINT', () => {});
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  child.on('error', (error) => {
    console.error(`Could not run ${command}: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code) => process.exit(code ?? 1));
}

export function serveInBrowser(args) {
  if (!existsSync(join(ROOT, 'build/out/renderer/index.html'))) runNpmScript('build:renderer');
  runInForeground(process.execPath, ['electron/cli/bin.mjs', 'serve', ...args]);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  serveInBrowser(process.argv.slice(2));
}
