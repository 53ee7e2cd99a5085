import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import type { ImportSummary } from '../shared/types.ts';
import { openBackend } from '../core/backend.ts';
import { addBratPair, emptyExpectation, filesUnder } from '../core/import/test/expected.ts';
import { temporaryDir, workspacePath } from '../test/helpers.ts';

const dir = temporaryDir('parley-cli-import-');
/** The `parley` command as users run it (the CLI's bundle, rebuilt first if a source is newer). */
const CLI = fileURLToPath(new URL('./bin.mjs', import.meta.url));
const DATA = fileURLToPath(new URL('../../../shared/data/', import.meta.url));

function parley(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** An empty workspace, made in this process (each CLI run costs a Node start). */
async function newWorkspace(): Promise<string> {
  const backend = await openBackend(workspacePath(dir));
  await backend.close();
  return backend.path;
}

describe('parley import', () => {
  it('prints exactly the JSON summary with --json, and exits 0 when nothing failed', async () => {
    const workspace = await newWorkspace();
    const folder = join(DATA, 'corpora/brat-examples/example-data/tutorials/news');
    const expected = emptyExpectation();
    for (const ann of filesUnder(folder).filter((file) => file.endsWith('.ann'))) addBratPair(expected, ann.replace(/\.ann$/, '.txt'), ann);
    const result = parley('import', workspace, folder, '--json');
    assert.equal(result.code, 0, result.stderr);
    const summary = JSON.parse(result.stdout) as ImportSummary;
    assert.deepEqual(Object.keys(summary).sort(), ['annotations', 'cancelled', 'documents', 'errors', 'filesDone', 'filesTotal', 'merged', 'relations', 'skipped', 'warnings']);
    assert.deepEqual([summary.documents, summary.annotations, summary.relations, summary.errors], [expected.texts.size, expected.annotations, expected.relations, []]);
    // brat's display settings are the folder's only files that are not annotations.
    const displaySettings = readdirSync(folder).filter((name) => name.endsWith('.conf') && name !== 'annotation.conf');
    assert.equal(displaySettings.length, 3);
    assert.deepEqual(
      summary.skipped,
      displaySettings.map((name) => ({ file: join(folder, name), reason: 'brat display settings, not annotations' })),
    );
    assert.equal(result.stdout.trim().split('\n').length, 1, 'the JSON alone on stdout');
    assert.match(result.stderr, /Skipped \(3\):\n {2}.*kb_shortcuts\.conf: brat display settings/);
  });

  it('imports the good files, lists each failure with file and line, and exits 1', async () => {
    const workspace = await newWorkspace();
    const result = parley('import', workspace, join(DATA, 'bad-input'));
    assert.equal(result.code, 1);
    // The result alone on stdout; every message about the files on stderr.
    assert.equal(result.stdout, 'Imported 2 documents, 0 annotations and 0 relations from 8 of 8 files.\n');
    assert.match(result.stderr, /Errors \(9\); nothing of the files they are in was imported:\n/);
    assert.match(result.stderr, /bad-input\/brat-bad-offsets\.ann line 1: T1: the range \[18, 99\] lies outside the text/);
    assert.match(result.stderr, /bad-input\/invalid-utf8\.txt line 1: is not valid UTF-8/);
    assert.match(result.stderr, /Skipped \(1\):\n {2}.*bad-input\/binary\.bin: not a file type Parley imports/);
  });

  it('keeps --json alone on stdout when files fail, with the fix of each problem as fields and in the message on stderr', async () => {
    const workspace = await newWorkspace();
    const table = join(dir, 'no-text.csv');
    writeFileSync(table, 'headline,body\nOne,Kyiv first.\n');
    const result = parley('import', workspace, table, '--json');
    assert.equal(result.code, 1);
    const summary = JSON.parse(result.stdout) as ImportSummary;
    assert.deepEqual(summary.errors, [
      { file: table, line: 1, message: 'has no “text” column: name the one that holds the text', fix: { option: 'textField', choices: ['headline', 'body'] } },
    ]);
    assert.match(result.stderr, /no-text\.csv line 1: has no “text” column: name the one that holds the text \(--text-field: “headline”, “body”\)/);
  });

  it('passes --format, --text-field, --duplicates and --offsets on', async () => {
    const workspace = await newWorkspace();
    const table = join(dir, 'articles.data');
    writeFileSync(table, 'headline,body\nOne,Kyiv 🇺🇦 first.\n');
    const first = JSON.parse(parley('import', workspace, table, '--format', 'csv', '--text-field', 'body', '--json').stdout) as ImportSummary;
    assert.equal(first.documents, 1);
    const spans = join(dir, 'spans.jsonl');
    writeFileSync(spans, `${JSON.stringify({ text: 'Kyiv 🇺🇦 first.', label: [[5, 7, 'Flag']] })}\n`);
    const layer = JSON.parse(parley('import', workspace, spans, '--offsets', 'codepoints', '--json').stdout) as ImportSummary;
    assert.deepEqual([layer.merged, layer.annotations], [1, 1], 'the spans are a new annotator’s layer of the article');
    const skipped = JSON.parse(parley('import', workspace, spans, '--offsets', 'codepoints', '--json').stdout) as ImportSummary;
    assert.deepEqual([skipped.merged, skipped.skipped.length], [0, 1], 'the same annotator’s spans again are a duplicate');
    const merged = JSON.parse(parley('import', workspace, spans, '--offsets', 'codepoints', '--duplicates', 'merge', '--json').stdout) as ImportSummary;
    assert.deepEqual([merged.merged, merged.annotations], [1, 1]);
  });

  it('refuses bad usage with exit 2 and a message on stderr', async () => {
    const workspace = await newWorkspace();
    const cases: [string[], RegExp][] = [
      [['import', workspace], /needs a workspace and at least one file or folder/],
      [['import', workspace, 'a.txt', '--format', 'excel'], /--format must be one of text, html, docx/],
      [['import', workspace, 'a.txt', '--duplicates', 'replace'], /--duplicates must be skip or merge/],
    ];
    for (const [args, message] of cases) {
      const result = parley(...args);
      assert.equal(result.code, 2, args.join(' '));
      assert.match(result.stderr, message);
      assert.equal(result.stdout, '');
    }
    assert.match(parley('import', '--help').stdout, /import <workspace> <paths\.\.\.> \[options\]/);
  });
});
