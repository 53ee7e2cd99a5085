import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import type { Label } from '../../shared/types.ts';
import { temporaryDir, workspacePath } from '../../test/helpers.ts';
import { openBackend, recoverWorkspace } from '../backend.ts';
import { BackendClient, type MessageChannelLike } from './backend-protocol.ts';
import { serveBackend } from './serve-backend.ts';

const dir = temporaryDir();

function over(port: MessagePort): MessageChannelLike {
  return { post: (message) => port.postMessage(message), onMessage: (listener) => port.on('message', listener) };
}

/** A backend served on one end of a real MessageChannel and a client on the other, as main and the utility process. */
function connected(): { client: BackendClient; ports: MessagePort[] } {
  const { port1, port2 } = new MessageChannel();
  serveBackend(over(port1), (path, seedSamples) => openBackend(path, { seedSamples }), recoverWorkspace);
  return { client: new BackendClient(over(port2)), ports: [port1, port2] };
}

describe('the backend process protocol', () => {
  test('opens a workspace and answers calls, errors as the structured bodies the preload expects', async () => {
    const { client, ports } = connected();
    const path = workspacePath(dir);
    assert.deepEqual(await client.open(path, true), { path });
    const labels = await client.call('listLabels', {});
    assert.equal(labels.ok, true);
    assert.deepEqual((labels as { result: Label[] }).result.map((label) => label.name), ['Quote', 'Claim', 'Position', 'Actor']);
    const documents = await client.call('stats', {});
    assert.equal((documents as { result: { documents: number } }).result.documents > 0, true, 'the samples were added');
    assert.deepEqual(await client.call('openDocument', { id: 'one' }), {
      type: 'answer',
      id: 4,
      ok: false,
      error: { code: 'invalid_params', message: 'openDocument: id: Invalid input: expected number, received string', field: 'id' },
    });
    await client.close();
    ports.forEach((port) => port.close());
  });

  test('a workspace that fails to open leaves the one open in place', async () => {
    const { client, ports } = connected();
    const good = workspacePath(dir);
    await client.open(good, false);
    const broken = join(dir, 'not-a-workspace.parley');
    writeFileSync(broken, 'this is not SQLite, it is a shopping list\n'.repeat(200));
    await assert.rejects(client.open(broken, false), /is not a Parley workspace/);
    const info = await client.call('workspaceInfo', {});
    assert.equal((info as { result: { path: string } }).result.path, good);
    await client.close();
    const afterClose = await client.call('workspaceInfo', {});
    assert.deepEqual(afterClose.ok ? null : afterClose.error.message, 'No workspace is open');
    ports.forEach((port) => port.close());
  });

  test('a gone backend process fails what was waiting, plainly', async () => {
    const { port1, port2 } = new MessageChannel();
    const client = new BackendClient(over(port2));
    const waiting = client.call('stats', {});
    client.failAll('The backend process stopped');
    assert.deepEqual(await waiting, { type: 'answer', id: 1, ok: false, error: { code: 'internal', message: 'The backend process stopped' } });
    port1.close();
  });
});
