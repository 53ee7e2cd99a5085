import type { Settings } from './types.ts';

/** A workspace's settings until changed: what the store answers for a setting never set, and what the window shows before it has asked. */
export const DEFAULT_SETTINGS: Settings = {
  snapToWords: true,
  author: '',
  backupEveryMinutes: 30,
  backupsKept: 10,
  suggestions: { attributionModel: true, stringMatching: true, labels: ['Quote', 'Actor'], threshold: 0.5 },
};
