/**
 * The backend in a process of its own, as the desktop app runs it (an Electron utility process, so SQLite,
 * imports, PDF and Word parsing and exports never run on the thread that draws menus and the window). This is
 * the protocol between the app's main process and that backend process, on any message channel: plain Node,
 * tested over worker_threads' MessageChannel; electron/main adapts Electron's channel to it. This module holds the
 * messages and the main process's client, and imports nothing of the backend, so the main process's bundle
 * carries none of it; serve-backend.ts is the other side.
 */
import type { RecoveryReport } from '../../shared/recovery.ts';
import type { ApiErrorBody } from '../../shared/types.ts';

/** A channel of structured-cloned messages, whatever carries them. */
export interface MessageChannelLike {
  post(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
}

export type HostRequest =
  | { type: 'open'; id: number; path: string; seedSamples: boolean }
  | { type: 'call'; id: number; method: string; params: unknown }
  | { type: 'recover'; id: number; damaged: string; out: string }
  | { type: 'close'; id: number };

/** `damaged`: an `open` failed because the file is a damaged workspace, which recovery may save something of. */
export type BackendAnswer = { type: 'answer'; id: number } & ({ ok: true; result: unknown } | { ok: false; error: ApiErrorBody; damaged?: boolean });

/** Why a workspace could not be opened, in words for the analyst; `damaged` when recovery can be offered. */
export class WorkspaceOpenFailure extends Error {
  constructor(
    message: string,
    readonly damaged: boolean,
  ) {
    super(message);
    this.name = 'WorkspaceOpenFailure';
  }
}

/** The main process's side: requests by id, each answered once. */
export class BackendClient {
  private nextId = 1;
  private readonly waiting = new Map<number, (answer: BackendAnswer) => void>();

  constructor(private readonly channel: MessageChannelLike) {
    channel.onMessage((message) => {
      const reply = message as BackendAnswer;
      const settle = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      settle?.(reply);
    });
  }

  /** Opens the workspace at `path`; rejects with the reason it could not be opened, keeping the one open. */
  async open(path: string, seedSamples: boolean): Promise<{ path: string }> {
    const reply = await this.request({ type: 'open', path, seedSamples });
    if (!reply.ok) throw new WorkspaceOpenFailure(reply.error.message, reply.damaged === true);
    return reply.result as { path: string };
  }

  /** Copies what can be read of the damaged workspace `damaged` into the new file `out` (the open one stays open). */
  async recover(damaged: string, out: string): Promise<RecoveryReport> {
    const reply = await this.request({ type: 'recover', damaged, out });
    if (!reply.ok) throw new Error(reply.error.message);
    return reply.result as RecoveryReport;
  }

  /** One API call, answered as the IPC envelope the renderer's preload expects. */
  call(method: string, params: unknown): Promise<BackendAnswer> {
    return this.request({ type: 'call', method, params });
  }

  async close(): Promise<void> {
    await this.request({ type: 'close' });
  }

  /** Fails every request still waiting: the backend process is gone. */
  failAll(message: string): void {
    for (const [id, settle] of this.waiting) settle({ type: 'answer', id, ok: false, error: { code: 'internal', message } });
    this.waiting.clear();
  }

  private request(request: HostRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never): Promise<BackendAnswer> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.channel.post({ ...request, id });
    });
  }
}
