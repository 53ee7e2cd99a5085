/**
 * PolNeAR train and dev, used in place: every `<article>_<annotator>.ann` of `attributions/` with its article
 * in `text/`, two annotators of one article merged onto one document. Counts and covered texts are compared
 * with the source files (test/expected.ts).
 *
 * Three train files have a T line broken in two by a line break inside its text column (SOURCE.txt: "a
 * discontinuous span's text column contains a newline, so the .ann line is broken"). The importer rejoins such a
 * line only when the rejoined text is exactly the .txt's text at the T's offsets, so the repair is unambiguous;
 * it reports each as a warning naming the file and line. The three are asserted here as repaired, not refused.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, it } from 'node:test';
import type { WorkspaceStats } from '../../shared/types.ts';
import { temporaryDir, workspacePath } from '../../test/helpers.ts';
import { openBackend } from '../backend.ts';
import { importPaths } from './importer.ts';
import { addBratPair, emptyExpectation, normalised } from './test/expected.ts';
import { DATA, storedAnnotations, storedTexts } from './test/support.ts';

const dir = temporaryDir('parley-polnear-');

describe('PolNeAR', () => {
  it('imports train and dev: every annotator’s attributions, with the annotator as author', async () => {
    const parts = ['train', 'dev'].map((part) => join(DATA, 'corpora/polnear', part));
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
    const summary = await importPaths(backend.workspace, parts, { duplicates: 'merge' });
    const stats = (await backend.dispatch('stats', {})) as WorkspaceStats;
    await backend.close();

    assert.deepEqual(summary.errors, []);
    assert.deepEqual(
      summary.warnings.map((warning) => [basename(warning.file), warning.line, warning.message.replace(/^(T\d+)'s text runs over lines (\d+)–(\d+).*$/, '$1 $2-$3')]),
      [
        ['nyt_2016-04-18_for-news-outlets-feeling-the-squ_4e07.ann', 51, 'T41 51-53'],
        ['usa-today_2016-08-09_khans-trump-stirs-ugliness-musli_4e07.ann', 85, 'T68 85-87'],
        ['wash-post_2016-06-27_byline-amber-phillips_4e07.ann', 47, 'T38 47-49'],
      ],
      'the three broken lines are rejoined, and said so',
    );
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
  });
});
