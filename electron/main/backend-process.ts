/**
 * The desktop app's backend process: an Electron utility process holding the workspace (SQLite, imports,
 * exports), so nothing it does runs on the main process's thread, which draws menus and windows. The protocol is
 * electron/core/host/backend-protocol.ts (served by serve-backend.ts); this file only adapts the utility process's parent port to it. The
 * main process passes the app's paths in the environment (app-paths.ts needs `app`, which this process lacks).
 */
import { openBackend, recoverWorkspace } from '../core/backend.ts';
import { serveBackend } from '../core/host/serve-backend.ts';

const nativeBinding = process.env['PARLEY_NATIVE_BINDING'];
const parent = process.parentPort;

serveBackend(
  {
    post: (message) => parent.postMessage(message),
    onMessage: (listener) => parent.on('message', (event) => listener(event.data)),
  },
  // Long work goes to a worker thread of this process, so calls keep being answered during an import.
  (path, seedSamples) => openBackend(path, { ...(nativeBinding ? { nativeBinding } : {}), seedSamples, longWork: 'worker', automaticBackups: true }),
  (damaged, out) => recoverWorkspace(damaged, out, nativeBinding ? { nativeBinding } : {}),
);
