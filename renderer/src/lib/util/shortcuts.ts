import { RESERVED_HOTKEYS } from '../../../../electron/shared/types.ts';

/** The keyboard map, shown by the "Keyboard shortcuts" overlay. Label hotkeys are added from the schema. */

export interface Shortcut {
  keys: string[][];
  description: string;
}

export interface ShortcutGroup {
  title: string;
  items: Shortcut[];
}

export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
export const MOD = isMac ? '⌘' : 'Ctrl';
export const ALT = isMac ? '⌥' : 'Alt';

/** Keys the app itself uses, in both cases: a label cannot take one of these as its hotkey. */
export const RESERVED_KEYS = new Set(RESERVED_HOTKEYS.flatMap((key) => [key, key.toUpperCase()]));

export function shortcutGroups(labels: ReadonlyArray<{ name: string; hotkey: string | null }>): ShortcutGroup[] {
  const labelKeys = labels.filter((label) => label.hotkey);
  return [
    {
      title: 'Tagging',
      items: [
        { keys: [['Shift', '←'], ['Shift', '→']], description: 'Select text by character (add Ctrl/⌥ for words)' },
        { keys: [['/'], [MOD, 'F']], description: 'Find text in the article and select it' },
        ...labelKeys.map((label) => ({ keys: [[label.hotkey!.toUpperCase()]], description: `Tag the selected text as ${label.name}` })),
        { keys: [[labelKeys[0]?.hotkey?.toUpperCase() ?? 'Q']], description: 'With no text selected: relabel the selected annotation' },
      ],
    },
    {
      title: 'Moving between annotations',
      items: [
        { keys: [['N'], ['J']], description: 'Next annotation' },
        { keys: [['Shift', 'N'], ['K']], description: 'Previous annotation' },
        { keys: [['Click']], description: 'Select the innermost annotation under the pointer' },
        { keys: [['Enter']], description: 'Edit the selected annotation in the panel' },
        { keys: [['Esc']], description: 'Back to the text / deselect' },
      ],
    },
    {
      title: 'Changing the selected annotation',
      items: [
        { keys: [[ALT, '←'], [ALT, '→']], description: 'Move its start a word left / right' },
        { keys: [[ALT, 'Shift', '←'], [ALT, 'Shift', '→']], description: 'Move its end a word left / right' },
        { keys: [['L']], description: 'Link it to another annotation' },
        { keys: [['Delete'], ['Backspace']], description: 'Delete it' },
      ],
    },
    {
      title: 'History and help',
      items: [
        { keys: [[MOD, 'Z']], description: 'Undo' },
        { keys: [[MOD, 'Shift', 'Z'], [MOD, 'Y']], description: 'Redo' },
        { keys: [['?']], description: 'Show or hide this list' },
      ],
    },
  ];
}
