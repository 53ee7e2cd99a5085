/**
 * The built-in suggester against PolNeAR dev/ (never trained on): token precision, recall and F1 for Content,
 * Source and Cue, attribution accuracy, and the time to suggest for a 5,000-word article (dev articles joined).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { builtinTagger, suggestAttributions } from '../core/suggest/builtin.ts';
import { scoreArticles } from '../core/suggest/evaluate.ts';
import { readPolnear } from '../core/suggest/polnear.ts';
import { SourceResolver } from '../core/suggest/resolve.ts';
import { atMost, round, summarise, time, type Figure } from './measure.ts';
import { POLNEAR_DEV } from './corpus.ts';

export const SUGGEST_FULL = { articles: Infinity, runs: 20 };
export const SUGGEST_QUICK = { articles: 30, runs: 5 };

const TARGETS = { Content: 0.75, Source: 0.7, Cue: 0.8 } as const;

export async function suggestFigures(sizes: { articles: number; runs: number }): Promise<Figure[]> {
  if (!existsSync(join(POLNEAR_DEV, 'attributions'))) throw new Error(`PolNeAR dev/ is not at ${POLNEAR_DEV}: the suggester is scored on it`);
  const articles = (await readPolnear(POLNEAR_DEV)).slice(0, sizes.articles);
  const tagger = builtinTagger();
  const scores = scoreArticles(articles, (tokens) => tagger.tag(tokens));
  const detail = `PolNeAR dev, ${articles.length} articles`;
  const figures: Figure[] = Object.entries(TARGETS).map(([part, target]) => {
    const score = scores.parts[part as keyof typeof TARGETS];
    return {
      name: `suggest: ${part} token F1`,
      value: round(score.f1),
      unit: '',
      target: `>= ${target}`,
      met: score.f1 >= target,
      detail: `${detail}; precision ${round(score.precision)}, recall ${round(score.recall)}, ${score.gold} gold tokens`,
    };
  });
  figures.push({
    name: 'suggest: attribution accuracy',
    value: round(scores.attribution.accuracy),
    unit: '',
    target: '(reported)',
    met: true,
    detail: `${detail}; ${scores.attribution.correct} of ${scores.attribution.total} gold attributions with a source: content found and joined to the right source`,
  });

  const words: string[] = [];
  for (const article of articles) {
    if (words.length >= 5_000) break;
    words.push(...article.text.split(/(?<=\s)/u));
  }
  const text = words.slice(0, 5_000).join('');
  const resolver = new SourceResolver([]);
  // CPU time beside wall time: on a shared machine the wall time also counts the waits for a core.
  const cpu: number[] = [];
  const samples = summarise(
    await time(sizes.runs, 2, (run) => {
      const before = process.cpuUsage();
      suggestAttributions(text, resolver, tagger);
      const used = process.cpuUsage(before);
      if (run >= 0) cpu.push((used.user + used.system) / 1000);
    }),
  );
  figures.push(atMost('suggest: one 5,000-word article', samples, 200, 'ms', 'tokenise, tag, decode and resolve; dev articles joined'));
  figures.push(atMost('suggest: the same, CPU time of this process', summarise(cpu), 200, 'ms', 'user + system, garbage collector threads included'));
  return figures;
}
