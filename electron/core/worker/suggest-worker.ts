/**
 * The worker thread that runs the built-in attribution model over many documents (background suggesting), so
 * that the thread which answers the workbench never waits on it. It posts each document's suggestions as soon as
 * they are made; the host ends it to cancel.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { suggestAttributions } from '../suggest/builtin.ts';
import { SourceResolver } from '../suggest/resolve.ts';
import type { SuggestWorkerData, SuggestWorkerReply } from './worker-suggest.ts';

const { documents, actors } = workerData as SuggestWorkerData;
const resolver = new SourceResolver(actors);
for (const [index, document] of documents.entries()) {
  const reply: SuggestWorkerReply = { documentId: document.documentId, suggestions: suggestAttributions(document.text, resolver), done: index + 1 };
  parentPort!.postMessage(reply);
}
