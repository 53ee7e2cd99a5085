/**
 * Removals that can be undone: a document (with its annotations, relations and undo history), a label with the
 * annotations that carry it (and their relations), an actor (and its name in the annotations that named it), an
 * actor or target merged into another, a target. A removal takes the rows out and keeps them, so that
 * undoing it puts every row back as it was, with the same ids, timestamps and authors. What a removal holds is
 * decided here, once, for any repository; the repository stores the rows it is given.
 */
import type { Actor, Label, Relation, RemovalUndone, Removed, Target } from '../../shared/types.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import type { ActorMention, ActorMergeRows, ReadTx, RemovedRows, TargetMergeRows, WriteTx } from '../repository.ts';
import { actorRecordOf, mergedActorRecord } from './actors.ts';
import { actorAttributeNames } from './attributes.ts';
import { mergedTargetRecord, targetAttributeNames, targetRecordOf } from './targets.ts';
import type { Caller } from './caller.ts';

/** A kept removal: its id, for Undo, and what it says. */
export type RemovalReceipt = Removed['removal'];

/** How many removals stay undoable; older ones are forgotten when a new one is kept. */
export const KEPT_REMOVALS = 50;

function plural(count: number, noun: string): string {
  return `${count.toLocaleString('en')} ${noun}${count === 1 ? '' : 's'}`;
}

function emptyRows(): RemovedRows {
  return { documents: [], labels: [], actors: [], targets: [], annotations: [], relations: [], history: [] };
}

/** Removes a document and all it holds; undoable. */
export async function removeDocument(tx: WriteTx, id: number, caller: Caller, timestamp: string): Promise<RemovalReceipt> {
  const document = await tx.document(id);
  if (!document) throw notFound('Document', id);
  const rows = emptyRows();
  rows.documents.push(document);
  rows.annotations.push(...(await tx.documentAnnotations(id)));
  rows.relations.push(...(await tx.documentRelations(id)));
  rows.history.push(...(await tx.documentHistory(id)));
  rows.documentTags = (await tx.tagIdsOf(id)).map((tagId) => ({ documentId: id, tagId }));
  const count = rows.annotations.length;
  const description = `Remove “${document.title}”${count > 0 ? ` and its ${plural(count, 'annotation')}` : ''}`;
  await tx.deleteDocument(id);
  return keep(tx, description, rows, caller, timestamp);
}

/** Removes a label with every annotation that carries it and their relations; undoable. */
export async function removeLabel(tx: WriteTx, label: Label, caller: Caller, timestamp: string): Promise<RemovalReceipt> {
  const rows = emptyRows();
  rows.labels.push(label);
  rows.annotations.push(...(await tx.labelAnnotations(label.id)));
  const relations = new Map<number, Relation>();
  for (const annotation of rows.annotations) for (const relation of await tx.relationsOf(annotation.id)) relations.set(relation.id, relation);
  rows.relations.push(...relations.values());
  for (const relation of rows.relations) await tx.removeRelation(relation.id);
  for (const annotation of rows.annotations) await tx.removeAnnotation(annotation.id);
  await tx.deleteLabel(label.id);
  const count = rows.annotations.length;
  return keep(tx, `Delete label ${label.name}${count > 0 ? ` and its ${plural(count, 'annotation')}` : ''}`, rows, caller, timestamp);
}

/**
 * Removes an actor, undoably. With `unlink`, every actor-typed attribute naming it is taken out of its annotation
 * first (the caller has refused the deletion otherwise when there are any); the annotations keep their `updatedAt`.
 */
export async function removeActor(tx: WriteTx, actor: Actor, caller: Caller, timestamp: string, unlink = false): Promise<RemovalReceipt> {
  const rows = emptyRows();
  rows.actors.push(actor);
  if (unlink) rows.actorUnlinks = await renameActorMentions(tx, actor.id, null);
  await tx.deleteActor(actor.id);
  const count = rows.actorUnlinks?.length ?? 0;
  return keep(tx, `Delete actor ${actor.name}${count > 0 ? ` (named by ${plural(count, 'annotation')})` : ''}`, rows, caller, timestamp);
}

/** Removes a target no annotation names (the caller checks that); undoable. */
export async function removeTarget(tx: WriteTx, target: Target, caller: Caller, timestamp: string): Promise<RemovalReceipt> {
  const rows = emptyRows();
  rows.targets!.push(target);
  await tx.deleteTarget(target.id);
  return keep(tx, `Delete target ${target.name}`, rows, caller, timestamp);
}

/**
 * Merges the target `merged` into `survivor`, as `mergeActor` merges actors: every target-typed attribute naming
 * `merged` names `survivor`, which takes in its name and aliases as aliases; undoable as one removal.
 */
export async function mergeTarget(tx: WriteTx, survivor: Target, merged: Target, caller: Caller, timestamp: string): Promise<RemovalReceipt> {
  if (survivor.id === merged.id) throw invalid('mergedId', 'a target cannot be merged into itself');
  const targetAttributes = new Map((await tx.labels()).map((label) => [label.id, new Set(targetAttributeNames(label))]));
  const merge: TargetMergeRows = { survivor, mentions: [] };
  for (const annotation of await tx.annotationsHoldingInteger(merged.id)) {
    const named = Object.keys(annotation.attributes).filter((name) => annotation.attributes[name] === merged.id && targetAttributes.get(annotation.labelId)?.has(name));
    if (named.length === 0) continue;
    const attributes = { ...annotation.attributes };
    for (const name of named) attributes[name] = survivor.id;
    await tx.putAnnotation({ ...annotation, attributes });
    merge.mentions.push({ annotationId: annotation.id, attributes: named });
  }
  await tx.updateTarget(survivor.id, mergedTargetRecord(survivor, merged, timestamp));
  await tx.deleteTarget(merged.id);
  const rows = emptyRows();
  rows.targets!.push(merged);
  rows.targetMerge = merge;
  const count = merge.mentions.length;
  return keep(tx, `Merge ${merged.name} into ${survivor.name}${count > 0 ? ` (${plural(count, 'position')})` : ''}`, rows, caller, timestamp);
}

/** Undoes a target merge once its merged target is back: the survivor as it was, and the rewritten targets named back. */
async function undoTargetMerge(tx: WriteTx, merged: Target, merge: TargetMergeRows): Promise<void> {
  await tx.updateTarget(merge.survivor.id, targetRecordOf(merge.survivor));
  for (const mention of merge.mentions) {
    const annotation = await tx.annotation(mention.annotationId);
    if (!annotation) continue;
    const attributes = { ...annotation.attributes };
    for (const name of mention.attributes) if (attributes[name] === merge.survivor.id) attributes[name] = merged.id;
    await tx.putAnnotation({ ...annotation, attributes });
  }
}

/**
 * Merges the actor `merged` into `survivor`: every actor-typed attribute naming `merged` names `survivor`, whose
 * aliases take in the merged actor's name and aliases, and `merged` is deleted; undoable as one removal. The
 * annotations keep their `updatedAt`: a merge changes which registry entry they point at, not what was annotated.
 */
export async function mergeActor(tx: WriteTx, survivor: Actor, merged: Actor, caller: Caller, timestamp: string): Promise<RemovalReceipt> {
  if (survivor.id === merged.id) throw invalid('mergedId', 'an actor cannot be merged into itself');
  const merge: ActorMergeRows = { survivor, mentions: await renameActorMentions(tx, merged.id, survivor.id) };
  await tx.updateActor(survivor.id, mergedActorRecord(survivor, merged, timestamp));
  await tx.deleteActor(merged.id);
  const rows = emptyRows();
  rows.actors.push(merged);
  rows.actorMerge = merge;
  const count = merge.mentions.length;
  return keep(tx, `Merge ${merged.name} into ${survivor.name}${count > 0 ? ` (${plural(count, 'mention')})` : ''}`, rows, caller, timestamp);
}

/**
 * Makes every actor-typed attribute that names actor `from` name `to` instead, or nobody (the attribute taken
 * out) when `to` is null, keeping each annotation's `updatedAt`; answers which attributes of which annotations
 * it rewrote, for an undo.
 */
async function renameActorMentions(tx: WriteTx, from: number, to: number | null): Promise<ActorMention[]> {
  const actorAttributes = new Map((await tx.labels()).map((label) => [label.id, new Set(actorAttributeNames(label))]));
  const mentions: ActorMention[] = [];
  for (const annotation of await tx.annotationsNamingActor(from)) {
    const named = Object.keys(annotation.attributes).filter((name) => annotation.attributes[name] === from && actorAttributes.get(annotation.labelId)?.has(name));
    if (named.length > 0) mentions.push({ annotationId: annotation.id, attributes: named });
  }
  await tx.rewriteActorAttributes(mentions, from, to);
  return mentions;
}

/**
 * Names actor `actorId` again in the attributes `renameActorMentions` rewrote, where they still hold what it
 * wrote (`now`: the survivor's id, or nothing): an annotation deleted since stays deleted, and one edited since
 * keeps its edits, the attributes given another value since included.
 */
async function restoreActorMentions(tx: WriteTx, actorId: number, mentions: readonly ActorMention[], now: number | null): Promise<void> {
  await tx.rewriteActorAttributes(mentions, now, actorId);
}

async function keep(tx: WriteTx, description: string, rows: RemovedRows, caller: Caller, timestamp: string): Promise<RemovalReceipt> {
  const removal = await tx.insertRemoval({ description, rows, author: caller.author, createdAt: timestamp });
  await tx.forgetRemovalsBefore(removal - KEPT_REMOVALS + 1);
  return { id: removal, description };
}

/**
 * Puts a removal's rows back and forgets the removal. Refuses, changing nothing, when the workspace has moved on
 * so that a row cannot come back as it was: a label or hotkey taken since, or an annotation's actor removed since.
 */
export async function undoRemoval(tx: WriteTx, id: number): Promise<RemovalUndone> {
  const removal = await tx.removal(id);
  if (!removal) throw notFound('Removal', id);
  const { rows } = removal;
  await checkRestorable(tx, rows);
  for (const label of rows.labels) await tx.putLabel(label);
  for (const actor of rows.actors) await tx.putActor(actor);
  if (rows.actorMerge) {
    await tx.updateActor(rows.actorMerge.survivor.id, actorRecordOf(rows.actorMerge.survivor));
    await restoreActorMentions(tx, rows.actors[0]!.id, rows.actorMerge.mentions, rows.actorMerge.survivor.id);
  }
  if (rows.actorUnlinks) await restoreActorMentions(tx, rows.actors[0]!.id, rows.actorUnlinks, null);
  const targets = rows.targets ?? [];
  for (const target of targets) await tx.putTarget(target);
  if (rows.targetMerge) await undoTargetMerge(tx, targets[0]!, rows.targetMerge);
  for (const document of rows.documents) await tx.putDocument(document);
  for (const annotation of rows.annotations) await tx.putAnnotation(annotation);
  for (const relation of rows.relations) await tx.putRelation(relation);
  await tx.putHistory(rows.history);
  for (const link of rows.documentTags ?? []) await tx.linkDocumentTag(link.documentId, link.tagId);
  await tx.deleteRemoval(id);
  return {
    description: removal.description,
    documents: rows.documents.map((document) => document.id),
    labels: rows.labels.map((label) => label.id),
    actors: rows.actors.map((actor) => actor.id),
    targets: targets.map((target) => target.id),
    annotations: rows.annotations.length + (rows.actorMerge?.mentions.length ?? 0) + (rows.actorUnlinks?.length ?? 0) + (rows.targetMerge?.mentions.length ?? 0),
  };
}

async function checkRestorable(tx: ReadTx, rows: RemovedRows): Promise<void> {
  const survivor = rows.actorMerge?.survivor;
  if (survivor && (await tx.actor(survivor.id)) === undefined) throw conflict(`${survivor.name}, whom ${rows.actors[0]!.name} was merged into, was deleted since; undo that first`, 'actor');
  const targetSurvivor = rows.targetMerge?.survivor;
  if (targetSurvivor && (await tx.target(targetSurvivor.id)) === undefined) {
    throw conflict(`${targetSurvivor.name}, which ${rows.targets![0]!.name} was merged into, was deleted since; undo that first`, 'target');
  }
  const labels = await tx.labels();
  for (const label of rows.labels) {
    const sameName = labels.find((other) => other.name.toLowerCase() === label.name.toLowerCase());
    if (sameName) throw conflict(`A label named ${sameName.name} was created since; rename it to bring ${label.name} back`, 'name');
    const sameKey = label.hotkey === null ? undefined : labels.find((other) => other.hotkey === label.hotkey);
    if (sameKey) throw conflict(`The key ${label.hotkey} was given to ${sameKey.name} since; free it to bring ${label.name} back`, 'hotkey');
  }
  const byId = new Map([...labels, ...rows.labels].map((label) => [label.id, label]));
  const restored = { actor: new Set(rows.actors.map((actor) => actor.id)), target: new Set((rows.targets ?? []).map((target) => target.id)) };
  for (const annotation of rows.annotations) {
    const label = byId.get(annotation.labelId);
    if (!label) throw conflict(`The label of annotation ${annotation.id} was deleted since; undo that first`, 'labelId');
    for (const attribute of label.attributes) {
      const entryId = annotation.attributes[attribute.name];
      if ((attribute.type !== 'actor' && attribute.type !== 'target') || typeof entryId !== 'number' || restored[attribute.type].has(entryId)) continue;
      const entry = attribute.type === 'actor' ? await tx.actor(entryId) : await tx.target(entryId);
      if (entry === undefined) {
        const what = attribute.type === 'actor' ? 'Actor' : 'Target';
        throw conflict(`${what} ${entryId}, the ${attribute.name} of annotation ${annotation.id}, was deleted since; undo that first`, attribute.type);
      }
    }
  }
}
