import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { isReachable, loadWindowState } from './window-state.ts';

const laptop = { x: 0, y: 0, width: 1440, height: 875 };
const monitorOnTheRight = { x: 1440, y: 0, width: 2560, height: 1415 };

const folder = mkdtempSync(join(tmpdir(), 'parley-window-state-'));
let files = 0;

function stateFile(contents: string): string {
  const file = join(folder, `window-state-${files++}.json`);
  writeFileSync(file, contents);
  return file;
}

describe('window state', () => {
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('restores saved bounds that are still on a display', () => {
    const file = stateFile(JSON.stringify({ x: 1600, y: 100, width: 1200, height: 800, maximized: true }));
    assert.deepEqual(loadWindowState(file, [laptop, monitorOnTheRight]), {
      bounds: { x: 1600, y: 100, width: 1200, height: 800 },
      maximized: true,
    });
  });

  it('falls back to a centred default when the display it was on is gone', () => {
    const file = stateFile(JSON.stringify({ x: 1600, y: 100, width: 1200, height: 800, maximized: false }));
    const state = loadWindowState(file, [laptop]);
    assert.equal(state.bounds.x, undefined);
    assert.equal(state.maximized, false);
  });

  it('ignores a corrupt or implausible file', () => {
    for (const contents of ['{', '[]', '{"x":0,"y":0,"width":10,"height":10,"maximized":false}', '{"x":"0","y":0,"width":900,"height":700}']) {
      assert.equal(loadWindowState(stateFile(contents), [laptop]).bounds.x, undefined, contents);
    }
  });

  it('needs part of the title bar on screen, not just a corner of the window', () => {
    assert.equal(isReachable({ x: 100, y: 100, width: 800, height: 600 }, [laptop]), true);
    // Only the bottom edge peeks in from above the screen: the title bar cannot be grabbed.
    assert.equal(isReachable({ x: 100, y: -590, width: 800, height: 600 }, [laptop]), false);
    // Only 40 px at the left edge of the screen.
    assert.equal(isReachable({ x: -760, y: 100, width: 800, height: 600 }, [laptop]), false);
  });
});
