/**
 * The rules for the registry of targets, what positions are on ("the US peace plan"): names, aliases, search, and
 * what may not be deleted. A target-typed attribute holds a target's id, as an actor-typed one holds an actor's.
 */
import type { Label, Target, TargetInput } from '../../shared/types.ts';
import { conflict, invalid } from '../errors.ts';
import type { TargetRecord } from '../repository.ts';
import { mergedAliases } from './actors.ts';

/** A new target's record. */
export function newTargetRecord(input: TargetInput, timestamp: string): TargetRecord {
  return {
    name: targetName(input.name, 'name'),
    aliases: cleanAliases(input.aliases ?? [], 'aliases'),
    description: input.description ?? '',
    createdAt: timestamp,
    updatedAt: timestamp,
  };
}

/** `current` with `patch` applied. */
export function patchedTargetRecord(current: Target, patch: Partial<TargetInput>, timestamp: string): TargetRecord {
  return {
    name: targetName(patch.name ?? current.name, 'patch.name'),
    aliases: cleanAliases(patch.aliases ?? current.aliases, 'patch.aliases'),
    description: patch.description ?? current.description,
    createdAt: current.createdAt,
    updatedAt: timestamp,
  };
}

function targetName(name: string, field: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw invalid(field, 'a target needs a name');
  return trimmed;
}

/** Aliases trimmed, each once ignoring case. */
function cleanAliases(aliases: readonly string[], field: string): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const [index, alias] of aliases.entries()) {
    const trimmed = alias.trim();
    if (!trimmed) throw invalid(`${field}.${index}`, 'an alias cannot be empty');
    if (seen.has(trimmed.toLowerCase())) continue;
    seen.add(trimmed.toLowerCase());
    result.push(trimmed);
  }
  return result;
}

/** Targets whose name or an alias contains `query`, ignoring case. */
export function targetsMatching(targets: readonly Target[], query: string | undefined): Target[] {
  const wanted = query?.trim().toLowerCase();
  if (!wanted) return [...targets];
  return targets.filter((target) => target.name.toLowerCase().includes(wanted) || target.aliases.some((alias) => alias.toLowerCase().includes(wanted)));
}

/** The key a text finds a target by: trimmed, ignoring case. */
export function targetKey(text: string): string {
  return text.trim().toLowerCase();
}

/**
 * The target each name or alias finds (by `targetKey`), so that an import names an existing entry instead of
 * creating a twin: a name before an alias, the oldest target first.
 */
export function targetIndex(targets: readonly Target[]): Map<string, number> {
  const byId = [...targets].sort((a, b) => a.id - b.id);
  const index = new Map<string, number>();
  for (const target of byId) if (!index.has(targetKey(target.name))) index.set(targetKey(target.name), target.id);
  for (const target of byId) for (const alias of target.aliases) if (!index.has(targetKey(alias))) index.set(targetKey(alias), target.id);
  return index;
}

/** The names of `label`'s target-typed attributes. */
export function targetAttributeNames(label: Label): string[] {
  return label.attributes.filter((def) => def.type === 'target').map((def) => def.name);
}

/** How many of `candidates` (annotations holding the target's id in some attribute) hold it in a target-typed attribute. */
export function targetReferences(labels: readonly Label[], candidates: readonly { labelId: number; attribute: string }[]): number {
  const targetAttributes = new Map(labels.map((label) => [label.id, new Set(targetAttributeNames(label))]));
  return candidates.filter((candidate) => targetAttributes.get(candidate.labelId)?.has(candidate.attribute)).length;
}

/** A target still referred to cannot be deleted: the positions would be on nothing. */
export function checkTargetUnused(target: Target, uses: number): void {
  if (uses > 0) throw conflict(`${target.name} is the target of ${uses} annotation${uses === 1 ? '' : 's'}; merge it into another target or change them first`);
}

/** A target as the record the repository writes. */
export function targetRecordOf(target: Target): TargetRecord {
  const { id: _id, ...record } = target;
  return record;
}

/** The survivor of a merge: its own name and description (the merged one's when it has none), the merged names as aliases. */
export function mergedTargetRecord(survivor: Target, merged: Target, timestamp: string): TargetRecord {
  return { ...targetRecordOf(survivor), aliases: mergedAliases(survivor, merged), description: survivor.description || merged.description, updatedAt: timestamp };
}
