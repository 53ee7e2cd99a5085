import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { temporaryDir, workspacePath } from '../../test/helpers.ts';
import Database from 'better-sqlite3';
import { ParleyError } from '../errors.ts';
import { openDatabase } from './database.ts';
import { SqliteStore } from './sqlite-store.ts';

const dir = temporaryDir();

describe('SqliteStore transactions', () => {
  test('wait for another connection’s write on timers, so the thread goes on meanwhile', async () => {
    const path = workspacePath(dir);
    const store = new SqliteStore(openDatabase(path));
    const other = openDatabase(path);
    // Another connection (a worker's import, the CLI) holds the write lock, and lets go 150 ms from now, from a
    // timer on this very thread: were the store's wait a sleep on the thread, the timer could never fire.
    other.exec('BEGIN IMMEDIATE');
    other.prepare("INSERT INTO settings (key, value) VALUES ('from-other', '1')").run();
    setTimeout(() => other.exec('COMMIT'), 150);
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 10);
    const started = performance.now();
    const seen = await store
      .write(async (tx) => {
        await tx.putSetting('from-store', 2);
        return tx.settings();
      })
      .finally(() => clearInterval(ticker));
    assert.ok(performance.now() - started >= 140, 'the write waited for the other connection');
    assert.ok(ticks >= 5, `the thread ran ${ticks} timer ticks while waiting`);
    assert.equal(seen.get('from-other'), 1, 'and then saw what the other connection committed');
    assert.equal(seen.get('from-store'), 2);
    other.close();
    await store.close();
  });

  test('run one at a time, in the order asked, though each awaits between its statements', async () => {
    const store = new SqliteStore(openDatabase(workspacePath(dir)));
    const order: string[] = [];
    const first = store.write(async (tx) => {
      order.push('first starts');
      await new Promise((resolve) => setTimeout(resolve, 20));
      await tx.putSetting('n', 1);
      order.push('first ends');
    });
    const second = store.read(async (tx) => {
      order.push(`second reads ${String((await tx.settings()).get('n'))}`);
    });
    await Promise.all([first, second]);
    assert.deepEqual(order, ['first starts', 'first ends', 'second reads 1']);
    await store.close();
  });

  test('take back all of a write that throws, and a savepoint alone', async () => {
    const store = new SqliteStore(openDatabase(workspacePath(dir)));
    await assert.rejects(
      store.write(async (tx) => {
        await tx.putSetting('kept?', true);
        throw new Error('refused');
      }),
      /refused/,
    );
    const settings = await store.write(async (tx) => {
      await tx.putSetting('outer', true);
      await assert.rejects(
        tx.savepoint(async () => {
          await tx.putSetting('inner', true);
          throw new Error('inner refused');
        }),
        /inner refused/,
      );
      return tx.settings();
    });
    assert.equal(settings.has('kept?'), false);
    assert.equal(settings.has('inner'), false);
    assert.equal(settings.get('outer'), true);
    await store.close();
  });
});

describe('SqliteStore when the disk or the file refuses a write', () => {
  /** Every row of the settings table, the table the writes below go to. */
  const settings = (path: string) => {
    const db = openDatabase(path);
    const rows = db.prepare('SELECT key, value FROM settings ORDER BY key').all();
    db.close();
    return rows;
  };

  test('a full disk: the whole change is refused in plain words, and what was stored stays as it was', async () => {
    const path = workspacePath(dir);
    const db = openDatabase(path);
    const store = new SqliteStore(db);
    await store.write((tx) => tx.putSetting('kept', 'before'));
    const before = settings(path);
    // The file may not grow by another page: what SQLite answers when the disk is full.
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    await assert.rejects(
      store.write(async (tx) => {
        await tx.putSetting('kept', 'changed');
        await tx.putSetting('large', 'x'.repeat(1_000_000));
      }),
      (error: unknown) => error instanceof ParleyError && /^The disk that holds .* is full: nothing of this change was stored\. Free some space, then do it again\.$/.test(error.message),
    );
    assert.deepEqual(settings(path), before);
    // Once there is room again, writes go on.
    db.pragma('max_page_count = 1073741823');
    await store.write((tx) => tx.putSetting('after', 1));
    db.close();
  });

  test('a read-only file: refused in plain words, nothing written', async () => {
    const path = workspacePath(dir);
    openDatabase(path).close();
    const readonly = new Database(path, { readonly: true });
    const store = new SqliteStore(readonly);
    await assert.rejects(
      store.write((tx) => tx.putSetting('never', 1)),
      (error: unknown) => error instanceof ParleyError && /cannot be written \(the file or its folder is read-only\): nothing of this change was stored/.test(error.message),
    );
    readonly.close();
    assert.deepEqual(settings(path).filter((row) => (row as { key: string }).key === 'never'), []);
  });
});
