/** The rules for the actor registry: names, search, and what may not be deleted. */
import type { Actor, ActorInput, Label } from '../../shared/types.ts';
import { conflict, invalid } from '../errors.ts';
import type { ActorRecord } from '../repository.ts';
import { actorAttributeNames } from './attributes.ts';

/** A new actor's record; a person unless said otherwise. */
export function newActorRecord(input: ActorInput, timestamp: string): ActorRecord {
  return {
    name: actorName(input.name, 'name'),
    kind: input.kind ?? 'person',
    aliases: input.aliases ?? [],
    externalId: input.externalId ?? null,
    description: input.description ?? '',
    createdAt: timestamp,
    updatedAt: timestamp,
  };
}

/** `current` with `patch` applied. */
export function patchedActorRecord(current: Actor, patch: Partial<ActorInput>, timestamp: string): ActorRecord {
  const next = { ...current, ...patch };
  return {
    name: actorName(next.name, 'patch.name'),
    kind: next.kind,
    aliases: next.aliases,
    externalId: next.externalId ?? null,
    description: next.description,
    createdAt: current.createdAt,
    updatedAt: timestamp,
  };
}

function actorName(name: string, field: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw invalid(field, 'an actor needs a name');
  return trimmed;
}

/** Actors whose name or an alias contains `query` (ignoring case), or whose external id is it. */
export function actorsMatching(actors: readonly Actor[], query: string | undefined): Actor[] {
  const wanted = query?.trim().toLowerCase();
  if (!wanted) return [...actors];
  return actors.filter(
    (actor) =>
      actor.name.toLowerCase().includes(wanted) ||
      actor.aliases.some((alias) => alias.toLowerCase().includes(wanted)) ||
      actor.externalId?.toLowerCase() === wanted,
  );
}

/**
 * Those of `candidates` (annotations holding the actor's id in some attribute) that hold it in an actor-typed
 * attribute of their label: an integer elsewhere (a count, a year) is no reference.
 */
export function actorReferences<Candidate extends { labelId: number; attribute: string }>(labels: readonly Label[], candidates: readonly Candidate[]): Candidate[] {
  const actorAttributes = new Map(labels.map((label) => [label.id, new Set(actorAttributeNames(label))]));
  return candidates.filter((candidate) => actorAttributes.get(candidate.labelId)?.has(candidate.attribute));
}

/** An actor still referred to cannot be deleted: the annotations would name nobody. */
export function checkActorUnused(actor: Actor, uses: number): void {
  if (uses > 0) throw conflict(`${actor.name} is linked from ${uses} annotation${uses === 1 ? '' : 's'}; unlink them first (or delete with unlink)`);
}

/** An actor as the record the repository writes. */
export function actorRecordOf(actor: Actor): ActorRecord {
  const { id: _id, ...record } = actor;
  return record;
}

/**
 * The survivor of a merge: its own name, kind, external id and description (the merged actor's fill what it
 * lacks), and as aliases its own, then the merged actor's name and aliases, each once (ignoring case) and never
 * its own name.
 */
export function mergedActorRecord(survivor: Actor, merged: Actor, timestamp: string): ActorRecord {
  return {
    ...actorRecordOf(survivor),
    aliases: mergedAliases(survivor, merged),
    externalId: survivor.externalId ?? merged.externalId,
    description: survivor.description || merged.description,
    updatedAt: timestamp,
  };
}

/**
 * The aliases of a merge's survivor (an actor, a target): its own, then the merged entry's name and aliases, each
 * once (ignoring case) and never its own name.
 */
export function mergedAliases(survivor: { name: string; aliases: readonly string[] }, merged: { name: string; aliases: readonly string[] }): string[] {
  const seen = new Set([survivor.name.toLowerCase()]);
  const aliases: string[] = [];
  for (const alias of [...survivor.aliases, merged.name, ...merged.aliases]) {
    if (seen.has(alias.toLowerCase())) continue;
    seen.add(alias.toLowerCase());
    aliases.push(alias);
  }
  return aliases;
}
