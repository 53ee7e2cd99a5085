/**
 * The corpus table finished, through the backend on a real workspace: document tags, the table's filters by any
 * column (counted by hand on a small corpus), saved views, and bulk actions with their one-step undo across
 * documents, refused whole when one row cannot take the change.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { AnnotationFilter } from '../shared/types.ts';
import { openInFull, temporaryDir, typedApi, workspacePath } from '../test/helpers.ts';
import { openBackend, type Backend } from './backend.ts';
import { ParleyError } from './errors.ts';

const dir = temporaryDir('parley-table-bulk-');

/** `pattern` is matched, or a string found in the message as it is. */
async function rejectsWith(promise: Promise<unknown>, code: string, field: string | undefined, pattern: RegExp | string) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof ParleyError, `expected a ParleyError, got ${String(error)}`);
    assert.equal(error.code, code);
    assert.equal(error.field, field);
    if (typeof pattern === 'string') assert.ok(error.message.includes(pattern), error.message);
    else assert.match(error.message, pattern);
    return true;
  });
}

const codePoints = (text: string) => Array.from(text).length;
const at = (text: string, needle: string) => codePoints(text.slice(0, text.indexOf(needle)));

/**
 * Three documents: Moscow (in progress, tagged "Ukraine talks", 2025-02-12) with Ushakov's two quotes and an
 * unverified claim; Kyiv (done, tagged "Ukraine talks" and "to review", 2025-03-01) with Zelenskyy's quote (emoji
 * and RTL text before it) and a false claim; Notes (new, no date) with an imported Actor mention.
 */
async function corpus() {
  const backend = await openBackend(workspacePath(dir));
  const call = typedApi(backend);
  const labels = new Map((await call('listLabels', {})).map((label) => [label.name, label]));
  const label = (name: string) => labels.get(name)!;
  const ushakov = await call('createActor', { name: 'Yuri Ushakov' });
  const zelenskyy = await call('createActor', { name: 'Volodymyr Zelenskyy' });
  const moscowText = 'Ushakov said there is no compromise version. Ushakov added: talks go on. Pokrovsk has fallen, officials claimed.';
  const kyivText = '👩‍👩‍👧 «لا حل وسط» Zelenskyy said: we will not give up. Moscow claimed the city was surrounded.';
  const notesText = 'Ushakov, the aide, was there.';
  const moscow = await call('createDocument', { title: 'Talks in Moscow', text: moscowText, publishedAt: '2025-02-12' });
  const kyiv = await call('createDocument', { title: 'Kyiv answers', text: kyivText, publishedAt: '2025-03-01T09:30:00Z' });
  const notes = await call('createDocument', { title: 'Notes', text: notesText });
  await call('updateDocument', { id: moscow.id, patch: { status: 'in_progress' } });
  await call('updateDocument', { id: kyiv.id, patch: { status: 'done' } });
  const talks = await call('tagDocument', { documentId: moscow.id, name: 'Ukraine talks' });
  await call('tagDocument', { documentId: kyiv.id, name: 'ukraine talks' });
  const review = await call('tagDocument', { documentId: kyiv.id, name: 'to review' });
  const tag = async (documentId: number, text: string, needle: string, labelName: string, attributes?: Record<string, string | number>, origin?: 'imported') => {
    const start = at(text, needle);
    const change = await call('edit', {
      documentId,
      description: 'Tag',
      edits: [{ op: 'createAnnotation', labelId: label(labelName).id, fragments: [[start, start + codePoints(needle)]], ...(attributes ? { attributes } : {}), ...(origin ? { origin } : {}) }],
    });
    return change.upsertedAnnotations[0]!.id;
  };
  const ids = {
    compromise: await tag(moscow.id, moscowText, 'there is no compromise version', 'Quote', { speaker: ushakov.id, kind: 'direct' }),
    talksGoOn: await tag(moscow.id, moscowText, 'talks go on', 'Quote', { speaker: ushakov.id }),
    fallen: await tag(moscow.id, moscowText, 'Pokrovsk has fallen', 'Claim', { verdict: 'unverified' }),
    giveUp: await tag(kyiv.id, kyivText, 'we will not give up', 'Quote', { speaker: zelenskyy.id }),
    surrounded: await tag(kyiv.id, kyivText, 'the city was surrounded', 'Claim', { verdict: 'false', claimant: ushakov.id }),
    aide: await tag(notes.id, notesText, 'Ushakov', 'Actor', { actor: ushakov.id }, 'imported'),
  };
  return { backend, call, label, ushakov, zelenskyy, moscow, kyiv, notes, talks, review, ids };
}

describe('document tags', () => {
  it('are created by name, shared ignoring case, listed with their documents, and taken off one document at a time', async () => {
    const { call, moscow, kyiv, talks, review } = await corpus();
    assert.equal(talks.name, 'Ukraine talks');
    assert.deepEqual(await call('listDocumentTags', {}), [
      { id: review.id, name: 'to review', documentIds: [kyiv.id] },
      { id: talks.id, name: 'Ukraine talks', documentIds: [moscow.id, kyiv.id] },
    ]);
    assert.deepEqual(await call('untagDocument', { documentId: moscow.id, tagId: talks.id }), { id: talks.id, name: 'Ukraine talks', documentIds: [kyiv.id] });
    await rejectsWith(call('tagDocument', { documentId: moscow.id, name: '   ' }), 'invalid_params', 'name', /a tag needs a name/);
    await rejectsWith(call('tagDocument', { documentId: 999, name: 'x' }), 'not_found', undefined, /Document 999/);
  });

  it('come back with a removed document when its removal is undone', async () => {
    const { call, kyiv, talks, review } = await corpus();
    const removed = await call('deleteDocument', { id: kyiv.id });
    assert.deepEqual((await call('listDocumentTags', {})).map((tag) => tag.documentIds.includes(kyiv.id)), [false, false]);
    await call('undoRemoval', { id: removed.removal.id });
    const tags = await call('listDocumentTags', {});
    assert.deepEqual(tags.filter((tag) => tag.documentIds.includes(kyiv.id)).map((tag) => tag.id), [review.id, talks.id]);
  });

  it('the document list carries each document’s publication date', async () => {
    const { call, moscow, notes } = await corpus();
    const listed = await call('listDocuments', {});
    assert.equal(listed.find((doc) => doc.id === moscow.id)!.publishedAt, '2025-02-12');
    assert.equal(listed.find((doc) => doc.id === notes.id)!.publishedAt, null);
  });
});

describe('the table filters by any column', () => {
  let fixture: Awaited<ReturnType<typeof corpus>>;
  before(async () => {
    fixture = await corpus();
  });
  const ids = async (filter: AnnotationFilter) => {
    const page = await fixture.call('queryAnnotations', { ...filter, sort: 'document', limit: 500 });
    assert.equal(page.total, page.rows.length);
    return page.rows.map((row) => row.id).sort((a, b) => a - b);
  };
  const sorted = (...values: number[]) => values.sort((a, b) => a - b);

  it('by label and actor: Quotes by Yuri Ushakov, the actor the table shows for the row', async () => {
    const { ids: annotation, label, ushakov, zelenskyy } = fixture;
    assert.deepEqual(await ids({ labelIds: [label('Quote').id], actorIds: [ushakov.id] }), sorted(annotation.compromise, annotation.talksGoOn));
    // The false claim names Ushakov as its claimant, the actor the table shows; the aide mention as its actor.
    assert.deepEqual(await ids({ actorIds: [ushakov.id] }), sorted(annotation.compromise, annotation.talksGoOn, annotation.surrounded, annotation.aide));
    assert.deepEqual(await ids({ actorIds: [ushakov.id, zelenskyy.id], labelIds: [label('Quote').id] }), sorted(annotation.compromise, annotation.talksGoOn, annotation.giveUp));
  });

  it('by attribute values, every pair holding', async () => {
    const { ids: annotation } = fixture;
    assert.deepEqual(await ids({ attributes: [{ name: 'verdict', value: 'unverified' }] }), [annotation.fallen]);
    assert.deepEqual(await ids({ attributes: [{ name: 'kind', value: 'direct' }] }), [annotation.compromise]);
    assert.deepEqual(await ids({ attributes: [{ name: 'kind', value: 'direct' }, { name: 'speaker', value: 'x' }] }), []);
  });

  it('by document status, document tag and publication day', async () => {
    const { ids: annotation, talks, review } = fixture;
    const moscowIds = [annotation.compromise, annotation.talksGoOn, annotation.fallen];
    const kyivIds = [annotation.giveUp, annotation.surrounded];
    assert.deepEqual(await ids({ documentStatuses: ['done'] }), sorted(...kyivIds));
    assert.deepEqual(await ids({ documentStatuses: ['new', 'in_progress'] }), sorted(...moscowIds, annotation.aide));
    assert.deepEqual(await ids({ documentTagIds: [talks.id] }), sorted(...moscowIds, ...kyivIds));
    assert.deepEqual(await ids({ documentTagIds: [review.id], documentStatuses: ['in_progress'] }), []);
    assert.deepEqual(await ids({ publishedFrom: '2025-03-01' }), sorted(...kyivIds), 'a date and time counts by its day');
    assert.deepEqual(await ids({ publishedFrom: '2025-02-01', publishedTo: '2025-02-28' }), sorted(...moscowIds));
  });

  it('by origin and author, with the text filter', async () => {
    const { ids: annotation, label } = fixture;
    assert.deepEqual(await ids({ origins: ['imported'] }), [annotation.aide]);
    assert.equal((await ids({ authors: ['nobody'] })).length, 0);
    const author = (await fixture.call('getAnnotation', { id: annotation.aide })).author;
    assert.equal((await ids({ authors: [author] })).length, 6);
    assert.deepEqual(await ids({ text: 'ushakov', labelIds: [label('Claim').id] }), [annotation.surrounded], 'the actor’s name matches');
  });

  it('by target: a Position’s registry entry, with or without a stance, any label whose attribute is target-typed', async () => {
    const { call, label, moscow, kyiv, ushakov, zelenskyy } = await corpus();
    const plan = await call('createTarget', { name: 'the US peace plan', aliases: ['28-point plan'] });
    const ceasefire = await call('createTarget', { name: 'a ceasefire' });
    const position = async (documentId: number, attributes: Record<string, string | number>) =>
      (await call('edit', { documentId, description: 'Tag', edits: [{ op: 'createAnnotation', labelId: label('Position').id, fragments: [[0, 7]], attributes }] })).upsertedAnnotations[0]!.id;
    const opposes = await position(moscow.id, { holder: ushakov.id, target: plan.id, stance: 'opposes' });
    const noStance = await position(kyiv.id, { holder: zelenskyy.id, target: plan.id });
    const truce = await position(kyiv.id, { holder: zelenskyy.id, target: ceasefire.id, stance: 'supports' });
    await position(moscow.id, { holder: ushakov.id });
    // A label of the analyst's own whose attribute of another name is target-typed counts too.
    const stake = await call('createLabel', { name: 'Stake', color: '#335577', attributes: [{ name: 'on', type: 'target' }] });
    const staked = (await call('edit', { documentId: moscow.id, description: 'Tag', edits: [{ op: 'createAnnotation', labelId: stake.id, fragments: [[8, 12]], attributes: { on: ceasefire.id } }] })).upsertedAnnotations[0]!.id;
    const ids = async (filter: AnnotationFilter) => (await call('queryAnnotations', { ...filter, limit: 500 })).rows.map((row) => row.id).sort((a, b) => a - b);
    assert.deepEqual(await ids({ targetIds: [plan.id] }), [opposes, noStance].sort((a, b) => a - b));
    assert.deepEqual(await ids({ targetIds: [ceasefire.id] }), [truce, staked].sort((a, b) => a - b));
    assert.deepEqual(await ids({ targetIds: [plan.id, ceasefire.id], actorIds: [zelenskyy.id] }), [noStance, truce].sort((a, b) => a - b));
    assert.deepEqual(await ids({ targetIds: [plan.id], documentStatuses: ['done'] }), [noStance]);
    assert.deepEqual((await call('bulkEdit', { target: { filter: { targetIds: [plan.id] } }, change: { kind: 'setAttribute', name: 'stance', value: 'neutral' } })).annotations, 2, 'a bulk action takes what the filter takes');
    const merged = await call('mergeTargets', { survivorId: ceasefire.id, mergedId: plan.id });
    assert.deepEqual(await ids({ targetIds: [ceasefire.id] }), [opposes, noStance, truce, staked].sort((a, b) => a - b), 'a merge moves its Positions to the survivor');
    await call('undoRemoval', { id: merged.removal.id });
    assert.deepEqual(await ids({ targetIds: [plan.id] }), [opposes, noStance].sort((a, b) => a - b));
    await rejectsWith(call('queryAnnotations', { targetIds: ['plan'] } as unknown as AnnotationFilter), 'invalid_params', 'targetIds[0]', /./);
  });

  it('refuses a malformed filter, naming the field', async () => {
    await rejectsWith(fixture.call('queryAnnotations', { publishedFrom: 'March' } as AnnotationFilter), 'invalid_params', 'publishedFrom', /2025-03-31/);
    await rejectsWith(fixture.call('queryAnnotations', { documentStatuses: ['finished'] } as unknown as AnnotationFilter), 'invalid_params', 'documentStatuses[0]', /./);
  });
});

describe('saved views', () => {
  it('keep a named filter, renamed and refiltered, refused under a name taken, and deleted', async () => {
    const { call, label, ushakov } = await corpus();
    const filter: AnnotationFilter = { labelIds: [label('Quote').id], actorIds: [ushakov.id] };
    const view = await call('createSavedView', { name: 'Ushakov’s quotes', filter });
    assert.deepEqual(view.filter, filter);
    const other = await call('createSavedView', { name: 'Unverified', filter: { attributes: [{ name: 'verdict', value: 'unverified' }] } });
    assert.deepEqual((await call('listSavedViews', {})).map((saved) => saved.name), ['Unverified', 'Ushakov’s quotes']);
    await rejectsWith(call('createSavedView', { name: 'unverified', filter: {} }), 'conflict', 'name', /A view named unverified exists already/);
    await rejectsWith(call('updateSavedView', { id: view.id, patch: { name: 'UNVERIFIED' } }), 'conflict', 'name', /exists already/);
    const renamed = await call('updateSavedView', { id: view.id, patch: { name: 'Ushakov, quoted' } });
    assert.deepEqual({ name: renamed.name, filter: renamed.filter }, { name: 'Ushakov, quoted', filter });
    assert.deepEqual((await call('updateSavedView', { id: view.id, patch: { filter: { text: 'talks' } } })).filter, { text: 'talks' });
    assert.deepEqual(await call('deleteSavedView', { id: other.id }), { deleted: other.id });
    assert.deepEqual((await call('listSavedViews', {})).map((saved) => saved.name), ['Ushakov, quoted']);
    await rejectsWith(call('deleteSavedView', { id: other.id }), 'not_found', undefined, /Saved view/);
  });
});

describe('bulk actions', () => {
  /** Every document's annotations, whole, and its history state: what a bulk action and its undo change. */
  async function snapshot(backend: Backend, documentIds: number[]) {
    return Promise.all(documentIds.map(async (id) => {
      const open = await openInFull(backend, id);
      return { annotations: open.annotations, relations: open.relations };
    }));
  }

  it('relabel the filtered rows across documents, and one undo takes the whole action back', async () => {
    const { backend, call, label, moscow, kyiv, notes, ids } = await corpus();
    const documents = [moscow.id, kyiv.id, notes.id];
    const before = await snapshot(backend, documents);
    const result = await call('bulkEdit', { target: { filter: { labelIds: [label('Quote').id] } }, change: { kind: 'relabel', labelId: label('Claim').id } });
    assert.equal(result.annotations, 3);
    assert.deepEqual(result.documents, [moscow.id, kyiv.id]);
    assert.equal(result.bulk.description, 'Relabel 3 annotations as Claim');
    assert.equal((await call('queryAnnotations', { labelIds: [label('Quote').id] })).total, 0);
    const relabelled = await call('getAnnotation', { id: ids.compromise });
    assert.equal(relabelled.labelId, label('Claim').id);
    assert.deepEqual(relabelled.setAside, { speaker: (await call('listActors', { query: 'Ushakov' }))[0]!.id, kind: 'direct' }, 'a Claim has no speaker: it is set aside');
    // Each document's share is a step of its own history, saying what it did there.
    assert.equal((await call('openDocument', { id: moscow.id })).history.undoDescription, 'Relabel 2 annotations as Claim');
    assert.equal((await call('openDocument', { id: kyiv.id })).history.undoDescription, 'Relabel 1 annotation as Claim');

    const undone = await call('undoBulkAction', { id: result.bulk.id });
    assert.deepEqual(undone, { description: 'Relabel 3 annotations as Claim', annotations: 3, documents: [moscow.id, kyiv.id] });
    assert.deepEqual(await snapshot(backend, documents), before, 'every annotation is back as it was, ids, times and attributes');
    assert.equal((await call('queryAnnotations', { labelIds: [label('Quote').id] })).total, 3);
    await rejectsWith(call('undoBulkAction', { id: result.bulk.id }), 'conflict', undefined, /was undone already/);
    // Redo in a document re-applies its share.
    await call('redo', { documentId: kyiv.id });
    assert.equal((await call('getAnnotation', { id: ids.giveUp })).labelId, label('Claim').id);
  });

  it('set an attribute, set the actor and delete the selected rows, each undone whole', async () => {
    const { backend, call, label, zelenskyy, moscow, kyiv, notes, ids } = await corpus();
    const documents = [moscow.id, kyiv.id, notes.id];
    const before = await snapshot(backend, documents);

    const verdict = await call('bulkEdit', { target: { ids: [ids.fallen, ids.surrounded] }, change: { kind: 'setAttribute', name: 'verdict', value: 'misleading' } });
    assert.equal(verdict.annotations, 2);
    assert.deepEqual((await call('queryAnnotations', { attributes: [{ name: 'verdict', value: 'misleading' }] })).total, 2);
    await call('undoBulkAction', { id: verdict.bulk.id });

    // The actor goes where the table shows it: a Quote's speaker, a Claim's claimant, a mention's actor.
    const actor = await call('bulkEdit', { target: { ids: [ids.compromise, ids.fallen, ids.aide] }, change: { kind: 'setActor', actorId: zelenskyy.id } });
    assert.equal(actor.bulk.description, 'Set the actor of 3 annotations to Volodymyr Zelenskyy');
    assert.equal((await call('getAnnotation', { id: ids.compromise })).attributes['speaker'], zelenskyy.id);
    assert.equal((await call('getAnnotation', { id: ids.fallen })).attributes['claimant'], zelenskyy.id);
    assert.equal((await call('queryAnnotations', { actorIds: [zelenskyy.id] })).total, 4);
    await call('undoBulkAction', { id: actor.bulk.id });

    const deleted = await call('bulkEdit', { target: { ids: [ids.talksGoOn, ids.giveUp, ids.aide] }, change: { kind: 'delete' } });
    assert.equal(deleted.bulk.description, 'Delete 3 annotations');
    assert.equal((await call('queryAnnotations', {})).total, 3);
    await call('undoBulkAction', { id: deleted.bulk.id });
    assert.deepEqual(await snapshot(backend, documents), before);
    assert.equal((await call('queryAnnotations', { labelIds: [label('Actor').id] })).total, 1);
  });

  it('are refused whole when one row cannot take the change, naming it, with nothing changed', async () => {
    const { backend, call, ushakov, moscow, kyiv, notes, ids } = await corpus();
    const documents = [moscow.id, kyiv.id, notes.id];
    const before = await snapshot(backend, documents);
    const history = await call('openDocument', { id: moscow.id });
    // The Quote in Moscow has no verdict: the Claim there would take it, and must not.
    await rejectsWith(
      call('bulkEdit', { target: { ids: [ids.fallen, ids.compromise] }, change: { kind: 'setAttribute', name: 'verdict', value: 'true' } }),
      'invalid_params',
      'target',
      `annotation ${ids.compromise}, Quote “there is no compromise version” in “Talks in Moscow”: Quote has no attribute "verdict"`,
    );
    await rejectsWith(
      call('bulkEdit', { target: { ids: [ids.surrounded] }, change: { kind: 'setAttribute', name: 'verdict', value: 'maybe' } }),
      'invalid_params',
      'target',
      `annotation ${ids.surrounded}, Claim “the city was surrounded” in “Kyiv answers”: `,
    );
    await rejectsWith(call('bulkEdit', { target: { ids: [ids.fallen, 99999] }, change: { kind: 'delete' } }), 'invalid_params', 'target.ids', /there is no annotation 99999/);
    await rejectsWith(call('bulkEdit', { target: { filter: { text: 'nothing like this' } }, change: { kind: 'delete' } }), 'invalid_params', 'target', /the filter takes none/);
    await rejectsWith(call('bulkEdit', { target: { ids: [ids.compromise] }, change: { kind: 'setActor', actorId: ushakov.id } }), 'invalid_params', 'change', /holds this already/);
    await rejectsWith(call('bulkEdit', { target: { ids: [ids.compromise] }, change: { kind: 'relabel', labelId: 999 } }), 'invalid_params', 'change.labelId', /no label 999/);
    await rejectsWith(call('bulkEdit', { target: { ids: [] }, change: { kind: 'delete' } }), 'invalid_params', 'target.ids', /./);
    assert.deepEqual(await snapshot(backend, documents), before);
    assert.deepEqual((await call('openDocument', { id: moscow.id })).history, history.history, 'no history step was kept');
  });

  it('refuse to undo when a document was edited since, naming it, and undo once that edit is undone', async () => {
    const { call, label, moscow, ids } = await corpus();
    const result = await call('bulkEdit', { target: { filter: { labelIds: [label('Claim').id] } }, change: { kind: 'setAttribute', name: 'verdict', value: 'true' } });
    await call('edit', { documentId: moscow.id, description: 'Note', edits: [{ op: 'updateAnnotation', id: ids.fallen, note: 'checked' }] });
    await rejectsWith(call('undoBulkAction', { id: result.bulk.id }), 'conflict', 'id', /“Talks in Moscow” was edited after “Set verdict to true on 2 annotations”/);
    assert.equal((await call('getAnnotation', { id: ids.surrounded })).attributes['verdict'], 'true', 'nothing was undone');
    await call('undo', { documentId: moscow.id });
    await call('undoBulkAction', { id: result.bulk.id });
    assert.equal((await call('getAnnotation', { id: ids.surrounded })).attributes['verdict'], 'false');
    assert.equal((await call('getAnnotation', { id: ids.fallen })).attributes['verdict'], 'unverified');
  });

  it('undo what is left when one document’s share was undone there already', async () => {
    const { call, label, kyiv, ids } = await corpus();
    const result = await call('bulkEdit', { target: { filter: { labelIds: [label('Quote').id] } }, change: { kind: 'relabel', labelId: label('Position').id } });
    await call('undo', { documentId: kyiv.id });
    assert.deepEqual((await call('undoBulkAction', { id: result.bulk.id })).documents, [(await call('getAnnotation', { id: ids.compromise })).documentId]);
    assert.equal((await call('queryAnnotations', { labelIds: [label('Quote').id] })).total, 3);
  });
});

