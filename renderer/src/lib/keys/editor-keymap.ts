import { Prec, type Extension } from '@codemirror/state';
import { keymap } from '@codemirror/view';
import type { AppState } from '../state/app.svelte.ts';
import { runKeyAt } from './run.ts';

/**
 * The article's key bindings: the commands of the keyboard map that apply in the article, before the editor's
 * own. One `any` binding matches them by names.ts, as the window does, rather than one `{ key, run }` binding
 * per key: CodeMirror reads a character held with Ctrl or Cmd without Shift first, so Ctrl+Shift+Z reported as
 * `z` (as synthetic and some real events are) would run Mod-z, undoing what it should redo. The map is read
 * at each key press, so a change of label hotkeys needs no new extension.
 */
export function articleKeymap(app: AppState): Extension {
  return Prec.highest(keymap.of([{ any: (_view, event) => !event.isComposing && runKeyAt(app, event, ARTICLE) }]));
}

const ARTICLE = { scope: 'article', inField: false } as const;
