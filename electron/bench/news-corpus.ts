/**
 * The corpus the corpus views are measured on (issue #11: 10,000 articles, 100,000 annotations, 2,000 actors,
 * 500 position targets): news-length articles cut from the novel, each published on a seeded day of 2025, with
 * Quotes, Claims, Positions and Actor mentions whose speakers, claimants and holders are drawn from a registry
 * where a few actors are named very often (as in real news: a Zipf-like share), claims carry verdicts and
 * positions a target and a stance. Deterministic: the same workspace on every run and machine.
 */
import { openBackend } from '../core/backend.ts';
import { importFile, type ImportedAnnotation, type ImportedDocument } from '../core/workspace.ts';
import { normaliseText } from '../core/text.ts';
import type { ActorKind } from '../shared/types.ts';
import { articles } from './corpus.ts';
import { seededRandom } from './measure.ts';

export interface NewsCorpusSizes {
  articles: number;
  annotations: number;
  actors: number;
  targets: number;
}

export const NEWS_CORPUS_FULL: NewsCorpusSizes = { articles: 10_000, annotations: 100_000, actors: 2_000, targets: 500 };
export const NEWS_CORPUS_QUICK: NewsCorpusSizes = { articles: 1_000, annotations: 10_000, actors: 200, targets: 50 };

/** The actor every corpus figure that needs one actor with many items uses: the most named, first in the registry. */
export const BUSIEST_ACTOR = 'Юрий Ушаков';

const FIRST = ['Anna', 'Oleksandr', 'Maria', 'Sergei', 'Fatima', 'Li', 'Jean', 'Kateryna', 'Ahmed', 'Olga', 'Tomasz', 'Chloé', 'Dmytro', 'Ingrid', 'Recep'];
const LAST = ['Kovalenko', 'Petrov', 'Haddad', 'Wei', 'Dupont', 'Nowak', 'Sørensen', 'Shevchenko', 'Erdoğan', 'Ivanova', 'Müller', 'García', 'Tanaka', 'Okafor', 'Rossi'];
const ORGANISATIONS = ['Ministry of Defence', 'Kremlin', 'European Commission', 'NATO', 'United Nations', 'Red Cross', 'IAEA', 'World Bank'];
const TARGET_TOPICS = ['the US peace plan', 'territorial concessions', 'sanctions on Russia', 'the grain corridor', 'NATO membership', 'a ceasefire', 'prisoner exchanges', 'security guarantees', 'the energy truce', 'frozen assets'];
const ACTOR_ATTRIBUTE: Record<string, string> = { Quote: 'speaker', Claim: 'claimant', Position: 'holder', Actor: 'actor' };
const LABELS = ['Quote', 'Claim', 'Position', 'Actor'] as const;
const VERDICTS = ['unverified', 'true', 'misleading', 'false', 'unprovable'];
const STANCES = ['supports', 'opposes', 'neutral', 'ambiguous'];
const AUTHORS = ['ana', 'ben', 'chloé', 'dmytro'];

/** `count` distinct actor names with their kinds: the busiest first, then people, organisations and states. */
export function actorRegistry(count: number): { name: string; kind: ActorKind }[] {
  const registry: { name: string; kind: ActorKind }[] = [{ name: BUSIEST_ACTOR, kind: 'person' }];
  for (const name of ORGANISATIONS) registry.push({ name, kind: 'organisation' });
  for (let index = 0; registry.length < count; index++) {
    const first = FIRST[index % FIRST.length]!;
    const last = LAST[Math.floor(index / FIRST.length) % LAST.length]!;
    const round = Math.floor(index / (FIRST.length * LAST.length));
    registry.push({ name: round === 0 ? `${first} ${last}` : `${first} ${last} ${round + 1}`, kind: 'person' });
  }
  return registry.slice(0, count);
}

/** `count` distinct position targets ("the US peace plan", "territorial concessions (2)", ...). */
export function targetNames(count: number): string[] {
  return Array.from({ length: count }, (_, index) => {
    const topic = TARGET_TOPICS[index % TARGET_TOPICS.length]!;
    const round = Math.floor(index / TARGET_TOPICS.length);
    return round === 0 ? topic : `${topic} (${round + 1})`;
  });
}

/** An index into a list of `size`, the first ones far more often (the i-th about 1/(i+1) as often as the first). */
function skewed(random: () => number, size: number): number {
  return Math.min(size - 1, Math.floor(Math.exp(random() * Math.log(size + 1)) - 1));
}

/** The corpus as the store imports it, articles in publication order. */
export function newsCorpus(sizes: NewsCorpusSizes, seed = 2026): ImportedDocument[] {
  const random = seededRandom(seed);
  const registry = actorRegistry(sizes.actors);
  const targets = targetNames(sizes.targets);
  const perArticle = Math.max(1, Math.round(sizes.annotations / sizes.articles));
  const start = Date.UTC(2025, 0, 1);
  return articles(sizes.articles, seed).map((article, index) => {
    const { text, normalisation } = normaliseText(article.text);
    const words = [...text.matchAll(/\S+/g)].map((match) => [match.index, match.index + match[0].length] as const);
    const published = new Date(start + Math.floor((index / sizes.articles) * 365) * 86_400_000).toISOString().slice(0, 10);
    const annotations: ImportedAnnotation[] = [];
    for (let span = 0; span < perArticle; span++) {
      const first = Math.floor(random() * (words.length - 8));
      const last = first + Math.floor(random() * 8);
      const label = LABELS[span % LABELS.length]!;
      const actor = registry[skewed(random, registry.length)]!;
      const attributes: ImportedAnnotation['attributes'] = {};
      if (label === 'Claim') attributes['verdict'] = VERDICTS[Math.floor(random() * VERDICTS.length)]!;
      if (label === 'Position') {
        attributes['target'] = targets[skewed(random, targets.length)]!;
        attributes['stance'] = STANCES[Math.floor(random() * STANCES.length)]!;
      }
      const when = `${published}T${String(8 + (span % 10)).padStart(2, '0')}:00:00.000Z`;
      annotations.push({
        key: `T${span}`,
        label,
        fragments: [[words[first]![0], words[last]![1]]],
        attributes,
        actors: { [ACTOR_ATTRIBUTE[label]!]: { name: actor.name, kind: actor.kind } },
        author: AUTHORS[(index + span) % AUTHORS.length]!,
        createdAt: when,
        updatedAt: when,
      });
    }
    return { document: { title: article.title, text, publishedAt: published, source: 'Bench News' }, normalisation, annotations, relations: [] };
  });
}

/** Creates the corpus in a new workspace at `path`, in chunks as a large import goes. */
export async function seedNewsCorpus(path: string, sizes: NewsCorpusSizes, seed = 2026): Promise<void> {
  const backend = await openBackend(path);
  try {
    const documents = newsCorpus(sizes, seed);
    for (let first = 0; first < documents.length; first += 250) {
      await importFile(backend.workspace, documents.slice(first, first + 250), { duplicates: 'merge' });
    }
  } finally {
    await backend.close();
  }
}
