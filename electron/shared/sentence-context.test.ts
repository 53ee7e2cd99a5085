import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sentenceContext } from './sentence-context.ts';

/** The code-point offsets of `part` in `text`. */
function spanOf(text: string, part: string): [number, number] {
  const start = Array.from(text.slice(0, text.indexOf(part))).length;
  return [start, start + Array.from(part).length];
}

describe('sentenceContext', () => {
  it('cuts the sentence around a span, leaving the sentences before and after out', () => {
    const text = 'Talks stalled. Ushakov said the meeting was useful! Then he left. More followed.';
    assert.deepEqual(sentenceContext(text, ...spanOf(text, 'the meeting')), { before: 'Ushakov said ', span: 'the meeting', after: ' was useful!' });
  });

  it('keeps every sentence a span runs over, and a span ending in a full stop ends its sentence', () => {
    const text = 'One. Two starts here. Three ends. Four.';
    assert.deepEqual(sentenceContext(text, ...spanOf(text, 'here. Three')), { before: 'Two starts ', span: 'here. Three', after: ' ends.' });
    assert.deepEqual(sentenceContext(text, ...spanOf(text, 'Three ends.')), { before: '', span: 'Three ends.', after: '' });
  });

  it('counts offsets in code points across emoji and combining marks', () => {
    const text = 'Старт 🇺🇦. Café́ 👍🏽 said “yes” today. End.';
    const [start, end] = spanOf(text, '“yes”');
    assert.equal(start, 24, "Старт (6) flag (2) . (2) Café+mark (5) space 👍🏽 (3) said (6)");
    assert.deepEqual(sentenceContext(text, start, end), { before: 'Café́ 👍🏽 said ', span: '“yes”', after: ' today.' });
  });

  it('works on right-to-left text and closing quotes after the stop', () => {
    const text = 'قال الوزير "نعم." ثم غادر. النهاية';
    assert.deepEqual(sentenceContext(text, ...spanOf(text, 'غادر')), { before: 'ثم ', span: 'غادر', after: '.' });
    assert.deepEqual(sentenceContext(text, ...spanOf(text, 'الوزير')), { before: 'قال ', span: 'الوزير', after: ' "نعم."' });
  });

  it('stops at line breaks and at the ends of the text, and clamps offsets outside it', () => {
    const text = 'Headline\nBody sentence without a stop';
    assert.deepEqual(sentenceContext(text, ...spanOf(text, 'without')), { before: 'Body sentence ', span: 'without', after: ' a stop' });
    assert.deepEqual(sentenceContext(text, 0, 4), { before: '', span: 'Head', after: 'line' });
    assert.deepEqual(sentenceContext('Short.', 3, 99), { before: 'Sho', span: 'rt.', after: '' });
  });
});
