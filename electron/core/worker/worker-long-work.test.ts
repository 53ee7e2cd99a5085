import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { ImportSummary } from '../../shared/types.ts';
import { temporaryDir, typedApi, workspacePath } from '../../test/helpers.ts';
import { openBackend } from '../backend.ts';
import { ParleyError } from '../errors.ts';
import type { ImportProgress } from '../import/importer.ts';
import { workerEntry } from './worker-entry.ts';

const dir = temporaryDir();

/** A folder of `count` plain-text articles, each a text no other folder has. */
function articles(count: number): string {
  const name = `articles-${count}-${Math.random().toString(36).slice(2)}`;
  const folder = join(dir, name);
  mkdirSync(folder);
  for (let i = 0; i < count; i++) writeFileSync(join(folder, `article-${i}.txt`), `${name}, article ${i}: 😀 “Talks went well,” said Ushakov. `.repeat(20));
  return folder;
}

describe('long work in a worker thread', () => {
  test('imports on the worker’s connection, with progress, and this thread sees what it stored', async () => {
    const backend = await openBackend(workspacePath(dir), { longWork: 'worker' });
    const progress: ImportProgress[] = [];
    const summary = await backend.importPaths([articles(12)], {}, { onProgress: (update) => 'filesDone' in update && progress.push(update) });
    assert.equal(summary.documents, 12);
    assert.deepEqual(summary.errors, []);
    assert.equal(progress.length, 13, 'one update before each file and one at the end');
    assert.deepEqual(progress.at(-1), { filesDone: 12, filesTotal: 12, currentFile: null });
    const call = typedApi(backend);
    assert.equal((await call('stats', {})).documents, 12);
    await backend.close();
  });

  test('an API method’s error keeps its code and field across the thread', async () => {
    const backend = await openBackend(workspacePath(dir), { longWork: 'worker' });
    // Valid parameters, refused by the export's plan in the worker.
    const refused = await backend.dispatch('exportData', { format: 'brat', filter: { labels: ['Nonesuch'] } }).then(
      () => assert.fail('exported'),
      (error: unknown) => error,
    );
    assert.ok(refused instanceof ParleyError, String(refused));
    assert.equal(refused.code, 'invalid_params');
    assert.equal(refused.field, 'filter.labels');
    await backend.close();
  });

  test('cancelling stops the import in the worker; the files stored before stay, and the workspace goes on', async () => {
    const backend = await openBackend(workspacePath(dir), { longWork: 'worker' });
    const controller = new AbortController();
    const summary = (await backend.importPaths([articles(400)], {}, {
      signal: controller.signal,
      onProgress: (update) => {
        if ('filesDone' in update && update.filesDone === 5) controller.abort();
      },
    })) as ImportSummary;
    assert.equal(summary.cancelled, true);
    assert.ok(summary.filesDone >= 5 && summary.filesDone < 400, `${summary.filesDone} files done`);
    const call = typedApi(backend);
    assert.equal((await call('stats', {})).documents, summary.documents, 'what the summary counts is what is stored');
    const again = await backend.importPaths([articles(3)], {});
    assert.equal(again.documents, 3);
    await backend.close();
  });

  test('closing the backend cancels what the worker is doing and ends it', async () => {
    const backend = await openBackend(workspacePath(dir), { longWork: 'worker' });
    let started!: () => void;
    const first = new Promise<void>((resolve) => (started = resolve));
    const running = backend.importPaths([articles(2000)], {}, { onProgress: () => started() });
    await first;
    await backend.close();
    const summary = await running;
    assert.equal(summary.cancelled, true);
    assert.ok(summary.filesDone < 2000);
  });

  test('its entry is found beside the running code: the TypeScript source, or a bundle’s worker', () => {
    const base = pathToFileURL('/app/build/out/cli/parley.mjs');
    assert.throws(() => workerEntry('long-work-worker', base, () => false), /long-work-worker is missing/);
    assert.equal(workerEntry('long-work-worker', base, (path) => path.endsWith('long-work-worker.mjs')).script.pathname, '/app/build/out/cli/long-work-worker.mjs');
    assert.equal(workerEntry('long-work-worker', base, (path) => path.endsWith('long-work-worker.cjs')).script.pathname, '/app/build/out/cli/long-work-worker.cjs');
    const source = workerEntry('long-work-worker', pathToFileURL('/repo/electron/core/worker/worker-long-work.ts'), (path) => path.endsWith('.ts'));
    assert.equal(source.script.pathname, '/repo/electron/core/worker/tsx-entry.mjs');
    assert.equal(source.entry, 'file:///repo/electron/core/worker/long-work-worker.ts');
  });
});
