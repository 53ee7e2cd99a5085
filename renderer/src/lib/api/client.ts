import { API_METHODS, type ApiMethod, type AsyncParleyApi, type MenuCommand } from '../../../../electron/shared/types.ts';
import type { ParleyBridge } from '../../../../electron/shared/bridge.ts';
import { toApiError } from './errors.ts';
import { httpApi } from './http.ts';

export { ApiError } from './errors.ts';

declare global {
  interface Window {
    parleyBridge?: ParleyBridge;
  }
}

export interface Connection {
  api: AsyncParleyApi;
  /** Subscribes to native menu commands (a no-op in the browser); returns an unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  transport: 'electron' | 'http';
}

/** Wraps every method so failures always surface as ApiError, whatever the transport threw. */
function normalised(raw: AsyncParleyApi): AsyncParleyApi {
  const api: Partial<Record<ApiMethod, (params: unknown) => Promise<unknown>>> = {};
  for (const method of API_METHODS) {
    const call = raw[method] as (params: unknown) => Promise<unknown>;
    api[method] = async (params: unknown) => {
      try {
        return await call(params ?? {});
      } catch (error) {
        throw toApiError(method, error);
      }
    };
  }
  return api as AsyncParleyApi;
}

/** The API from the Electron preload when present, otherwise over HTTP from the page's own server. */
export function connect(target: Window = window): Connection {
  const bridge = target.parleyBridge;
  if (bridge) {
    return { api: normalised(bridge.api), onMenuCommand: (listener) => bridge.onMenuCommand(listener), transport: 'electron' };
  }
  return { api: normalised(httpApi()), onMenuCommand: () => () => {}, transport: 'http' };
}
