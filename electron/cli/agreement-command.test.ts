import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { temporaryDir, workspacePath } from '../test/helpers.ts';
import type { AgreementReport } from '../shared/agreement.ts';
import { openBackend } from '../core/backend.ts';
import { importPaths } from '../core/import/importer.ts';

const dir = temporaryDir();
/** The `parley` command as users run it (the CLI's bundle, rebuilt first if a source is newer). */
const CLI = fileURLToPath(new URL('./bin.mjs', import.meta.url));

function parley(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * One article with a flag emoji (2 code points), a combining breve (i + U+0306) and Arabic, annotated by two
 * annotators as brat's `<article>_<annotator>.ann`, whose offsets are code points.
 */
const TEXT = '🇺🇦 Zelenskyi\u0306 said: «نعم» today.';
const points = (part: string) => {
  const start = TEXT.indexOf(part);
  const at = Array.from(TEXT.slice(0, start)).length;
  return `${at} ${at + Array.from(part).length}`;
};

describe('parley agreement', () => {
  const workspace = workspacePath(dir);

  before(async () => {
    const corpus = join(dir, 'corpus');
    mkdirSync(join(corpus, 'text'), { recursive: true });
    mkdirSync(join(corpus, 'attributions'), { recursive: true });
    writeFileSync(join(corpus, 'text', 'art.txt'), TEXT);
    writeFileSync(join(corpus, 'attributions', 'art_ann.ann'), `T1\tSource ${points('Zelenskyi\u0306')}\tZelenskyi\u0306\nT2\tContent ${points('«نعم»')}\t«نعم»\n`);
    writeFileSync(join(corpus, 'attributions', 'art_bob.ann'), `T1\tSource ${points('Zelenskyi\u0306')}\tZelenskyi\u0306\nT2\tContent ${points('نعم')}\tنعم\n`);
    const backend = await openBackend(workspace, { seedSamples: true });
    const summary = await importPaths(backend.workspace, [corpus]);
    assert.deepEqual([summary.documents, summary.merged, summary.errors], [1, 1, []]);
    await backend.close();
  });

  it('prints the report as JSON: the one document both annotated, exact and overlap F1, the seed', () => {
    const result = parley('agreement', workspace, '--json', '--samples', '0');
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout) as AgreementReport;
    assert.deepEqual(report.annotators, ['ann', 'bob']);
    assert.equal(report.documents, 1, 'the samples, annotated by nobody named, are not compared');
    assert.deepEqual(report.labels, ['Content', 'Source']);
    const [pair] = report.pairs;
    assert.equal(pair!.f1Exact.value, 0.5, 'the Sources match exactly, the Contents differ by their quotation marks');
    assert.equal(pair!.f1Overlap.value, 1);
    assert.equal(report.byLabel.find((label) => label.label === 'Source')!.unitizingAlpha.value, 1);
    assert.deepEqual(report.bootstrap, { samples: 0, seed: 1 });
  });

  it('compares only the labels asked for, and prints tables for people', () => {
    const json = JSON.parse(parley('agreement', workspace, '--labels', 'Source', '--json').stdout) as AgreementReport;
    assert.deepEqual([json.labels, json.pairs[0]!.f1Exact.value], [['Source'], 1]);
    const result = parley('agreement', workspace, '--labels', 'Source,Content');
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^1 document\(s\), annotators ann, bob; 95% intervals from 200 bootstrap samples \(seed 1\)\./);
    assert.match(result.stdout, /span F1, exact +0\.500 +4\b/, 'one document: no interval; four spans');
    assert.match(result.stdout, /ann – bob/);
  });

  it('refuses bad usage with exit 2', () => {
    for (const [args, message] of [
      [['agreement'], /needs exactly one workspace path/],
      [['agreement', workspace, '--samples', 'many'], /--samples takes a whole number/],
      [['agreement', workspace, '--annotators', 'ann'], /--annotators needs two annotators or more/],
    ] as [string[], RegExp][]) {
      const result = parley(...args);
      assert.equal(result.code, 2, args.join(' '));
      assert.match(result.stderr, message);
    }
    assert.equal(parley('agreement', join(dir, 'missing.parley')).code, 1);
  });
});
