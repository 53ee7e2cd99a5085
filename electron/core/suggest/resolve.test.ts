import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normaliseMention, SourceResolver, type RegistryActor } from './resolve.ts';

const actors: RegistryActor[] = [
  { id: 1, name: 'Donald Trump', kind: 'person', aliases: ['The Donald'] },
  { id: 2, name: 'Hillary Clinton', kind: 'person', aliases: [] },
  { id: 3, name: 'Bill Clinton', kind: 'person', aliases: [] },
  { id: 4, name: 'Federal Bureau of Investigation', kind: 'organisation', aliases: ['FBI'] },
  { id: 5, name: 'Jürgen Müller', kind: 'person', aliases: [] },
];

describe('source resolution', () => {
  const resolver = new SourceResolver(actors);
  const one = (mention: string) => resolver.resolveAll([mention])[0];

  it('by name and alias, ignoring case, titles, possessives and accents written apart', () => {
    assert.deepEqual(one('Donald Trump'), { actorId: 1, via: 'name' });
    assert.deepEqual(one('Mr. Trump’s'), { actorId: 1, via: 'surname' });
    assert.deepEqual(one('the FBI'), { actorId: 4, via: 'alias' });
    assert.deepEqual(one('THE DONALD'), { actorId: 1, via: 'alias' });
    assert.deepEqual(one('Ju\u0308rgen Mu\u0308ller'), { actorId: 5, via: 'name' });
    assert.equal(normaliseMention('Sen. Hillary Clinton’s'), 'hillary clinton');
  });

  it('by a name the mention ends with, and by a surname only when one actor has it', () => {
    assert.deepEqual(one('Republican nominee Donald Trump'), { actorId: 1, via: 'name' });
    assert.equal(one('Clinton'), null, 'two Clintons: not guessed');
    assert.equal(one('Bernie Sanders'), null);
  });

  it('a pronoun or description takes the previous resolved mention, a person’s for he and she', () => {
    assert.deepEqual(resolver.resolveAll(['Hillary Clinton', 'the FBI', 'she', 'they', 'the official', 'a voter']), [
      { actorId: 2, via: 'name' },
      { actorId: 4, via: 'alias' },
      { actorId: 2, via: 'previous mention' },
      { actorId: 4, via: 'previous mention' },
      { actorId: 4, via: 'previous mention' },
      null,
    ]);
    assert.deepEqual(resolver.resolveAll(['he', 'Bernie Sanders', 'he']), [null, null, null], 'nothing resolved before: nothing guessed');
  });
});
