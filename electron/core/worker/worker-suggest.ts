/**
 * Background suggesting: the built-in model over many documents in a worker thread (suggest-worker.ts),
 * with progress after each document and cancel (the worker is ended; what it finished is kept).
 */
import { Worker } from 'node:worker_threads';
import type { RegistryActor } from '../suggest/resolve.ts';
import type { Suggestion } from '../suggest/suggester.ts';
import { workerEntry } from './worker-entry.ts';

export interface SuggestWorkerData {
  documents: { documentId: number; text: string }[];
  actors: RegistryActor[];
  entry?: string;
}

export interface SuggestWorkerReply {
  documentId: number;
  suggestions: Suggestion[];
  /** How many documents are done, this one included. */
  done: number;
}

export interface BackgroundResult {
  results: { documentId: number; suggestions: Suggestion[] }[];
  cancelled: boolean;
}

export function suggestInBackground(
  documents: SuggestWorkerData['documents'],
  actors: RegistryActor[],
  options: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {},
): Promise<BackgroundResult> {
  const results: BackgroundResult['results'] = [];
  if (documents.length === 0) return Promise.resolve({ results, cancelled: false });
  const { script, entry } = workerEntry('suggest-worker', import.meta.url);
  const data: SuggestWorkerData = { documents, actors, ...(entry ? { entry } : {}) };
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      resolve({ results, cancelled: true });
      return;
    }
    const worker = new Worker(script, { workerData: data });
    let cancelled = false;
    const cancel = () => {
      cancelled = true;
      void worker.terminate();
    };
    options.signal?.addEventListener('abort', cancel, { once: true });
    worker.on('message', (reply: SuggestWorkerReply) => {
      if (cancelled) return;
      results.push({ documentId: reply.documentId, suggestions: reply.suggestions });
      options.onProgress?.(reply.done, documents.length);
    });
    worker.on('error', (error) => {
      options.signal?.removeEventListener('abort', cancel);
      reject(new Error(`Parley's suggestion worker failed: ${error.message}`));
    });
    worker.on('exit', () => {
      options.signal?.removeEventListener('abort', cancel);
      resolve({ results, cancelled });
    });
  });
}
