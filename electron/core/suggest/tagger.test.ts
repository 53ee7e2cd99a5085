import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyse } from './analyse.ts';
import { attributionsOf, goldTags, spansOf } from './spans.ts';
import { allowed, Tagger, type StoredModel } from './tagger.ts';
import { TAGS, tagIndex } from './tags.ts';

/** A hand-made model: quoted tokens are content, "said" is a cue, a capitalised word before it a source. */
function handModel(): StoredModel {
  const tag = (name: string) => TAGS.indexOf(name as (typeof TAGS)[number]);
  return {
    format: 'parley-attribution-tagger',
    version: 1,
    tags: TAGS,
    scale: 10,
    temperature: 1,
    cueLexicon: { say: 0.9 },
    weights: {
      bias: [tag('O'), 10],
      'q=true': [tag('B-Content'), 15, tag('I-Content'), 5],
      'q=false': [tag('I-Content'), -40],
      't-1=B-Content': [tag('I-Content'), 30],
      't-1=I-Content': [tag('I-Content'), 30],
      'cue=strong': [tag('B-Cue'), 40],
      'p=PROPN': [tag('B-Source'), 5],
      'where=before': [tag('B-Source'), 10],
      't-1=B-Source': [tag('I-Source'), 25],
    },
  };
}

describe('the tagger', () => {
  it('decodes content, cue and source, and joins them into one attribution', () => {
    const text = '“We will win,” Smith said.';
    const tokens = analyse(text);
    const tagged = Tagger.fromStored(handModel()).tag(tokens);
    const spans = spansOf(tokens, tagged);
    const slice = (start: number, end: number) => [...text].slice(start, end).join('');
    assert.deepEqual(spans.map((span) => [span.part, slice(span.start, span.end)]), [
      ['Content', '“We will win,”'],
      ['Source', 'Smith'],
      ['Cue', 'said'],
    ]);
    const [attribution, ...others] = attributionsOf(tokens, spans);
    assert.equal(others.length, 0);
    assert.equal(attribution!.cue?.part, 'Cue');
    assert.equal(attribution!.source?.first, spans[1]!.first);
    for (const span of spans) assert.ok(span.confidence > 0 && span.confidence <= 1);
  });

  it('never lets an I- tag follow another part or O', () => {
    assert.equal(allowed(tagIndex('Content', true), tagIndex('Content', false)), true);
    assert.equal(allowed(tagIndex('Source', false), tagIndex('Content', false)), false);
    assert.equal(allowed(0, tagIndex('Cue', false)), false);
    assert.equal(allowed(tagIndex('Cue', false), 0), true);
  });

  it('refuses a weights file of another format or tag set', () => {
    assert.throws(() => Tagger.fromStored({ ...handModel(), tags: ['O', 'B-X'] }), /tags/);
    assert.throws(() => Tagger.fromStored({ ...handModel(), version: 2 as 1 }), /version 2/);
  });

  it('gold tags: B- on each span’s first token, also for two spans of one part side by side', () => {
    const tokens = analyse('Smith and Jones said nothing.');
    const tags = goldTags(tokens, [
      { part: 'Source', fragments: [[0, 5]] },
      { part: 'Source', fragments: [[10, 15]] },
      { part: 'Cue', fragments: [[16, 20]] },
    ]);
    assert.deepEqual(tags.map((tag) => TAGS[tag]), ['B-Source', 'O', 'B-Source', 'B-Cue', 'O', 'O']);
  });
});
