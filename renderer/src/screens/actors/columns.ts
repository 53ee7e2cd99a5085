import type { Label } from '../../../../electron/shared/types.ts';

/** A count column of the Actors screen: the annotations of one label that name the actor. */
export interface CountColumn {
  /** The label's name, as `labelCounts` keys it. */
  label: string;
  /** The header: the label's name in the plural ("Quotes"); "Mentions" for the label that tags mentions of actors. */
  title: string;
  hint: string;
}

/**
 * One count column per label that can name an actor (has an actor-typed attribute), in schema order. The label
 * whose actor attribute is called `actor` (the default schema's Actor) tags the places an actor is mentioned.
 */
export function countColumns(labels: readonly Label[]): CountColumn[] {
  return labels
    .filter((label) => label.attributes.some((def) => def.type === 'actor'))
    .map((label) => {
      const mentions = label.attributes.some((def) => def.type === 'actor' && def.name === 'actor');
      return {
        label: label.name,
        title: mentions ? 'Mentions' : /s$/i.test(label.name) ? label.name : `${label.name}s`,
        hint: mentions ? `Places the actor is mentioned (tagged ${label.name})` : `Annotations labelled ${label.name} that name the actor`,
      };
    });
}
