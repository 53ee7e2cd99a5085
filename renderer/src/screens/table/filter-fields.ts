import type { AnnotationFilter, AnnotationOrigin, Label } from '../../../../electron/shared/types.ts';

export const ORIGIN_NAMES: Record<AnnotationOrigin, string> = { manual: 'Manual', imported: 'Imported', suggested: 'Suggested' };

/** An attribute the table can filter and bulk-set by value, as the labels define it (the same name across labels is one). */
export interface FilterableAttribute {
  name: string;
  type: 'text' | 'boolean' | 'choice';
  /** For a choice: every option any label offers under this name, in the labels' order. */
  options: string[];
  /** The labels that define it, by id. */
  labelIds: number[];
}

/**
 * The attributes the schema's labels define, but actor-typed ones (the actor chip and "Set actor" hold those),
 * one per name: a Claim's verdict, a Quote's kind.
 */
export function filterableAttributes(labels: readonly Label[]): FilterableAttribute[] {
  const byName = new Map<string, FilterableAttribute>();
  for (const label of labels) {
    for (const def of label.attributes) {
      if (def.type === 'actor' || def.type === 'target') continue; // they hold registry ids, not values to type
      const known = byName.get(def.name) ?? { name: def.name, type: def.type, options: [], labelIds: [] };
      known.labelIds.push(label.id);
      if (def.type === 'choice') for (const option of def.options) if (!known.options.includes(option)) known.options.push(option);
      byName.set(def.name, known);
    }
  }
  return [...byName.values()];
}

/** The same filter, whatever the order of its keys (the address and a saved view write them in their own). */
export function sameFilter(a: AnnotationFilter, b: AnnotationFilter): boolean {
  const canonical = (filter: AnnotationFilter) => JSON.stringify(Object.entries(filter).sort(([x], [y]) => x.localeCompare(y)));
  return canonical(a) === canonical(b);
}
