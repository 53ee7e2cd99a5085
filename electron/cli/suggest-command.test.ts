import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, describe, it } from 'node:test';
import { temporaryDir, workspacePath } from '../test/helpers.ts';
import type { Actor, Label } from '../shared/types.ts';
import { openBackend } from '../core/backend.ts';
import type { DocumentSuggestions } from '../core/suggest/run.ts';

const dir = temporaryDir();
/** The `parley` command as users run it (the CLI's bundle, rebuilt first if a source is newer). */
const CLI = fileURLToPath(new URL('./bin.mjs', import.meta.url));

function parley(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const QUOTED = '😀 Talks stalled in Geneva.\n“We will not accept this plan,” Yuri Ushakov said on Tuesday. He added that the Kremlin would wait.';

describe('parley suggest', () => {
  const workspace = workspacePath(dir);
  let ushakov: Actor;
  const ids: number[] = [];

  before(async () => {
    const backend = await openBackend(workspace);
    const actorLabel = ((await backend.dispatch('listLabels', {})) as Label[]).find((label) => label.name === 'Actor')!;
    ushakov = (await backend.dispatch('createActor', { name: 'Yuri Ushakov' })) as Actor;
    for (const [title, text] of [
      ['Geneva', QUOTED],
      ['Kremlin', 'The Kremlin stayed silent.'],
    ]) {
      ids.push(((await backend.dispatch('createDocument', { title, text })) as { id: number }).id);
    }
    // "Kremlin" tagged in the second document: string matching suggests it in the first.
    await backend.dispatch('edit', { documentId: ids[1], description: 'Tag', edits: [{ op: 'createAnnotation', labelId: actorLabel.id, fragments: [[4, 11]] }] });
    await backend.close();
  });

  it('prints the quotes with speaker and cue, and other occurrences of tagged spans, in code points', () => {
    const result = parley('suggest', workspace, '--document', String(ids[0]), '--json');
    assert.equal(result.code, 0, result.stderr);
    const [document, ...others] = JSON.parse(result.stdout) as DocumentSuggestions[];
    assert.equal(others.length, 0);
    const points = [...QUOTED];
    const text = (span: { start: number; end: number }) => points.slice(span.start, span.end).join('');
    const quotes = document!.suggestions.filter((suggestion) => suggestion.label === 'Quote');
    const direct = quotes.find((quote) => text(quote).startsWith('“We will not'));
    assert.ok(direct, `a quote from “We will not: ${JSON.stringify(quotes.map(text))}`);
    assert.equal(direct.suggester, 'attribution-model');
    assert.equal(direct.kind, 'direct');
    assert.equal(text(direct.speaker!), 'Yuri Ushakov');
    assert.equal(direct.speaker!.actorId, ushakov.id);
    assert.equal(text(direct.cue!), 'said');
    assert.ok(direct.confidence > 0 && direct.confidence <= 1);
    const kremlin = document!.suggestions.find((suggestion) => suggestion.suggester === 'string-match');
    assert.deepEqual(kremlin && [kremlin.label, text(kremlin)], ['Actor', 'Kremlin']);
  });

  it('leaves out what is below the threshold, and says what is wrong with its arguments', () => {
    const all = JSON.parse(parley('suggest', workspace, '--json').stdout) as DocumentSuggestions[];
    assert.deepEqual(all.map((document) => document.document), ids);
    assert.equal(all[1]!.suggestions.length, 0, 'the tagged Kremlin is not suggested over itself');
    const strict = JSON.parse(parley('suggest', workspace, '--json', '--threshold', '0.99', '--label', 'Quote').stdout) as DocumentSuggestions[];
    assert.ok(strict.every((document) => document.suggestions.every((suggestion) => suggestion.confidence >= 0.99 && suggestion.label === 'Quote')));
    assert.ok(strict[0]!.suggestions.length < all[0]!.suggestions.length);
    const wrong = parley('suggest', workspace, '--threshold', '2');
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /--threshold takes a confidence from 0 to 1, not "2"/);
    const missing = parley('suggest', workspace, '--document', '999');
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /No document 999/);
    const remote = parley('suggest', workspace, '--url', 'http://192.0.2.1/recommend');
    assert.equal(remote.code, 2);
    assert.match(remote.stderr, /--url takes an http:\/\/ address on this machine/);
  });

  it('runs the suggesters the workspace’s settings choose, and an external recommender named with --command', async () => {
    const backend = await openBackend(workspace);
    await backend.dispatch('updateSettings', { suggestions: { attributionModel: false, stringMatching: true, labels: ['Actor'], threshold: 0.5 } });
    await backend.close();
    const recommender = join(dir, 'recommender.mjs');
    writeFileSync(
      recommender,
      `import { createInterface } from 'node:readline';
createInterface({ input: process.stdin }).on('line', (line) => {
  const { id } = JSON.parse(line);
  process.stdout.write(JSON.stringify({ id, suggestions: [{ label: 'Actor', start: 2, end: 7, confidence: 0.9 }, { label: 'Actor', start: 0, end: 1, confidence: 0.1 }] }) + '\\n');
});`,
    );
    const result = parley('suggest', workspace, '--document', String(ids[0]), '--json', '--command', `${process.execPath} ${recommender}`);
    assert.equal(result.code, 0, result.stderr);
    const [document] = JSON.parse(result.stdout) as DocumentSuggestions[];
    assert.deepEqual(
      document!.suggestions.map((suggestion) => [suggestion.suggester, suggestion.label, suggestion.start, suggestion.end]),
      [
        ['command 1', 'Actor', 2, 7],
        // “Kremlin”, at code points 107–114 (UTF-16 108–115: the emoji is two units).
        ['string-match', 'Actor', 107, 114],
      ],
      'no model quotes (turned off), the recommender’s suggestion under the threshold left out',
    );
  });
});
