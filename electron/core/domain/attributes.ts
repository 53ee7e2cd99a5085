/** The rules for an annotation's attribute values against its label's definitions. */
import type { AttributeDef, AttributeValue, Label } from '../../shared/types.ts';
import { invalid } from '../errors.ts';

/**
 * `current` with `changes` merged in, each value checked against `label`'s definition (a null value removes the
 * attribute); `field` names the changes in errors. `actorExists` answers for actor-typed values.
 */
export async function mergeAttributes(
  label: Label,
  current: Readonly<Record<string, AttributeValue>>,
  changes: Readonly<Record<string, AttributeValue>>,
  field: string,
  actorExists: (id: number) => Promise<boolean>,
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
    if (def.type === 'actor' && !(await actorExists(value as number))) throw invalid(`${field}.${name}`, `there is no actor ${value}`);
    result[name] = value;
  }
  return result;
}

/** Checks the type of one value against its definition (an actor's existence is the caller's to check). */
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
  }
}

/**
 * An annotation's values once it carries `label`: those `label` defines (with a valid value) are its attributes,
 * the others are set aside, so that relabelling back gives them back. Current values win over set-aside ones of
 * the same name. `setAsideNow` names the current attributes this relabel sets aside, for the workbench to say.
 * An actor that no longer exists does not come back.
 */
export async function relabelledAttributes(
  label: Label,
  attributes: Readonly<Record<string, AttributeValue>>,
  setAside: Readonly<Record<string, AttributeValue>>,
  actorExists: (id: number) => Promise<boolean>,
): Promise<{ attributes: Record<string, AttributeValue>; setAside: Record<string, AttributeValue>; setAsideNow: string[] }> {
  const kept: Record<string, AttributeValue> = {};
  const aside: Record<string, AttributeValue> = {};
  for (const [name, value] of Object.entries({ ...setAside, ...attributes })) {
    if (await fits(label.attributes.find((def) => def.name === name), value, actorExists)) kept[name] = value;
    else aside[name] = value;
  }
  return { attributes: kept, setAside: aside, setAsideNow: Object.keys(attributes).filter((name) => name in aside) };
}

async function fits(def: AttributeDef | undefined, value: AttributeValue, actorExists: (id: number) => Promise<boolean>): Promise<boolean> {
  if (def === undefined) return false;
  try {
    checkAttributeValue(def, value, def.name);
  } catch {
    return false;
  }
  return def.type !== 'actor' || actorExists(value as number);
}

/** The names of `label`'s actor-typed attributes. */
export function actorAttributeNames(label: Label): string[] {
  return label.attributes.filter((def) => def.type === 'actor').map((def) => def.name);
}
