import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type {
  Actor,
  Annotation,
  ChangeResult,
  DocumentSummary,
  Label,
  OpenDocument,
} from '../shared/types.ts';
import { OffsetIndex } from '../shared/offsets.ts';
import { unpackAnnotations } from '../shared/packed-annotations.ts';
import { openInFull, temporaryDir, typedApi as api, workspacePath } from '../test/helpers.ts';
import { openBackend, type Backend } from './backend.ts';
import { ParleyError } from './errors.ts';

const dir = temporaryDir();


async function rejectsWith(promise: Promise<unknown>, code: string, pattern: RegExp) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof ParleyError, `expected a ParleyError, got ${String(error)}`);
    assert.equal(error.code, code);
    assert.match(error.message, pattern);
    return true;
  });
}

// Emoji with a ZWJ sequence, a combining accent, RTL text and a CRLF line break: every offset trap at once.
const TRICKY_TEXT = '\uFEFFAl-Sisi 👩‍👩‍👧 said:\r\n«لا حل وسط» and Cafe\u0301 said “no compromise version” 🇺🇦.';

describe('backend', () => {
  let backend: Backend;
  let call: ReturnType<typeof api>;
  let labels: Label[];
  let quote: Label;
  let claim: Label;
  let actorLabel: Label;
  let doc: DocumentSummary;

  before(async () => {
    backend = await openBackend(workspacePath(dir));
    call = api(backend);
    labels = await call('listLabels', {});
    quote = labels.find((label) => label.name === 'Quote')!;
    claim = labels.find((label) => label.name === 'Claim')!;
    actorLabel = labels.find((label) => label.name === 'Actor')!;
    doc = await call('createDocument', { title: 'Tricky', text: TRICKY_TEXT });
  });

  it('answers the first screen in one call: every list, and the document asked for or the first', async () => {
    const empty = await openBackend(workspacePath(temporaryDir()));
    const nothing = await api(empty)('startUp', {});
    assert.equal(nothing.opened, null);
    assert.deepEqual(nothing.labels, await api(empty)('listLabels', {}));
    await empty.close();

    const second = await call('createDocument', { title: 'Second', text: 'Another text.' });
    const startUp = await call('startUp', { documentId: second.id });
    assert.deepEqual(startUp.opened, await call('openDocument', { id: second.id }));
    assert.deepEqual(startUp.documents, await call('listDocuments', {}));
    assert.deepEqual(startUp.settings, await call('getSettings', {}));
    assert.deepEqual(startUp.info, await call('workspaceInfo', {}));
    const first = startUp.documents[0]!.id;
    assert.equal((await call('startUp', {})).opened?.document.id, first);
    assert.equal((await call('startUp', { documentId: 987_654 })).opened?.document.id, first);
    await call('deleteDocument', { id: second.id });
  });

  it('starts with the default schema: Quote, Claim, Position, Actor with their hotkeys and attributes', () => {
    assert.deepEqual(
      labels.map((label) => [label.name, label.hotkey]),
      [['Quote', 'q'], ['Claim', 'c'], ['Position', 'p'], ['Actor', 'a']],
    );
    assert.deepEqual(quote.attributes, [
      { name: 'kind', type: 'choice', options: ['direct', 'indirect', 'mixed'] },
      { name: 'speaker', type: 'actor' },
    ]);
    const position = labels.find((label) => label.name === 'Position')!;
    assert.deepEqual(position.attributes.map((a) => a.name), ['holder', 'target', 'stance']);
  });

  it('stores text verbatim but for the BOM and CRLF, and records both', async () => {
    const { document } = await call('openDocument', { id: doc.id });
    assert.equal(document.text, TRICKY_TEXT.slice(1).replace('\r\n', '\n'));
    assert.deepEqual(document.normalisation, { bomRemoved: true, crlfToLf: 1, crToLf: 0 });
    assert.equal(document.length, Array.from(document.text).length);
    assert.match(document.contentHash, /^[0-9a-f]{64}$/);
  });

  it('takes and returns code point offsets, slicing the text as Python does', async () => {
    const { document } = await call('openDocument', { id: doc.id });
    const codePoints = Array.from(document.text);
    const find = (needle: string) => {
      const unit = document.text.indexOf(needle);
      return Array.from(document.text.slice(0, unit)).length;
    };
    const spans: [string, number][] = [
      ['👩‍👩‍👧', find('👩‍👩‍👧')],
      ['«لا حل وسط»', find('«')],
      ['Cafe\u0301', find('Cafe')],
      ['no compromise version', find('no compromise')],
      ['🇺🇦', find('🇺🇦')],
    ];
    for (const [needle, start] of spans) {
      const end = start + Array.from(needle).length;
      const change = await call('edit', {
        documentId: doc.id,
        description: 'Tag',
        edits: [{ op: 'createAnnotation', labelId: quote.id, fragments: [[start, end]] }],
      });
      const annotation = change.upsertedAnnotations[0]!;
      assert.deepEqual(annotation.fragments, [[start, end]]);
      assert.equal(annotation.text, needle);
      assert.equal(codePoints.slice(start, end).join(''), needle);
    }
  });

  it('opens a document with its annotations packed, which unpack to exactly the stored summaries', async () => {
    const target = await call('createDocument', { title: 'Packed', text: 'Flag 🇺🇦 first, 👩‍👩‍👧 then «لا حل وسط» and Cafe\u0301 at the end.' });
    const codePoints = Array.from((await call('openDocument', { id: target.id })).document.text);
    const at = (needle: string) => {
      const found = codePoints.join('').indexOf(needle);
      return Array.from(codePoints.join('').slice(0, found)).length;
    };
    const family = at('👩‍👩‍👧');
    const arabic = at('«');
    await call('edit', {
      documentId: target.id,
      description: 'Tag',
      edits: [
        // Discontinuous, across astral characters, with attributes.
        { op: 'createAnnotation', labelId: quote.id, fragments: [[at('🇺🇦'), at('🇺🇦') + 2], [family, family + Array.from('👩‍👩‍👧').length]], attributes: { kind: 'direct' } },
        { op: 'createAnnotation', labelId: claim.id, fragments: [[arabic, codePoints.length]] },
        { op: 'createAnnotation', labelId: actorLabel.id, fragments: [[at('Cafe'), at('Cafe') + 5]] },
      ],
    });
    const open = await call('openDocument', { id: target.id });
    assert.equal(open.document.annotationCount, 3);
    const unpacked = unpackAnnotations(open.annotations, open.document.text, new OffsetIndex(open.document.text));
    const records = (await openInFull(backend, target.id)).annotations;
    assert.deepEqual(
      unpacked,
      records.map(({ id, labelId, fragments, text, attributes }) => ({ id, labelId, fragments, text, attributes })),
    );
    assert.deepEqual(unpacked.map((annotation) => annotation.text), ['🇺🇦 👩‍👩‍👧', '«لا حل وسط» and Cafe\u0301 at the end.', 'Cafe\u0301']);
    assert.deepEqual(open.annotations.attributes, [[records[0]!.id, { kind: 'direct' }]], 'only annotations with attributes carry them');
    await rejectsWith(call('getAnnotation', { id: 987654 }), 'not_found', /Annotation 987654 does not exist/);
  });

  it('tags, sets a speaker, relates, and undoes and redoes each step exactly', async () => {
    const target = await call('createDocument', { title: 'Talks', text: 'Ushakov said there is still “no compromise version” of a plan.' });
    const ushakov = await call('createActor', { name: 'Yuri Ushakov', aliases: ['Ushakov'], externalId: 'Q4527561' });
    const tagged = await call('edit', {
      documentId: target.id,
      description: 'Tag Quote and speaker',
      edits: [
        { op: 'createAnnotation', ref: 'quote', labelId: quote.id, fragments: [[29, 50]], attributes: { kind: 'direct' } },
        { op: 'createAnnotation', ref: 'mention', labelId: actorLabel.id, fragments: [[0, 7]], attributes: { actor: ushakov.id } },
        { op: 'updateAnnotation', id: 'quote', attributes: { speaker: ushakov.id } },
        { op: 'createRelation', type: 'said_by', sourceId: 'quote', targetId: 'mention' },
      ],
    });
    const quoteId = tagged.createdIds['quote']!;
    const mentionId = tagged.createdIds['mention']!;
    assert.equal(tagged.upsertedAnnotations.find((a) => a.id === quoteId)!.text, 'no compromise version');
    assert.deepEqual(tagged.upsertedAnnotations.find((a) => a.id === quoteId)!.attributes, { kind: 'direct', speaker: ushakov.id });
    assert.deepEqual(tagged.history, { canUndo: true, canRedo: false, undoDescription: 'Tag Quote and speaker', redoDescription: null });

    const afterTag = await openInFull(backend, target.id);
    assert.equal(afterTag.annotations.length, 2);
    assert.equal(afterTag.relations.length, 1);

    const overlap = await call('edit', {
      documentId: target.id,
      description: 'Tag Claim',
      edits: [{ op: 'createAnnotation', labelId: claim.id, fragments: [[13, 51]], attributes: { 'check-worthy': 'yes' } }],
    });
    assert.equal(overlap.upsertedAnnotations[0]!.text, 'there is still “no compromise version”');

    const deleted = await call('edit', { documentId: target.id, description: 'Delete quote', edits: [{ op: 'deleteAnnotation', id: quoteId }] });
    assert.deepEqual(deleted.deletedAnnotationIds, [quoteId]);
    assert.equal(deleted.deletedRelationIds.length, 1, 'the relation goes with the annotation');

    const undone = await call('undo', { documentId: target.id });
    assert.deepEqual(undone.upsertedAnnotations.map((a) => a.id), [quoteId]);
    assert.equal(undone.upsertedRelations.length, 1);
    const restored = await openInFull(backend, target.id);
    assert.deepEqual(strip(restored), strip({ ...afterTag, annotations: [...afterTag.annotations, overlap.upsertedAnnotations[0]!] }));

    await call('undo', { documentId: target.id });
    const beforeClaim = await openInFull(backend, target.id);
    assert.deepEqual(strip(beforeClaim), strip(afterTag), 'undoing the claim brings back the exact earlier state');
    assert.equal(beforeClaim.history.redoDescription, 'Tag Claim');

    const redone = await call('redo', { documentId: target.id });
    assert.equal(redone.upsertedAnnotations[0]!.id, overlap.upsertedAnnotations[0]!.id, 'redo keeps ids');
    await call('redo', { documentId: target.id });
    const final = await openInFull(backend, target.id);
    assert.deepEqual(final.annotations.map((a) => a.id).sort(), [mentionId, overlap.upsertedAnnotations[0]!.id].sort());
    assert.equal(final.relations.length, 0);
    await rejectsWith(call('redo', { documentId: target.id }), 'conflict', /Nothing to redo/);
  });

  it('drops the redo steps when a new change is made after undo', async () => {
    const target = await call('createDocument', { title: 'Redo', text: 'one two three' });
    await call('edit', { documentId: target.id, description: 'Tag one', edits: [{ op: 'createAnnotation', labelId: quote.id, fragments: [[0, 3]] }] });
    await call('undo', { documentId: target.id });
    const change = await call('edit', { documentId: target.id, description: 'Tag two', edits: [{ op: 'createAnnotation', labelId: quote.id, fragments: [[4, 7]] }] });
    assert.equal(change.history.canRedo, false);
    await rejectsWith(call('redo', { documentId: target.id }), 'conflict', /Nothing to redo/);
  });

  it('keeps undo history per document', async () => {
    const first = await call('createDocument', { title: 'First', text: 'alpha beta' });
    const second = await call('createDocument', { title: 'Second', text: 'gamma delta' });
    await call('edit', { documentId: first.id, description: 'Tag alpha', edits: [{ op: 'createAnnotation', labelId: quote.id, fragments: [[0, 5]] }] });
    await call('edit', { documentId: second.id, description: 'Tag gamma', edits: [{ op: 'createAnnotation', labelId: quote.id, fragments: [[0, 5]] }] });
    const undone = await call('undo', { documentId: first.id });
    assert.equal(undone.deletedAnnotationIds.length, 1);
    assert.equal((await openInFull(backend, second.id)).annotations.length, 1);
  });

  it('relabels, resizes and edits notes, dropping attributes the new label lacks until undone', async () => {
    const target = await call('createDocument', { title: 'Relabel', text: 'The minister said taxes will fall.' });
    const created = await call('edit', {
      documentId: target.id,
      description: 'Tag',
      edits: [{ op: 'createAnnotation', labelId: quote.id, fragments: [[18, 33]], attributes: { kind: 'indirect' } }],
    });
    const id = created.upsertedAnnotations[0]!.id;
    const relabelled = await call('edit', {
      documentId: target.id,
      description: 'Relabel',
      edits: [{ op: 'updateAnnotation', id, labelId: claim.id, fragments: [[18, 34]], note: 'check the budget' }],
    });
    const after = relabelled.upsertedAnnotations[0]!;
    assert.equal(after.labelId, claim.id);
    assert.deepEqual(after.attributes, {});
    assert.equal(after.text, 'taxes will fall.');
    assert.equal(after.note, 'check the budget');
    const undone = await call('undo', { documentId: target.id });
    assert.deepEqual(undone.upsertedAnnotations[0]!.attributes, { kind: 'indirect' });
    assert.equal(undone.upsertedAnnotations[0]!.text, 'taxes will fall');
  });

  it('sets aside what a relabel drops, says so, and gives it back on the way back; exports never see it', async () => {
    const forces = await call('createActor', { name: 'Russian forces', kind: 'armed_group' });
    const target = await call('createDocument', { title: 'Round trip', text: 'Russian forces said they took the village.' });
    const created = await call('edit', {
      documentId: target.id,
      description: 'Tag',
      edits: [{ op: 'createAnnotation', labelId: claim.id, fragments: [[20, 42]], attributes: { claimant: forces.id } }],
    });
    const id = created.upsertedAnnotations[0]!.id;
    const relabel = (labelId: number) => call('edit', { documentId: target.id, description: 'Relabel', edits: [{ op: 'updateAnnotation', id, labelId }] });
    const asActor = await relabel(actorLabel.id);
    assert.deepEqual(asActor.upsertedAnnotations[0]!.attributes, {});
    assert.deepEqual(asActor.setAside, [{ annotationId: id, attributes: ['claimant'] }]);
    const exported = Buffer.from((await call('exportData', { format: 'parley' })).contentBase64, 'base64').toString('utf8');
    const record = exported.split('\n').filter(Boolean).map((line) => JSON.parse(line) as { id: number; annotations: Record<string, unknown>[] }).find((line) => line.id === target.id)!;
    assert.deepEqual(record.annotations.map((annotation) => [annotation['attributes'], 'setAside' in annotation]), [[{}, false]]);
    const back = await relabel(claim.id);
    assert.deepEqual(back.upsertedAnnotations[0]!.attributes, { claimant: forces.id });
    assert.equal(back.upsertedAnnotations[0]!.setAside, undefined);
    assert.equal(back.setAside, undefined);
    assert.deepEqual((await call('getAnnotation', { id })).attributes, { claimant: forces.id });
  });

  it('supports discontinuous spans, storing fragments sorted', async () => {
    const target = await call('createDocument', { title: 'Gaps', text: 'He said, smiling, that it was over.' });
    const change = await call('edit', {
      documentId: target.id,
      description: 'Tag',
      edits: [{ op: 'createAnnotation', labelId: quote.id, fragments: [[18, 34], [0, 7]] }],
    });
    assert.deepEqual(change.upsertedAnnotations[0]!.fragments, [[0, 7], [18, 34]]);
    assert.equal(change.upsertedAnnotations[0]!.text, 'He said that it was over');
  });

  it('refuses bad edits with the field at fault, and writes nothing of a failed batch', async () => {
    const target = await call('createDocument', { title: 'Atomic', text: 'abc def' });
    const edit = (edits: unknown) =>
      backend.dispatch('edit', { documentId: target.id, description: 'Bad', edits }) as Promise<ChangeResult>;
    await rejectsWith(
      edit([
        { op: 'createAnnotation', labelId: quote.id, fragments: [[0, 3]] },
        { op: 'createAnnotation', labelId: quote.id, fragments: [[4, 99]] },
      ]),
      'invalid_params',
      /edits\[1\]\.fragments\[0\].*within the document's 7 code points/,
    );
    await rejectsWith(edit([{ op: 'createAnnotation', labelId: quote.id, fragments: [[0, 3], [2, 5]] }]), 'invalid_params', /overlap/);
    await rejectsWith(edit([{ op: 'createAnnotation', labelId: quote.id, fragments: [[3, 3]] }]), 'invalid_params', /non-empty/);
    await rejectsWith(edit([{ op: 'createAnnotation', labelId: 999, fragments: [[0, 3]] }]), 'invalid_params', /edits\[0\]\.labelId: there is no label 999/);
    await rejectsWith(
      edit([{ op: 'createAnnotation', labelId: quote.id, fragments: [[0, 3]], attributes: { kind: 'shouted' } }]),
      'invalid_params',
      /attributes\.kind: expected one of direct, indirect, mixed/,
    );
    await rejectsWith(
      edit([{ op: 'createAnnotation', labelId: quote.id, fragments: [[0, 3]], attributes: { speaker: 424242 } }]),
      'invalid_params',
      /there is no actor 424242/,
    );
    await rejectsWith(
      edit([{ op: 'createAnnotation', labelId: quote.id, fragments: [[0, 3]], attributes: { mood: 'x' } }]),
      'invalid_params',
      /Quote has no attribute "mood"/,
    );
    await rejectsWith(edit([{ op: 'createAnnotation', labelId: quote.id, fragments: [[-1, 3]] }]), 'invalid_params', /edits\[0\]\.fragments\[0\]\[0\]/);
    await rejectsWith(edit([{ op: 'deleteAnnotation', id: 'nope' }]), 'invalid_params', /no annotation was created with ref "nope"/);
    await rejectsWith(edit([{ op: 'frobnicate' }]), 'invalid_params', /edits\[0\]\.op/);
    const state = await call('openDocument', { id: target.id });
    assert.deepEqual(state.annotations, { spans: [], attributes: [] });
    assert.equal(state.history.canUndo, false);
  });

  it('refuses edits that reach into another document', async () => {
    const one = await call('createDocument', { title: 'One', text: 'first text' });
    const two = await call('createDocument', { title: 'Two', text: 'second text' });
    const change = await call('edit', { documentId: one.id, description: 'Tag', edits: [{ op: 'createAnnotation', labelId: quote.id, fragments: [[0, 5]] }] });
    await rejectsWith(
      call('edit', { documentId: two.id, description: 'Steal', edits: [{ op: 'deleteAnnotation', id: change.upsertedAnnotations[0]!.id }] }),
      'invalid_params',
      /is not in document/,
    );
  });

  it('validates parameters at the boundary: unknown methods, wrong types, extra fields', async () => {
    await rejectsWith(backend.dispatch('dropTables', {}), 'unknown_method', /no API method "dropTables"/);
    await rejectsWith(backend.dispatch('openDocument', { id: '1' }), 'invalid_params', /openDocument: id/);
    await rejectsWith(backend.dispatch('openDocument', { id: 1, extra: true }), 'invalid_params', /extra/);
    await rejectsWith(backend.dispatch('createDocument', { title: 'Empty', text: '' }), 'invalid_params', /text: a document needs some text/);
    await rejectsWith(backend.dispatch('createLabel', { name: 'Bad', color: 'blue' }), 'invalid_params', /color: a colour like/);
    await rejectsWith(backend.dispatch('openDocument', { id: 987654 }), 'not_found', /Document 987654 does not exist/);
    await rejectsWith(backend.dispatch('listDocuments', 'everything'), 'invalid_params', /listDocuments: \(parameters\)/);
  });

  it('lets the analyst extend the schema, keeping names and hotkeys unique', async () => {
    const source = await call('createLabel', {
      name: 'Source',
      color: '#AA3355',
      hotkey: 's',
      attributes: [
        { name: 'reliability', type: 'choice', options: ['high', 'low'] },
        { name: 'anonymous', type: 'boolean' },
      ],
    });
    assert.equal(source.color, '#aa3355');
    assert.equal(source.position, labels.length);
    await rejectsWith(call('createLabel', { name: 'source', color: '#000000' }), 'conflict', /exists already/);
    await rejectsWith(call('createLabel', { name: 'Other', color: '#000000', hotkey: 'q' }), 'conflict', /already tags Quote/);
    await rejectsWith(call('createLabel', { name: 'Other', color: '#000000', hotkey: 'n' }), 'invalid_params', /reserved/);
    const updated = await call('updateLabel', { id: source.id, patch: { attributes: [...source.attributes, { name: 'note', type: 'text' }] } });
    assert.equal(updated.attributes.length, 3);
    const target = await call('createDocument', { title: 'Schema', text: 'An official said so.' });
    await call('edit', {
      documentId: target.id,
      description: 'Tag',
      edits: [{ op: 'createAnnotation', labelId: source.id, fragments: [[3, 11]], attributes: { anonymous: true, reliability: 'low' } }],
    });
    await rejectsWith(call('deleteLabel', { id: source.id }), 'conflict', /used by 1 annotation/);
    const spare = await call('createLabel', { name: 'Spare', color: '#123456' });
    assert.equal((await call('deleteLabel', { id: spare.id })).deleted, spare.id);
    await call('createRelationType', { name: 'contradicts', description: 'One claim contradicts another' });
    assert.ok((await call('listRelationTypes', {})).some((type) => type.name === 'contradicts'));
  });

  it('keeps an actor registry searchable by name, alias and external id, guarding linked actors', async () => {
    const macron: Actor = await call('createActor', { name: 'Emmanuel Macron', kind: 'person', aliases: ['Macron', 'the French president'], externalId: 'Q3052772' });
    await call('createActor', { name: 'Élysée', kind: 'organisation' });
    assert.deepEqual((await call('listActors', { query: 'french pres' })).map((a) => a.id), [macron.id]);
    assert.deepEqual((await call('listActors', { query: 'q3052772' })).map((a) => a.id), [macron.id]);
    const target = await call('createDocument', { title: 'Macron', text: 'Macron said France would help.' });
    const change = await call('edit', {
      documentId: target.id,
      description: 'Tag',
      edits: [{ op: 'createAnnotation', labelId: quote.id, fragments: [[13, 29]], attributes: { speaker: macron.id } }],
    });
    await rejectsWith(call('deleteActor', { id: macron.id }), 'conflict', /linked from 1 annotation/);
    await call('edit', { documentId: target.id, description: 'Unset', edits: [{ op: 'updateAnnotation', id: change.upsertedAnnotations[0]!.id, attributes: { speaker: null } }] });
    assert.equal((await call('deleteActor', { id: macron.id })).deleted, macron.id);
  });

  it('updates and deletes documents, and counts everything in stats', async () => {
    const target = await call('createDocument', { title: 'Status', text: 'Some words here.' });
    const updated = await call('updateDocument', { id: target.id, patch: { status: 'in_progress', title: '  Renamed  ' } });
    assert.equal(updated.status, 'in_progress');
    assert.equal(updated.title, 'Renamed');
    assert.ok((await call('listDocuments', { query: 'renam' })).some((d) => d.id === target.id));
    const statsBefore = await call('stats', {});
    await call('deleteDocument', { id: target.id });
    const statsAfter = await call('stats', {});
    assert.equal(statsAfter.documents, statsBefore.documents - 1);
    assert.equal(Object.values(statsAfter.labels).reduce((a, b) => a + b, 0), statsAfter.annotations);
  });

  it('keeps settings', async () => {
    const suggestions = { attributionModel: true, stringMatching: true, labels: ['Quote', 'Actor'], threshold: 0.5 };
    assert.deepEqual(await call('getSettings', {}), { snapToWords: true, author: '', backupEveryMinutes: 30, backupsKept: 10, suggestions });
    const chosen = { attributionModel: false, stringMatching: true, labels: ['Actor'], threshold: 0.8 };
    assert.deepEqual(await call('updateSettings', { snapToWords: false, author: 'Analyst A', backupsKept: 3, suggestions: chosen }), {
      snapToWords: false,
      author: 'Analyst A',
      backupEveryMinutes: 30,
      backupsKept: 3,
      suggestions: chosen,
    });
    await assert.rejects(call('updateSettings', { backupsKept: 0 }), /updateSettings: backupsKept/);
    await assert.rejects(call('updateSettings', { suggestions: { ...chosen, threshold: 1.5 } }), /updateSettings: suggestions\.threshold/);
    assert.equal((await call('workspaceInfo', {})).author, 'Analyst A');
  });
});

describe('a workspace after a restart', () => {
  it('holds exactly what was saved, samples included once', async () => {
    const path = workspacePath(dir);
    const first = await openBackend(path, { seedSamples: true });
    const call = api(first);
    const documents = await call('listDocuments', {});
    assert.equal(documents.length, 5);
    assert.ok(documents.every((d) => d.isSample));
    assert.match(documents[0]!.title, /Putin/);
    const quote = (await call('listLabels', {}))[0]!;
    await call('edit', { documentId: documents[0]!.id, description: 'Tag', edits: [{ op: 'createAnnotation', labelId: quote.id, fragments: [[0, 5]] }] });
    await call('deleteDocument', { id: documents[4]!.id });
    const before = await call('openDocument', { id: documents[0]!.id });
    await first.close();

    const second = await openBackend(path, { seedSamples: true });
    const again = api(second);
    assert.equal((await again('listDocuments', {})).length, 4, 'deleted samples do not come back');
    assert.deepEqual(await again('openDocument', { id: documents[0]!.id }), before);
    const undone = await again('undo', { documentId: documents[0]!.id });
    assert.equal(undone.deletedAnnotationIds.length, 1, 'undo history survives a restart');
    await second.close();
  });
});

/** An open document without timestamps that legitimately change (the document's updatedAt, history). */
function strip(open: Omit<OpenDocument, 'annotations'> & { annotations: Annotation[] }) {
  return {
    annotations: [...open.annotations].sort((a, b) => a.id - b.id),
    relations: [...open.relations].sort((a, b) => a.id - b.id),
    text: open.document.text,
  };
}
