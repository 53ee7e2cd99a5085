// First import, on purpose: it tells the core where migrations and samples are before any core module runs.
import { APP_PATHS } from './app-paths.ts';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  nativeTheme,
  protocol,
  screen,
  session,
  shell,
  utilityProcess,
  type IpcMainInvokeEvent,
  type UtilityProcess,
  type WebContents,
} from 'electron';
import { existsSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { BackendClient } from '../core/host/backend-protocol.ts';
import { defaultWorkspaceDir, defaultWorkspacePath, WORKSPACE_EXTENSION } from '../core/paths.ts';
import { apiChannel, MENU_COMMAND_CHANNEL, type IpcEnvelope } from '../shared/bridge.ts';
import { API_METHODS, type MenuCommand } from '../shared/types.ts';
import { APP_ENTRY_URL, APP_SCHEME, createRendererHandler, isAppUrl } from './app-protocol.ts';
import { isWebUrl, openLinkQuestion } from './external-links.ts';
import { buildAppMenu } from './menu.ts';
import { openWorkspaceOrExplain, type OpenFlowHost } from './open-flow.ts';
import { RecentWorkspaces } from './recent-workspaces.ts';
import { loadWindowState, MINIMUM_WINDOW_SIZE, trackWindowState } from './window-state.ts';

/**
 * The Electron main process: one window showing the renderer from app://parley/, and the workspace's Backend
 * behind IPC. Everything the app knows how to do lives in electron/core; this file only wires windows, menus,
 * dialogs and IPC to it, and keeps the renderer boxed in (sandbox, context isolation, CSP, no navigation, no
 * new windows, no permissions, API calls accepted only from our own page).
 */

/** Painted before the renderer's first frame so opening the window does not flash: the page's --bg (renderer/src/app.css). */
const WINDOW_BACKGROUND = { dark: '#141518', light: '#f4f4f2' };
const WORKSPACE_FILTERS = [{ name: 'Parley Workspace', extensions: [WORKSPACE_EXTENSION.slice(1)] }];

// These must all happen before the app is ready.
app.enableSandbox();
protocol.registerSchemesAsPrivileged([
  // standard: relative URLs and a real origin; secure: treated like https; supportFetchAPI: fetch() of the
  // app's own files. Not corsEnabled, so no other origin can read them.
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
nativeTheme.themeSource = 'system';

const recentWorkspaces = new RecentWorkspaces(join(app.getPath('userData'), 'recent-workspaces.json'));
const windowStateFile = join(app.getPath('userData'), 'window-state.json');
let mainWindow: BrowserWindow | null = null;
/** The backend process (null until started, and after it exits), and the workspace the window shows. */
let backendProcess: UtilityProcess | null = null;
let backend: BackendClient | null = null;
let workspacePath: string | null = null;
/** The workspace being reopened in a new backend process after the last one exited, while that lasts. */
let reopening: Promise<void> | null = null;

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function backgroundColor(): string {
  return nativeTheme.shouldUseDarkColors ? WINDOW_BACKGROUND.dark : WINDOW_BACKGROUND.light;
}

/** Only the top frame of our own window, showing our own page, may call the API. */
function isFromAppWindow(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return (
    mainWindow !== null &&
    !mainWindow.isDestroyed() &&
    event.sender === mainWindow.webContents &&
    frame !== null &&
    frame.parent === null &&
    isAppUrl(frame.url)
  );
}

function registerApiHandlers(): void {
  for (const method of API_METHODS) {
    ipcMain.handle(apiChannel(method), async (event, params: unknown): Promise<IpcEnvelope<unknown>> => {
      if (!isFromAppWindow(event)) {
        return { ok: false, error: { code: 'internal', message: `Refused ${method}: the call did not come from Parley's window` } };
      }
      let client: BackendClient;
      try {
        client = await openBackendClient();
      } catch (error) {
        return { ok: false, error: { code: 'internal', message: `The workspace could not be reopened: ${errorMessage(error)}` } };
      }
      // The backend process validates params; the renderer is not trusted to send well-formed ones.
      const answer = await client.call(method, params);
      if (answer.ok) return { ok: true, result: answer.result };
      if (answer.error.code === 'internal') console.error(`${method} failed:`, answer.error.message);
      return { ok: false, error: answer.error };
    });
  }
}

/** A web address from the page goes to the system's browser once the analyst has seen it and agreed. */
async function openWebLink(url: string, contents: WebContents): Promise<void> {
  const owner = BrowserWindow.fromWebContents(contents);
  const question = openLinkQuestion(url);
  const { response } = owner ? await dialog.showMessageBox(owner, question) : await dialog.showMessageBox(question);
  if (response === 0) await shell.openExternal(url);
}

/**
 * Rules for every web contents the app ever creates (the window, and anything a compromised page might try to
 * open): no navigation away from app://parley, no new windows (web links go to the system browser instead),
 * no <webview>.
 */
function lockDownWebContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    const keepInApp = (event: { url: string; preventDefault(): void }): void => {
      if (isAppUrl(event.url)) return;
      event.preventDefault();
      if (isWebUrl(event.url)) void openWebLink(event.url, contents);
    };
    contents.on('will-navigate', keepInApp);
    contents.on('will-redirect', keepInApp);
    contents.setWindowOpenHandler(({ url }) => {
      if (isWebUrl(url)) void openWebLink(url, contents);
      return { action: 'deny' };
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}

/**
 * Parley needs no camera, microphone, notifications, geolocation, ... so every permission is refused. The one
 * exception is writing text to the clipboard (navigator.clipboard.writeText) from our own page, for copying
 * annotation text; it cannot read anything.
 */
function denyPermissions(): void {
  const allowed = (permission: string, origin: string): boolean =>
    permission === 'clipboard-sanitized-write' && isAppUrl(origin);
  session.defaultSession.setPermissionRequestHandler((contents, permission, callback) =>
    callback(allowed(permission, contents.getURL())),
  );
  session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    allowed(permission, requestingOrigin),
  );
}

function describeOpenFailure(path: string, error: unknown): string {
  const message = errorMessage(error);
  // better-sqlite3 built for Node (or another Electron) rather than this Electron.
  const hint = /NODE_MODULE_VERSION|was compiled against a different/.test(message)
    ? '\n\nThe database engine was built for a different runtime. Run `npm run rebuild:electron-sqlite` and start Parley again.'
    : '';
  return `${path}\n\n${message}${hint}`;
}

/** The backend's bundle, built beside main.cjs by electron/scripts/build-electron.mjs. */
const BACKEND_SCRIPT = join(dirname(APP_PATHS.preload), 'backend.cjs');

/**
 * The backend process, started on first use and again if it ever exits: SQLite, imports, exports and PDF/Word
 * parsing run there, never on this thread, which draws the menus and the window.
 */
function backendClient(): BackendClient {
  if (backend !== null) return backend;
  const child = utilityProcess.fork(BACKEND_SCRIPT, [], {
    serviceName: 'Parley backend',
    // app-paths.ts has put the migrations' and samples' folders in process.env; the native addon's path joins them.
    env: { ...process.env, PARLEY_NATIVE_BINDING: APP_PATHS.nativeBinding },
  });
  const client = new BackendClient({
    post: (message) => child.postMessage(message),
    onMessage: (listener) => child.on('message', listener),
  });
  child.on('exit', (code) => {
    client.failAll(`Parley's backend stopped (exit code ${code}); try again, and the workspace is reopened.`);
    if (backend === client) {
      backend = null;
      backendProcess = null;
    }
  });
  backendProcess = child;
  backend = client;
  return client;
}

/** Opens `path` in the backend process; the workspace open there before is closed only once this one is open. */
async function openWorkspaceFile(path: string, seedSamples: boolean): Promise<void> {
  const opened = await backendClient().open(path, seedSamples);
  workspacePath = opened.path;
}

/** The backend with the window's workspace open, reopening it in a new process if the last one exited. */
async function openBackendClient(): Promise<BackendClient> {
  if (backend !== null && reopening === null) return backend;
  if (workspacePath === null) throw new Error('No workspace is open');
  reopening ??= openWorkspaceFile(workspacePath, false).finally(() => {
    reopening = null;
  });
  await reopening;
  return backendClient();
}

function rememberWorkspace(path: string): void {
  recentWorkspaces.add(path);
  app.addRecentDocument(path);
  updateMenu();
}

/**
 * The last workspace used, if it still exists and opens; otherwise the default one, created with the sample
 * articles on first run. False if nothing could be opened (the user has been told why).
 */
async function openStartupWorkspace(): Promise<boolean> {
  const defaultPath = defaultWorkspacePath();
  const lastUsed = recentWorkspaces.list().find((path) => existsSync(path));
  if (lastUsed !== undefined) {
    try {
      await openWorkspaceFile(lastUsed, false);
      rememberWorkspace(lastUsed);
      return true;
    } catch (error) {
      dialog.showErrorBox('Could not open the last workspace', describeOpenFailure(lastUsed, error));
      if (resolve(lastUsed) === resolve(defaultPath)) return false;
    }
  }
  try {
    await openWorkspaceFile(defaultPath, true);
    rememberWorkspace(defaultPath);
    return true;
  } catch (error) {
    dialog.showErrorBox('Could not open the default workspace', describeOpenFailure(defaultPath, error));
    return false;
  }
}

/**
 * Opens `path` (creating it if it does not exist) and shows it. The new workspace is opened before the current
 * one is closed, so a workspace that fails to open (newer schema, not a Parley file, ...) leaves the current one
 * in place.
 */
async function switchWorkspace(path: string): Promise<void> {
  if (workspacePath !== null && resolve(workspacePath) === resolve(path)) return;
  const opened = await openWorkspaceOrExplain(path, openFlowHost());
  if (opened === null) return;
  rememberWorkspace(opened);
  // The renderer's state (open document, undo histories, lists) belongs to the old workspace: start it afresh.
  mainWindow?.webContents.reload();
}

/** open-flow.ts's host: the backend process, and Electron's dialogs on the window. */
function openFlowHost(): OpenFlowHost {
  const message = async (options: Electron.MessageBoxOptions) => (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options)).then((answer) => answer.response);
  return {
    open: (path) => openWorkspaceFile(path, false),
    recover: (damaged, out) => backendClient().recover(damaged, out),
    showError: async (title, detail) => dialog.showErrorBox(title, detail),
    ask: message,
    chooseRecoveryPath: async (suggested) => {
      const options = { title: 'Recover into a New Workspace', buttonLabel: 'Recover', defaultPath: suggested, filters: WORKSPACE_FILTERS };
      const result = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : withWorkspaceExtension(result.filePath);
    },
    showRecovered: async (detail) => void (await message({ type: 'info', message: 'Recovered what could be read', detail })),
  };
}

function withWorkspaceExtension(path: string): string {
  return extname(path).toLowerCase() === WORKSPACE_EXTENSION ? path : `${path}${WORKSPACE_EXTENSION}`;
}

async function newWorkspace(window: BrowserWindow): Promise<void> {
  const result = await dialog.showSaveDialog(window, {
    title: 'New Workspace',
    buttonLabel: 'Create',
    defaultPath: join(defaultWorkspaceDir(), `Untitled${WORKSPACE_EXTENSION}`),
    filters: WORKSPACE_FILTERS,
    properties: ['createDirectory'],
  });
  if (result.canceled || !result.filePath) return;
  const path = withWorkspaceExtension(result.filePath);
  // Never replace an existing file: it may be a workspace full of someone's work.
  if (existsSync(path)) {
    await dialog.showMessageBox(window, {
      type: 'warning',
      message: 'A file with this name already exists',
      detail: `${path}\n\nChoose another name, or use File › Open Workspace… to open it.`,
    });
    return;
  }
  await switchWorkspace(path);
}

async function openWorkspace(window: BrowserWindow): Promise<void> {
  const result = await dialog.showOpenDialog(window, {
    title: 'Open Workspace',
    defaultPath: workspacePath !== null ? dirname(workspacePath) : defaultWorkspaceDir(),
    filters: WORKSPACE_FILTERS,
    properties: ['openFile'],
  });
  const path = result.filePaths[0];
  if (!result.canceled && path !== undefined) await switchWorkspace(path);
}

async function openRecentWorkspace(window: BrowserWindow, path: string): Promise<void> {
  // Opening a missing path would silently create an empty workspace there.
  if (!existsSync(path)) {
    recentWorkspaces.remove(path);
    updateMenu();
    await dialog.showMessageBox(window, {
      type: 'warning',
      message: 'This workspace no longer exists',
      detail: `${path}\n\nIt has been removed from the recent workspaces.`,
    });
    return;
  }
  await switchWorkspace(path);
}

function sendMenuCommand(command: MenuCommand): void {
  mainWindow?.webContents.send(MENU_COMMAND_CHANNEL, command);
}

function updateMenu(): void {
  /** Menu actions need the window (dialogs are attached to it); there is none only while starting or quitting. */
  const withWindow = (action: (window: BrowserWindow) => Promise<void>) => (): void => {
    if (mainWindow === null) return;
    action(mainWindow).catch((error: unknown) => dialog.showErrorBox('Something went wrong', errorMessage(error)));
  };
  Menu.setApplicationMenu(
    buildAppMenu({
      recentWorkspaces: recentWorkspaces.list(),
      development: !app.isPackaged,
      actions: {
        newWorkspace: withWindow(newWorkspace),
        openWorkspace: withWindow(openWorkspace),
        openRecentWorkspace: (path) => withWindow((window) => openRecentWorkspace(window, path))(),
        clearRecentWorkspaces: () => {
          recentWorkspaces.clear();
          app.clearRecentDocuments();
          updateMenu();
        },
        showWorkspaceFolder: () => {
          if (workspacePath !== null) shell.showItemInFolder(workspacePath);
        },
        send: sendMenuCommand,
      },
    }),
  );
}

function createWindow(): void {
  const state = loadWindowState(
    windowStateFile,
    screen.getAllDisplays().map((display) => display.workArea),
  );
  const window = new BrowserWindow({
    ...state.bounds,
    minWidth: MINIMUM_WINDOW_SIZE.width,
    minHeight: MINIMUM_WINDOW_SIZE.height,
    title: 'Parley',
    show: false,
    backgroundColor: backgroundColor(),
    webPreferences: {
      preload: APP_PATHS.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  trackWindowState(window, windowStateFile);
  window.once('ready-to-show', () => {
    if (state.maximized) window.maximize();
    window.show();
  });
  window.on('closed', () => {
    mainWindow = null;
  });
  mainWindow = window;
  window.loadURL(APP_ENTRY_URL).catch((error: unknown) => console.error(`Could not load ${APP_ENTRY_URL}:`, error));
}

function missingNativeBindingMessage(): string {
  return app.isPackaged
    ? `This copy of Parley is incomplete: its database engine is missing (${APP_PATHS.nativeBinding}). Reinstall Parley.`
    : `Parley's database engine (better-sqlite3) has not been built for Electron yet.\n\nExpected: ${APP_PATHS.nativeBinding}\n\n` +
        'Run `npm run rebuild:electron-sqlite` in the Parley folder, then start Parley again.';
}

async function start(): Promise<void> {
  if (!existsSync(APP_PATHS.nativeBinding)) {
    dialog.showErrorBox('Parley cannot start', missingNativeBindingMessage());
    app.quit();
    return;
  }
  if (!existsSync(join(APP_PATHS.renderer, 'index.html'))) {
    dialog.showErrorBox('Parley cannot start', `The user interface has not been built (${APP_PATHS.renderer}). Run \`npm run build\`.`);
    app.quit();
    return;
  }
  protocol.handle(APP_SCHEME, createRendererHandler(APP_PATHS.renderer));
  denyPermissions();
  app.setAboutPanelOptions({ applicationName: 'Parley', applicationVersion: app.getVersion() });

  if (!(await openStartupWorkspace())) {
    app.quit();
    return;
  }
  registerApiHandlers();
  updateMenu();
  createWindow();
  nativeTheme.on('updated', () => mainWindow?.setBackgroundColor(backgroundColor()));
}

if (app.requestSingleInstanceLock()) {
  lockDownWebContents();
  app.on('second-instance', () => {
    if (mainWindow === null) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  // One window is the whole app, on macOS too: closing it quits, which also closes the workspace cleanly.
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    const closing = backend;
    const child = backendProcess;
    if (closing === null || child === null) return;
    // Quit again once the workspace is closed and its process gone, with `backend` cleared so this runs only once.
    event.preventDefault();
    backend = null;
    backendProcess = null;
    closing
      .close()
      .catch((error: unknown) => console.error(`Closing ${workspacePath} failed:`, error))
      .finally(() => {
        child.kill();
        app.quit();
      });
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      dialog.showErrorBox('Parley cannot start', errorMessage(error));
      app.quit();
    });
} else {
  // Another Parley is running; it gets focus (second-instance above) and this one leaves.
  app.quit();
}
