import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures.ts';

/*
 * Nothing that arrives in a document runs or renders as markup (issue 13): the kept bad inputs, and markup put in
 * every field an analyst sees (document title and text, label name and description, attribute values, note,
 * actor name, aliases and description, metadata), are drawn as text on every screen that shows them. The page
 * must run no script of theirs, gain no element of theirs, and send no request anywhere but its own server.
 */

const BAD_INPUT = fileURLToPath(new URL('../../shared/data/bad-input/', import.meta.url));
/** Short enough for a label's name (64 characters). */
const SHORT = (n: number) => `<b>bold${n}</b><img src=x onerror=alert(${n})>`;
const MARK = (n: number) => `<img src=x onerror="window.__parleyPwned.push(${n})"><script>window.__parleyPwned.push(${n})</script><b>bold${n}</b>`;

async function api<T>(page: Page, origin: string, method: string, params: unknown): Promise<T> {
  const response = await page.request.post(`${origin}/api/${method}`, { data: params });
  expect(response.status(), `${method}: ${await response.text()}`).toBe(200);
  return (await response.json()) as T;
}

test('markup in every field, and the kept hostile inputs, are drawn as text: no script runs, no element is injected, no request leaves', async ({ workbench }) => {
  const { page, origin } = workbench;
  const foreign: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(origin) && !request.url().startsWith('data:')) foreign.push(request.url());
  });
  await page.addInitScript(() => {
    (window as unknown as { __parleyPwned: number[] }).__parleyPwned = [];
    window.alert = () => (window as unknown as { __parleyPwned: number[] }).__parleyPwned.push(-1);
  });

  for (const name of ['labelstudio-xss-label.json', 'script-injection.html']) {
    await api(page, origin, 'importFiles', { files: [{ name, contentBase64: readFileSync(BAD_INPUT + name).toString('base64') }] });
  }
  const label = await api<{ id: number }>(page, origin, 'createLabel', {
    name: `Tag ${SHORT(1)}`,
    color: '#2f7ed8',
    description: MARK(2),
    attributes: [{ name: 'verdict', type: 'text' }],
  });
  const actor = await api<{ id: number }>(page, origin, 'createActor', { name: `Actor ${MARK(3)}`.slice(0, 120), aliases: [MARK(4)], description: MARK(5) });
  const text = `Before ${MARK(6)} after, and more words to tag.`;
  const document = await api<{ id: number }>(page, origin, 'createDocument', { title: `Title ${MARK(7)}`.slice(0, 200), text, source: MARK(8), metadata: { note: MARK(9) } });
  await api(page, origin, 'edit', {
    documentId: document.id,
    description: 'Tag',
    edits: [{ op: 'createAnnotation', labelId: label.id, fragments: [[0, 30]], attributes: { verdict: MARK(10) }, note: MARK(11) }],
  });
  const quote = (await api<{ id: number; name: string }[]>(page, origin, 'listLabels', {})).find((entry) => entry.name === 'Quote')!;
  await api(page, origin, 'edit', { documentId: document.id, description: 'Quote', edits: [{ op: 'createAnnotation', labelId: quote.id, fragments: [[text.indexOf('more words'), text.indexOf('more words') + 10]], attributes: { speaker: actor.id } }] });

  await page.reload();
  const documents = page.getByRole('region', { name: 'Documents' });
  // The document list, the article, the panel with the annotation's label, attributes and note.
  await documents.getByRole('button', { name: /^Title <img src=x/ }).click();
  await expect(page.getByRole('heading', { name: /Title <img src=x/ })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Article' })).toContainText('<script>window.__parleyPwned.push(6)</script>');
  await page.locator('.cm-content [data-annotation-ids]').first().click();
  const panel = page.getByRole('region', { name: 'Annotation' });
  await expect(panel).toContainText('<b>bold1</b>');
  // The quote, whose speaker is the actor with markup in its name.
  await page.locator('.cm-content [data-annotation-ids]').filter({ hasText: 'more words' }).click();
  await expect(panel).toContainText('Actor <img src=x');
  // The hover card, the table and the other imported documents.
  await page.locator('.cm-content [data-annotation-ids]').first().hover();
  await page.getByRole('button', { name: 'Table', exact: true }).click();
  const table = page.getByRole('region', { name: 'Annotations table' }).getByRole('grid', { name: 'Annotations' });
  await expect(table).toContainText('Tag <b>bold1</b>');
  await expect(table).toContainText('Title <img src=x');
  await page.keyboard.press('Escape');
  await documents.getByRole('button', { name: /^Talks end without deal|^Talks/ }).first().click();
  await expect(page.getByRole('textbox', { name: 'Article' })).toContainText('No compromise');

  const pwned = await page.evaluate(() => (window as unknown as { __parleyPwned: number[] }).__parleyPwned);
  expect(pwned, 'no script from a document ran').toEqual([]);
  expect(await page.evaluate(() => document.title)).not.toBe('owned');
  const injected = await page.evaluate(() => ({
    images: [...document.querySelectorAll('img')].filter((image) => image.getAttribute('src') === 'x').length,
    iframes: document.querySelectorAll('iframe').length,
    bolds: [...document.querySelectorAll('b')].filter((bold) => /^bold\d+$/.test(bold.textContent ?? '')).length,
    scripts: [...document.querySelectorAll('script')].filter((script) => (script.textContent ?? '').includes('__parleyPwned')).length,
  }));
  expect(injected, 'no element from a document was made').toEqual({ images: 0, iframes: 0, bolds: 0, scripts: 0 });
  expect(foreign, 'no request left for anywhere but the app’s own server').toEqual([]);
});
