import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseHtml } from '../import/formats/html.ts';
import type { ImportInput } from '../import/parse.ts';
import { ImportFileError } from '../import/problems.ts';
import { ParseSandbox } from './parse-sandbox.ts';

function input(name: string, bytes: Uint8Array): ImportInput {
  return { name, storedName: name, size: bytes.length, read: async () => bytes };
}

const page = (body: string) => new TextEncoder().encode(`<!doctype html><html><head><title>Talks</title></head><body><article>${body}</article></body></html>`);
const article = page('<p>Ushakov said there is “no compromise version” yet 😀.</p><p>Talks go on in Moscow.</p>');
/** Tens of megabytes of paragraphs: far more than an article, still under the 64 MiB file cap. */
const huge = (paragraphs: number) => page('<p>Ushakov said the talks in Moscow would go on, and the delegations met again.</p>'.repeat(paragraphs));

async function refusal(promise: Promise<unknown>): Promise<ImportFileError> {
  const error = await promise.then(
    () => assert.fail('the file was read'),
    (reason: unknown) => reason,
  );
  assert.ok(error instanceof ImportFileError, String(error));
  return error;
}

describe('the parse sandbox', () => {
  it('reads a file in its worker exactly as the reader does in this thread', async () => {
    const sandbox = new ParseSandbox();
    try {
      const inWorker = await sandbox.parse('html', input('talks.html', article), article, {});
      const here = await parseHtml(input('talks.html', article), article, {}, { findDocumentsByUrl: async () => [] });
      assert.deepEqual(inWorker, here);
      assert.match(inWorker.documents[0]!.document.text, /no compromise version” yet 😀/);
    } finally {
      await sandbox.close();
    }
  });

  it("passes a file's own problems on as they are", async () => {
    const sandbox = new ParseSandbox();
    try {
      const bytes = new TextEncoder().encode('%PDF-1.7 not really');
      const error = await refusal(sandbox.parse('pdf', input('broken.pdf', bytes), bytes, {}));
      assert.match(error.problems[0]!.message, /is not a readable PDF/);
    } finally {
      await sandbox.close();
    }
  });

  it('stops a file that takes longer than its deadline, and reads the next one in a fresh worker', async () => {
    const sandbox = new ParseSandbox({ deadlineMs: 2000, heapMb: 2048 });
    try {
      const slow = huge(400_000);
      const started = performance.now();
      const error = await refusal(sandbox.parse('html', input('slow.html', slow), slow, {}));
      assert.equal(error.message, 'took longer than 2 s to read, so Parley stopped reading it');
      assert.ok(performance.now() - started < 4000, 'stopped at its deadline, not when it would have finished');
      const next = await sandbox.parse('html', input('talks.html', article), article, {});
      assert.equal(next.documents.length, 1);
    } finally {
      await sandbox.close();
    }
  });

  it('stops a file that needs more memory than the worker may take, and reads the next one', async () => {
    const sandbox = new ParseSandbox({ deadlineMs: 60_000, heapMb: 96 });
    try {
      const big = huge(200_000);
      const error = await refusal(sandbox.parse('html', input('big.html', big), big, {}));
      assert.equal(error.message, 'needed more than 96 MiB of memory to read, so Parley stopped reading it');
      const next = await sandbox.parse('html', input('talks.html', article), article, {});
      assert.equal(next.documents.length, 1);
    } finally {
      await sandbox.close();
    }
  });

  it('stops reading when the import is cancelled', async () => {
    const sandbox = new ParseSandbox();
    try {
      const slow = huge(400_000);
      const controller = new AbortController();
      setTimeout(() => controller.abort(new Error('cancelled by the test')), 300);
      await assert.rejects(sandbox.parse('html', input('slow.html', slow), slow, { signal: controller.signal }), /cancelled by the test/);
    } finally {
      await sandbox.close();
    }
  });
});
