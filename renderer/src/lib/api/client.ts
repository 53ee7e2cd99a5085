import { API_METHODS, type ApiMethod, type AsyncParleyApi, type MenuCommand, type StartUp } from '../../../../electron/shared/types.ts';
import { takeInlinedStartUp } from './start-up.ts';
import type { ParleyBridge } from '../../../../electron/shared/bridge.ts';
import { toApiError } from './errors.ts';
import { httpApi } from './http.ts';
import { Reachability } from './reachability.svelte.ts';

export { ApiError } from './errors.ts';

declare global {
  interface Window {
    parleyBridge?: ParleyBridge;
  }
}

export interface Connection {
  api: AsyncParleyApi;
  /** Whether the backend answers; calls that cannot reach it mark it lost until it answers again. */
  reachability: Reachability;
  /**
   * The first screen's data when it came before the app's code ran (inlined into the page by browser mode's
   * server, asked for by the desktop app's preload), once; null when there is none, or it failed.
   */
  takeStartUp(): Promise<StartUp | null>;
  /** Subscribes to native menu commands (a no-op in the browser); returns an unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  transport: 'electron' | 'http';
}

/**
 * Wraps every method so failures always surface as ApiError, whatever the transport threw, and a call that
 * could not reach the backend tells `reachability`.
 */
function normalised(raw: AsyncParleyApi, reachability: Reachability): AsyncParleyApi {
  const api: Partial<Record<ApiMethod, (params: unknown) => Promise<unknown>>> = {};
  for (const method of API_METHODS) {
    const call = raw[method] as (params: unknown) => Promise<unknown>;
    api[method] = async (params: unknown) => {
      try {
        return await call(params ?? {});
      } catch (error) {
        const failure = toApiError(method, error);
        if (failure.code === 'network') reachability.failed();
        throw failure;
      }
    };
  }
  return api as AsyncParleyApi;
}

function connection(raw: AsyncParleyApi, rest: Omit<Connection, 'api' | 'reachability'>): Connection {
  const reachability = new Reachability(() => raw.workspaceInfo({}));
  return { api: normalised(raw, reachability), reachability, ...rest };
}

/** The API from the Electron preload when present, otherwise over HTTP from the page's own server. */
export function connect(target: Window = window): Connection {
  const bridge = target.parleyBridge;
  if (bridge) {
    return connection(bridge.api, {
      takeStartUp: async () => (await bridge.takeStartUp()?.catch(() => null)) ?? null,
      onMenuCommand: (listener) => bridge.onMenuCommand(listener),
      transport: 'electron',
    });
  }
  return connection(httpApi(), { takeStartUp: async () => takeInlinedStartUp(target.document), onMenuCommand: () => () => {}, transport: 'http' });
}
