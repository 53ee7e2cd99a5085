/**
 * brat's annotation.conf, read for what Parley can keep: which types are entities and which events, and the
 * attributes each type may carry (binary ones become boolean attributes, valued ones choices). Relation and
 * event argument constraints are brat's business and are not enforced on import. Format:
 * https://brat.nlplab.org/configuration.html
 */
import type { AttributeDef } from '../../../shared/types.ts';

export interface BratConfig {
  entityTypes: ReadonlySet<string>;
  eventTypes: ReadonlySet<string>;
  attributes: readonly BratAttribute[];
}

interface BratAttribute {
  name: string;
  /** Type names, or brat's groups `<ENTITY>`, `<EVENT>` and `<ANY>`, after macro expansion. */
  appliesTo: readonly string[];
  /** The values of a valued attribute; empty for a binary one. */
  values: readonly string[];
}

type Section = 'entities' | 'relations' | 'events' | 'attributes';

export function parseAnnotationConf(text: string): BratConfig {
  const entityTypes = new Set<string>();
  const eventTypes = new Set<string>();
  const attributes: BratAttribute[] = [];
  const macros = new Map<string, string>();
  let section: Section | undefined;

  for (const rawLine of text.split(/\r\n|\n|\r/)) {
    const line = rawLine.replace(/#.*$/, '').trimEnd();
    const content = line.trim();
    if (!content) continue;
    const header = /^\[(\w+)\]$/.exec(content);
    if (header) {
      section = (['entities', 'relations', 'events', 'attributes'] as const).find((name) => name === header[1]);
      continue;
    }
    const macro = /^(<[^>]+>)\s*=\s*(.+)$/.exec(content);
    if (macro) {
      macros.set(macro[1]!, macro[2]!.trim());
      continue;
    }
    const [head = '', ...specParts] = content.split(/\s+/);
    const type = head.replace(/^!/, '');
    if (section === 'entities' && !head.startsWith('!')) entityTypes.add(type);
    else if (section === 'events' && !head.startsWith('!')) eventTypes.add(type);
    else if (section === 'attributes') attributes.push(attributeOf(type, specParts.join(' '), macros));
  }
  return { entityTypes, eventTypes, attributes };
}

/** `Arg:<ENTITY>, Value:Name|Nominal|Other` → where the attribute applies and its values. */
function attributeOf(name: string, spec: string, macros: ReadonlyMap<string, string>): BratAttribute {
  const expand = (value: string) => value.split('|').flatMap((part) => (macros.get(part) ?? part).split('|')).map((part) => part.trim()).filter(Boolean);
  let appliesTo: string[] = ['<ANY>'];
  let values: string[] = [];
  for (const pair of spec.split(',')) {
    const [key, value] = pair.split(':').map((part) => part.trim());
    if (key === 'Arg' && value) appliesTo = expand(value);
    else if (key === 'Value' && value) values = expand(value);
  }
  return { name, appliesTo, values };
}

/** The attribute definitions annotation.conf gives a type, as Parley attribute definitions. */
export function attributeDefsFor(config: BratConfig, type: string): AttributeDef[] {
  const isEvent = config.eventTypes.has(type);
  return config.attributes
    .filter((attribute) =>
      attribute.appliesTo.some((target) => target === type || target === '<ANY>' || target === (isEvent ? '<EVENT>' : '<ENTITY>')),
    )
    .map((attribute): AttributeDef =>
      attribute.values.length > 0 ? { name: attribute.name, type: 'choice', options: [...attribute.values] } : { name: attribute.name, type: 'boolean' },
    );
}
