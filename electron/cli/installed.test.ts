import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { temporaryDir } from '../test/helpers.ts';
import { callerDir } from './caller-dir.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const dir = temporaryDir('parley-installed-');

// What `npm link` makes in a global prefix: the package linked into lib/node_modules, and its `bin` linked into
// bin/ (package.json's "bin": {"parley": "electron/cli/bin.mjs"}), which is on the user's PATH.
const prefix = join(dir, 'prefix');
mkdirSync(join(prefix, 'lib', 'node_modules'), { recursive: true });
mkdirSync(join(prefix, 'bin'));
symlinkSync(ROOT, join(prefix, 'lib', 'node_modules', 'parley'));
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
symlinkSync(join('..', 'lib', 'node_modules', 'parley', manifest.bin['parley']!), join(prefix, 'bin', 'parley'));

// The analyst's own data folder, nowhere near the repository.
const data = join(dir, 'news');
mkdirSync(join(data, 'articles'), { recursive: true });
writeFileSync(join(data, 'articles', 'a.txt'), 'Kyiv said no.');
writeFileSync(join(data, 'articles', 'a.ann'), 'T1\tActor 0 4\tKyiv\n');

/** Runs a command from the data folder, with the linked `parley` (and this Node) first on PATH. */
function run(command: string, ...args: string[]) {
  const PATH = [join(prefix, 'bin'), dirname(process.execPath), process.env['PATH']].join(delimiter);
  const result = spawnSync(command, args, { cwd: data, encoding: 'utf8', env: { ...process.env, PATH } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('parley as installed by npm link, run from a data folder', () => {
  it('creates, fills and exports a workspace by paths relative to that folder, and names the absolute path it tried', () => {
    const init = run('parley', 'init', 'ukraine.parley', '--no-samples');
    assert.equal(init.code, 0, init.stderr);
    assert.equal(init.stdout, `Created workspace ${join(data, 'ukraine.parley')} with 0 documents.\n`);

    const imported = run('parley', 'import', 'ukraine.parley', 'articles/a.txt', 'articles/missing.txt');
    assert.equal(imported.code, 1, imported.stderr);
    assert.match(imported.stdout, /^Imported 1 document, 1 annotation/);
    assert.ok(imported.stderr.includes(`${join(data, 'articles', 'missing.txt')}: does not exist`), imported.stderr);

    const exported = run('parley', 'export', 'ukraine.parley', '--format', 'parley', '--out', 'out/ukraine.jsonl');
    assert.equal(exported.code, 0, exported.stderr);
    assert.equal(JSON.parse(readFileSync(join(data, 'out', 'ukraine.jsonl'), 'utf8')).text, 'Kyiv said no.');

    const missing = run('parley', 'stats', 'elsewhere.parley');
    assert.equal(missing.stderr, `parley: No workspace at ${join(data, 'elsewhere.parley')}\n`);
  });

  it('takes paths relative to the folder the user is in under npm run too (npm moves into the package)', () => {
    const stats = run('npm', '--prefix', ROOT, 'run', '-s', 'parley', '--', 'stats', 'ukraine.parley', '--json');
    assert.equal(stats.code, 0, stats.stderr);
    assert.equal(JSON.parse(stats.stdout).documents, 1);
    assert.ok(!existsSync(join(ROOT, 'ukraine.parley')));
  });
});

describe('the folder relative paths are taken from', () => {
  it('is INIT_CWD only when npm moved into the package’s folder, else the working directory', () => {
    const npmRun = { INIT_CWD: '/home/me/news', npm_package_json: '/opt/parley/package.json' };
    assert.equal(callerDir(npmRun, '/opt/parley'), '/home/me/news');
    // Started from an npm script of this package (a test) in another folder: INIT_CWD is the script's, not ours.
    assert.equal(callerDir(npmRun, '/tmp/data'), '/tmp/data');
    assert.equal(callerDir({}, '/tmp/data'), '/tmp/data');
  });
});
