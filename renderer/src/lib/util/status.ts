import type { DocumentStatus } from '../../../../electron/shared/types.ts';

export const STATUS_NAMES: Record<DocumentStatus, string> = {
  new: 'New',
  in_progress: 'In progress',
  done: 'Done',
};
