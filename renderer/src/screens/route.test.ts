import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatRoute, parseRoute, WORKBENCH } from './route.ts';

describe('routes', () => {
  it('read the table and a document from the hash', () => {
    assert.deepEqual(parseRoute('#/table'), { screen: 'table' });
    assert.deepEqual(parseRoute('#/document/12'), { screen: 'workbench', documentId: 12 });
  });

  it('fall back to the workbench for anything else', () => {
    for (const hash of ['', '#', '#/', '#/tables', '#/document/', '#/document/0', '#/document/-3', '#/document/1.5', '#/document/12/x', '#document/12', '#/document/99999999999999999'])
      assert.deepEqual(parseRoute(hash), WORKBENCH, hash);
  });

  it('write what they read', () => {
    for (const hash of ['#/table', '#/document/7', '#/']) assert.equal(formatRoute(parseRoute(hash)), hash);
    assert.equal(formatRoute({ screen: 'workbench', documentId: 3 }), '#/document/3');
  });
});
