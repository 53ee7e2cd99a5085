/**
 * Scores of the tagger against gold annotations: token-level precision, recall and F1 for each part (a token
 * counts for a part when gold and prediction both give it that part), and attribution accuracy: of the gold
 * attributions that have a content and a source, the share whose content the suggester found (the predicted
 * content overlapping it most) and joined to a source overlapping the gold source.
 */
import { analyse, type AnalysedToken } from './analyse.ts';
import type { GoldArticle, GoldAttribution, GoldSpan } from './polnear.ts';
import { attributionsOf, goldTags, spansOf, type PredictedAttribution } from './spans.ts';
import type { TaggedToken } from './tagger.ts';
import { partOf, PARTS, type Part } from './tags.ts';

export interface PartScore {
  precision: number;
  recall: number;
  f1: number;
  gold: number;
  predicted: number;
}

export interface Scores {
  parts: Record<Part, PartScore>;
  attribution: { accuracy: number; correct: number; total: number };
}

export class Evaluation {
  private readonly counts = new Map<Part, { tp: number; gold: number; predicted: number }>(PARTS.map((part) => [part, { tp: 0, gold: 0, predicted: 0 }]));
  private correct = 0;
  private total = 0;

  add(tokens: readonly AnalysedToken[], gold: readonly number[], predicted: readonly number[], goldAttributions: readonly GoldAttribution[], attributions: readonly PredictedAttribution[]): void {
    for (let index = 0; index < tokens.length; index++) {
      const want = partOf(gold[index]!);
      const got = partOf(predicted[index]!);
      if (want) this.counts.get(want)!.gold++;
      if (got) this.counts.get(got)!.predicted++;
      if (want && want === got) this.counts.get(want)!.tp++;
    }
    const tokensOf = (span: GoldSpan) => {
      const inside = new Set<number>();
      tokens.forEach((token, index) => {
        if (span.fragments.some(([start, end]) => token.start >= start && token.start < end)) inside.add(index);
      });
      return inside;
    };
    const overlap = (set: Set<number>, first: number, last: number) => {
      let count = 0;
      for (let index = first; index < last; index++) if (set.has(index)) count++;
      return count;
    };
    for (const attribution of goldAttributions) {
      if (!attribution.content || !attribution.source) continue;
      this.total++;
      const content = tokensOf(attribution.content);
      const source = tokensOf(attribution.source);
      let best: PredictedAttribution | null = null;
      let bestOverlap = 0;
      for (const candidate of attributions) {
        const shared = overlap(content, candidate.content.first, candidate.content.last);
        if (shared > bestOverlap) [best, bestOverlap] = [candidate, shared];
      }
      if (best?.source && overlap(source, best.source.first, best.source.last) > 0) this.correct++;
    }
  }

  scores(): Scores {
    const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
    const parts = Object.fromEntries(
      PARTS.map((part) => {
        const { tp, gold, predicted } = this.counts.get(part)!;
        const precision = ratio(tp, predicted);
        const recall = ratio(tp, gold);
        return [part, { precision, recall, f1: ratio(2 * precision * recall, precision + recall), gold, predicted }];
      }),
    ) as Record<Part, PartScore>;
    return { parts, attribution: { accuracy: ratio(this.correct, this.total), correct: this.correct, total: this.total } };
  }
}

/** The tagger's scores on gold articles (PolNeAR dev in the bench, train in the training figures). */
export function scoreArticles(articles: readonly GoldArticle[], tagArticle: (tokens: readonly AnalysedToken[]) => TaggedToken[]): Scores {
  const evaluation = new Evaluation();
  for (const article of articles) {
    const tokens = analyse(article.text);
    const tagged = tagArticle(tokens);
    evaluation.add(tokens, goldTags(tokens, article.spans), tagged.map(({ tag }) => tag), article.attributions, attributionsOf(tokens, spansOf(tokens, tagged)));
  }
  return evaluation.scores();
}
