import assert from 'node:assert/strict';
import { test } from 'node:test';
import { actorKindNamed, guessActorKind } from './actor-kinds.ts';

test('guesses the kind of the names news text is full of', () => {
  const cases: [string, string][] = [
    ['Yuri Ushakov', 'person'],
    ['Dmitry Peskov', 'person'],
    ['Kremlin', 'organisation'],
    ['the Kremlin', 'organisation'],
    ['Russian forces', 'armed_group'],
    ['Wagner Group', 'armed_group'],
    ['Ukraine’s Armed Forces', 'armed_group'],
    ['ЗСУ', 'armed_group'],
    ['TASS', 'media'],
    ['Al Jazeera', 'media'],
    ['The New York Times', 'media'],
    ['Russian Defence Ministry', 'organisation'],
    ['Central Intelligence Agency', 'organisation'],
    ['NATO', 'organisation'],
    ['Кремль', 'organisation'],
    ['Ukraine', 'state'],
    ['the United States', 'state'],
    ['Україна', 'state'],
    ['Georgia Meloni', 'person'],
    ['', 'person'],
  ];
  assert.deepEqual(
    cases.map(([name]) => [name, guessActorKind(name)]),
    cases,
  );
});

test('reads the kinds earlier versions wrote as the kinds they are now', () => {
  assert.equal(actorKindNamed('country'), 'state');
  assert.equal(actorKindNamed('group'), 'armed_group');
  assert.equal(actorKindNamed('media'), 'media');
  assert.equal(actorKindNamed('band'), undefined);
  assert.equal(actorKindNamed(3), undefined);
});
