/**
 * Key names as CodeMirror writes them (`Mod-Shift-z`, `Alt-ArrowLeft`, `?`), so that the keyboard map reads
 * like a CodeMirror keymap. This module matches key events to those names, in the article (through its
 * `keymap.of`) and in the window alike, and spells them for people.
 */

export type Platform = 'mac' | 'other';

export const PLATFORM: Platform =
  typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent) ? 'mac' : 'other';

/** The part of a KeyboardEvent that names a key. */
export type KeyPress = Pick<KeyboardEvent, 'key' | 'code' | 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey'>;

/** A binding's name in CodeMirror's canonical form (modifiers in one order, `Mod` resolved for the platform). */
export function normalizeKeyName(name: string, platform: Platform): string {
  const parts = name.split(/-(?!$)/);
  const key = parts.pop()!;
  const held = new Set<string>();
  for (const part of parts) {
    const modifier = /^mod$/i.test(part) ? (platform === 'mac' ? 'Meta' : 'Ctrl') : MODIFIER_NAMES[part.toLowerCase()];
    if (!modifier) throw new Error(`Key binding "${name}": unknown modifier "${part}"`);
    held.add(modifier);
  }
  return withModifiers(key === 'Space' ? ' ' : key, held);
}

/**
 * The names a key event goes by, most specific first. As in CodeMirror: a character is named without Shift,
 * which already changed it (`?`, `N`), and then also with it (`Shift-n`); with Alt, Ctrl or Cmd held, the
 * character is also named by the key's place (`KeyT` is `t`), so that Alt-t works on layouts where Alt types
 * another character (⌥T types † on a Mac). Unlike CodeMirror, a character held with Ctrl or Cmd is named with
 * Shift first: the key it reports does not reliably say whether Shift was down (Ctrl+Shift+Z may arrive as
 * `z`), and Mod-z must not undo what Mod-Shift-z redoes.
 */
export function eventKeyNames(event: KeyPress): string[] {
  const name = event.key === 'Esc' ? 'Escape' : event.key === 'Del' ? 'Delete' : event.key;
  const isChar = [...name].length === 1 && name !== ' ';
  const held = new Set<string>();
  if (event.altKey) held.add('Alt');
  if (event.ctrlKey) held.add('Ctrl');
  if (event.metaKey) held.add('Meta');
  const withShift = new Set(held);
  if (event.shiftKey) withShift.add('Shift');
  if (!isChar) return [withModifiers(name, withShift)];
  const byPlace = /^(?:Key([A-Z])|Digit(\d))$/.exec(event.code);
  const base = byPlace ? (byPlace[1] ?? byPlace[2]!).toLowerCase() : null;
  const names: string[] = [];
  if (base !== null && (event.ctrlKey || event.metaKey)) names.push(withModifiers(base, withShift));
  names.push(withModifiers(name, held));
  if (base !== null && held.size > 0) names.push(withModifiers(base, withShift));
  if (event.shiftKey) names.push(withModifiers(name, withShift));
  return [...new Set(names)];
}

/** The key caps to show for a binding: `Mod-Shift-z` is Ctrl, Shift, Z (⌘ on a Mac); `N` is Shift, N. */
export function keyCaps(name: string, platform: Platform = PLATFORM): string[] {
  const parts = name.split(/-(?!$)/);
  const key = parts.pop()!;
  const caps = parts.map((part) => (/^mod$/i.test(part) ? (platform === 'mac' ? '⌘' : 'Ctrl') : /^alt$/i.test(part) && platform === 'mac' ? '⌥' : part));
  if (key.length === 1 && key !== key.toLowerCase()) caps.push('Shift');
  caps.push(KEY_CAPS[key] ?? key.toUpperCase());
  return caps;
}

const MODIFIER_NAMES: Record<string, string> = { a: 'Alt', alt: 'Alt', c: 'Ctrl', ctrl: 'Ctrl', control: 'Ctrl', s: 'Shift', shift: 'Shift', m: 'Meta', meta: 'Meta', cmd: 'Meta' };

const KEY_CAPS: Record<string, string> = {
  ArrowLeft: '←',
  ArrowRight: '→',
  ArrowUp: '↑',
  ArrowDown: '↓',
  PageUp: 'PgUp',
  PageDown: 'PgDn',
  Escape: 'Esc',
  Home: 'Home',
  End: 'End',
  Enter: 'Enter',
  Delete: 'Delete',
  Backspace: 'Backspace',
  Click: 'Click',
  Space: 'Space',
};

/** CodeMirror's order: Shift-Meta-Ctrl-Alt-key. */
function withModifiers(key: string, held: ReadonlySet<string>): string {
  let name = key;
  for (const modifier of ['Alt', 'Ctrl', 'Meta', 'Shift']) if (held.has(modifier)) name = `${modifier}-${name}`;
  return name;
}
