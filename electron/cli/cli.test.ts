import Database from 'better-sqlite3';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { temporaryDir, workspacePath } from '../test/helpers.ts';

const dir = temporaryDir();
// The `parley` command as users run it: bin.mjs runs the CLI's bundle (rebuilt first if a source is newer), so
// these tests also check that the bundle finds its migrations, samples and the built renderer.
const CLI = fileURLToPath(new URL('./bin.mjs', import.meta.url));

function parley(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

// A stand-in for the built renderer, so `serve` gets as far as listening in a checkout that has not built it.
const renderer = join(dir, 'renderer');
mkdirSync(renderer);
writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Parley</title>');

/** `parley serve …`, without blocking this process: a test that listens on a port must keep answering meanwhile. */
function serveAsync(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env = { ...process.env, PARLEY_CONFIG_DIR: dir, PARLEY_RENDERER_DIR: `${renderer}/` };
  return new Promise((resolvePromise) => {
    execFile(process.execPath, [CLI, 'serve', ...args], { encoding: 'utf8', env }, (error, stdout, stderr) => {
      resolvePromise({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });
}

describe('parley CLI', () => {
  it('creates a workspace with samples and reports its statistics as JSON, alone on stdout', () => {
    const path = workspacePath(dir);
    const init = parley('init', path);
    assert.equal(init.code, 0, init.stderr);
    assert.equal(init.stdout, `Created workspace ${path} with 5 documents.\n`);
    assert.equal(init.stderr, '');
    const stats = parley('stats', path, '--json');
    assert.equal(stats.code, 0, stats.stderr);
    assert.equal(stats.stderr, '');
    assert.match(stats.stdout, /^\{.*\}\n$/, 'one JSON object on one line');
    assert.deepEqual(JSON.parse(stats.stdout), {
      documents: 5,
      annotations: 0,
      relations: 0,
      actors: 0,
      labels: { Quote: 0, Claim: 0, Position: 0, Actor: 0 },
    });
  });

  it('prints the statistics for people on stdout', () => {
    const path = workspacePath(dir);
    assert.equal(parley('init', path).code, 0);
    const stats = parley('stats', path);
    assert.equal(stats.code, 0, stats.stderr);
    assert.equal(stats.stderr, '');
    assert.equal(
      stats.stdout,
      [`Workspace ${path}`, '  documents    5', '  annotations  0', '    Quote      0', '    Claim      0', '    Position   0', '    Actor      0', '  relations    0', '  actors       0', ''].join('\n'),
    );
  });

  it('creates an empty workspace with --no-samples', () => {
    const path = workspacePath(dir);
    assert.equal(parley('init', path, '--no-samples').code, 0);
    assert.equal(JSON.parse(parley('stats', path, '--json').stdout).documents, 0);
  });

  it('backs a workspace up and restores it, listing its backups, with what a restore replaced kept', () => {
    const path = workspacePath(dir);
    assert.equal(parley('init', path).code, 0);
    const made = parley('backup', path, '--json');
    assert.equal(made.code, 0, made.stderr);
    const backup = JSON.parse(made.stdout) as { file: string; kind: string; bytes: number; path: string };
    assert.equal(backup.kind, 'manual');
    assert.ok(existsSync(backup.path));
    const text = join(dir, `added-${Math.random().toString(36).slice(2)}.txt`);
    writeFileSync(text, 'An article added after the backup.');
    assert.equal(parley('import', path, text).code, 0);
    assert.equal(JSON.parse(parley('stats', path, '--json').stdout).documents, 6);

    const listed = parley('restore', path);
    assert.equal(listed.code, 0, listed.stderr);
    assert.ok(listed.stdout.includes(backup.file), listed.stdout);
    const restored = parley('restore', path, backup.file);
    assert.equal(restored.code, 0, restored.stderr);
    assert.match(restored.stdout, /^Restored .* from .* manual\.parley\. What it replaced is in .* before-restore\.parley: restore that to undo this\.\n$/);
    assert.equal(JSON.parse(parley('stats', path, '--json').stdout).documents, 5);

    const missing = parley('restore', path, '2020-01-01T00-00-00.000Z manual.parley');
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /There is no backup “2020-01-01T00-00-00.000Z manual.parley”/);
    assert.equal(parley('restore').code, 2, 'usage');
  });

  it('says a damaged workspace is damaged, names its newest backup, and restores it with the damaged file kept beside it', () => {
    const path = workspacePath(dir);
    assert.equal(parley('init', path).code, 0);
    const backup = JSON.parse(parley('backup', path, '--json').stdout) as { file: string };
    // Bytes scribbled over the pages after the first: the file is still an SQLite file, but broken.
    const bytes = readFileSync(path);
    for (let at = 4096; at < bytes.length; at += 7) bytes[at] = at & 0xff;
    writeFileSync(path, bytes);
    rmSync(`${path}-wal`, { force: true });
    const broken = parley('stats', path);
    assert.equal(broken.code, 1);
    assert.match(broken.stderr, /is damaged \(SQLite says: database disk image is malformed\)\. It has not been changed\. It has 1 backup in .*; put the newest back with: parley restore/);
    assert.ok(broken.stderr.includes(backup.file));
    const restored = parley('restore', path, backup.file);
    assert.equal(restored.code, 0, restored.stderr);
    const aside = /The damaged file is kept at (.*)\.\n$/.exec(restored.stdout)?.[1];
    assert.ok(aside && existsSync(aside), restored.stdout);
    assert.deepEqual(readFileSync(aside), bytes, 'the damaged file is kept as it was');
    assert.equal(JSON.parse(parley('stats', path, '--json').stdout).documents, 5);
  });

  it('recovers what can be read of a damaged workspace into a new file', () => {
    const path = workspacePath(dir);
    assert.equal(parley('init', path).code, 0);
    // Bytes scribbled over the pages that hold the documents' rows (as SQLite's dbstat lists them), nothing else.
    const db = new Database(path);
    db.pragma('wal_checkpoint(TRUNCATE)');
    const pages = db.prepare("SELECT pageno FROM dbstat WHERE name = 'documents' AND pagetype = 'leaf'").pluck().all() as number[];
    db.close();
    const bytes = readFileSync(path);
    for (const page of pages) for (let at = (page - 1) * 4096; at < page * 4096; at += 3) bytes[at] = at & 0xff;
    writeFileSync(path, bytes);
    rmSync(`${path}-wal`, { force: true });
    const out = path.replace(/\.parley$/, '.recovered.parley');
    const recovered = parley('recover', path, out);
    assert.equal(recovered.code, 0, recovered.stderr);
    assert.match(recovered.stdout, /^Recovered what could be read of .* into .* \(the damaged file was only read\):\n/);
    assert.match(recovered.stdout, /\n {2}labels +4 recovered, 0 lost\n/);
    assert.match(recovered.stdout, /\n {2}documents +0 recovered, 5 lost\n/);
    assert.deepEqual(readFileSync(path), bytes, 'the damaged file is as it was');
    assert.equal(parley('stats', out, '--json').code, 0);
    const again = parley('recover', path, out);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /exists already; recovery writes a new file only/);
    assert.equal(parley('recover', path).code, 2, 'usage');
  });

  it('prints help on stdout with exit 0', () => {
    const help = parley('--help');
    assert.equal(help.code, 0);
    assert.equal(help.stderr, '');
    assert.match(help.stdout, /Usage: parley <command>/);
    assert.match(help.stdout, /stats <workspace> \[--json\]/);
  });

  it('fails with a clear message on stderr and a non-zero exit, without stack traces', () => {
    const cases: [string[], RegExp][] = [
      [[], /Usage: parley/],
      [['frobnicate'], /Unknown command "frobnicate"/],
      [['stats'], /needs exactly one workspace path/],
      [['stats', `${dir}/missing.parley`], /No workspace at/],
      [['stats', workspacePath(dir), '--bogus'], /Unknown option '--bogus'/],
      [['serve', workspacePath(dir), '--port', 'eighty'], /--port must be a port number/],
    ];
    for (const [args, message] of cases) {
      const result = parley(...args);
      assert.notEqual(result.code, 0, args.join(' '));
      assert.match(result.stderr, message);
      assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
      assert.equal(result.stdout, '');
    }
  });

  it('refuses to overwrite, and names a file that is not a workspace', () => {
    const path = workspacePath(dir);
    writeFileSync(path, 'just some text\n');
    const init = parley('init', path);
    assert.equal(init.code, 1);
    assert.match(init.stderr, /exists already/);
    const stats = parley('stats', path);
    assert.equal(stats.code, 1);
    assert.match(stats.stderr, /is not a Parley workspace/);
    assert.ok(existsSync(path));
  });

  it('exits 2 for wrong usage only, and 1 when the workspace is missing, in every command', () => {
    const missing = join(dir, 'missing.parley');
    const out = join(dir, 'never-written');
    for (const args of [['stats', missing], ['import', missing, 'a.txt'], ['export', missing, '--format', 'brat', '--out', out]]) {
      const result = parley(...args);
      assert.equal(result.code, 1, args.join(' '));
      assert.ok(result.stderr.startsWith(`parley: No workspace at ${missing}`), result.stderr);
    }
    for (const args of [['stats'], ['import', missing], ['export', missing, '--out', out], ['export', missing, '--format', 'xml', '--out', out], ['serve', missing, '--port', 'x'], ['frobnicate']]) {
      assert.equal(parley(...args).code, 2, args.join(' '));
    }
    assert.ok(!existsSync(missing) && !existsSync(out));
  });

  it('says in one line that a port asked for is taken, with no stack trace', async () => {
    const busy = createServer();
    await new Promise<void>((resolvePromise) => busy.listen(0, '127.0.0.1', resolvePromise));
    const { port } = busy.address() as AddressInfo;
    try {
      const result = await serveAsync(workspacePath(dir), '--port', String(port), '--no-samples');
      assert.equal(result.code, 1);
      assert.equal(result.stderr, `parley: port ${port} on 127.0.0.1 is in use by another program: choose another with --port N, or leave --port out for a free one\n`);
      assert.equal(result.stdout, '');
    } finally {
      busy.close();
    }
  });
});
