/** The backend process's side of backend-protocol.ts. */
import type { RecoveryReport } from '../../shared/recovery.ts';
import { toErrorBody, type Backend } from '../backend.ts';
import { NotAWorkspaceError } from '../errors.ts';
import type { BackendAnswer, HostRequest, MessageChannelLike } from './backend-protocol.ts';

/**
 * Serves a backend over `channel`: `open` opens a workspace (the one open before is closed only once the new
 * one is open, so a workspace that fails to open leaves the current one in place), `call` is one API call, `close`
 * closes the workspace, `recover` copies what can be read of a damaged workspace into a new file. Requests are
 * answered as they finish; calls do not wait for each other.
 */
export function serveBackend(
  channel: MessageChannelLike,
  open: (path: string, seedSamples: boolean) => Promise<Backend>,
  recover: (damaged: string, out: string) => RecoveryReport,
): void {
  let current: Backend | null = null;
  const answer = (id: number, work: () => Promise<unknown>) =>
    work().then(
      (result) => channel.post({ type: 'answer', id, ok: true, result } satisfies BackendAnswer),
      (error: unknown) =>
        channel.post({ type: 'answer', id, ok: false, error: toErrorBody(error), ...(error instanceof NotAWorkspaceError && error.damaged ? { damaged: true } : {}) } satisfies BackendAnswer),
    );
  channel.onMessage((message) => {
    const request = message as HostRequest;
    switch (request.type) {
      case 'open':
        return void answer(request.id, async () => {
          const next = await open(request.path, request.seedSamples);
          const previous = current;
          current = next;
          await previous?.close();
          return { path: next.path };
        });
      case 'call':
        return void answer(request.id, async () => {
          if (current === null) throw new Error('No workspace is open');
          // dispatch validates params: nothing that arrives here is trusted to be well formed.
          return current.dispatch(request.method, request.params);
        });
      case 'recover':
        return void answer(request.id, async () => recover(request.damaged, request.out));
      case 'close':
        return void answer(request.id, async () => {
          const closing = current;
          current = null;
          await closing?.close();
          return null;
        });
    }
  });
}
