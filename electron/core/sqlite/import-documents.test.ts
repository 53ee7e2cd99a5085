import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { temporaryDir, workspacePath } from '../../test/helpers.ts';
import { openBackend } from '../backend.ts';
import type { ImportedDocument } from '../store.ts';
import { normaliseText } from '../text.ts';

const dir = temporaryDir();

function imported(raw: string, overrides: Partial<ImportedDocument> = {}): ImportedDocument {
  const { text, normalisation } = normaliseText(raw);
  return { document: { title: 'Imported', text }, normalisation, annotations: [], relations: [], ...overrides };
}

describe('importDocuments', () => {
  it('stores documents with annotations, relations, attributes and actors, growing the schema', async () => {
    const backend = await openBackend(workspacePath(dir));
    const outcomes = await backend.store.importDocuments(
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
    const open = (await backend.dispatch('openDocument', { id: outcomes[0]!.documentId })) as import('../../shared/types.ts').OpenDocument;
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

    const again = await backend.store.importDocuments([imported('Biden said \u201cwe will win\u201d 🇺🇸.\r\n')], { duplicates: 'skip' });
    assert.equal(again[0]!.status, 'skipped');
    assert.match(again[0]!.reason!, /same text as document/);
    const merged = await backend.store.importDocuments(
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
      backend.store.importDocuments(
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
