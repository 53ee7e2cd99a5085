/**
 * The attribution tagger: a linear model over features (features.ts) that gives each token one of TAGS, decoded
 * greedily left to right so that each tag can depend on the two before it. BIO is kept: an I- tag follows its
 * own part only. Its weights are learnt by training.ts (an averaged perceptron) and stored as integers.
 */
import type { AnalysedToken } from './analyse.ts';
import { documentFeatures, tagFeatures, type CueLexicon } from './features.ts';
import { isBegin, OUTSIDE, partOf, TAGS } from './tags.ts';

/** The weights file's shape (model/attribution-tagger.json). */
export interface StoredModel {
  format: 'parley-attribution-tagger';
  version: 1;
  tags: readonly string[];
  /** Weights are stored as integers: the real weight is the integer divided by `scale`. */
  scale: number;
  /** Scores are divided by it before the softmax that gives confidences (fitted on training data: training.ts). */
  temperature: number;
  cueLexicon: Record<string, number>;
  /** Per feature, pairs of (tag index, integer weight) for the tags whose weight is not zero. */
  weights: Record<string, number[]>;
}

export interface TaggedToken {
  tag: number;
  /** The model's probability for the tag it chose (a softmax of the scores). */
  confidence: number;
}

/** Whether tag `next` may follow tag `previous` (an I- tag continues its own part only). */
export function allowed(previous: number, next: number): boolean {
  if (next === OUTSIDE || isBegin(next)) return true;
  return previous !== OUTSIDE && partOf(previous) === partOf(next);
}

export class Tagger {
  private readonly weights: Map<string, Float32Array>;
  readonly lexicon: CueLexicon;
  readonly temperature: number;

  constructor(weights: Map<string, Float32Array>, lexicon: CueLexicon, temperature: number) {
    this.weights = weights;
    this.lexicon = lexicon;
    this.temperature = temperature;
  }

  static fromStored(stored: StoredModel): Tagger {
    if (stored.format !== 'parley-attribution-tagger' || stored.version !== 1) throw new Error(`not a Parley attribution tagger (format ${String(stored.format)}, version ${String(stored.version)})`);
    if (stored.tags.join() !== TAGS.join()) throw new Error(`the model's tags (${stored.tags.join(', ')}) are not ${TAGS.join(', ')}`);
    const weights = new Map<string, Float32Array>();
    for (const [feature, pairs] of Object.entries(stored.weights)) {
      const row = new Float32Array(TAGS.length);
      for (let index = 0; index < pairs.length; index += 2) row[pairs[index]!] = pairs[index + 1]! / stored.scale;
      weights.set(feature, row);
    }
    return new Tagger(weights, new Map(Object.entries(stored.cueLexicon)), stored.temperature);
  }

  /** Adds each feature's weights to `scores`. */
  score(features: readonly string[], scores: Float64Array): void {
    for (const feature of features) {
      const row = this.weights.get(feature);
      if (row) for (let tag = 0; tag < scores.length; tag++) scores[tag]! += row[tag]!;
    }
  }

  tag(tokens: readonly AnalysedToken[]): TaggedToken[] {
    return decode(tokens, documentFeatures(tokens, this.lexicon), (features, scores) => this.score(features, scores), this.temperature);
  }
}

/**
 * Greedy decoding with any scorer: the tagger decodes with its own weights; the trainer with its current ones,
 * and `observe` sees each token's features and chosen tag (to update the weights where the tag is wrong).
 */
export function decode(
  tokens: readonly AnalysedToken[],
  staticFeatures: readonly string[][],
  score: (features: readonly string[], scores: Float64Array) => void,
  temperature = 1,
  observe?: (index: number, features: readonly string[], chosen: number, scores: Float64Array) => number | void,
): TaggedToken[] {
  const result: TaggedToken[] = [];
  const scores = new Float64Array(TAGS.length);
  let previous = OUTSIDE;
  let beforePrevious = OUTSIDE;
  for (let index = 0; index < tokens.length; index++) {
    scores.fill(0);
    const dynamic = tagFeatures(TAGS[previous]!, TAGS[beforePrevious]!, tokens[index]!);
    score(staticFeatures[index]!, scores);
    score(dynamic, scores);
    let best = OUTSIDE;
    for (let tag = 1; tag < TAGS.length; tag++) if (allowed(previous, tag) && scores[tag]! > scores[best]!) best = tag;
    let total = 0;
    for (let tag = 0; tag < TAGS.length; tag++) if (allowed(previous, tag)) total += Math.exp((scores[tag]! - scores[best]!) / temperature);
    result.push({ tag: best, confidence: 1 / total });
    const history = observe?.(index, [...staticFeatures[index]!, ...dynamic], best, scores);
    beforePrevious = previous;
    previous = history ?? best;
  }
  return result;
}
