import { homedir } from 'node:os';
import { join } from 'node:path';

export const WORKSPACE_EXTENSION = '.parley';

/**
 * Where workspaces live unless the user picks another place: the platform's per-user application data
 * folder (what Electron calls `appData`), in `Parley/Workspaces`. The desktop app, browser mode and the CLI
 * all use this one function, so they find the same workspaces.
 */
export function defaultWorkspaceDir(): string {
  const home = homedir();
  switch (process.platform) {
    case 'darwin':
      return join(home, 'Library', 'Application Support', 'Parley', 'Workspaces');
    case 'win32':
      return join(process.env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), 'Parley', 'Workspaces');
    default:
      return join(process.env['XDG_DATA_HOME'] ?? join(home, '.local', 'share'), 'Parley', 'Workspaces');
  }
}

/**
 * Parley's per-user settings that belong to no workspace (browser mode's kept sessions): the platform's
 * configuration folder, or PARLEY_CONFIG_DIR when set (tests set it, to leave the user's alone).
 */
export function configDir(): string {
  const override = process.env['PARLEY_CONFIG_DIR'];
  if (override) return override;
  const home = homedir();
  switch (process.platform) {
    case 'darwin':
      return join(home, 'Library', 'Application Support', 'Parley');
    case 'win32':
      return join(process.env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), 'Parley');
    default:
      return join(process.env['XDG_CONFIG_HOME'] ?? join(home, '.config'), 'parley');
  }
}

export function defaultWorkspacePath(): string {
  return join(defaultWorkspaceDir(), `Default${WORKSPACE_EXTENSION}`);
}
