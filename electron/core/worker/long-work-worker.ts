/**
 * The long-work worker: a thread with its own connection to the workspace, running imports and exports in-thread
 * there (see worker-long-work.ts for the other side). Calls run concurrently; each can be cancelled.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openBackend, type Backend, type CallOptions } from '../backend.ts';
import type { LongWorkReply, LongWorkRequest, LongWorkWorkerData } from './messages.ts';
import { transferError } from './transferred-error.ts';

const port = parentPort!;
const data = workerData as LongWorkWorkerData;
const opening: Promise<Backend> = openBackend(data.path, { ...(data.nativeBinding ? { nativeBinding: data.nativeBinding } : {}), longWork: 'in-thread' });
// A failed open is answered to each call; it must not also end the thread as an unhandled rejection.
opening.catch(() => undefined);
/** The calls under way, to cancel, and to wait for before the workspace is closed. */
const running = new Map<number, { controller: AbortController; settled: Promise<void> }>();

function reply(message: LongWorkReply): void {
  port.postMessage(message);
}

async function serve(request: Extract<LongWorkRequest, { id: number; caller: unknown }>, controller: AbortController): Promise<void> {
  const call: CallOptions = {
    caller: request.caller,
    signal: controller.signal,
    onProgress: (progress) => reply({ type: 'progress', id: request.id, progress }),
  };
  try {
    const backend = await opening;
    const result =
      request.type === 'run'
        ? await backend.dispatch(request.method, request.params, call)
        : request.type === 'importPaths'
          ? await backend.importPaths(request.paths, request.options, call)
          : await backend.exportToPath(request.options, request.out, call);
    reply({ type: 'done', id: request.id, result });
  } catch (error) {
    reply({ type: 'failed', id: request.id, error: transferError(error) });
  }
}

port.on('message', (request: LongWorkRequest) => {
  switch (request.type) {
    case 'cancel':
      running.get(request.id)?.controller.abort();
      return;
    case 'close': {
      const calls = [...running.values()];
      for (const { controller } of calls) controller.abort();
      void Promise.all(calls.map(({ settled }) => settled))
        .then(() => opening)
        .then((backend) => backend.close())
        .catch(() => undefined)
        .finally(() => reply({ type: 'closed' }));
      return;
    }
    default: {
      const controller = new AbortController();
      const settled = serve(request, controller).finally(() => running.delete(request.id));
      running.set(request.id, { controller, settled });
    }
  }
});
