import { Menu, type MenuItemConstructorOptions } from 'electron';
import { basename, dirname } from 'node:path';
import type { MenuCommand } from '../shared/types.ts';

/** What the menu asks of the main process; commands about the open document go to the renderer via `send`. */
export interface AppMenuActions {
  newWorkspace(): void;
  openWorkspace(): void;
  openRecentWorkspace(path: string): void;
  clearRecentWorkspaces(): void;
  showWorkspaceFolder(): void;
  send(command: MenuCommand): void;
}

export interface AppMenuOptions {
  recentWorkspaces: readonly string[];
  /** Running from the repository rather than packaged: adds Reload and Toggle Developer Tools. */
  development: boolean;
  actions: AppMenuActions;
}

/** On Windows and Linux `&` marks the access key in a label; a path containing one must not lose it. */
function escapeAccessKeys(label: string): string {
  return process.platform === 'darwin' ? label : label.replaceAll('&', '&&');
}

function openRecentMenu(recentWorkspaces: readonly string[], actions: AppMenuActions): MenuItemConstructorOptions[] {
  const workspaces: MenuItemConstructorOptions[] =
    recentWorkspaces.length === 0
      ? [{ label: 'No Recent Workspaces', enabled: false }]
      : recentWorkspaces.map((path) => ({
          // The folder is part of the label: two workspaces with the same file name are common (Default.parley).
          label: escapeAccessKeys(`${basename(path)} — ${dirname(path)}`),
          click: () => actions.openRecentWorkspace(path),
        }));
  return [
    ...workspaces,
    { type: 'separator' },
    { label: 'Clear Recent', enabled: recentWorkspaces.length > 0, click: () => actions.clearRecentWorkspaces() },
  ];
}

/**
 * The native menu. Undo and Redo are not the built-in roles: the renderer keeps one undo history per document
 * in the workspace, so the menu only tells it to undo or redo. Next/Previous Annotation have no accelerator
 * because the renderer handles those keys itself (they must not fire while typing in a field).
 */
export function buildAppMenu({ recentWorkspaces, development, actions }: AppMenuOptions): Menu {
  const isMac = process.platform === 'darwin';
  const send = (command: MenuCommand) => () => actions.send(command);

  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' } satisfies MenuItemConstructorOptions] : []),
    {
      label: 'File',
      submenu: [
        { label: 'New Workspace…', accelerator: 'CmdOrCtrl+Shift+N', click: () => actions.newWorkspace() },
        { label: 'Open Workspace…', accelerator: 'CmdOrCtrl+O', click: () => actions.openWorkspace() },
        { label: 'Open Recent', submenu: openRecentMenu(recentWorkspaces, actions) },
        { type: 'separator' },
        { label: 'New Document…', accelerator: 'CmdOrCtrl+N', click: send('newDocument') },
        { label: 'Import…', click: send('import') },
        { label: 'Export…', click: send('export') },
        { type: 'separator' },
        { label: 'Back Up Workspace', click: send('backUp') },
        { label: 'Restore from Backup…', click: send('backups') },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: 'Edit',
      submenu: [
        { label: 'Undo', accelerator: 'CmdOrCtrl+Z', click: send('undo') },
        { label: 'Redo', accelerator: 'Shift+CmdOrCtrl+Z', click: send('redo') },
        // Ctrl+Y is the usual Redo on Windows and Linux. A menu item has one accelerator, so this second, hidden
        // item carries it (hidden items keep their accelerators on those platforms).
        ...(isMac
          ? []
          : [{ label: 'Redo', accelerator: 'Ctrl+Y', visible: false, click: send('redo') } satisfies MenuItemConstructorOptions]),
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: 'View',
      submenu: [
        // No accelerators: the page handles Alt+T and Alt+D itself (by key position, which a menu accelerator cannot do).
        { label: `Annotations Table (${isMac ? '⌥T' : 'Alt+T'})`, click: send('toggleTable') },
        { label: `Dashboard (${isMac ? '⌥D' : 'Alt+D'})`, click: send('toggleDashboard') },
        { type: 'separator' },
        { label: 'Next Annotation', click: send('nextAnnotation') },
        { label: 'Previous Annotation', click: send('previousAnnotation') },
        { type: 'separator' },
        ...(development
          ? ([{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }] satisfies MenuItemConstructorOptions[])
          : []),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    ...(isMac ? [{ role: 'windowMenu' } satisfies MenuItemConstructorOptions] : []),
    {
      role: 'help',
      submenu: [
        { label: 'Keyboard Shortcuts', click: send('showShortcuts') },
        { label: 'Open Workspace Folder', click: () => actions.showWorkspaceFolder() },
        // On macOS, About is in the application menu, where people look for it.
        ...(isMac ? [] : ([{ type: 'separator' }, { role: 'about', label: 'About Parley' }] satisfies MenuItemConstructorOptions[])),
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}
