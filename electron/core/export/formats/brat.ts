/**
 * brat standoff: per document a `.txt` with the text exactly as stored and a `.ann` with its annotations, plus
 * `annotation.conf` and `visual.conf` generated from the labels, attributes and relation types, so that brat
 * opens the folder as a collection. The lines mirror what the brat importer (`import/formats/brat.ts`) reads,
 * so that brat -> Parley -> brat gives back the same lines up to their ids:
 *
 * - T: a span; `start end` pairs joined by `;` for a discontinuous one. brat cannot hold a line break in the
 *   `.ann` text field, so a fragment running over one is cut into one fragment per line, as brat itself does.
 * - E: an annotation the importer marked with the `bratEvent` attribute is an event: its label is the event
 *   type, its span the trigger's T (events that shared a trigger share it again), its relations the event's
 *   `Role:Id` arguments. Its attributes and notes refer to the E.
 * - R: any other relation, `Arg1` its source and `Arg2` its target. `*`: relations of brat's equivalence types
 *   (Equiv, Alias) are written as equivalence sets.
 * - A: an attribute: a yes/no attribute is a binary flag, written when true; a choice or one-word text value is
 *   `A1 name T1 value`. brat values cannot contain spaces: a text value that does is written as a note.
 * - N: an actor-typed attribute, as a normalisation to the actor (`Wikidata:Q…` when the external id is a QID);
 *   the importer's `normalization` attribute, as the normalisations it holds.
 * - #: the annotation's note, one AnnotatorNotes line per line of the note; the importer's `bratNotes` attribute,
 *   one note of its own type (`Lemma`) per line.
 * brat type names are ASCII letters, digits, `_` and `-`: other names are rewritten and shown under their own
 * name through visual.conf.
 */
import type { AttributeValue } from '../../../shared/types.ts';
import type { ExportedAnnotation, ExportedDocument } from '../../workspace.ts';
import { BRAT_EVENT_ATTRIBUTE, BRAT_NORMALIZATION_ATTRIBUTE, BRAT_NOTES_ATTRIBUTE } from '../../import/formats/brat.ts';
import type { ExportFormatModule, FormatContext, FormatSession } from '../format.ts';
import { PARLEY_VERSION } from '../../version.ts';
import { DocumentText } from '../text.ts';
import { actorsById, attributeDefinitions, countUncarriedProvenance, IdentifierTable } from './common.ts';

/** Where the attribute definitions for annotation.conf come from: the schema, plus text values actually written. */
interface AttributeConf {
  identifier: string;
  binary: boolean;
  /** Entity types the attribute applies to. */
  types: Set<string>;
  values: Set<string>;
}

/** File stems already given out in this export, lower-cased: case-insensitive file systems would merge two. */
function fileStem(document: ExportedDocument, taken: Set<string>): string {
  const importedFrom = document.document.metadata.importedFrom as { file?: unknown } | undefined;
  const original = typeof importedFrom?.file === 'string' ? importedFrom.file.replace(/\\/g, '/').split('/').pop()!.replace(/\.[^.]*$/, '') : '';
  const fromTitle = () =>
    `${document.document.id}-${document.document.title}`.normalize('NFKC').replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 80);
  const base = original.replace(/[/\\:*?"<>|\p{Cc}]/gu, '_') || fromTitle() || String(document.document.id);
  let stem = base;
  for (let n = 2; taken.has(stem.toLowerCase()); n++) stem = `${base}-${n}`;
  taken.add(stem.toLowerCase());
  return stem;
}

/** Splits fragments at line breaks, dropping the breaks: brat's `.ann` text field is one line. */
function lineFragments(text: DocumentText, fragments: readonly [number, number][]): [number, number][] {
  const result: [number, number][] = [];
  const { index } = text;
  for (const [start, end] of fragments) {
    let from = start;
    // A line break is one UTF-16 unit and one code point: found in the text, it is converted back.
    const last = index.toUtf16(end);
    for (let at = text.text.indexOf('\n', index.toUtf16(start)); at >= 0 && at < last; at = text.text.indexOf('\n', at + 1)) {
      const position = index.toCodePoint(at);
      if (position > from) result.push([from, position]);
      from = position + 1;
    }
    if (end > from) result.push([from, end]);
  }
  return result;
}

/** A normalisation reference to an actor: brat writes `DB:ID`. */
export function actorReference(actor: { id: number; externalId: string | null }): string {
  const external = actor.externalId?.trim();
  if (!external) return `Parley:actor-${actor.id}`;
  if (/^Q\d+$/.test(external)) return `Wikidata:${external}`;
  return external.includes(':') ? external.replace(/\s+/g, '_') : `External:${external.replace(/\s+/g, '_')}`;
}

/** Attributes the brat importer fills from lines of their own (E, N, typed #): written back as those lines. */
const BRAT_LINE_ATTRIBUTES = new Set([BRAT_EVENT_ATTRIBUTE, BRAT_NORMALIZATION_ATTRIBUTE, BRAT_NOTES_ATTRIBUTE]);

/** The `Type: text` lines the brat importer keeps in `bratNotes`, or null when the value is not of that form. */
function typedNotes(value: string): { type: string; text: string }[] | null {
  const notes = value.split('\n').map((line) => /^([^\s:]+): (.*)$/s.exec(line));
  return notes.every((match) => match !== null) ? notes.map((match) => ({ type: match![1]!, text: match![2]! })) : null;
}

/**
 * An event role as annotation.conf declares it: brat numbers the repeats of a role in the .ann (`Theme`,
 * `Theme2`, ...) and refuses a numbered role in the conf, so `Theme2` is declared as a repeatable `Theme`.
 */
function confRole(role: string): string {
  return role.replace(/(?<=\D)\d+$/, '');
}

/** brat's example configurations declare these relation types symmetric-transitive: brat writes them as `*` lines. */
const EQUIVALENCE_TYPES = new Set(['Equiv', 'Alias']);

/** Groups the members of equivalence relations into brat's `*` sets: the connected members, in document order. */
function equivalenceSets(relations: readonly { sourceId: number; targetId: number }[], order: Map<number, number>): number[][] {
  const parent = new Map<number, number>();
  const find = (id: number): number => {
    let root = id;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root)!;
    parent.set(id, root);
    return root;
  };
  for (const { sourceId, targetId } of relations) {
    const a = find(sourceId);
    const b = find(targetId);
    if (a !== b) parent.set(b, a);
  }
  const sets = new Map<number, number[]>();
  for (const id of parent.keys()) {
    const root = find(id);
    sets.set(root, [...(sets.get(root) ?? []), id]);
  }
  return [...sets.values()].map((members) => chainOf(members, relations) ?? members.sort((x, y) => order.get(x)! - order.get(y)!));
}

/**
 * The members of an equivalence set in the order of its relations when they form one chain (a -> b -> c, as
 * the importer reads `* Equiv a b c`), so that the set comes back as the same relations; undefined otherwise.
 */
function chainOf(members: number[], relations: readonly { sourceId: number; targetId: number }[]): number[] | undefined {
  const inSet = new Set(members);
  const within = relations.filter((relation) => inSet.has(relation.sourceId));
  if (within.length !== members.length - 1) return undefined;
  const next = new Map(within.map((relation) => [relation.sourceId, relation.targetId]));
  const targets = new Set(within.map((relation) => relation.targetId));
  const starts = members.filter((member) => !targets.has(member));
  if (next.size !== within.length || targets.size !== within.length || starts.length !== 1) return undefined;
  const chain = [starts[0]!];
  while (next.has(chain[chain.length - 1]!)) chain.push(next.get(chain[chain.length - 1]!)!);
  return chain.length === members.length ? chain : undefined;
}

/** The normalisations the brat importer keeps in a text attribute, one `Resource:Id "text"` per line. */
function normalizationEntries(value: string): { entry: string; text: string }[] | null {
  const entries = value.split('\n').map((line) => {
    const space = line.indexOf(' ');
    const entry = space < 0 ? line : line.slice(0, space);
    const quoted = space < 0 ? '' : line.slice(space + 1);
    if (!/^[^\s:]+:\S+$/.test(entry)) return null;
    if (quoted && !(quoted.length >= 2 && quoted.startsWith('"') && quoted.endsWith('"'))) return null;
    return { entry, text: quoted.slice(1, -1) };
  });
  return entries.every((entry) => entry !== null) ? (entries as { entry: string; text: string }[]) : null;
}

function session(context: FormatContext): FormatSession {
  const { losses } = context;
  const types = new IdentifierTable((name, identifier) =>
    losses.add(`name "${name}" written as ${identifier}`, 'brat type names may only hold ASCII letters, digits, _ and -', 1),
  );
  const attributeNames = new IdentifierTable((name, identifier) =>
    losses.add(`attribute "${name}" written as ${identifier}`, 'brat attribute names may only hold ASCII letters, digits, _ and -', 1),
  );
  const definitions = attributeDefinitions(context.labels);
  for (const label of context.labels) types.rename(label.name);
  for (const type of context.relationTypes) types.rename(type.name);

  const attributes = new Map<string, AttributeConf>();
  for (const label of context.labels) {
    for (const def of label.attributes) {
      if (def.type === 'actor' || BRAT_LINE_ATTRIBUTES.has(def.name)) continue;
      const conf = attributes.get(def.name) ?? { identifier: attributeNames.rename(def.name), binary: true, types: new Set(), values: new Set() };
      conf.types.add(types.rename(label.name));
      if (def.type !== 'boolean') conf.binary = false;
      if (def.type === 'choice') def.options.forEach((option) => conf.values.add(option.replace(/\s+/g, '_')));
      attributes.set(def.name, conf);
    }
  }
  /** Argument types seen per relation type, and roles per event type, for annotation.conf. */
  const relationArguments = new Map<string, { sources: Set<string>; targets: Set<string>; equivalence: boolean }>();
  const eventRoles = new Map<string, Map<string, Set<string>>>();
  /** Relation types written as event arguments, as the .ann names them (`Theme2`). */
  const roleTypes = new Set<string>();
  const stems = new Set<string>();

  function annotationFile(document: ExportedDocument): string {
    const text = new DocumentText(document.document.text);
    const actors = actorsById(document);
    const lines: string[] = [];
    const counters = { T: 0, E: 0, R: 0, A: 0, N: 0, '#': 0 };
    const next = (kind: keyof typeof counters) => `${kind}${++counters[kind]}`;
    const isEvent = (annotation: ExportedAnnotation) => typeof annotation.attributes[BRAT_EVENT_ATTRIBUTE] === 'string';

    // Ids: every span gets a T; an event's annotation also gets an E, which is what its attributes, notes and
    // relations refer to. Events that shared a trigger in brat share one T again.
    // An event keeps the id it had in brat (its bratEvent attribute) when that is free; others get fresh ones.
    const eventIds = new Set<string>();
    const keptEventIds = new Set(
      document.annotations.flatMap((annotation) => {
        const value = annotation.attributes[BRAT_EVENT_ATTRIBUTE];
        if (typeof value !== 'string' || !/^E\S+$/.test(value) || eventIds.has(value)) return [];
        eventIds.add(value);
        return [annotation.id];
      }),
    );
    const eventId = (annotation: ExportedAnnotation): string => {
      if (keptEventIds.has(annotation.id)) return annotation.attributes[BRAT_EVENT_ATTRIBUTE] as string;
      let id = next('E');
      while (eventIds.has(id)) id = next('E');
      eventIds.add(id);
      return id;
    };
    const textBound = new Map<number, string>();
    const reference = new Map<number, string>();
    const triggers = new Map<string, string>();
    for (const annotation of document.annotations) {
      const fragments = lineFragments(text, annotation.fragments);
      if (fragments.length > annotation.fragments.length) {
        losses.add('spans across line breaks', 'brat cannot hold a line break in the .ann text field: these spans were cut into one fragment per line', 1);
      }
      const offsets = fragments.map(([start, end]) => `${text.offset(start, context.offsets)} ${text.offset(end, context.offsets)}`).join(';');
      const head = `${types.rename(annotation.label)} ${offsets}`;
      const shared = isEvent(annotation) ? triggers.get(head) : undefined;
      const id = shared ?? next('T');
      if (!shared) lines.push(`${id}\t${head}\t${fragments.map(([start, end]) => text.slice(start, end)).join(' ')}`);
      if (isEvent(annotation)) triggers.set(head, id);
      textBound.set(annotation.id, id);
      reference.set(annotation.id, isEvent(annotation) ? eventId(annotation) : id);
    }

    const byId = new Map(document.annotations.map((annotation) => [annotation.id, annotation]));
    const order = new Map(document.annotations.map((annotation, position) => [annotation.id, position]));
    const roles = new Map<number, string[]>();
    const equivalences = new Map<string, { sourceId: number; targetId: number }[]>();
    for (const relation of document.relations) {
      const type = types.rename(relation.type);
      const source = byId.get(relation.sourceId)!;
      const target = byId.get(relation.targetId)!;
      if (isEvent(source)) {
        roles.set(source.id, [...(roles.get(source.id) ?? []), `${type}:${reference.get(target.id)}`]);
        const event = eventRoles.get(types.rename(source.label)) ?? new Map<string, Set<string>>();
        event.set(confRole(type), (event.get(confRole(type)) ?? new Set()).add(types.rename(target.label)));
        roleTypes.add(type);
        eventRoles.set(types.rename(source.label), event);
        continue;
      }
      const seen = relationArguments.get(type) ?? { sources: new Set(), targets: new Set(), equivalence: EQUIVALENCE_TYPES.has(type) };
      seen.sources.add(types.rename(source.label));
      seen.targets.add(types.rename(target.label));
      relationArguments.set(type, seen);
      if (seen.equivalence) equivalences.set(type, [...(equivalences.get(type) ?? []), relation]);
      else lines.push(`${next('R')}\t${type} Arg1:${reference.get(source.id)} Arg2:${reference.get(target.id)}`);
    }
    for (const annotation of document.annotations.filter(isEvent)) {
      lines.push(`${reference.get(annotation.id)}\t${types.rename(annotation.label)}:${textBound.get(annotation.id)}${(roles.get(annotation.id) ?? []).map((role) => ` ${role}`).join('')}`);
    }
    for (const [type, relations] of equivalences) {
      for (const members of equivalenceSets(relations, order)) lines.push(`*\t${type} ${members.map((id) => reference.get(id)).join(' ')}`);
    }

    const note = (target: string, value: string) => {
      if (/[\r\n]/.test(value)) losses.add('line breaks in notes', 'a brat note is one line: each line of a note became a note of its own', 1);
      for (const line of value.split(/\r?\n/)) lines.push(`${next('#')}\tAnnotatorNotes ${target}\t${line}`);
    };
    const attribute = (target: string, name: string, value: AttributeValue) => {
      const conf = attributes.get(name)!;
      if (conf.binary || typeof value === 'boolean') {
        if (value === true) lines.push(`${next('A')}\t${conf.identifier} ${target}`);
        else if (conf.binary) losses.add('yes/no attributes set to no', 'a brat binary attribute is either present (yes) or absent, so an explicit no is not written', 1);
        else lines.push(`${next('A')}\t${conf.identifier} ${target} ${String(value)}`);
        return;
      }
      const written = String(value).trim();
      if (written === '' || /\s/.test(written)) {
        losses.add('text attribute values with spaces', 'brat attribute values are single words: these were written as AnnotatorNotes "name: value"', 1);
        note(target, `${name}: ${String(value)}`);
        return;
      }
      conf.values.add(written);
      lines.push(`${next('A')}\t${conf.identifier} ${target} ${written}`);
    };

    for (const annotation of document.annotations) {
      const target = reference.get(annotation.id)!;
      const defs = definitions.get(annotation.label.toLowerCase()) ?? [];
      for (const def of defs) {
        const value = annotation.attributes[def.name];
        if (value === undefined || value === null || def.name === BRAT_EVENT_ATTRIBUTE) continue;
        const entries = def.name === BRAT_NORMALIZATION_ATTRIBUTE && typeof value === 'string' ? normalizationEntries(value) : null;
        const typed = def.name === BRAT_NOTES_ATTRIBUTE && typeof value === 'string' ? typedNotes(value) : null;
        if (typed) {
          for (const { type, text: noteText } of typed) lines.push(`${next('#')}\t${type} ${target}\t${noteText}`);
        } else if (entries) {
          for (const { entry, text: name } of entries) lines.push(`${next('N')}\tReference ${target} ${entry}\t${name}`);
        } else if (def.type === 'actor') {
          const actor = typeof value === 'number' ? actors.get(value) : undefined;
          if (!actor) continue;
          lines.push(`${next('N')}\tReference ${target} ${actorReference(actor)}\t${actor.name}`);
          losses.add(
            'actors',
            'a brat normalisation holds the actor\'s name and id: it comes back as the actor of an Actor span and as `normalization` text on other labels; the kind, aliases and description are not written',
            1,
          );
          if (defs.filter((candidate) => candidate.type === 'actor').length > 1) {
            losses.add('actor attribute names', 'a brat normalisation does not say which of a label\'s actor attributes it fills', 1);
          }
        } else {
          attribute(target, def.name, value);
        }
      }
      if (annotation.note) note(target, annotation.note);
    }
    countUncarriedProvenance(document.annotations, losses, 'brat');
    return lines.length > 0 ? `${lines.join('\n')}\n` : '';
  }

  function annotationConf(): string {
    const events = new Set(eventRoles.keys());
    const list = (names: Iterable<string> | undefined) => {
      const sorted = [...(names ?? [])].sort();
      return sorted.length > 0 ? sorted.join('|') : '<ENTITY>';
    };
    const lines = [
      `# Written by Parley ${PARLEY_VERSION} from the workspace's labels, relation types and attributes.`,
      `# Offsets in the .ann files: ${context.offsets === 'utf16' ? 'UTF-16 code units (brat itself counts code points)' : 'Unicode code points, as brat counts them'}.`,
      '[entities]',
    ];
    lines.push(...context.labels.map((label) => types.rename(label.name)).filter((type) => !events.has(type)));
    lines.push('', '[relations]');
    // Relation types used only as event roles are declared with their events, not here.
    const roleOnly = new Set([...roleTypes].filter((role) => !relationArguments.has(role)));
    for (const relationType of context.relationTypes) {
      const type = types.rename(relationType.name);
      if (roleOnly.has(type)) continue;
      const seen = relationArguments.get(type);
      lines.push(`${type}\tArg1:${list(seen?.sources)}, Arg2:${list(seen?.targets)}${seen?.equivalence ? ', <REL-TYPE>:symmetric-transitive' : ''}`);
    }
    // Parley lets spans of any labels overlap; brat refuses overlaps unless told otherwise.
    lines.push('<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>', '', '[events]');
    for (const [event, roles] of eventRoles) {
      lines.push(`${event}\t${[...roles].map(([role, targets]) => `${role}*:${list(targets)}`).join(', ')}`);
    }
    lines.push('', '[attributes]');
    for (const conf of attributes.values()) {
      const args = `Arg:${[...conf.types].sort().join('|')}`;
      lines.push(conf.binary || conf.values.size === 0 ? `${conf.identifier}\t${args}` : `${conf.identifier}\t${args}, Value:${[...conf.values].join('|')}`);
    }
    return `${lines.join('\n')}\n`;
  }

  function visualConf(): string {
    const lines = ['# Written by Parley: display names and colours of the workspace\'s labels.', '[labels]'];
    for (const [name, identifier] of types.entries()) lines.push(`${identifier} | ${name}`);
    lines.push('', '[drawing]', 'SPAN_DEFAULT\tfgColor:black, bgColor:lightgreen, borderColor:darken', 'ARC_DEFAULT\tcolor:black, arrowHead:triangle-5');
    for (const label of context.labels) lines.push(`${types.rename(label.name)}\tbgColor:${label.color}`);
    return `${lines.join('\n')}\n`;
  }

  return {
    openPart(folder) {
      return {
        async write(document) {
          const stem = fileStem(document, stems);
          const ann = annotationFile(document);
          // The text exactly as stored: its bytes go to the file without being decoded and encoded again.
          await folder.writeFile(`${stem}.txt`, document.textBytes);
          await folder.writeFile(`${stem}.ann`, ann);
          return ann;
        },
        end: async () => undefined,
      };
    },
    async finish(root) {
      await root.writeFile('annotation.conf', annotationConf());
      await root.writeFile('visual.conf', visualConf());
    },
  };
}

export const bratFormat: ExportFormatModule = {
  name: 'brat',
  title: 'brat standoff',
  layout: 'folder',
  extension: '',
  offsets: 'any',
  start: session,
  usage: (context) => `A brat collection: for each document a \`.txt\` (the text exactly as stored: UTF-8, line breaks as LF) and a \`.ann\`
with its annotations, and \`annotation.conf\` and \`visual.conf\` generated from the workspace's labels, relation
types and attributes. Put the folder under brat's \`data/\` to open it. Lines of the \`.ann\` files: \`T\` spans
(\`;\` between the fragments of a discontinuous span), \`R\` relations (\`Arg1\` source, \`Arg2\` target), \`A\`
attributes, \`N\` actors as normalisations (\`Wikidata:Q…\` for actors with a Wikidata id), \`#\` notes
(AnnotatorNotes).${context.offsets === 'utf16' ? ' **Offsets are UTF-16 code units here; brat itself counts code points.**' : ''}`,
};
