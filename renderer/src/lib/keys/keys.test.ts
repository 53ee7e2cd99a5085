import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { allCommands, byGroup, COMMANDS, keyHint } from './commands.ts';
import { eventKeyNames, keyCaps, normalizeKeyName, type KeyPress } from './names.ts';
import { commandsAt } from './run.ts';
import { RESERVED_HOTKEYS, type Label } from '../../../../electron/shared/types.ts';

function press(key: string, code: string, held: Partial<Pick<KeyPress, 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey'>> = {}): KeyPress {
  return { key, code, altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, ...held };
}

/** Whether `binding` (as written in the table) is among the names the event goes by on `platform`. */
function matches(binding: string, event: KeyPress, platform: 'mac' | 'other' = 'other'): boolean {
  return eventKeyNames(event).includes(normalizeKeyName(binding, platform));
}

const LABELS = [
  { id: 1, name: 'Quote', hotkey: 'q' },
  { id: 2, name: 'Note', hotkey: null },
] as Label[];

describe('key names', () => {
  it('match events the way CodeMirror names them', () => {
    assert.ok(matches('Mod-z', press('z', 'KeyZ', { ctrlKey: true })));
    assert.ok(matches('Mod-z', press('z', 'KeyZ', { metaKey: true }), 'mac'));
    assert.ok(!matches('Mod-z', press('Z', 'KeyZ', { ctrlKey: true, shiftKey: true })));
    assert.ok(matches('Mod-Shift-z', press('Z', 'KeyZ', { ctrlKey: true, shiftKey: true })));
    assert.ok(matches('Alt-Shift-ArrowLeft', press('ArrowLeft', 'ArrowLeft', { altKey: true, shiftKey: true })));
    assert.ok(!matches('Alt-ArrowLeft', press('ArrowLeft', 'ArrowLeft', { altKey: true, shiftKey: true })));
    assert.ok(matches('N', press('N', 'KeyN', { shiftKey: true })));
    assert.ok(!matches('n', press('N', 'KeyN', { shiftKey: true })));
    assert.ok(matches('?', press('?', 'Slash', { shiftKey: true })));
  });

  it('read Alt and a letter by the key’s place, so ⌥T (which types †) is Alt-t', () => {
    assert.ok(matches('Alt-t', press('†', 'KeyT', { altKey: true }), 'mac'));
    assert.ok(matches('Alt-t', press('t', 'KeyT', { altKey: true })));
    assert.ok(!matches('Alt-t', press('t', 'KeyT')));
  });

  it('name the binding that has an unknown modifier', () => {
    assert.throws(() => normalizeKeyName('Hyper-x', 'other'), /Key binding "Hyper-x": unknown modifier "Hyper"/);
  });

  it('spell key caps for the platform', () => {
    assert.deepEqual(keyCaps('Mod-Shift-z', 'other'), ['Ctrl', 'Shift', 'Z']);
    assert.deepEqual(keyCaps('Mod-Shift-z', 'mac'), ['⌘', 'Shift', 'Z']);
    assert.deepEqual(keyCaps('Alt-ArrowLeft', 'mac'), ['⌥', '←']);
    assert.deepEqual(keyCaps('N', 'other'), ['Shift', 'N']);
    assert.deepEqual(keyCaps('Escape', 'other'), ['Esc']);
  });
});

describe('the keyboard map', () => {
  const commands = allCommands(LABELS);
  const keysAt = (place: 'article' | 'panel' | 'table' | 'chart' | 'anywhere', inField = false) =>
    commandsAt(commands, { scope: place, inField }).flatMap((command) => command.keys);

  it('binds every letter to the article and the annotation panel only', () => {
    for (const command of commands) {
      if (command.keys.some((key) => /^[a-z]$/i.test(key))) {
        assert.deepEqual([...command.scope].sort(), ['article', 'panel'], `${command.description} (${command.keys.join(', ')})`);
      }
    }
    assert.ok(!keysAt('anywhere').some((key) => /^[a-z]$/i.test(key)), 'no letter acts on a sidebar button or the toolbar');
    assert.ok(keysAt('article').includes('q') && keysAt('panel').includes('q'));
  });

  it('takes only Escape in a text field of the panel, and nothing in other fields', () => {
    assert.deepEqual(keysAt('panel', true), ['Escape']);
    assert.deepEqual(keysAt('anywhere', true), []);
  });

  it('lets the place’s own commands go before those that apply anywhere', () => {
    const escapes = commandsAt(commands, { scope: 'panel', inField: false }).filter((command) => command.keys.includes('Escape'));
    assert.equal(escapes[0]!.description, 'Back to the text');
  });

  it('gives a chart’s bars the arrows, Enter and Space, and no other place those of the bars', () => {
    const first = (key: string) => commandsAt(commands, { scope: 'chart', inField: false }).find((command) => command.keys.includes(key))?.id;
    assert.deepEqual(['ArrowLeft', 'ArrowDown', 'Enter', 'Space'].map(first), ['chartBar', 'chartBar', 'chartOpen', 'chartOpen']);
    assert.ok(keysAt('anywhere').includes('Alt-d') && keysAt('chart').includes('Alt-d'), 'the dashboard key works on the bars too');
    // Space elsewhere is another command's (the table's selects a row), never the bars'.
    const idsAt = (scope: 'table' | 'anywhere') => commandsAt(commands, { scope, inField: false }).map((command) => command.id);
    assert.ok(!idsAt('table').includes('chartOpen') && !idsAt('anywhere').includes('chartOpen') && !keysAt('anywhere').includes('Space'));
    assert.equal(commandsAt(commands, { scope: 'table', inField: false }).find((command) => command.keys.includes('Space'))?.id, 'tableSelect');
  });

  it('adds a tagging command for each label with a hotkey', () => {
    const tagging = commands.filter((command) => command.description.startsWith('Tag the selected text as'));
    assert.deepEqual(tagging.map((command) => command.keys), [['q']]);
    assert.equal(byGroup(commands)[0]![0], 'Tagging');
    assert.equal(byGroup(commands)[0]![1][0], tagging[0]);
  });

  it('reserves every character key it binds, so that no label can take one', () => {
    for (const key of COMMANDS.flatMap((command) => command.keys)) {
      if ([...key].length === 1) assert.ok(RESERVED_HOTKEYS.includes(key.toLowerCase()), key);
    }
  });

  it('writes every binding so that CodeMirror can read it', () => {
    for (const key of commands.flatMap((command) => command.keys)) assert.doesNotThrow(() => normalizeKeyName(key, 'mac'), key);
  });
});

describe('key hints', () => {
  it('spell a command’s keys from the keyboard map, for tooltips', () => {
    assert.equal(keyHint('redo', 'other'), 'Ctrl+Shift+Z or Ctrl+Y');
    assert.equal(keyHint('find', 'mac'), '/ or ⌘+F');
    assert.throws(() => keyHint('no-such-command'), /No command "no-such-command"/);
  });
});
