import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatRoute, parseRoute, WORKBENCH } from './route.ts';

describe('routes', () => {
  it('read the screens and a document from the hash', () => {
    assert.deepEqual(parseRoute('#/table'), { screen: 'table' });
    assert.deepEqual(parseRoute('#/document/12'), { screen: 'workbench', documentId: 12 });
    assert.deepEqual(parseRoute('#/actors'), { screen: 'actors' });
    assert.deepEqual(parseRoute('#/actor/7'), { screen: 'actor', actorId: 7 });
    assert.deepEqual(parseRoute('#/positions'), { screen: 'positions' });
    assert.deepEqual(parseRoute('#/dashboard'), { screen: 'dashboard' });
    assert.deepEqual(parseRoute('#/search?q=%22no+compromise%22+AND+Pokrovsk'), { screen: 'search', query: '"no compromise" AND Pokrovsk' });
  });

  it('read the table filter, leaving out what is not an id or a day', () => {
    assert.deepEqual(parseRoute('#/table?label=2&label=5&actor=7&from=2025-03-01&to=2025-03-31&text=Ушаков'), {
      screen: 'table',
      filter: { text: 'Ушаков', labelIds: [2, 5], actorIds: [7], publishedFrom: '2025-03-01', publishedTo: '2025-03-31' },
    });
    assert.deepEqual(parseRoute('#/table?label=x&actor=0&from=March'), { screen: 'table' });
  });

  it('read every column of the table filter: attributes, document status and tag, origin, author', () => {
    assert.deepEqual(parseRoute('#/table?attr=verdict:unverified&attr=topic:a:b&flag=checked:true&status=done&status=in_progress&tag=4&origin=imported&author=Анна'), {
      screen: 'table',
      filter: {
        attributes: [{ name: 'verdict', value: 'unverified' }, { name: 'topic', value: 'a:b' }, { name: 'checked', value: true }],
        documentStatuses: ['done', 'in_progress'],
        documentTagIds: [4],
        origins: ['imported'],
        authors: ['Анна'],
      },
    });
    assert.deepEqual(parseRoute('#/table?attr=novalue&attr=:x&flag=checked:maybe&status=finished&tag=a&origin=typed&author='), { screen: 'table' });
  });

  it('fall back to the workbench for anything else', () => {
    for (const hash of ['', '#', '#/', '#/tables', '#/document/', '#/document/0', '#/document/-3', '#/document/1.5', '#/document/12/x', '#document/12', '#/document/99999999999999999', '#/actor/0', '#/actor/x', '#/document/3?x=1'])
      assert.deepEqual(parseRoute(hash), WORKBENCH, hash);
  });

  it('write what they read', () => {
    for (const hash of ['#/table', '#/document/7', '#/', '#/actors', '#/actor/3', '#/positions', '#/dashboard', '#/search', '#/search?q=Pokrovsk', '#/table?text=a+b&label=2&actor=7&target=5&from=2025-01-01&to=2025-02-01'])
      assert.equal(formatRoute(parseRoute(hash)), hash);
    assert.equal(formatRoute({ screen: 'workbench', documentId: 3 }), '#/document/3');
    assert.deepEqual(parseRoute(formatRoute({ screen: 'search', query: 'a&b=c #d' })), { screen: 'search', query: 'a&b=c #d' });
    const filter = { text: 'no compromise 👩‍👩‍👧', labelIds: [1], actorIds: [3], targetIds: [4, 9], attributes: [{ name: 'verdict', value: 'unverified' }, { name: 'flag', value: false }], documentStatuses: ['done' as const], documentTagIds: [2], origins: ['manual' as const], authors: ['a&b'], publishedFrom: '2025-01-01' };
    assert.deepEqual(parseRoute(formatRoute({ screen: 'table', filter })), { screen: 'table', filter });
  });
});
