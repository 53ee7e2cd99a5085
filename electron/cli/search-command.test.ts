import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { temporaryDir, workspacePath } from '../test/helpers.ts';
import type { Actor, Label } from '../shared/types.ts';
import { openBackend } from '../core/backend.ts';

const dir = temporaryDir();
/** The `parley` command as users run it (the CLI's bundle, rebuilt first if a source is newer). */
const CLI = fileURLToPath(new URL('./bin.mjs', import.meta.url));

function parley(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface Row {
  document: number;
  title: string;
  start: number;
  end: number;
  snippet: string;
}

describe('parley search', () => {
  const workspace = workspacePath(dir);
  const texts = new Map<number, string>();

  before(async () => {
    const backend = await openBackend(workspace, { seedSamples: true });
    const quote = ((await backend.dispatch('listLabels', {})) as Label[]).find((label) => label.name === 'Quote')!;
    const ushakov = (await backend.dispatch('createActor', { name: 'Yuri Ushakov' })) as Actor;
    for (const [title, text] of [
      ['Emoji first', '🇺🇦👩‍👩‍👧 Pokrovsk held, said the Pokrovsk garrison.'],
      ['Chinese', '😀普京会见特使。Pokrovsk 在乌克兰。'],
    ]) {
      const { id } = (await backend.dispatch('createDocument', { title, text })) as { id: number };
      texts.set(id, text!);
      if (title === 'Emoji first') {
        // "Pokrovsk held", a quote by Ushakov: code points 8 to 21.
        await backend.dispatch('edit', { documentId: id, description: 'Tag', edits: [{ op: 'createAnnotation', labelId: quote.id, fragments: [[8, 21]], attributes: { speaker: ushakov.id } }] });
      }
    }
    await backend.close();
  });

  it('prints hits as JSON with code point offsets into the stored text', () => {
    const result = parley('search', workspace, 'pokrovsk', '--json');
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, '');
    const rows = JSON.parse(result.stdout) as Row[];
    assert.deepEqual(Object.keys(rows[0]!), ['document', 'title', 'start', 'end', 'snippet']);
    const ours = rows.filter((row) => texts.has(row.document));
    assert.deepEqual(ours.map((row) => row.title).sort(), ['Chinese', 'Emoji first', 'Emoji first']);
    for (const row of ours) assert.equal(Array.from(texts.get(row.document)!).slice(row.start, row.end).join(''), 'Pokrovsk');
    const emoji = rows.find((row) => row.title === 'Emoji first')!;
    assert.equal(emoji.start, 8, '🇺🇦 is 2 code points, 👩‍👩‍👧 5, then a space');
    assert.ok(emoji.snippet.includes('Pokrovsk held'));
    assert.ok(rows.some((row) => row.title.startsWith('Putin meets Witkoff')), 'the sample article mentions Pokrovsk');
  });

  it('finds Chinese as written, and limits the rows with --limit', () => {
    const chinese = JSON.parse(parley('search', workspace, '普京', '--json').stdout) as Row[];
    assert.deepEqual(chinese.map((row) => [row.title, row.start, row.end]), [['Chinese', 1, 3]]);
    const limited = JSON.parse(parley('search', workspace, 'pokrovsk OR putin', '--json', '--limit', '2').stdout) as Row[];
    assert.equal(limited.length, 2);
  });

  it('searches the quotes of an actor with --label and --actor', () => {
    const rows = JSON.parse(parley('search', workspace, 'pokrovsk', '--label', 'quote', '--actor', 'Yuri Ushakov', '--json').stdout) as Row[];
    assert.deepEqual(rows.map((row) => [row.title, row.start, row.end, row.snippet]), [['Emoji first', 8, 16, 'Pokrovsk held']]);
    assert.deepEqual(JSON.parse(parley('search', workspace, 'garrison', '--label', 'Quote', '--json').stdout), [], 'the word is outside the quote');
    const label = parley('search', workspace, 'pokrovsk', '--label', 'Quotes');
    assert.equal(label.code, 2);
    assert.match(label.stderr, /--label: there is no label "Quotes" \(labels: Quote, Claim, Position, Actor\)/);
    assert.match(parley('search', workspace, 'pokrovsk', '--actor', 'Nobody').stderr, /--actor: there is no actor named "Nobody"/);
  });

  it('prints a table for people, the hit in brackets', () => {
    const result = parley('search', workspace, '"Pokrovsk garrison"');
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout.trimEnd().split('\n');
    assert.equal(lines[0], '1 document matches, 1 hit in the first 1 document.');
    assert.match(lines[1]!, /^doc\s+start–end\s+title\s+snippet$/);
    assert.match(lines[2]!, /^\d+\s+32–49\s+Emoji first\s+.*\[Pokrovsk garrison\]\.$/);
    assert.equal(parley('search', workspace, 'nowhere').stdout, 'No document matches.\n');
  });

  it('names the problem: a bad query, a bad --limit, a missing workspace or query', () => {
    const unbalanced = parley('search', workspace, '"Pokrovsk');
    assert.equal(unbalanced.code, 2);
    assert.equal(unbalanced.stdout, '');
    assert.match(unbalanced.stderr, /^parley: in the query, the quote at character 1 is never closed/);
    assert.doesNotMatch(unbalanced.stderr, /fts5|sqlite|at .*\.ts:/i, 'no SQLite message, no stack trace');
    assert.match(parley('search', workspace, 'NOT').stderr, /^parley: in the query, NOT at character 1 needs a word or phrase before it/);
    assert.match(parley('search', workspace, 'AND').stderr, /^parley: in the query, AND at character 1 needs a word or phrase before it/);
    const limit = parley('search', workspace, 'pokrovsk', '--limit', 'many');
    assert.equal(limit.code, 2);
    assert.match(limit.stderr, /--limit takes a whole number of hits, 1 or more, not "many"/);
    const missing = parley('search', join(dir, 'none.parley'), 'pokrovsk');
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^parley: No workspace at .*none\.parley/);
    assert.match(parley('search', workspace).stderr, /parley search needs a workspace path and a query/);
  });
});
