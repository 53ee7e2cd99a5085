// Runs every unit test (`*.test.ts` under electron/ and renderer/src/) with Node's test runner through tsx.
// Node 20's runner does not expand globs itself, and shell globbing differs between platforms.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const roots = ['electron', join('renderer', 'src')];
const files = roots
  .flatMap((root) => readdirSync(root, { recursive: true }).map((file) => join(root, String(file))))
  .filter((file) => file.endsWith('.test.ts') && !file.includes('node_modules'))
  .sort();

const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...process.argv.slice(2), ...files], {
  stdio: 'inherit',
});
process.exitCode = result.status ?? 1;
