import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { suggestInBackground } from './worker-suggest.ts';

const ARTICLE = '“We will not accept this plan,” Yuri Ushakov said on Tuesday. He added that the Kremlin would wait.\n';
const documents = Array.from({ length: 40 }, (_, index) => ({ documentId: index + 1, text: ARTICLE.repeat(20) }));
const actors = [{ id: 7, name: 'Yuri Ushakov', kind: 'person' as const, aliases: [] }];

describe('background suggesting', () => {
  it('suggests for every document in a worker thread, with progress, while this thread keeps answering', async () => {
    const progress: number[] = [];
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const { results, cancelled } = await suggestInBackground(documents.slice(0, 6), actors, { onProgress: (done, total) => progress.push(done / total) });
    clearInterval(timer);
    assert.equal(cancelled, false);
    assert.deepEqual(results.map((result) => result.documentId), [1, 2, 3, 4, 5, 6]);
    assert.deepEqual(progress, [1, 2, 3, 4, 5, 6].map((done) => done / 6));
    const first = results[0]!.suggestions.find((suggestion) => suggestion.speaker?.actorId === 7);
    assert.ok(first, 'the speaker is resolved in the worker too');
    assert.ok(ticks > 0, 'the timers of this thread ran meanwhile');
  });

  it('stops when cancelled, keeping the documents it finished', async () => {
    const controller = new AbortController();
    const { results, cancelled } = await suggestInBackground(documents, actors, {
      signal: controller.signal,
      onProgress: (done) => {
        if (done === 2) controller.abort();
      },
    });
    assert.equal(cancelled, true);
    assert.ok(results.length >= 2 && results.length < documents.length, `${results.length} of ${documents.length} finished`);
  });
});
