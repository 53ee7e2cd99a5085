import { ALT, MOD, type ShortcutGroup } from './shortcuts.ts';

/** The annotations table's keys, for the "Keyboard shortcuts" overlay. */
export const TABLE_SHORTCUTS: ShortcutGroup = {
  title: 'Annotations table',
  items: [
    { keys: [[ALT, 'T']], description: 'Show the table of every annotation, or go back to the document' },
    { keys: [['↑'], ['↓']], description: 'Move to the previous / next row' },
    { keys: [['PgUp'], ['PgDn']], description: 'Move a screenful up / down' },
    { keys: [['Home'], ['End']], description: 'First / last row' },
    { keys: [['Enter']], description: 'Open the document with the annotation selected' },
    { keys: [['/'], [MOD, 'F']], description: 'Filter by text, document title or actor' },
    { keys: [['Esc']], description: 'Back to the document' },
  ],
};
