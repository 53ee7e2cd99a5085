/**
 * The workspace schema as an import extends it: labels, attribute definitions, relation types and actors that
 * the data uses but the workspace lacks are added, never removed or narrowed. Label names ignore case.
 */
import type { AttributeDef, AttributeValue, Label } from '../../shared/types.ts';
import type { WriteTx } from '../repository.ts';
import type { ImportedActor } from '../workspace.ts';
import { newActorRecord } from './actors.ts';
import { importedLabel } from './labels.ts';
import { newTargetRecord, targetIndex, targetKey } from './targets.ts';

export class SchemaGrowth {
  private readonly labels = new Map<string, Label>();
  private readonly relationTypes = new Set<string>();
  private readonly actors = new Map<string, number>();
  /** The registry's targets by name and alias (`targetIndex`), read when an import first names one, with those it adds. */
  private targets: Map<string, number> | undefined;
  /** Names given that matched an existing label only ignoring case, and that label's name, since `takeCaseMatches`. */
  private caseMatches = new Map<string, string>();

  private constructor(private readonly tx: WriteTx) {}

  /** The schema as `tx` holds it now. */
  static async of(tx: WriteTx): Promise<SchemaGrowth> {
    const schema = new SchemaGrowth(tx);
    for (const label of await tx.labels()) schema.labels.set(label.name.toLowerCase(), label);
    for (const type of await tx.relationTypes()) schema.relationTypes.add(type.name);
    return schema;
  }

  /** The label named `name` (ignoring case) as it is now, added when the workspace has none. */
  async label(name: string): Promise<Label> {
    return this.knownLabel(name) ?? this.addLabel(name);
  }

  /**
   * The label named `name` (ignoring case) if the schema has it. Most annotations of an import have a label the
   * schema has already: this answers them without a round trip through a promise.
   */
  knownLabel(name: string): Label | undefined {
    const existing = this.labels.get(name.toLowerCase());
    if (existing && existing.name !== name) this.caseMatches.set(name, existing.name);
    return existing;
  }

  private async addLabel(name: string): Promise<Label> {
    const label = await this.tx.insertLabel(importedLabel(name, this.labels.size));
    this.labels.set(name.toLowerCase(), label);
    return label;
  }

  /** Adds declared attribute definitions to a label (creating it), widening choices with new options. */
  async declare(labelName: string, attributes: readonly AttributeDef[]): Promise<void> {
    let label = await this.label(labelName);
    for (const def of attributes) {
      const current = label.attributes.find((candidate) => candidate.name === def.name);
      if (!current) label = await this.save(label, [...label.attributes, def]);
      else if (current.type === 'choice' && def.type === 'choice') {
        const missing = def.options.filter((option) => !current.options.includes(option));
        if (missing.length > 0) label = await this.save(label, label.attributes.map((a) => (a === current ? { ...current, options: [...current.options, ...missing] } : a)));
      }
    }
  }

  /** Makes sure `label` can hold `value` under `name`, and returns the label as it now is. */
  async attribute(label: Label, name: string, value: AttributeValue): Promise<Label> {
    const def = label.attributes.find((candidate) => candidate.name === name);
    if (!def) {
      const added: AttributeDef = typeof value === 'boolean' ? { name, type: 'boolean' } : { name, type: 'text' };
      return this.save(label, [...label.attributes, added]);
    }
    if (def.type === 'choice' && typeof value === 'string' && !def.options.includes(value)) {
      return this.save(label, label.attributes.map((a) => (a === def ? { ...def, options: [...def.options, value] } : a)));
    }
    return label;
  }

  /** Makes sure `label` has an actor-typed attribute `name`; an attribute of another type there is an error. */
  async actorAttribute(label: Label, name: string): Promise<Label> {
    const def = label.attributes.find((candidate) => candidate.name === name);
    if (def && def.type !== 'actor') throw new Error(`${label.name}.${name} is a ${def.type} attribute, not an actor`);
    return def ? label : this.save(label, [...label.attributes, { name, type: 'actor' }]);
  }

  /** The id of the actor an import names: by external id, else by name ignoring case, else a new actor. */
  async actor(actor: ImportedActor, timestamp: string): Promise<number> {
    const key = actor.externalId ? `id:${actor.externalId}` : `name:${actor.name.toLowerCase()}`;
    const cached = this.actors.get(key);
    if (cached !== undefined) return cached;
    const found = actor.externalId ? await this.tx.actorWithExternalId(actor.externalId) : await this.tx.actorNamed(actor.name);
    const id =
      found ??
      (await this.tx.insertActor(
        newActorRecord({ name: actor.name, kind: actor.kind ?? 'other', aliases: actor.aliases ?? [], externalId: actor.externalId ?? null, description: actor.description ?? '' }, timestamp),
      ));
    this.actors.set(key, id);
    return id;
  }

  /**
   * The id of the target a target-typed attribute's text names: the entry with that name or alias (ignoring case),
   * else a new one. Every format carries a target as its name (Parley's export writes it so).
   */
  async target(name: string, timestamp: string): Promise<number> {
    this.targets ??= targetIndex(await this.tx.targets());
    const found = this.targets.get(targetKey(name));
    if (found !== undefined) return found;
    const id = await this.tx.insertTarget(newTargetRecord({ name }, timestamp));
    this.targets.set(targetKey(name), id);
    return id;
  }

  async relationType(name: string): Promise<void> {
    if (this.relationTypes.has(name)) return;
    await this.tx.insertRelationType(name, 'Added by import');
    this.relationTypes.add(name);
  }

  takeCaseMatches(): { given: string; stored: string }[] {
    const matches = [...this.caseMatches].map(([given, stored]) => ({ given, stored }));
    this.caseMatches = new Map();
    return matches;
  }

  private async save(label: Label, attributes: AttributeDef[]): Promise<Label> {
    const updated = { ...label, attributes };
    await this.tx.updateLabel(label.id, updated);
    this.labels.set(label.name.toLowerCase(), updated);
    return updated;
  }
}
