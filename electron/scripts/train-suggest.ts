/**
 * `npm run train:suggest [-- --polnear DIR] [-- --epochs N] [-- --seed N]`: trains the built-in attribution
 * tagger on PolNeAR train/ and writes its weights (electron/core/suggest/model/attribution-tagger.json) and the
 * training figures beside them (training.json). Same data and seed, same weights. PolNeAR's texts stay where
 * they are: only weights, the cue lexicon and counts are written.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { analyse } from '../core/suggest/analyse.ts';
import { scoreArticles } from '../core/suggest/evaluate.ts';
import { readPolnear } from '../core/suggest/polnear.ts';
import { goldTags } from '../core/suggest/spans.ts';
import { Tagger } from '../core/suggest/tagger.ts';
import { calibrate, train } from '../core/suggest/training.ts';
import { PARTS } from '../core/suggest/tags.ts';

const MODEL_DIR = fileURLToPath(new URL('../core/suggest/model/', import.meta.url));
const DEFAULT_POLNEAR = fileURLToPath(new URL('../../../shared/data/corpora/polnear/', import.meta.url));

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { polnear: { type: 'string', default: DEFAULT_POLNEAR }, epochs: { type: 'string', default: '5' }, seed: { type: 'string', default: '14' } } });
  const epochs = Number(values.epochs);
  const seed = Number(values.seed);
  const started = performance.now();
  const gold = await readPolnear(join(values.polnear, 'train'));
  const articles = gold.map((article) => {
    const tokens = analyse(article.text);
    return { tokens, gold: goldTags(tokens, article.spans) };
  });
  process.stderr.write(`train:suggest: ${articles.length} articles, ${articles.reduce((sum, article) => sum + article.tokens.length, 0)} tokens\n`);
  const model = train(articles, {
    epochs,
    seed,
    scale: 100,
    minimumWeight: 100,
    onEpoch: (epoch, accuracy) => process.stderr.write(`train:suggest: epoch ${epoch}: ${(accuracy * 100).toFixed(2)}% of tokens tagged right\n`),
  });
  model.temperature = calibrate(model, articles);
  const json = JSON.stringify(model);
  writeFileSync(join(MODEL_DIR, 'attribution-tagger.json'), json + '\n');
  const tagger = Tagger.fromStored(model);
  const scores = scoreArticles(gold, (tokens) => tagger.tag(tokens));
  const figures = {
    data: 'PolNeAR v1.0.0 train/ (first annotator of each article by file name)',
    articles: articles.length,
    tokens: articles.reduce((sum, article) => sum + article.tokens.length, 0),
    spans: Object.fromEntries(PARTS.map((part) => [part, gold.reduce((sum, article) => sum + article.spans.filter((span) => span.part === part).length, 0)])),
    attributions: gold.reduce((sum, article) => sum + article.attributions.length, 0),
    epochs,
    seed,
    temperature: model.temperature,
    features: Object.keys(model.weights).length,
    cueLemmas: Object.keys(model.cueLexicon).length,
    weightsBytes: Buffer.byteLength(json) + 1,
    scoresOnTrain: scores,
    seconds: Math.round((performance.now() - started) / 100) / 10,
  };
  writeFileSync(join(MODEL_DIR, 'training.json'), JSON.stringify(figures, null, 2) + '\n');
  process.stderr.write(`train:suggest: ${figures.features} features, ${figures.weightsBytes} bytes, ${figures.seconds} s\n`);
}

await main();
