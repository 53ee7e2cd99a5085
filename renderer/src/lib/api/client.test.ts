import { test } from 'node:test';
import assert from 'node:assert/strict';
import { httpApi } from './http.ts';
import { ApiError, toApiError } from './errors.ts';

function fakeFetch(status: number, body: unknown, seen: Array<{ url: string; init: RequestInit }> = []) {
  return (async (url: string, init: RequestInit) => {
    seen.push({ url, init });
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }) as unknown as typeof fetch;
}

test('HTTP calls POST the parameters as JSON to /api/<method> with the cookie', async () => {
  const seen: Array<{ url: string; init: RequestInit }> = [];
  const api = httpApi('/api/', fakeFetch(200, [{ id: 1 }], seen));
  const result = await api.listDocuments({ query: 'talks' });
  assert.deepEqual(result, [{ id: 1 }]);
  assert.equal(seen[0]!.url, '/api/listDocuments');
  assert.equal(seen[0]!.init.method, 'POST');
  assert.equal(seen[0]!.init.credentials, 'same-origin');
  assert.equal(new Headers(seen[0]!.init.headers).get('content-type'), 'application/json');
  assert.equal(seen[0]!.init.body, JSON.stringify({ query: 'talks' }));
});

test('an error body becomes an ApiError with code and field', async () => {
  const api = httpApi('/api/', fakeFetch(400, { error: { code: 'invalid_params', message: 'name: a label needs a name', field: 'name' } }));
  await assert.rejects(api.createLabel({ name: '', color: '#000000' }), (error: unknown) => {
    assert.ok(error instanceof ApiError);
    assert.equal(error.code, 'invalid_params');
    assert.equal(error.field, 'name');
    assert.equal(error.method, 'createLabel');
    assert.match(error.message, /needs a name/);
    return true;
  });
});

test('a failure without a JSON body still says what failed', async () => {
  const api = httpApi('/api/', fakeFetch(502, 'Bad gateway'));
  await assert.rejects(api.stats({}), /stats failed: HTTP 502/);
});

test('the preload’s plain error objects and IPC-wrapped messages are normalised', () => {
  const fromPreload = toApiError('edit', { name: 'ParleyApiError', code: 'conflict', message: 'Relation exists', field: 'type' });
  assert.equal(fromPreload.code, 'conflict');
  assert.equal(fromPreload.field, 'type');
  const wrapped = toApiError('edit', new Error("Error invoking remote method 'parley:api:edit': Error: Document 9 does not exist"));
  assert.equal(wrapped.message, 'Document 9 does not exist');
  assert.equal(wrapped.code, 'internal');
});
