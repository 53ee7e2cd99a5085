import { DOCUMENT_STATUSES, type Label } from '../../../../electron/shared/types.ts';
import type { AppState } from '../state/app.svelte.ts';
import { keyCaps, PLATFORM, type Platform } from './names.ts';

/**
 * Where a key binding applies (its scope), by where the focus is: the article text, the annotation panel (its buttons, not
 * its text fields), the rows of the annotations table, of the Actors screen or of an actor's page, the positions
 * matrix's cells, the corpus search's results, the dashboard's chart bars, or anywhere outside text fields and open
 * dialogs. A key bound to the article and the panel does nothing with the focus on a sidebar button, a list or the toolbar.
 */
export type KeyScope = 'article' | 'panel' | 'table' | 'actors' | 'actor' | 'matrix' | 'search' | 'chart' | 'anywhere';

export type CommandGroup =
  | 'Tagging'
  | 'Moving between annotations'
  | 'Changing the selected annotation'
  | 'History and help'
  | 'Documents'
  | 'Annotations table'
  | 'Actors'
  | 'Corpus search'
  | 'Dashboard';

/** The screens that are lists of rows: the keys that move through rows and open one work in each. */
const ROWS: readonly KeyScope[] = ['table', 'actors', 'actor'];

/**
 * One command of the keyboard map: its keys (CodeMirror key names), what it does, and where. The editor's
 * keymap, the window's key handling and the "Keyboard shortcuts" dialog all read this table.
 */
export interface Command {
  /** Names the command for tooltips and menus (`keyHint`); label hotkeys are `tag-<label id>`. */
  readonly id: string;
  readonly keys: readonly string[];
  /**
   * Runs the command for the key (one of `keys`) that was pressed; false when it does not apply now, so the
   * key goes on to the next binding or the browser. Null for what the editor or the pointer does by itself,
   * listed for the dialog.
   */
  readonly run: ((app: AppState, key: string) => boolean) | null;
  readonly description: string;
  readonly group: CommandGroup;
  readonly scope: readonly KeyScope[];
  /** Also with the focus in a text field of its place (Escape leaves the panel's fields; fields that use Escape stop it first). */
  readonly inFields?: boolean;
}

const IN_DOCUMENT: readonly KeyScope[] = ['article', 'panel'];

/** The static part of the keyboard map; `allCommands(labels)` adds the label hotkeys from the schema. */
export const COMMANDS: readonly Command[] = [
  {
    id: 'selectText',
    keys: ['Shift-ArrowLeft', 'Shift-ArrowRight'],
    run: null,
    description: 'Select text by character (add Ctrl/⌥ for words)',
    group: 'Tagging',
    scope: ['article'],
  },
  { id: 'find', keys: ['/', 'Mod-f'], run: (app) => app.openFind(), description: 'Find text in the article and select it', group: 'Tagging', scope: ['anywhere'] },

  { id: 'nextAnnotation', keys: ['n', 'j'], run: (app) => app.step(1), description: 'Next annotation', group: 'Moving between annotations', scope: IN_DOCUMENT },
  { id: 'previousAnnotation', keys: ['N', 'k'], run: (app) => app.step(-1), description: 'Previous annotation', group: 'Moving between annotations', scope: IN_DOCUMENT },
  { id: 'clickSelect', keys: ['Click'], run: null, description: 'Select the innermost annotation under the pointer', group: 'Moving between annotations', scope: ['article'] },
  { id: 'editSelected', keys: ['Enter'], run: (app) => app.editSelected(), description: 'Edit the selected annotation in the panel', group: 'Moving between annotations', scope: ['article'] },
  { id: 'backToText', keys: ['Escape'], run: (app) => app.returnToArticle(), description: 'Back to the text', group: 'Moving between annotations', scope: ['panel'], inFields: true },
  { id: 'cancelOrDeselect', keys: ['Escape'], run: (app) => app.cancelOrDeselect(), description: 'Cancel linking, or deselect', group: 'Moving between annotations', scope: ['anywhere'] },

  // The dashboard's keys come before those that change an annotation, so that the Shortcuts dialog's two columns
  // still balance within a 1280x800 window (e2e/polish.spec.ts).
  { id: 'toggleDashboard', keys: ['Alt-d'], run: (app) => app.toggleDashboard(), description: 'Show the dashboard, or go back', group: 'Dashboard', scope: ['anywhere'] },
  {
    id: 'chartBar',
    keys: ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown'],
    run: (app, key) => app.dashboard.moveFocus(key === 'ArrowLeft' || key === 'ArrowUp' ? -1 : 1),
    description: 'Previous / next bar',
    group: 'Dashboard',
    scope: ['chart'],
  },
  { id: 'chartOpen', keys: ['Enter', 'Space'], run: (app) => app.openFocusedBar(), description: 'Open the table on what the bar counts', group: 'Dashboard', scope: ['chart'] },

  {
    id: 'moveStart',
    keys: ['Alt-ArrowLeft', 'Alt-ArrowRight'],
    run: (app, key) => app.nudgeSelected('start', key === 'Alt-ArrowLeft' ? -1 : 1),
    description: 'Move its start a word left / right',
    group: 'Changing the selected annotation',
    scope: IN_DOCUMENT,
  },
  {
    id: 'moveEnd',
    keys: ['Alt-Shift-ArrowLeft', 'Alt-Shift-ArrowRight'],
    run: (app, key) => app.nudgeSelected('end', key === 'Alt-Shift-ArrowLeft' ? -1 : 1),
    description: 'Move its end a word left / right',
    group: 'Changing the selected annotation',
    scope: IN_DOCUMENT,
  },
  { id: 'link', keys: ['l', 'L'], run: (app) => app.linkSelected(), description: 'Link it to another annotation', group: 'Changing the selected annotation', scope: IN_DOCUMENT },
  { id: 'delete', keys: ['Delete', 'Backspace'], run: (app) => app.deleteSelected(), description: 'Delete it', group: 'Changing the selected annotation', scope: IN_DOCUMENT },

  { id: 'undo', keys: ['Mod-z'], run: (app) => app.undo(), description: 'Undo', group: 'History and help', scope: ['anywhere'] },
  { id: 'redo', keys: ['Mod-Shift-z', 'Mod-y'], run: (app) => app.redo(), description: 'Redo', group: 'History and help', scope: ['anywhere'] },
  { id: 'showShortcuts', keys: ['?'], run: (app) => app.toggleDialog('shortcuts'), description: 'Show or hide this list', group: 'History and help', scope: ['anywhere'] },

  {
    id: 'documentStatus',
    keys: ['Alt-1', 'Alt-2', 'Alt-3'],
    run: (app, key) => app.setDocumentStatus(DOCUMENT_STATUSES[Number(key.slice(-1)) - 1]!),
    description: 'Mark the document New / In progress / Done',
    group: 'Documents',
    scope: ['anywhere'],
  },

  { id: 'toggleTable', keys: ['Alt-t'], run: (app) => app.toggleTable(), description: 'Show the table of every annotation, or go back to the document', group: 'Annotations table', scope: ['anywhere'] },
  { id: 'togglePositions', keys: ['Alt-p'], run: (app) => app.togglePositions(), description: 'Positions matrix, or back to the document', group: 'Annotations table', scope: ['anywhere'] },
  {
    id: 'tableRow',
    keys: ['ArrowUp', 'ArrowDown', 'Shift-ArrowUp', 'Shift-ArrowDown', 'ArrowLeft', 'ArrowRight'],
    // With Shift, the table's rows are selected for a bulk action on the way; the other lists only move. In the
    // matrix, the arrows move the active cell across rows and columns.
    run: (app, key) => {
      const by = key.endsWith('Up') || key === 'ArrowLeft' ? -1 : 1;
      if (app.view === 'positions') return key === 'ArrowLeft' || key === 'ArrowRight' ? app.moveInMatrix(0, by) : app.moveInMatrix(by, 0);
      if (key === 'ArrowLeft' || key === 'ArrowRight') return false;
      return key.startsWith('Shift') ? app.view === 'table' && app.table.extendFocusBy(by) : (app.rows?.moveFocusBy(by) ?? false);
    },
    description: 'Previous / next row (in the table, with Shift, selecting; in the matrix, also column)',
    group: 'Annotations table',
    scope: [...ROWS, 'matrix'],
  },
  {
    id: 'tablePage',
    keys: ['PageUp', 'PageDown'],
    run: (app, key) => app.rows?.moveFocusBy((key === 'PageUp' ? -1 : 1) * app.rows.pageRows) ?? false,
    description: 'Move a screenful up / down',
    group: 'Annotations table',
    scope: ROWS,
  },
  {
    id: 'tableEnds',
    keys: ['Home', 'End', 'Mod-Home', 'Mod-End'],
    run: (app, key) => app.rows?.moveFocusTo(key.endsWith('Home') ? 'first' : 'last') ?? false,
    description: 'First / last row',
    group: 'Annotations table',
    scope: ROWS,
  },
  {
    id: 'tableSelect',
    keys: ['Space', 'Mod-a'],
    run: (app, key) => (key === 'Space' ? app.table.toggleFocused() : app.table.selectAll()),
    description: 'Select the row / every row the filter takes',
    group: 'Annotations table',
    scope: ['table'],
  },
  { id: 'tableOpen', keys: ['Enter'], run: (app) => app.openFocused(), description: 'Open the row (annotation, actor’s page), or the cell’s positions', group: 'Annotations table', scope: [...ROWS, 'matrix'] },
  { id: 'tableFilter', keys: ['/', 'Mod-f'], run: (app) => app.focusScreenFilter(), description: 'Filter the table or the actors', group: 'Annotations table', scope: ['anywhere'] },
  { id: 'tableLeave', keys: ['Escape'], run: (app) => app.leaveScreen(), description: 'Unselect, or back (from an actor’s page, to the actors)', group: 'Annotations table', scope: ['anywhere'] },

  { id: 'toggleActors', keys: ['Alt-a'], run: (app) => app.toggleActors(), description: 'Show the actors, or go back to the document', group: 'Actors', scope: ['anywhere'] },
  { id: 'actorEdit', keys: ['F2'], run: (app) => app.actors.ask('edit'), description: 'Edit the actor: name, kind, aliases, id', group: 'Actors', scope: ['actors'] },
  { id: 'actorMerge', keys: ['Alt-m'], run: (app) => app.actors.ask('merge'), description: 'Merge the actor with another', group: 'Actors', scope: ['actors'] },
  { id: 'actorDelete', keys: ['Delete'], run: (app) => app.actors.askDelete(), description: 'Delete the actor (asks first; undoable)', group: 'Actors', scope: ['actors'] },

  { id: 'searchCorpus', keys: ['Mod-Shift-f'], run: (app) => app.showSearch(), description: 'Search every document', group: 'Corpus search', scope: ['anywhere'] },
  {
    id: 'searchHit',
    keys: ['ArrowUp', 'ArrowDown'],
    run: (app, key) => app.search.moveBy(key === 'ArrowUp' ? -1 : 1),
    description: 'Previous / next hit in the results',
    group: 'Corpus search',
    scope: ['search'],
  },
  { id: 'searchOpen', keys: ['Enter'], run: (app) => app.openCurrentHit(), description: 'Open the hit in its article, selected', group: 'Corpus search', scope: ['search'] },
  {
    id: 'stepHit',
    keys: ['F3', 'Shift-F3'],
    run: (app, key) => app.stepHit(key === 'Shift-F3' ? -1 : 1),
    description: 'Next / previous hit, opened in its article',
    group: 'Corpus search',
    scope: ['anywhere'],
  },
  { id: 'searchLeave', keys: ['Escape'], run: (app) => app.leaveSearch(), description: 'Back to the document', group: 'Corpus search', scope: ['anywhere'] },
];

/** The whole keyboard map: the label hotkeys of the schema (tag the selection, or relabel the selected annotation), then COMMANDS. */
export function allCommands(labels: readonly Label[]): Command[] {
  const tagging: Command[] = labels
    .filter((label) => label.hotkey !== null)
    .map((label) => ({
      id: `tag-${label.id}`,
    keys: [label.hotkey!],
      run: (app: AppState) => app.tagWith(label),
      description: `Tag the selected text as ${label.name}, or relabel the selected annotation`,
      group: 'Tagging',
      scope: IN_DOCUMENT,
    }));
  return [...tagging, ...COMMANDS];
}

/** The commands by group, for the dialog: groups in the order they first appear, commands in table order. */
export function byGroup(commands: readonly Command[]): [CommandGroup, Command[]][] {
  const groups: [CommandGroup, Command[]][] = [];
  for (const command of commands) {
    const group = groups.find(([name]) => name === command.group);
    if (group) group[1].push(command);
    else groups.push([command.group, [command]]);
  }
  return groups;
}

/** A command's keys as a tooltip writes them (`/ or Ctrl+F`), so that tooltips say what the keyboard map does. */
export function keyHint(id: string, platform: Platform = PLATFORM): string {
  const command = COMMANDS.find((candidate) => candidate.id === id);
  if (!command) throw new Error(`No command "${id}" in the keyboard map`);
  return command.keys.map((key) => keyCaps(key, platform).join('+')).join(' or ');
}
