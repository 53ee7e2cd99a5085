import type { AppState } from '../state/app.svelte.ts';
import type { Command, KeyScope } from './commands.ts';
import { eventKeyNames, normalizeKeyName, PLATFORM, type KeyPress } from './names.ts';

/** Where a key was pressed: the scope of the focused element (its nearest `data-key-scope`), and whether it is a text field. */
export interface KeyTarget {
  readonly scope: KeyScope;
  readonly inField: boolean;
}

export function keyTargetOf(target: EventTarget | null): KeyTarget {
  if (!(target instanceof Element)) return { scope: 'anywhere', inField: false };
  const marked = target.closest('[data-key-scope]')?.getAttribute('data-key-scope');
  const scope: KeyScope =
    marked === 'article' ||
    marked === 'panel' ||
    marked === 'table' ||
    marked === 'search' ||
    marked === 'actors' ||
    marked === 'actor' ||
    marked === 'chart' ||
    marked === 'matrix'
      ? marked
      : 'anywhere';
  const inField = scope !== 'article' && target.matches('input, textarea, select, [contenteditable]:not([contenteditable="false"])');
  return { scope, inField };
}

/**
 * The commands that apply at `target`, those of its own scope first, then those that apply anywhere. This is
 * the scope rule: a command bound to the article and the panel (every letter) is not among the commands of
 * a sidebar button, a list or the toolbar, whose scope is 'anywhere'.
 */
export function commandsAt(commands: readonly Command[], target: KeyTarget): Command[] {
  const applies = (command: Command, scope: KeyScope) =>
    command.run !== null && command.scope.includes(scope) && (!target.inField || (command.inFields === true && scope !== 'anywhere'));
  const own = target.scope === 'anywhere' ? [] : commands.filter((command) => applies(command, target.scope));
  return [...own, ...commands.filter((command) => !own.includes(command) && applies(command, 'anywhere'))];
}

/** Runs one command for one of its keys; no key acts under an open dialog, which has its own. */
export function runCommand(app: AppState, command: Command, key: string): boolean {
  return !app.dialogOpen && command.run !== null && command.run(app, key);
}

/**
 * Runs the first command that applies at `target`, has the key among its keys and accepts it; the event's
 * names are tried in turn, most specific first. Returns true when a command ran.
 */
export function runKeyAt(app: AppState, event: KeyPress, target: KeyTarget): boolean {
  const candidates = commandsAt(app.commands, target);
  for (const name of eventKeyNames(event)) {
    for (const command of candidates) {
      const key = command.keys.find((candidate) => normalizeKeyName(candidate, PLATFORM) === name);
      if (key !== undefined && runCommand(app, command, key)) return true;
    }
  }
  return false;
}

/** The window's key handling, for keys pressed outside the article (whose keymap, editor-keymap.ts, had them first). */
export function runKey(app: AppState, event: KeyPress & Pick<KeyboardEvent, 'target' | 'defaultPrevented' | 'isComposing'>): boolean {
  if (event.defaultPrevented || event.isComposing) return false;
  const target = keyTargetOf(event.target);
  return target.scope !== 'article' && runKeyAt(app, event, target);
}
