import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
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
    assert.equal(init.code, 2);
    assert.match(init.stderr, /exists already/);
    const stats = parley('stats', path);
    assert.equal(stats.code, 2);
    assert.match(stats.stderr, /is not a Parley workspace/);
    assert.ok(existsSync(path));
  });
});
