/** Helpers several formats share. */
import type { Actor, AttributeDef, Label } from '../../../shared/types.ts';
import type { ExportedAnnotation, ExportedDocument } from '../../workspace.ts';
import type { LossLedger } from '../losses.ts';

/** Attribute definitions of the exported labels, by lower-cased label name. */
export function attributeDefinitions(labels: readonly Label[]): Map<string, AttributeDef[]> {
  return new Map(labels.map((label) => [label.name.toLowerCase(), label.attributes]));
}

/** The actor an actor-typed attribute value refers to, if it still exists. */
export function actorsById(document: ExportedDocument): Map<number, Actor> {
  return new Map(document.actors.map((actor) => [actor.id, actor]));
}

/**
 * Counts, for formats that have nowhere to put them, who made each annotation and which ones are unreviewed
 * suggestions. Origin `manual` and `imported` are not counted: they are what a dataset is assumed to hold.
 */
export function countUncarriedProvenance(annotations: readonly ExportedAnnotation[], losses: LossLedger, format: string): void {
  losses.add('annotation authors', `${format} has no field for who made an annotation`, annotations.filter((a) => a.author !== '').length);
  losses.add(
    'suggestion marks',
    `${format} cannot mark an annotation as an unreviewed suggestion; filter by origin to leave suggestions out`,
    annotations.filter((a) => a.origin === 'suggested').length,
  );
}

/** A name made of what identifiers in brat and tag sets allow (ASCII letters, digits, `_` and `-`). */
export function identifierFor(name: string): string {
  const ascii = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  const safe = ascii.replace(/[^A-Za-z0-9_-]+/g, '_');
  return /[A-Za-z0-9]/.test(safe) ? safe : 'label';
}

/**
 * Gives each name an identifier that is unique in the export, recording renamings; `rename` returns the
 * identifier for a name every time it is asked.
 */
export class IdentifierTable {
  private readonly byName = new Map<string, string>();
  private readonly taken = new Set<string>();

  constructor(private readonly onRename?: (name: string, identifier: string) => void) {}

  rename(name: string): string {
    const known = this.byName.get(name);
    if (known !== undefined) return known;
    const base = identifierFor(name);
    let identifier = base;
    for (let n = 2; this.taken.has(identifier); n++) identifier = `${base}_${n}`;
    this.taken.add(identifier);
    this.byName.set(name, identifier);
    if (identifier !== name) this.onRename?.(name, identifier);
    return identifier;
  }

  entries(): [name: string, identifier: string][] {
    return [...this.byName.entries()];
  }
}
