import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { describe, it } from 'node:test';
import type { Actor, WorkspaceStats } from '../../shared/types.ts';
import { openInFull, temporaryDir, workspacePath } from '../../test/helpers.ts';
import { openBackend } from '../backend.ts';
import { importFile, type ImportedDocument } from '../workspace.ts';
import { normaliseText } from '../text.ts';

const dir = temporaryDir();

function imported(raw: string, overrides: Partial<ImportedDocument> = {}): ImportedDocument {
  const { text, normalisation } = normaliseText(raw);
  return { document: { title: 'Imported', text }, normalisation, annotations: [], relations: [], ...overrides };
}

describe('importing a file (importBatch of one file)', () => {
  it('stores documents with annotations, relations, attributes and actors, growing the schema', async () => {
    const backend = await openBackend(workspacePath(dir));
    const outcomes = await importFile(
      backend.workspace,
      [
        imported('Biden said \u201cwe will win\u201d 🇺🇸.\r\n', {
          annotations: [
            { key: 'T1', label: 'Source', fragments: [[0, 5]], actors: { entity: { name: 'Joe Biden', externalId: 'Q6279' } }, author: 'ann1' },
            { key: 'T2', label: 'Quote', fragments: [[11, 24]], attributes: { kind: 'direct', confidence: 'high', verified: true }, note: 'on camera' },
          ],
          relations: [{ type: 'Attribution', sourceKey: 'T2', targetKey: 'T1' }],
          schema: [{ label: 'Quote', attributes: [{ name: 'kind', type: 'choice', options: ['direct', 'partial'] }] }],
        }),
      ],
      { duplicates: 'skip' },
    );
    assert.equal(outcomes[0]!.status, 'imported');
    const open = await openInFull(backend, outcomes[0]!.documentId);
    assert.deepEqual(open.document.normalisation, { bomRemoved: false, crlfToLf: 1, crToLf: 0 });
    assert.deepEqual(open.annotations.map((a) => [a.text, a.origin, a.author]), [['Biden', 'imported', 'ann1'], ['\u201cwe will win\u201d', 'imported', '']]);
    assert.equal(open.relations[0]!.type, 'Attribution');
    const labels = (await backend.dispatch('listLabels', {})) as import('../../shared/types.ts').Label[];
    const quote = labels.find((l) => l.name === 'Quote')!;
    assert.deepEqual(quote.attributes.find((a) => a.name === 'kind'), { name: 'kind', type: 'choice', options: ['direct', 'indirect', 'mixed', 'partial'] });
    assert.deepEqual(quote.attributes.find((a) => a.name === 'verified'), { name: 'verified', type: 'boolean' });
    assert.ok(labels.some((l) => l.name === 'Source' && l.attributes.some((a) => a.name === 'entity' && a.type === 'actor')));
    const actors = (await backend.dispatch('listActors', { query: 'Q6279' })) as { name: string }[];
    assert.deepEqual(actors.map((a) => a.name), ['Joe Biden']);

    const again = await importFile(backend.workspace, [imported('Biden said \u201cwe will win\u201d 🇺🇸.\r\n')], { duplicates: 'skip' });
    assert.equal(again[0]!.status, 'skipped');
    assert.match(again[0]!.reason!, /same text as document/);
    const merged = await importFile(
      backend.workspace,
      [imported('Biden said \u201cwe will win\u201d 🇺🇸.\r\n', { annotations: [{ key: 'x', label: 'Claim', fragments: [[25, 26]] }] })],
      { duplicates: 'merge' },
    );
    assert.equal(merged[0]!.status, 'merged');
    assert.equal(merged[0]!.documentId, outcomes[0]!.documentId);
    await backend.close();
  });

  it('takes back the whole file when one annotation is wrong', async () => {
    const backend = await openBackend(workspacePath(dir));
    const before = await backend.dispatch('stats', {});
    await assert.rejects(
      importFile(
        backend.workspace,
        [
          imported('first document'),
          imported('second', { annotations: [{ key: 'T9', label: 'NewLabel', fragments: [[0, 99]] }] }),
        ],
        { duplicates: 'skip' },
      ),
      /annotation T9: \[0, 99\] is not a non-empty range within the text's 6 code points/,
    );
    assert.deepEqual(await backend.dispatch('stats', {}), before, 'no document, label or annotation was left behind');
    await backend.close();
  });
});

describe('importBatch', () => {
  /** The ids of the documents whose title or text has `word`, through the full-text index. */
  const searchIds = (path: string, word: string) => {
    const db = new Database(path, { readonly: true });
    try {
      return db.prepare<[string], { rowid: number }>('SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? ORDER BY rowid').all(word).map((row) => row.rowid);
    } finally {
      db.close();
    }
  };

  it('stores several files in one transaction, taking back only the file that fails and what it added to the schema', async () => {
    const backend = await openBackend(workspacePath(dir));
    const rumour = (key: string, fragments: [number, number][]) => ({ key, label: 'Rumour', fragments, actors: { heard_from: { name: 'An Insider' } } });
    const files = [
      [imported('Alpha talks began in Geneva.')],
      [imported('Bravo said the talks were over.'), imported('Bravo again, in a second document of the same file.')],
      // The third file adds a label, an actor and a relation type, stores one document, then fails on the second.
      [
        imported('Charlie heard a rumour.', {
          annotations: [rumour('T1', [[8, 13]]), rumour('T2', [[14, 22]])],
          relations: [{ type: 'echoes', sourceKey: 'T2', targetKey: 'T1' }],
        }),
        imported('Charlie was wrong.', { annotations: [{ key: 'T9', label: 'Rumour', fragments: [[0, 99]] }] }),
      ],
      // The fourth uses the same new label, actor and relation type: they must be made again, not taken from a cache.
      [
        imported('Delta heard the rumour too.', {
          annotations: [rumour('T1', [[6, 11]]), rumour('T2', [[16, 22]])],
          relations: [{ type: 'echoes', sourceKey: 'T2', targetKey: 'T1' }],
        }),
      ],
      [imported('Echo closed the talks.')],
    ];
    const results = await backend.workspace.importBatch(files.map((documents) => ({ documents, options: { duplicates: 'skip' } })));

    assert.deepEqual(
      results.map((result) => ('error' in result ? result.error.message : result.outcomes.map((outcome) => outcome.status))),
      [
        ['imported'],
        ['imported', 'imported'],
        "annotation T9: [0, 99] is not a non-empty range within the text's 18 code points",
        ['imported'],
        ['imported'],
      ],
    );
    const stats = (await backend.dispatch('stats', {})) as WorkspaceStats;
    assert.deepEqual([stats.documents, stats.annotations, stats.relations, stats.actors], [5, 2, 1, 1], 'nothing of the third file remains');
    assert.equal(stats.labels['Rumour'], 2);
    const delta = results[3]!;
    assert.ok('outcomes' in delta);
    const open = await openInFull(backend, delta.outcomes[0]!.documentId);
    const [actor] = (await backend.dispatch('listActors', {})) as Actor[];
    assert.deepEqual(open.annotations.map((annotation) => annotation.attributes['heard_from']), [actor!.id, actor!.id], 'the annotations name the actor that exists');
    assert.deepEqual(open.relations.map((relation) => relation.type), ['echoes']);

    // The documents were indexed for search in bulk at the end of the batch, the rolled-back one not at all.
    // (The third file's document took id 4 and gave it back with the rollback; Delta has it now.)
    assert.deepEqual(searchIds(backend.path, 'talks'), [1, 2, 5]);
    assert.deepEqual(searchIds(backend.path, 'charlie'), []);
    assert.deepEqual(searchIds(backend.path, 'rumour'), [4]);
    // Documents created after the import are indexed one by one by the trigger again.
    const created = (await backend.dispatch('createDocument', { title: 'Foxtrot', text: 'More talks.' })) as { id: number };
    assert.deepEqual(searchIds(backend.path, 'talks'), [1, 2, 5, created.id]);
    await backend.close();
  });

  it('finds duplicates among the files of the same batch, and none in a file that was taken back', async () => {
    const backend = await openBackend(workspacePath(dir));
    const results = await backend.workspace.importBatch(
      [
        [imported('Same words.'), imported('Broken', { annotations: [{ key: 'T1', label: 'Quote', fragments: [[3, 2]] }] })],
        [imported('Same words.')],
        [imported('Same words.')],
      ].map((documents) => ({ documents, options: { duplicates: 'skip' } })),
    );
    assert.deepEqual(
      results.map((result) => ('error' in result ? 'error' : result.outcomes.map((outcome) => outcome.reason ?? outcome.status))),
      ['error', ['imported'], ['same text as document 1 (“Imported”)']],
      'the document of the first file was taken back, so the second file stores the text anew (reusing the free id)',
    );
    await backend.close();
  });
});
