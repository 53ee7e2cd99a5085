/**
 * PolNeAR train, dev and annotator-training, used in place: every `<article>_<annotator>.ann` of `attributions/`
 * with its article in `text/`, each annotator's file of one article a layer of one document, by default (no
 * `duplicates` option): 16 train articles have two annotators, dev has several, annotator-training six each. Counts and covered texts are compared
 * with the source files (test/expected.ts).
 *
 * Three train files have a T line broken in two by a line break inside its text column (SOURCE.txt: "a
 * discontinuous span's text column contains a newline, so the .ann line is broken"). The importer rejoins such a
 * line only when the rejoined text is exactly the .txt's text at the T's offsets, so the repair is unambiguous;
 * it reports each as a warning naming the file and line. The three are asserted here as repaired, not refused.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, it } from 'node:test';
import type { WorkspaceStats } from '../../shared/types.ts';
import { temporaryDir, workspacePath } from '../../test/helpers.ts';
import { openBackend } from '../backend.ts';
import { importPaths } from './importer.ts';
import { addBratPair, emptyExpectation, normalised } from './test/expected.ts';
import { DATA, storedAnnotations, storedTexts } from './test/support.ts';

const dir = temporaryDir('parley-polnear-');

const POLNEAR = join(DATA, 'corpora/polnear');

/** Imports `parts` of PolNeAR with the default options and checks every file's spans came in, each by its annotator. */
async function importAndCompare(parts: string[]) {
  const expected = emptyExpectation();
  let annFiles = 0;
  let lonelyTexts = 0;
  for (const part of parts) {
    const articles = new Set(readdirSync(join(part, 'text')).filter((name) => name.endsWith('.txt')));
    for (const ann of readdirSync(join(part, 'attributions')).sort()) {
      const article = ann.replace(/_[^_]+\.ann$/, '.txt');
      assert.ok(articles.has(article), `${ann} has its article`);
      addBratPair(expected, join(part, 'text', article), join(part, 'attributions', ann));
      annFiles++;
    }
    const annotated = new Set(readdirSync(join(part, 'attributions')).map((ann) => ann.replace(/_[^_]+\.ann$/, '.txt')));
    for (const article of articles) {
      expected.texts.add(normalised(readFileSync(join(part, 'text', article), 'utf8')));
      if (!annotated.has(article)) lonelyTexts++;
    }
  }

  const backend = await openBackend(workspacePath(dir));
  const summary = await importPaths(backend.workspace, parts);
  const stats = (await backend.dispatch('stats', {})) as WorkspaceStats;
  await backend.close();

  assert.deepEqual(summary.errors, []);
  assert.deepEqual(summary.skipped, [], 'no annotator’s file is taken for a duplicate');
  assert.equal(summary.documents, expected.texts.size);
  assert.equal(summary.documents + summary.merged, annFiles + lonelyTexts, 'each .ann is one document, new or merged; so is each article nobody annotated');
  assert.equal(summary.annotations, expected.annotations);
  assert.equal(summary.relations, expected.relations);
  assert.deepEqual([stats.documents, stats.annotations, stats.relations], [expected.texts.size, expected.annotations, expected.relations]);

  assert.deepEqual(new Set(storedTexts(backend.path).values()), expected.texts);
  const annotations = storedAnnotations(backend.path);
  for (const annotation of annotations) assert.equal(annotation.text, annotation.covered);
  assert.deepEqual(annotations.map((annotation) => `${annotation.label}|${annotation.covered}`).sort(), expected.spans.sort());
  assert.deepEqual(new Set(annotations.map((annotation) => annotation.author)), expected.authors);
  return { summary, annotations };
}

describe('PolNeAR', { skip: existsSync(POLNEAR) ? false : `no ${POLNEAR}: the shared data is not beside the repository` }, () => {
  it('imports train and dev: every annotator’s attributions, with the annotator as author', async () => {
    const { summary } = await importAndCompare(['train', 'dev'].map((part) => join(POLNEAR, part)));
    assert.deepEqual(
      summary.warnings.map((warning) => [basename(warning.file), warning.line, warning.message.replace(/^(T\d+)'s text runs over lines (\d+)–(\d+).*$/, '$1 $2-$3')]),
      [
        ['nyt_2016-04-18_for-news-outlets-feeling-the-squ_4e07.ann', 51, 'T41 51-53'],
        ['usa-today_2016-08-09_khans-trump-stirs-ugliness-musli_4e07.ann', 85, 'T68 85-87'],
        ['wash-post_2016-06-27_byline-amber-phillips_4e07.ann', 47, 'T38 47-49'],
      ],
      'the three broken lines are rejoined, and said so',
    );
  });

  it('imports annotator-training: four articles, six annotators’ layers each', async () => {
    const { summary, annotations } = await importAndCompare([join(POLNEAR, 'annotator-training')]);
    assert.deepEqual([summary.documents, summary.merged, summary.annotations], [4, 20, 1305]);
    const layers = new Set(annotations.map((annotation) => `${annotation.documentId}|${annotation.author}`));
    assert.equal(layers.size, 24, 'each of the 24 files is one annotator’s layer of its article');
  });
});
