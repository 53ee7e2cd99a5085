import type { AsyncParleyApi, MenuCommand, StartUp } from './types.ts';

/**
 * What the Electron preload exposes to the renderer as `window.parleyBridge`: the API as named methods (each
 * validated again in the main process) and a subscription to native menu commands. Nothing else crosses.
 */
export interface ParleyBridge {
  api: AsyncParleyApi;
  /**
   * The first screen's data, asked for by the preload while the page's code loads (see shared/start-up.ts): the
   * first call takes it, later calls get null. It rejects when the backend could not answer.
   */
  takeStartUp(): Promise<StartUp> | null;
  /** Calls `listener` for each native menu command; returns a function that unsubscribes. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}

/** The IPC channel for API method `method`: one channel per method, so the main process registers exactly the API. */
export function apiChannel(method: string): string {
  return `parley:api:${method}`;
}

export const MENU_COMMAND_CHANNEL = 'parley:menu-command';

/** How the main process answers an API call over IPC; the preload turns `ok: false` back into a thrown error. */
export type IpcEnvelope<T> = { ok: true; result: T } | { ok: false; error: import('./types.ts').ApiErrorBody };
