/**
 * Bulk actions: one change (relabel, set an attribute, set the actor, delete) to many annotations across
 * documents. Each document's share is an ordinary edit of that document (edits.ts checks it as it checks any
 * edit) and one step of its undo history; the steps name the bulk action, so that undoing the action undoes
 * every one of them. The whole action is one transaction: when one annotation refuses the change, nothing is
 * written, and the error names that annotation.
 */
import { OffsetIndex } from '../../shared/offsets.ts';
import type { Annotation, BulkChange, BulkResult, BulkTarget, BulkUndone, Edit, Label } from '../../shared/types.ts';
import { conflict, invalid, notFound, ParleyError } from '../errors.ts';
import type { WriteTx } from '../repository.ts';
import type { Caller } from './caller.ts';
import { applyRowOperation, EditBatch } from './edits.ts';

const NUMBER = new Intl.NumberFormat('en');

function plural(count: number, noun: string): string {
  return `${NUMBER.format(count)} ${noun}${count === 1 ? '' : 's'}`;
}

/** What the change says, for the history and the toast: "Relabel 12 annotations as Claim". */
function describe(change: BulkChange, count: number, labels: Map<number, Label>, actorName: string | null): string {
  const annotations = plural(count, 'annotation');
  switch (change.kind) {
    case 'relabel':
      return `Relabel ${annotations} as ${labels.get(change.labelId)!.name}`;
    case 'setAttribute':
      return change.value === null ? `Clear ${change.name} of ${annotations}` : `Set ${change.name} to ${String(change.value)} on ${annotations}`;
    case 'setActor':
      return `Set the actor of ${annotations} to ${actorName}`;
    case 'delete':
      return `Delete ${annotations}`;
  }
}

/**
 * The attribute that holds an annotation's actor: the one the table shows (the label's first actor-typed
 * attribute holding one), or, when none holds one, the label's first actor-typed attribute. Null when the label
 * has none.
 */
function actorAttributeOf(annotation: Annotation, label: Label): string | null {
  const actorAttributes = label.attributes.filter((def) => def.type === 'actor').map((def) => def.name);
  return actorAttributes.find((name) => typeof annotation.attributes[name] === 'number') ?? actorAttributes[0] ?? null;
}

/** The edit that makes the change to one annotation, or null when it holds the change already. */
function editFor(change: BulkChange, annotation: Annotation, label: Label, field: () => string): Edit | null {
  switch (change.kind) {
    case 'relabel':
      return annotation.labelId === change.labelId ? null : { op: 'updateAnnotation', id: annotation.id, labelId: change.labelId };
    case 'setAttribute':
      if ((annotation.attributes[change.name] ?? null) === change.value) return null;
      return { op: 'updateAnnotation', id: annotation.id, attributes: { [change.name]: change.value } };
    case 'setActor': {
      const attribute = actorAttributeOf(annotation, label);
      if (attribute === null) throw invalid(field(), `${label.name} has no actor attribute to hold an actor`);
      return annotation.attributes[attribute] === change.actorId ? null : { op: 'updateAnnotation', id: annotation.id, attributes: { [attribute]: change.actorId } };
    }
    case 'delete':
      return { op: 'deleteAnnotation', id: annotation.id };
  }
}

/** Makes `change` to every annotation `target` takes, as one transaction (the caller's) and one bulk action. */
export async function bulkEdit(tx: WriteTx, target: BulkTarget, change: BulkChange, caller: Caller, timestamp: string): Promise<BulkResult> {
  const labels = new Map((await tx.labels()).map((label) => [label.id, label]));
  if (change.kind === 'relabel' && !labels.has(change.labelId)) throw invalid('change.labelId', `there is no label ${change.labelId}`);
  const actor = change.kind === 'setActor' ? await tx.actor(change.actorId) : undefined;
  if (change.kind === 'setActor' && !actor) throw invalid('change.actorId', `there is no actor ${change.actorId}`);

  const ids = 'ids' in target ? [...new Set(target.ids)].sort((a, b) => a - b) : await tx.annotationIdsMatching(target.filter);
  const annotations = await tx.annotationsWithIds(ids);
  if ('ids' in target && annotations.length < ids.length) {
    const found = new Set(annotations.map((annotation) => annotation.id));
    throw invalid('target.ids', `there is no annotation ${ids.find((id) => !found.has(id))}`);
  }
  if (annotations.length === 0) throw invalid('target', 'no annotation to change: the filter takes none');

  // Every edit is made (and so checked) before anything is written, document by document.
  const byDocument = new Map<number, { annotation: Annotation; edit: Edit }[]>();
  let current = annotations[0]!;
  try {
    for (const annotation of annotations) {
      current = annotation;
      const edit = editFor(change, annotation, labels.get(annotation.labelId)!, () => 'change');
      if (!edit) continue;
      const share = byDocument.get(annotation.documentId) ?? [];
      share.push({ annotation, edit });
      byDocument.set(annotation.documentId, share);
    }
  } catch (error) {
    throw await naming(tx, current, labels, error);
  }
  const count = [...byDocument.values()].reduce((sum, share) => sum + share.length, 0);
  if (count === 0) throw invalid('change', `every one of the ${plural(annotations.length, 'annotation')} holds this already`);

  const description = describe(change, count, labels, actor?.name ?? null);
  const bulkId = await tx.insertBulkAction({ description, annotations: count, author: caller.author, createdAt: timestamp });
  for (const [documentId, share] of byDocument) {
    // A bulk change places no span: the batch never asks for the document's text.
    const text = async () => {
      const stored = await tx.documentText(documentId);
      if (!stored) throw notFound('Document', documentId);
      return { id: documentId, text: stored.text, length: stored.length, index: new OffsetIndex(stored.text) };
    };
    const loaded = new Map(share.map(({ annotation }) => [annotation.id, annotation]));
    const batch = await EditBatch.start(tx, { id: documentId, text }, caller, timestamp, { labels, loaded });
    try {
      for (const { annotation, edit } of share) {
        current = annotation;
        await batch.apply(edit, 'change');
      }
    } catch (error) {
      throw await naming(tx, current, labels, error);
    }
    await tx.dropRedo(documentId);
    // The document's own history says what the action did there; the bulk action, what it did in all.
    const shareDescription = describe(change, share.length, labels, actor?.name ?? null);
    await tx.appendHistory({ documentId, description: shareDescription, forward: batch.forward, inverse: batch.inverse.slice().reverse(), createdAt: timestamp, bulkId });
    await tx.updateDocument(documentId, {}, timestamp);
  }
  return { bulk: { id: bulkId, description }, annotations: count, documents: [...byDocument.keys()].sort((a, b) => a - b) };
}

/**
 * A refusal of the change by one annotation, naming it ("annotation 12, Quote “We will not…” in “Putin meets
 * Witkoff”: Quote has no attribute "verdict"") so that the analyst can find the row; other errors as they are.
 */
async function naming(tx: WriteTx, annotation: Annotation, labels: Map<number, Label>, error: unknown): Promise<unknown> {
  if (!(error instanceof ParleyError) || error.code !== 'invalid_params') return error;
  const title = (await tx.documentIdentity(annotation.documentId))?.title ?? `document ${annotation.documentId}`;
  // Cut at a character, never inside one (an emoji is two UTF-16 units).
  const characters = Array.from(annotation.text);
  const text = characters.length > 40 ? `${characters.slice(0, 40).join('')}…` : annotation.text;
  const reason = error.field && error.message.startsWith(`${error.field}: `) ? error.message.slice(error.field.length + 2) : error.message;
  return invalid('target', `annotation ${annotation.id}, ${labels.get(annotation.labelId)?.name ?? 'unlabelled'} “${text}” in “${title}”: ${reason}`);
}

/**
 * Undoes every document's share of a bulk action, in one transaction. A share that was undone in its document
 * already stays undone; a share that is no longer its document's last step (the document was edited since) refuses
 * the whole undo, naming the document, because replaying its inverse would undo the later edit's ground.
 */
export async function undoBulkAction(tx: WriteTx, id: number, timestamp: string): Promise<BulkUndone> {
  const action = await tx.bulkAction(id);
  if (!action) throw notFound('Bulk action', id);
  if (action.undone) throw conflict(`“${action.description}” was undone already`);
  const pending = action.steps.filter((step) => !step.undone);
  for (const step of pending) {
    const last = await tx.lastDone(step.documentId);
    if (last?.id !== step.id) {
      const title = (await tx.documentIdentity(step.documentId))?.title ?? `document ${step.documentId}`;
      throw conflict(`“${title}” was edited after “${action.description}”; undo those edits there first`, 'id');
    }
  }
  for (const step of pending) {
    const last = (await tx.lastDone(step.documentId))!;
    for (const operation of last.operations) await applyRowOperation(tx, operation);
    await tx.markUndone(step.id, true);
    await tx.updateDocument(step.documentId, {}, timestamp);
  }
  await tx.markBulkActionUndone(id);
  return { description: action.description, annotations: action.annotations, documents: [...new Set(pending.map((step) => step.documentId))].sort((a, b) => a - b) };
}
