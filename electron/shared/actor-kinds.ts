/**
 * The kinds of actor, as people read them, and a first guess at an actor's kind from its name: the workbench
 * preselects the guess when an actor is created, and the analyst confirms or changes it. The guess is a few word
 * lists, not a model: it is right for the names news text is full of ("Russian forces", "the Kremlin", "TASS",
 * "Ukraine") and falls back to a person, the most common source of a quote.
 */
import { ACTOR_KINDS, type ActorKind } from './types.ts';

export const ACTOR_KIND_NAMES: Record<ActorKind, string> = {
  person: 'Person',
  organisation: 'Organisation',
  state: 'State',
  armed_group: 'Armed group',
  media: 'Media',
  other: 'Other',
};

/** Names earlier versions of Parley wrote (exports keep them), with the kind each is now. */
const EARLIER_NAMES: Record<string, ActorKind> = { country: 'state', group: 'armed_group' };

/** The kind a stored or imported value names, older names included; undefined for anything else. */
export function actorKindNamed(value: unknown): ActorKind | undefined {
  if (typeof value !== 'string') return undefined;
  return (ACTOR_KINDS as readonly string[]).includes(value) ? (value as ActorKind) : EARLIER_NAMES[value];
}

const ARMED = ['forces', 'army', 'troops', 'militia', 'militias', 'brigade', 'battalion', 'regiment', 'wagner', 'hamas', 'hezbollah', 'taliban', 'rebels', 'insurgents', 'guard', 'military', 'navy', 'marines', 'soldiers', 'fighters', 'всу', 'зсу', 'армия', 'армія', 'войска', 'війська'];
const MEDIA = ['tass', 'ria', 'interfax', 'reuters', 'bbc', 'cnn', 'afp', 'ap', 'bloomberg', 'times', 'post', 'guardian', 'news', 'tv', 'radio', 'journal', 'gazette', 'herald', 'telegraph', 'pravda', 'izvestia', 'kommersant', 'ukrinform', 'meduza', 'al jazeera', 'newspaper', 'channel'];
const ORGANISATIONS = ['kremlin', 'ministry', 'government', 'parliament', 'duma', 'rada', 'council', 'commission', 'committee', 'party', 'nato', 'un', 'eu', 'osce', 'iaea', 'who', 'imf', 'opec', 'white house', 'pentagon', 'office', 'department', 'agency', 'bank', 'company', 'corporation', 'union', 'court', 'police', 'service', 'fsb', 'sbu', 'cia', 'administration', 'institute', 'university', 'foundation', 'group', 'кремль', 'минобороны', 'мид', 'госдума', 'правительство', 'уряд', 'міноборони'];
const STATES = [
  'russia', 'ukraine', 'united states', 'us', 'usa', 'america', 'china', 'france', 'germany', 'britain', 'uk', 'united kingdom', 'poland', 'belarus',
  'turkey', 'iran', 'israel', 'india', 'japan', 'italy', 'spain', 'hungary', 'moldova', 'georgia', 'kazakhstan', 'syria', 'iraq', 'egypt', 'qatar',
  'saudi arabia', 'north korea', 'south korea', 'canada', 'brazil', 'mexico', 'finland', 'sweden', 'norway', 'estonia', 'latvia', 'lithuania',
  'romania', 'slovakia', 'czech republic', 'austria', 'switzerland', 'netherlands', 'belgium', 'denmark', 'greece', 'serbia', 'armenia', 'azerbaijan',
  'россия', 'украина', 'україна', 'росія', 'сша',
  'moscow', 'kyiv', 'kiev', 'washington', 'beijing', 'paris', 'berlin', 'london', 'warsaw', 'minsk', 'ankara', 'tehran', 'brussels',
];

/** Lower case words of a name, without a leading "the" and without punctuation. */
function words(name: string): string[] {
  const parts = name.toLowerCase().normalize('NFKC').split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return parts[0] === 'the' ? parts.slice(1) : parts;
}

function mentions(nameWords: readonly string[], list: readonly string[]): boolean {
  const joined = ` ${nameWords.join(' ')} `;
  return list.some((entry) => joined.includes(` ${entry} `));
}

/** A first guess at the kind of the actor called `name`. O(length of the name × the lists). */
export function guessActorKind(name: string): ActorKind {
  const nameWords = words(name);
  if (nameWords.length === 0) return 'person';
  if (mentions(nameWords, ARMED)) return 'armed_group';
  if (mentions(nameWords, MEDIA)) return 'media';
  if (mentions(nameWords, ORGANISATIONS)) return 'organisation';
  if (STATES.includes(nameWords.join(' '))) return 'state';
  return 'person';
}
