import type { Page } from '@playwright/test';
import type { DocumentSummary } from '../electron/shared/types.ts';
import { expect, test } from './fixtures.ts';

async function documents(page: Page, origin: string): Promise<DocumentSummary[]> {
  const response = await page.request.post(`${origin}/api/listDocuments`, { data: {} });
  expect(response.ok()).toBe(true);
  return (await response.json()) as DocumentSummary[];
}

/** An accessible name that begins with `text` (a document button's name goes on with its details). */
function startsWith(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
}

test('the table stays shown after a reload on #/table, and back returns to the document', async ({ workbench }) => {
  const { page, origin } = workbench;
  const first = (await documents(page, origin))[0]!;
  await expect(page.getByRole('heading', { name: first.title })).toBeVisible();
  await page.getByRole('button', { name: 'Table', exact: true }).click();
  const grid = page.getByRole('grid');
  await expect(grid).toBeVisible();
  expect(new URL(page.url()).hash).toBe('#/table');

  await page.reload();
  await expect(page.getByRole('grid')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Annotation', exact: true })).toHaveCount(0);

  await page.goBack();
  await expect(page.getByRole('grid')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: first.title })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Article' })).toBeVisible();
});

test('#/document/N opens document N, on reload and through back and forward', async ({ workbench }) => {
  const { page, origin } = workbench;
  const [first, second] = await documents(page, origin);
  await expect(page.getByRole('heading', { name: first!.title })).toBeVisible();

  await page.goto(`${origin}/#/document/${second!.id}`);
  await expect(page.getByRole('heading', { name: second!.title })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: second!.title })).toBeVisible();

  // Choosing a document records it: back goes to the one before, forward comes back.
  await page.getByRole('region', { name: 'Documents' }).getByRole('button', { name: startsWith(first!.title) }).click();
  await expect(page.getByRole('heading', { name: first!.title })).toBeVisible();
  expect(new URL(page.url()).hash).toBe(`#/document/${first!.id}`);
  await page.goBack();
  await expect(page.getByRole('heading', { name: second!.title })).toBeVisible();
  await page.goForward();
  await expect(page.getByRole('heading', { name: first!.title })).toBeVisible();
});

test('an unknown address shows the workbench', async ({ workbench }) => {
  const { page, origin } = workbench;
  const first = (await documents(page, origin))[0]!;
  await page.goto(`${origin}/#/no/such/screen`);
  await expect(page.getByRole('heading', { name: first.title })).toBeVisible();
  await expect(page.getByRole('grid')).toHaveCount(0);
});

test('a reload shows the document shown last without one API request: the page brings the first screen', async ({ workbench }) => {
  const { page, origin } = workbench;
  const [first, second] = await documents(page, origin);
  await expect(page.getByRole('heading', { name: first!.title })).toBeVisible();
  await page.getByRole('region', { name: 'Documents' }).getByRole('button', { name: startsWith(second!.title) }).click();
  await expect(page.getByRole('heading', { name: second!.title })).toBeVisible();

  const calls: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/api/')) calls.push(new URL(request.url()).pathname);
  });
  // A bare address (no #/document/N): the server knows the last document from the page's cookie.
  await page.goto(`${origin}/`);
  await expect(page.getByRole('heading', { name: second!.title })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Article' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Documents' }).getByRole('button', { name: startsWith(first!.title) })).toBeVisible();
  expect(calls).toEqual([]);
});
