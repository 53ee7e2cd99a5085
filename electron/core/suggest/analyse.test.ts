import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyse } from './analyse.ts';
import { documentFeatures } from './features.ts';

const slice = (text: string, start: number, end: number) => [...text].slice(start, end).join('');

describe('analyse', () => {
  it('gives code point offsets that slice each token out of the text, after emoji, combining marks and RTL text', () => {
    const text = 'Ушаков 😀 said “we will win.”\nCafe\u0301 שָׁלוֹם told reporters: "No way." 👩‍👩‍👧 U.S. officials said $5 million.';
    const tokens = analyse(text);
    assert.ok(tokens.length > 20);
    for (const token of tokens) assert.equal(slice(text, token.start, token.end), token.text, `token ${token.text} at ${token.start}`);
    assert.ok(tokens.some((token) => token.text === 'U.S.'), 'an abbreviation stays one token');
  });

  it('marks quotations, sentences and paragraphs', () => {
    const tokens = analyse('Trump said “we will win.” He left.\nThen "no" came.');
    const byText = (text: string) => tokens.find((token) => token.text === text)!;
    assert.equal(byText('win').quoted, true);
    assert.equal(byText('”').quoted, true, 'a closing mark is inside');
    assert.equal(byText('said').quoted, false);
    assert.equal(byText('He').quoted, false, 'the quotation closed');
    assert.notEqual(byText('He').sentence, byText('said').sentence);
    assert.equal(byText('Then').paragraph, 1);
    assert.equal(byText('no').quoted, true, 'straight quotes open and close');
    assert.equal(byText('came').quoted, false);
    assert.equal(byText('said').lemma, 'say');
    assert.equal(byText('Trump').pos, 'PROPN');
  });

  it('ends a quotation at a paragraph break even when it is left open', () => {
    const tokens = analyse('She said “this goes on\nNext paragraph.');
    assert.equal(tokens.find((token) => token.text === 'Next')!.quoted, false);
  });
});

describe('features', () => {
  it('name cue lemmas by strength and place each token before, after or between the cues of its sentence', () => {
    const tokens = analyse('Officials said the plan failed, according to reports. Nothing else.');
    const features = documentFeatures(tokens, new Map([['say', 0.7], ['claim', 0.4]]));
    const of = (text: string) => features[tokens.findIndex((token) => token.text === text)]!;
    assert.ok(of('said').includes('cue=strong'));
    assert.ok(of('Officials').includes('where=before'));
    assert.ok(of('plan').includes('where=between'), 'between "said" and "according to"');
    assert.ok(of('according').includes('phrase=2'));
    assert.ok(of('reports').includes('where=after'));
    assert.ok(of('Nothing').includes('where=none'), 'cues do not reach into the next sentence');
    assert.ok(of('plan').includes('w-1=the') && of('plan').includes('w+1=failed'));
  });
});
