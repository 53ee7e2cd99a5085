import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { samplesDir } from './samples.ts';

const manifest = JSON.parse(readFileSync(join(samplesDir(), 'samples.json'), 'utf8')) as { samples: { file: string }[] };

/** What copying an article out of a news site's page drags along with it. */
function debris(text: string): string[] {
  const found: string[] = [];
  text.split('\n').forEach((line, index) => {
    const where = `line ${index + 1}`;
    if (line.trim() && !/[\p{L}\p{N}]/u.test(line)) found.push(`${where} is only “${line.trim()}”`);
    const menu = /\b(?:Quick Reads|View All|Read More|Also Read|Advertisement)/i.exec(line);
    if (menu) found.push(`${where} has the page's “${menu[0]}”`);
    // Two words run together, as a menu's last link glued to the paragraph after it ("AllApart").
    const glued = /\b\p{Lu}?\p{Ll}+\p{Lu}\p{Ll}+\b/u.exec(line);
    if (glued) found.push(`${where} has “${glued[0]}” run together`);
    const mixed = /“[^”"]*"/.exec(line);
    if (mixed) found.push(`${where} closes a curly quote with a straight one: ${mixed[0].slice(-30)}`);
  });
  if (!text.endsWith('\n')) found.push('the last line has no line break');
  return found;
}

describe('the sample articles', () => {
  for (const { file } of manifest.samples) {
    it(`${file} carries none of the scraping's debris`, () => {
      assert.deepEqual(debris(readFileSync(join(samplesDir(), file), 'utf8')), []);
    });
  }
});
