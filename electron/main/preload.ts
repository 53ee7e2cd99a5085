import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { apiChannel, MENU_COMMAND_CHANNEL, type IpcEnvelope, type ParleyBridge } from '../shared/bridge.ts';
import { API_METHODS, type ApiErrorBody, type AsyncParleyApi, type MenuCommand, type StartUp } from '../shared/types.ts';
import { LAST_DOCUMENT_KEY } from '../shared/start-up.ts';

/**
 * The sandboxed preload: exposes `window.parleyBridge` (see ParleyBridge) and nothing else. It is bundled to
 * CommonJS and may only require('electron'), which is all a sandboxed preload gets. ipcRenderer itself never
 * reaches the page: each API method is a fixed channel, and menu listeners receive the command string alone.
 */

/**
 * A failed API call. The contextBridge copies an Error thrown across it as a bare Error carrying only the
 * message, so `code` and `field` would be lost; the rejection is therefore this plain object, which the bridge
 * copies whole. It has `name` and `message` like an Error, but is not `instanceof Error`.
 */
type BridgeApiError = ApiErrorBody & { name: 'ParleyApiError' };

async function call(method: string, params: unknown): Promise<unknown> {
  const envelope = (await ipcRenderer.invoke(apiChannel(method), params)) as IpcEnvelope<unknown>;
  if (envelope.ok) return envelope.result;
  const rejection: BridgeApiError = { name: 'ParleyApiError', ...envelope.error };
  throw rejection;
}

const api = Object.fromEntries(
  API_METHODS.map((method) => [method, (params: unknown) => call(method, params)]),
) as unknown as AsyncParleyApi;

/** The document the window showed last, as the renderer remembers it (renderer/src/lib/state/last-document.ts). */
function lastDocument(): { documentId?: number } {
  // The page's storage (the preload shares its origin); typed here because the main process's code has no DOM.
  const storage = (globalThis as { localStorage?: { getItem(key: string): string | null } }).localStorage;
  try {
    const id = Number(storage?.getItem(LAST_DOCUMENT_KEY));
    return Number.isSafeInteger(id) && id > 0 ? { documentId: id } : {};
  } catch {
    return {};
  }
}

// Asked for now, while the page's code is still loading, so that the answer is there when the app starts.
let startUp: Promise<StartUp> | null = api.startUp(lastDocument());
// The renderer asks again itself when this failed, and reports that failure; this one must not go unhandled.
startUp.catch(() => {});

const bridge: ParleyBridge = {
  api,
  takeStartUp() {
    const taken = startUp;
    startUp = null;
    return taken;
  },
  onMenuCommand(listener) {
    const forward = (_event: IpcRendererEvent, command: MenuCommand): void => listener(command);
    ipcRenderer.on(MENU_COMMAND_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(MENU_COMMAND_CHANNEL, forward);
    };
  },
};

contextBridge.exposeInMainWorld('parleyBridge', bridge);
