import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { importBatches, nearestBratConfig, pairBratFiles } from './import-pairing.ts';

describe('brat file pairing by name', () => {
  const names = [
    'corpus/annotation.conf',
    'corpus/news/a.txt',
    'corpus/news/a.ann',
    'polnear/train/text/nyt_2016-04-18_talks.txt',
    'polnear/train/attributions/nyt_2016-04-18_talks_4e07.ann',
    'polnear/train/attributions/nyt_2016-04-18_talks_ab12.ann',
    'polnear/dev/text/nyt_2016-04-18_talks.txt',
    'polnear/dev/attributions/nyt_2016-04-18_talks_cd34.ann',
    'orphan.ann',
    'notes.md',
  ];

  it('pairs by the same name, or by an underscore prefix with the annotator, in the nearest folder', () => {
    assert.deepEqual(Object.fromEntries(pairBratFiles(names)), {
      'corpus/news/a.ann': { text: 'corpus/news/a.txt' },
      'polnear/train/attributions/nyt_2016-04-18_talks_4e07.ann': { text: 'polnear/train/text/nyt_2016-04-18_talks.txt', annotator: '4e07' },
      'polnear/train/attributions/nyt_2016-04-18_talks_ab12.ann': { text: 'polnear/train/text/nyt_2016-04-18_talks.txt', annotator: 'ab12' },
      'polnear/dev/attributions/nyt_2016-04-18_talks_cd34.ann': { text: 'polnear/dev/text/nyt_2016-04-18_talks.txt', annotator: 'cd34' },
    });
    assert.equal(nearestBratConfig('corpus/news/a.ann', names), 'corpus/annotation.conf');
    assert.equal(nearestBratConfig('polnear/dev/attributions/x.ann', names), undefined);
  });

  it('groups a folder drop into one importFiles call per .ann (with its .txt and conf) and per other file', () => {
    assert.deepEqual(importBatches(names), [
      ['corpus/news/a.ann', 'corpus/news/a.txt', 'corpus/annotation.conf'],
      ['polnear/train/attributions/nyt_2016-04-18_talks_4e07.ann', 'polnear/train/text/nyt_2016-04-18_talks.txt'],
      ['polnear/train/attributions/nyt_2016-04-18_talks_ab12.ann', 'polnear/train/text/nyt_2016-04-18_talks.txt'],
      ['polnear/dev/attributions/nyt_2016-04-18_talks_cd34.ann', 'polnear/dev/text/nyt_2016-04-18_talks.txt'],
      ['orphan.ann'],
      ['notes.md'],
    ]);
  });
});
