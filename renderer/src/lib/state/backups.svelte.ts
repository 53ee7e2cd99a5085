import type { BackupInfo, Settings } from '../../../../electron/shared/types.ts';
import type { AppState } from './app.svelte.ts';

/**
 * The Backups dialog's work: the workspace's backups (newest first), backing up now, restoring one (after the
 * analyst confirmed it), and the two settings of the automatic backups. A restore replaces everything the
 * window holds, so the window reloads once it is done; what the restore replaced is itself a backup.
 */
export class BackupsState {
  backups = $state.raw<BackupInfo[]>([]);
  loading = $state(false);
  /** What is under way: a backup, or the restore of this file. */
  busy = $state<'backing-up' | { restoring: string } | null>(null);
  /** The backup whose restore waits for the analyst's confirmation. */
  confirming = $state<string | null>(null);
  settings = $state.raw<Pick<Settings, 'backupEveryMinutes' | 'backupsKept'> | null>(null);

  constructor(
    private readonly app: AppState,
    private readonly reload: () => void,
  ) {}

  async refresh(): Promise<void> {
    this.loading = true;
    try {
      const [backups, settings] = await Promise.all([this.app.api.listBackups({}), this.app.api.getSettings({})]);
      this.backups = backups;
      this.settings = { backupEveryMinutes: settings.backupEveryMinutes, backupsKept: settings.backupsKept };
    } catch (error) {
      this.app.toasts.error(error, 'Could not list the backups');
    } finally {
      this.loading = false;
    }
  }

  async backUpNow(): Promise<void> {
    this.busy = 'backing-up';
    try {
      const made = await this.app.toasts.attempt('Could not back up the workspace', () => this.app.api.backUpWorkspace({}), null);
      if (made) {
        this.backups = [made, ...this.backups];
        this.app.toasts.info('Workspace backed up', made.file);
      }
    } finally {
      this.busy = null;
    }
  }

  async restore(file: string): Promise<void> {
    this.confirming = null;
    this.busy = { restoring: file };
    const done = await this.app.toasts.attempt('Could not restore the backup', () => this.app.api.restoreBackup({ file }), null);
    this.busy = null;
    if (done) this.reload();
  }

  async updateSettings(patch: Partial<Pick<Settings, 'backupEveryMinutes' | 'backupsKept'>>): Promise<void> {
    const settings = await this.app.toasts.attempt('Could not change the backup settings', () => this.app.api.updateSettings(patch), null);
    if (settings) this.settings = { backupEveryMinutes: settings.backupEveryMinutes, backupsKept: settings.backupsKept };
  }
}
