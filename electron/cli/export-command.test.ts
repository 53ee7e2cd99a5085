import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, describe, it } from 'node:test';
import type { DocumentSummary, ExportSummary, Label } from '../shared/types.ts';
import { temporaryDir, workspacePath } from '../test/helpers.ts';
import { openBackend } from '../core/backend.ts';
import { exportCommand } from './export-command.ts';

const dir = temporaryDir();
/** The `parley` command as users run it (the CLI's bundle, rebuilt first if a source is newer). */
const CLI = fileURLToPath(new URL('./bin.mjs', import.meta.url));

function parley(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('parley export', () => {
  const workspace = workspacePath(dir);

  before(async () => {
    const backend = await openBackend(workspace, { seedSamples: true });
    const [document] = (await backend.dispatch('listDocuments', {})) as DocumentSummary[];
    const quote = ((await backend.dispatch('listLabels', {})) as Label[]).find((label) => label.name === 'Quote')!;
    await backend.dispatch('edit', { documentId: document!.id, description: 'Tag', edits: [{ op: 'createAnnotation', labelId: quote.id, fragments: [[0, 10]] }] });
    await backend.dispatch('updateDocument', { id: document!.id, patch: { status: 'done' } });
    await backend.close();
  });

  it('writes a file and its README, and says what it wrote', () => {
    const out = join(dir, 'quotes.conll');
    const result = parley('export', workspace, '--format', 'conll', '--out', out);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, '');
    assert.match(result.stdout, /^Exported 5 documents, 1 annotation and 0 relations to .*quotes\.conll \(CoNLL-2003 \(IOB2\), no character offsets\)\./);
    assert.match(readFileSync(out, 'utf8'), /^-DOCSTART- -X- -X- O\n/);
    assert.ok(existsSync(`${out}.README.md`));
  });

  it('prints the summary as JSON with --json, and applies filters and splits', () => {
    const out = join(dir, 'split');
    const result = parley('export', workspace, '--format', 'doccano', '--out', out, '--status', 'done,new', '--label', 'Quote', '--split', '0.6,0.2,0.2', '--seed', '3', '--offsets', 'utf16', '--json');
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, '');
    assert.match(result.stdout, /^\{.*\}\n$/, 'one JSON object on one line, alone on stdout');
    const summary = JSON.parse(result.stdout) as ExportSummary;
    assert.equal(summary.offsets, 'utf16');
    assert.deepEqual(summary.parts, { train: 3, dev: 1, test: 1 });
    assert.deepEqual(readdirSync(out).sort(), ['README.md', 'dev.jsonl', 'test.jsonl', 'train.jsonl']);
  });

  it('packs a brat export into a zip with --zip', () => {
    const out = join(dir, 'brat.zip');
    assert.equal(parley('export', workspace, '--format', 'brat', '--out', out, '--zip').code, 0);
    assert.equal(readFileSync(out).subarray(0, 2).toString('latin1'), 'PK');
  });

  it('refuses wrong options with a message that says what is wrong', async () => {
    const cases: [string[], RegExp][] = [
      [[workspace, '--out', join(dir, 'x')], /needs --format/],
      [[workspace, '--format', 'conll'], /needs --out/],
      [['--format', 'conll', '--out', join(dir, 'x')], /exactly one workspace path/],
      [[join(dir, 'missing.parley'), '--format', 'conll', '--out', join(dir, 'x')], /No workspace at/],
      [[workspace, '--format', 'xml', '--out', join(dir, 'x')], /: --format must be one of parley, doccano, brat, labelstudio, spacy, conll, w3c, csv, not "xml"\n/],
      [[workspace, '--format', 'brat', '--out', join(dir, 'x'), '--offsets', 'bytes'], /: --offsets must be one of codepoints, utf16, not "bytes"\n/],
      [[workspace, '--format', 'brat', '--out', join(dir, 'x'), '--status', 'done,wip'], /: --status must be one of new, in_progress, done, not "wip"\n/],
      [[workspace, '--format', 'brat', '--out', join(dir, 'x'), '--origin', 'robot'], /: --origin must be one of manual, imported, suggested, not "robot"\n/],
      [[workspace, '--format', 'doccano', '--out', join(dir, 'x'), '--doccano-form', 'spans'], /: --doccano-form must be one of label, relations, not "spans"\n/],
      [[workspace, '--format', 'conll', '--out', join(dir, 'x'), '--split', '0.8,0.1'], /--split takes three proportions/],
      [[workspace, '--format', 'conll', '--out', join(dir, 'x'), '--split', '0.8,0.3,0.1'], /: --split: the three proportions must add up to 1\n/],
      [[workspace, '--format', 'conll', '--out', join(dir, 'x'), '--seed', '4'], /--seed only makes sense with --split/],
      [[workspace, '--format', 'conll', '--out', join(dir, 'x'), '--label', 'Nonsense'], /there is no label "Nonsense"/],
      [[workspace, '--format', 'w3c', '--out', join(dir, 'x'), '--offsets', 'utf16'], /code points/],
    ];
    for (const [args, message] of cases) await assert.rejects(exportCommand(args), message, args.join(' '));
    assert.equal(existsSync(join(dir, 'x')), false);
  });

  it('exits non-zero with the message on stderr and no stack trace, leaving nothing behind', () => {
    const occupied = join(dir, 'occupied');
    assert.equal(parley('export', workspace, '--format', 'brat', '--out', occupied).code, 0);
    for (const [args, message] of [
      [['export', workspace, '--format', 'brat', '--out', occupied], /is a folder that is not empty/],
      [['export', workspace, '--format', 'conll', '--out', join(dir, 'x'), '--bogus'], /Unknown option '--bogus'/],
    ] as [string[], RegExp][]) {
      const result = parley(...args);
      assert.notEqual(result.code, 0, args.join(' '));
      assert.match(result.stderr, message);
      assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
      assert.equal(result.stdout, '');
    }
    assert.deepEqual(readdirSync(dir).filter((name) => name.includes('parley-export')), [], 'no staging folder is left');
  });

  it('lists the command in parley --help', () => {
    assert.match(parley('--help').stdout, /export <workspace> --format <f> --out <path> \[options\]/);
  });
});
