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

/** On a relabel, the values of attributes the new label does not define are dropped (undo brings them back). */
export function attributesKeptBy(label: Label, values: Readonly<Record<string, AttributeValue>>): Record<string, AttributeValue> {
  return Object.fromEntries(Object.entries(values).filter(([name]) => label.attributes.some((def) => def.name === name)));
}

/** The names of `label`'s actor-typed attributes. */
export function actorAttributeNames(label: Label): string[] {
  return label.attributes.filter((def) => def.type === 'actor').map((def) => def.name);
}
