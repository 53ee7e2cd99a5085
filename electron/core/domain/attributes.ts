/** The rules for an annotation's attribute values against its label's definitions. */
import type { AttributeDef, AttributeValue, Label } from '../../shared/types.ts';
import { invalid } from '../errors.ts';

/** The registries an attribute can name an entry of: actor-typed attributes hold actors' ids, target-typed ones targets'. */
export type Registry = 'actor' | 'target';

/** Answers whether the registry holds an entry with this id. */
export type EntryExists = (registry: Registry, id: number) => Promise<boolean>;

function isRegistry(type: AttributeDef['type']): type is Registry {
  return type === 'actor' || type === 'target';
}

/**
 * `current` with `changes` merged in, each value checked against `label`'s definition (a null value removes the
 * attribute); `field` names the changes in errors. `exists` answers for actor- and target-typed values.
 */
export async function mergeAttributes(
  label: Label,
  current: Readonly<Record<string, AttributeValue>>,
  changes: Readonly<Record<string, AttributeValue>>,
  field: string,
  exists: EntryExists,
): Promise<Record<string, AttributeValue>> {
  const result = { ...current };
  for (const [name, value] of Object.entries(changes)) {
    const def = label.attributes.find((candidate) => candidate.name === name);
    if (!def) throw invalid(`${field}.${name}`, `${label.name} has no attribute "${name}"`);
    if (value === null) {
      delete result[name];
      continue;
    }
    checkAttributeValue(def, value, `${field}.${name}`);
    if (isRegistry(def.type) && !(await exists(def.type, value as number))) throw invalid(`${field}.${name}`, `there is no ${def.type} ${value}`);
    result[name] = value;
  }
  return result;
}

/** Checks the type of one value against its definition (an actor's or target's existence is the caller's to check). */
export function checkAttributeValue(def: AttributeDef, value: AttributeValue, field: string): void {
  switch (def.type) {
    case 'text':
      if (typeof value !== 'string') throw invalid(field, 'expected text');
      return;
    case 'boolean':
      if (typeof value !== 'boolean') throw invalid(field, 'expected true or false');
      return;
    case 'choice':
      if (typeof value !== 'string' || !def.options.includes(value)) throw invalid(field, `expected one of ${def.options.join(', ')}`);
      return;
    case 'actor':
      if (typeof value !== 'number' || !Number.isInteger(value)) throw invalid(field, 'expected an actor id');
      return;
    case 'target':
      if (typeof value !== 'number' || !Number.isInteger(value)) throw invalid(field, 'expected a target id');
      return;
  }
}

/**
 * An annotation's values once it carries `label`: those `label` defines (with a valid value) are its attributes,
 * the others are set aside, so that relabelling back gives them back. Current values win over set-aside ones of
 * the same name. `setAsideNow` names the current attributes this relabel sets aside, for the workbench to say.
 * An actor or target that no longer exists does not come back.
 */
export async function relabelledAttributes(
  label: Label,
  attributes: Readonly<Record<string, AttributeValue>>,
  setAside: Readonly<Record<string, AttributeValue>>,
  exists: EntryExists,
): Promise<{ attributes: Record<string, AttributeValue>; setAside: Record<string, AttributeValue>; setAsideNow: string[] }> {
  const kept: Record<string, AttributeValue> = {};
  const aside: Record<string, AttributeValue> = {};
  for (const [name, value] of Object.entries({ ...setAside, ...attributes })) {
    if (await fits(label.attributes.find((def) => def.name === name), value, exists)) kept[name] = value;
    else aside[name] = value;
  }
  return { attributes: kept, setAside: aside, setAsideNow: Object.keys(attributes).filter((name) => name in aside) };
}

async function fits(def: AttributeDef | undefined, value: AttributeValue, exists: EntryExists): Promise<boolean> {
  if (def === undefined) return false;
  try {
    checkAttributeValue(def, value, def.name);
  } catch {
    return false;
  }
  return !isRegistry(def.type) || exists(def.type, value as number);
}

/** The names of `label`'s actor-typed attributes. */
export function actorAttributeNames(label: Label): string[] {
  return label.attributes.filter((def) => def.type === 'actor').map((def) => def.name);
}
