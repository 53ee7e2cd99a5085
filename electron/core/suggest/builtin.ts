/**
 * The built-in suggester: PolNeAR's attribution parts found by the tagger trained in this repository
 * (`npm run train:suggest`), each content suggested as a Quote with its source as speaker and its cue.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { analyse, type AnalysedToken } from './analyse.ts';
import { SourceResolver } from './resolve.ts';
import { attributionsOf, spansOf } from './spans.ts';
import type { SuggestInput, Suggester, Suggestion } from './suggester.ts';
import { Tagger, type StoredModel } from './tagger.ts';

/** From electron/core/suggest/ and from the CLI bundle in build/out/cli/ alike, the repository's root is three up. */
export function modelPath(): string {
  return process.env['PARLEY_SUGGEST_MODEL'] ?? fileURLToPath(new URL('../../../electron/core/suggest/model/attribution-tagger.json', import.meta.url));
}

let loaded: Tagger | null = null;

/** The committed model, read once (it is a few megabytes of JSON). */
export function builtinTagger(): Tagger {
  loaded ??= Tagger.fromStored(JSON.parse(readFileSync(modelPath(), 'utf8')) as StoredModel);
  return loaded;
}

function kindOf(tokens: readonly AnalysedToken[], first: number, last: number): 'direct' | 'indirect' | 'mixed' {
  let quoted = 0;
  for (let index = first; index < last; index++) if (tokens[index]!.quoted) quoted++;
  return quoted === last - first ? 'direct' : quoted === 0 ? 'indirect' : 'mixed';
}

/** The suggestions of one text (synchronous: the tagger needs about a millisecond per hundred words). */
export function suggestAttributions(text: string, resolver: SourceResolver, tagger = builtinTagger()): Suggestion[] {
  const tokens = analyse(text);
  const attributions = attributionsOf(tokens, spansOf(tokens, tagger.tag(tokens)));
  const codePoints = [...text];
  const mentionText = (start: number, end: number) => codePoints.slice(start, end).join('');
  const resolutions = resolver.resolveAll(attributions.map(({ source }) => (source ? mentionText(source.start, source.end) : '')));
  return attributions.map(({ content, source, cue }, index) => ({
    label: 'Quote',
    start: content.start,
    end: content.end,
    confidence: Math.round(content.confidence * 1000) / 1000,
    kind: kindOf(tokens, content.first, content.last),
    ...(source ? { speaker: { start: source.start, end: source.end, actorId: resolutions[index]?.actorId ?? null } } : {}),
    ...(cue ? { cue: { start: cue.start, end: cue.end } } : {}),
  }));
}

export const attributionModel: Suggester = {
  name: 'attribution-model',
  async suggest(input: SuggestInput): Promise<Suggestion[]> {
    return suggestAttributions(input.text, new SourceResolver(input.actors));
  },
};
