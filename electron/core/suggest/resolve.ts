/**
 * Which registry actor a source mention names: by the actor's name or an alias ("Donald Trump", "Trump"), by a
 * name the mention ends with ("Republican nominee Donald Trump"), by a person's surname when only one actor has
 * it, and for a pronoun or a bare description ("he said", "the official said") by the previous mention that
 * was resolved in the same article, as a reader takes it.
 */
import type { Actor } from '../../shared/types.ts';

export type RegistryActor = Pick<Actor, 'id' | 'name' | 'kind' | 'aliases'>;

export interface Resolution {
  actorId: number;
  via: 'name' | 'alias' | 'surname' | 'previous mention';
}

const TITLES = new Set(['mr', 'mrs', 'ms', 'dr', 'sen', 'rep', 'gov', 'gen', 'president', 'senator', 'secretary', 'minister', 'the']);
const PERSONAL_PRONOUNS = new Set(['he', 'she', 'him', 'her', 'his']);
const GROUP_PRONOUNS = new Set(['they', 'it', 'we']);

/** Lower case, without accents' variants, possessive 's, punctuation, and leading titles and articles. */
export function normaliseMention(text: string): string {
  const words = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/['’]s\b/gu, '')
    .replace(/[^\p{L}\p{N}\s-]/gu, ' ')
    .split(/\s+/u)
    .filter(Boolean);
  while (words.length > 1 && TITLES.has(words[0]!)) words.shift();
  return words.join(' ');
}

export class SourceResolver {
  private readonly byName = new Map<string, { actor: RegistryActor; via: 'name' | 'alias' }>();
  private readonly bySurname = new Map<string, RegistryActor[]>();
  private readonly names: { name: string; actor: RegistryActor; via: 'name' | 'alias' }[] = [];

  constructor(actors: readonly RegistryActor[]) {
    for (const actor of actors) {
      for (const [text, via] of [[actor.name, 'name'], ...actor.aliases.map((alias) => [alias, 'alias'])] as [string, 'name' | 'alias'][]) {
        const name = normaliseMention(text);
        if (!name) continue;
        if (!this.byName.has(name)) this.byName.set(name, { actor, via });
        this.names.push({ name, actor, via });
      }
      if (actor.kind === 'person') {
        const surname = normaliseMention(actor.name).split(' ').at(-1)!;
        this.bySurname.set(surname, [...(this.bySurname.get(surname) ?? []), actor]);
      }
    }
  }

  /**
   * Resolves an article's source mentions in reading order; a pronoun or description takes the actor of the
   * nearest resolved mention before it (a person's for he/she).
   */
  resolveAll(mentions: readonly string[]): (Resolution | null)[] {
    const resolved: { actor: RegistryActor }[] = [];
    return mentions.map((mention) => {
      const normal = normaliseMention(mention);
      const direct = this.byName.get(normal) ?? this.endingWith(normal);
      if (direct) {
        resolved.push({ actor: direct.actor });
        return { actorId: direct.actor.id, via: direct.via };
      }
      const sharing = this.bySurname.get(normal);
      if (sharing?.length === 1) {
        resolved.push({ actor: sharing[0]! });
        return { actorId: sharing[0]!.id, via: 'surname' };
      }
      const words = normal.split(' ');
      const pronoun = words.length === 1 && (PERSONAL_PRONOUNS.has(normal) || GROUP_PRONOUNS.has(normal));
      const description = /^(the|this|that)\s/u.test(mention.trim().toLowerCase()) && words.length <= 2;
      if (!pronoun && !description) return null;
      const wantsPerson = PERSONAL_PRONOUNS.has(normal);
      const previous = resolved.findLast(({ actor }) => !wantsPerson || actor.kind === 'person');
      return previous ? { actorId: previous.actor.id, via: 'previous mention' } : null;
    });
  }

  private endingWith(normal: string): { actor: RegistryActor; via: 'name' | 'alias' } | undefined {
    let best: (typeof this.names)[number] | undefined;
    for (const entry of this.names) {
      if (normal.endsWith(` ${entry.name}`) && (!best || entry.name.length > best.name.length)) best = entry;
    }
    return best;
  }
}
