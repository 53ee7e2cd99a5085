import { Compartment, Prec, type Extension } from '@codemirror/state';
import { keymap, type EditorView, type KeyBinding } from '@codemirror/view';
import type { AppState } from '../state/app.svelte.ts';
import type { Command } from './commands.ts';
import { commandsAt, runCommand } from './run.ts';

/**
 * The article's key bindings: the commands of the keyboard map that apply in the article, as a CodeMirror
 * keymap, before the editor's own bindings. The label hotkeys change with the schema, so the keymap sits in a
 * compartment that `updateArticleKeymap` refills.
 */
const articleKeys = new Compartment();

export function articleKeymap(app: AppState): Extension {
  return Prec.highest(articleKeys.of(keymap.of(articleBindings(app, app.commands))));
}

export function updateArticleKeymap(view: EditorView, app: AppState, commands: readonly Command[]): void {
  view.dispatch({ effects: articleKeys.reconfigure(keymap.of(articleBindings(app, commands))) });
}

export function articleBindings(app: AppState, commands: readonly Command[]): KeyBinding[] {
  return commandsAt(commands, { scope: 'article', inField: false }).flatMap((command) =>
    command.keys.map((key) => ({ key, run: () => runCommand(app, command, key) })),
  );
}
