/**
 * Trains the attribution tagger: an averaged perceptron (Collins 2002) over features.ts, decoding greedily with
 * the gold tags as history. (With its own predicted tags as history, training accuracy fell from epoch to epoch:
 * a gold I- tag after a predicted O is one the decoder may not choose, so its updates never stop.) Articles are visited in an order drawn from a seeded
 * generator, so the same data and seed give the same weights. The cue lexicon is learnt from the same data.
 */
import { mulberry32 } from '../export/split.ts';
import type { AnalysedToken } from './analyse.ts';
import { documentFeatures, type CueLexicon } from './features.ts';
import { allowed, decode, Tagger, type StoredModel } from './tagger.ts';
import { partOf, TAGS } from './tags.ts';

export interface TrainingArticle {
  tokens: AnalysedToken[];
  gold: number[];
}

export interface TrainingOptions {
  epochs: number;
  seed: number;
  /** Weights are rounded to 1/scale; those that round to less than `minimumWeight` in size are left out. */
  scale: number;
  minimumWeight: number;
  /** Called after each epoch with the share of tokens tagged right during it. */
  onEpoch?: (epoch: number, accuracy: number) => void;
}

/** Lemmas that were (part of) a cue at least 5 times and in at least a tenth of their occurrences. */
export function learnCueLexicon(articles: readonly TrainingArticle[]): Map<string, number> {
  const seen = new Map<string, number>();
  const cue = new Map<string, number>();
  for (const { tokens, gold } of articles) {
    tokens.forEach((token, index) => {
      seen.set(token.lemma, (seen.get(token.lemma) ?? 0) + 1);
      if (partOf(gold[index]!) === 'Cue') cue.set(token.lemma, (cue.get(token.lemma) ?? 0) + 1);
    });
  }
  const lexicon = new Map<string, number>();
  for (const [lemma, count] of [...cue].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const share = count / seen.get(lemma)!;
    if (count >= 5 && share >= 0.1) lexicon.set(lemma, Math.round(share * 1000) / 1000);
  }
  return lexicon;
}

class AveragedWeights {
  private readonly rows = new Map<string, { weight: Float64Array; total: Float64Array; stamp: Float64Array }>();
  private clock = 0;

  score(features: readonly string[], scores: Float64Array): void {
    for (const feature of features) {
      const row = this.rows.get(feature);
      if (row) for (let tag = 0; tag < scores.length; tag++) scores[tag]! += row.weight[tag]!;
    }
  }

  tick(): void {
    this.clock++;
  }

  update(features: readonly string[], gold: number, predicted: number): void {
    for (const feature of features) {
      let row = this.rows.get(feature);
      if (!row) {
        row = { weight: new Float64Array(TAGS.length), total: new Float64Array(TAGS.length), stamp: new Float64Array(TAGS.length) };
        this.rows.set(feature, row);
      }
      for (const [tag, change] of [[gold, 1], [predicted, -1]] as const) {
        row.total[tag]! += (this.clock - row.stamp[tag]!) * row.weight[tag]!;
        row.stamp[tag] = this.clock;
        row.weight[tag]! += change;
      }
    }
  }

  /** The averaged weights, as integers of 1/scale, sparse, features in sorted order. */
  averaged(scale: number, minimumWeight: number): Record<string, number[]> {
    const stored: Record<string, number[]> = {};
    for (const feature of [...this.rows.keys()].sort()) {
      const row = this.rows.get(feature)!;
      const pairs: number[] = [];
      for (let tag = 0; tag < TAGS.length; tag++) {
        const total = row.total[tag]! + (this.clock - row.stamp[tag]!) * row.weight[tag]!;
        const weight = Math.round((total / this.clock) * scale);
        if (Math.abs(weight) >= minimumWeight) pairs.push(tag, weight);
      }
      if (pairs.length > 0) stored[feature] = pairs;
    }
    return stored;
  }
}

export function train(articles: readonly TrainingArticle[], options: TrainingOptions): StoredModel {
  const lexicon: CueLexicon = learnCueLexicon(articles);
  const features = articles.map((article) => documentFeatures(article.tokens, lexicon));
  const weights = new AveragedWeights();
  const random = mulberry32(options.seed);
  const order = articles.map((_, index) => index);
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    for (let index = order.length - 1; index > 0; index--) {
      const other = Math.floor(random() * (index + 1));
      [order[index], order[other]] = [order[other]!, order[index]!];
    }
    let right = 0;
    let all = 0;
    for (const articleIndex of order) {
      const { tokens, gold } = articles[articleIndex]!;
      decode(tokens, features[articleIndex]!, (names, scores) => weights.score(names, scores), 1, (index, names, chosen) => {
        weights.tick();
        all++;
        if (chosen === gold[index]) right++;
        else weights.update(names, gold[index]!, chosen);
        return gold[index]!;
      });
    }
    options.onEpoch?.(epoch, right / all);
  }
  return {
    format: 'parley-attribution-tagger',
    version: 1,
    tags: TAGS,
    scale: options.scale,
    temperature: 1,
    cueLexicon: Object.fromEntries(lexicon),
    weights: weights.averaged(options.scale, options.minimumWeight),
  };
}

const TEMPERATURES = [1, 2, 3, 5, 8, 12, 20, 30, 50, 80];

/**
 * The temperature whose softmax gives the gold tags the highest likelihood, decoding as the tagger does, on
 * every eighth training article: the perceptron's raw scores are far apart, and without it every confidence
 * is 1.
 */
export function calibrate(model: StoredModel, articles: readonly TrainingArticle[]): number {
  const tagger = Tagger.fromStored({ ...model, temperature: 1 });
  const loss = new Float64Array(TEMPERATURES.length);
  articles.forEach(({ tokens, gold }, articleIndex) => {
    if (articleIndex % 8 !== 0) return;
    let previous = 0;
    decode(tokens, documentFeatures(tokens, tagger.lexicon), (names, scores) => tagger.score(names, scores), 1, (index, _names, chosen, scores) => {
      const want = gold[index]!;
      if (allowed(previous, want)) {
        TEMPERATURES.forEach((temperature, at) => {
          let total = 0;
          for (let tag = 0; tag < TAGS.length; tag++) if (allowed(previous, tag)) total += Math.exp((scores[tag]! - scores[want]!) / temperature);
          loss[at]! += Math.log(total);
        });
      }
      previous = chosen;
    });
  });
  return TEMPERATURES[loss.indexOf(Math.min(...loss))]!;
}
