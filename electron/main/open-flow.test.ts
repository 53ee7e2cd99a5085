import Database from 'better-sqlite3';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { temporaryDir, workspacePath } from '../test/helpers.ts';
import { openBackend, recoverWorkspace } from '../core/backend.ts';
import { recoveryPath } from '../core/errors.ts';
import { BackendClient, type MessageChannelLike } from '../core/host/backend-protocol.ts';
import { serveBackend } from '../core/host/serve-backend.ts';
import { openWorkspaceOrExplain, recoveryQuestion, type OpenFlowHost } from './open-flow.ts';

const dir = temporaryDir();

function over(port: MessagePort): MessageChannelLike {
  return { post: (message) => port.postMessage(message), onMessage: (listener) => port.on('message', listener) };
}

/**
 * The desktop app's backend process as the main process talks to it (a real backend over a real MessageChannel),
 * with the analyst's answers to the dialogs given in advance and what the dialogs said recorded.
 */
function desktop(answers: { recover: boolean; saveAs?: (suggested: string) => string | null }) {
  const { port1, port2 } = new MessageChannel();
  serveBackend(over(port1), (path, seedSamples) => openBackend(path, { seedSamples }), recoverWorkspace);
  const client = new BackendClient(over(port2));
  const said: string[] = [];
  const host: OpenFlowHost = {
    open: async (path) => void (await client.open(path, false)),
    recover: (damaged, out) => client.recover(damaged, out),
    showError: async (title, detail) => void said.push(`error: ${title}: ${detail}`),
    ask: async (question) => {
      said.push(`asked: ${question.message}: ${question.detail}`);
      return answers.recover ? question.defaultId : question.cancelId;
    },
    chooseRecoveryPath: async (suggested) => (answers.saveAs ? answers.saveAs(suggested) : suggested),
    showRecovered: async (detail) => void said.push(`recovered: ${detail}`),
  };
  const openPath = async () => {
    const info = await client.call('workspaceInfo', {});
    return info.ok ? (info.result as { path: string }).path : null;
  };
  const documents = async () => {
    const stats = await client.call('stats', {});
    return stats.ok ? (stats.result as { documents: number }).documents : null;
  };
  const close = async () => {
    await client.close();
    port1.close();
    port2.close();
  };
  return { host, said, openPath, documents, close };
}

async function sampleWorkspace(): Promise<string> {
  const path = workspacePath(dir);
  await (await openBackend(path, { seedSamples: true })).close();
  const db = new Database(path);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return path;
}

/** A workspace whose settings page (read as it opens) is garbage: it fails to open, yet its documents can be read. */
async function damagedWorkspace(): Promise<string> {
  const path = await sampleWorkspace();
  const db = new Database(path, { readonly: true });
  const pages = db.prepare("SELECT pageno FROM dbstat WHERE name = 'settings' AND pagetype = 'leaf'").pluck().all() as number[];
  db.close();
  const bytes = readFileSync(path);
  for (const page of pages) bytes.fill(0xa5, (page - 1) * 4096, page * 4096);
  writeFileSync(path, bytes);
  return path;
}

describe('opening a workspace in the desktop app', () => {
  test('a damaged workspace: recovery is offered, what can be read goes to a new file, which is then open', async () => {
    const app = desktop({ recover: true });
    const current = await sampleWorkspace();
    assert.equal(await openWorkspaceOrExplain(current, app.host), current);
    const damaged = await damagedWorkspace();
    const before = readFileSync(damaged);
    const opened = await openWorkspaceOrExplain(damaged, app.host);
    assert.equal(opened, recoveryPath(damaged), app.said.join('\n'));
    assert.equal(await app.openPath(), opened);
    assert.equal(await app.documents(), 5, 'the sample articles were recovered');
    assert.deepEqual(readFileSync(damaged), before, 'the damaged file was only read');
    assert.equal(app.said.length, 2, app.said.join('\n'));
    assert.ok(app.said[0]!.startsWith(`asked: This workspace is damaged: ${damaged} is damaged (SQLite says: database disk image is malformed). It has not been changed.`), app.said[0]);
    assert.ok(app.said[1]!.startsWith(`recovered: Recovered what could be read of ${damaged} into ${opened} (the damaged file was only read):\n`), app.said[1]);
    assert.match(app.said[1]!, /\n {2}documents +5 recovered, 0 lost\n/);
    assert.match(app.said[1]!, /\n {2}settings +0 recovered, /);
    await app.close();
  });

  test('declining recovery, or cancelling where to put it, leaves the workspace that was open, usable', async () => {
    for (const answers of [{ recover: false }, { recover: true, saveAs: () => null }]) {
      const app = desktop(answers);
      const current = await sampleWorkspace();
      await openWorkspaceOrExplain(current, app.host);
      const damaged = await damagedWorkspace();
      assert.equal(await openWorkspaceOrExplain(damaged, app.host), null);
      assert.equal(await app.openPath(), current);
      assert.equal(await app.documents(), 5);
      assert.equal(existsSync(recoveryPath(damaged)), false, 'nothing was written');
      await app.close();
    }
  });

  test('a file that is no workspace, or one recovery cannot save: said with the file, and the app goes on with the open one and then another', async () => {
    const app = desktop({ recover: true });
    const current = await sampleWorkspace();
    await openWorkspaceOrExplain(current, app.host);
    const shoppingList = `${dir}/shopping.parley`;
    writeFileSync(shoppingList, 'eggs, milk, bread\n'.repeat(300));
    assert.equal(await openWorkspaceOrExplain(shoppingList, app.host), null);
    assert.equal(app.said.pop(), `error: Could not open the workspace: ${shoppingList}\n\n${shoppingList} is not a Parley workspace (SQLite says: file is not a database). It has not been changed.`);
    // Its list of tables is garbage too: the open fails as damaged, and recovery can save nothing.
    const hopeless = await damagedWorkspace();
    const bytes = readFileSync(hopeless);
    bytes.fill(0x5a, 100, 4096);
    writeFileSync(hopeless, bytes);
    assert.equal(await openWorkspaceOrExplain(hopeless, app.host), null);
    const refused = app.said.pop()!;
    assert.ok(refused.startsWith(`error: Could not recover the workspace: ${hopeless}\n\n`) && refused.includes('nothing to recover'), refused);
    assert.equal(existsSync(recoveryPath(hopeless)), false);
    assert.equal(await app.openPath(), current);
    assert.equal(await app.documents(), 5);
    const another = await sampleWorkspace();
    assert.equal(await openWorkspaceOrExplain(another, app.host), another);
    assert.equal(await app.openPath(), another);
    await app.close();
  });

  test('the recovery question says which file, that it is only read, and defaults to recovering', () => {
    const question = recoveryQuestion('/news/ukraine.parley', 'It is damaged.');
    assert.equal(question.buttons[question.defaultId], 'Recover into a New File…');
    assert.equal(question.buttons[question.cancelId], 'Cancel');
    assert.match(question.detail, /^It is damaged\.\n\n.*\/news\/ukraine\.parley itself is only read, never changed\.$/);
  });
});
