/**
 * What must never cost an analyst their work (issue 18, "Losing work"), by keyboard in browser mode: a removed
 * document comes back whole with Undo, a stray key disarms a removal, and a relabel round trip keeps a value.
 */
import type { Page } from '@playwright/test';
import { expect, storedDocument, test } from './fixtures.ts';

async function api<T>(page: Page, origin: string, method: string, params: object = {}): Promise<T> {
  const response = await page.request.post(`${origin}/api/${method}`, { data: params });
  expect(response.ok(), `${method} answered ${response.status()}`).toBe(true);
  return (await response.json()) as T;
}

interface Summary {
  id: number;
  title: string;
}

/** The first sample article, tagged twice through the API, and the page reloaded on it. */
async function taggedSample(page: Page, origin: string) {
  const [first, second] = await api<Summary[]>(page, origin, 'listDocuments');
  const labels = await api<{ id: number; name: string }[]>(page, origin, 'listLabels');
  const label = (name: string) => labels.find((candidate) => candidate.name === name)!.id;
  const forces = await api<{ id: number }>(page, origin, 'createActor', { name: 'Russian forces', kind: 'armed_group' });
  await api(page, origin, 'edit', {
    documentId: first!.id,
    description: 'Tag',
    edits: [
      { op: 'createAnnotation', labelId: label('Claim'), fragments: [[0, 5]], attributes: { claimant: forces.id } },
      { op: 'createAnnotation', labelId: label('Quote'), fragments: [[10, 20]] },
    ],
  });
  await page.reload();
  return { first: first!, second: second!, forces };
}

test('a removed document comes back whole with Undo; a stray key disarms the removal', async ({ workbench }) => {
  const { page, origin } = workbench;
  const { first, second } = await taggedSample(page, origin);
  const before = await storedDocument(page, origin, first.id);
  const documents = page.getByRole('region', { name: 'Documents' });

  const remove = documents.getByRole('button', { name: `Remove ${first.title}`, exact: true });
  await remove.focus();
  await page.keyboard.press('Space');
  const confirm = documents.getByRole('button', { name: `Confirm removing ${first.title}` });
  await expect(confirm).toBeFocused();
  // Any other key disarms it: the next Space arms it again instead of removing.
  await page.keyboard.press('x');
  await expect(remove).toBeVisible();
  await page.keyboard.press('Space');
  await expect(confirm).toBeVisible();
  await page.keyboard.press('Space');

  // Gone, said so with an Undo, and the focus on the document that took its place.
  await expect(documents.getByRole('button', { name: new RegExp(`^${first.title.slice(0, 20)}`) })).toHaveCount(0);
  const toast = page.getByRole('status').filter({ hasText: `Remove “${first.title}” and its 2 annotations` });
  await expect(toast).toBeVisible();
  await expect(documents.locator(`button.doc[data-id="${second.id}"]`)).toBeFocused();
  expect((await api<{ documents: number; annotations: number }>(page, origin, 'stats')).annotations).toBe(0);

  await toast.getByRole('button', { name: 'Undo' }).press('Enter');
  await expect(page.getByRole('heading', { name: first.title, exact: true })).toBeVisible();
  expect(await storedDocument(page, origin, first.id)).toEqual(before);
  await expect(page.locator('.cm-content [data-annotation-ids]').first()).toBeVisible();
});

test('a relabel round trip keeps the claimant, and says it was set aside', async ({ workbench }) => {
  const { page, origin } = workbench;
  const { first, forces } = await taggedSample(page, origin);
  const [claim] = (await storedDocument(page, origin, first.id)).annotations;

  // Select the claim (the first annotation) by keyboard, relabel it Actor, then Claim again.
  await page.getByRole('textbox', { name: 'Article' }).focus();
  await page.keyboard.press('n');
  await page.keyboard.press('a');
  await expect(page.getByRole('status').filter({ hasText: 'Relabelled as Actor' })).toContainText('Actor has no “claimant”: kept aside');
  await expect.poll(async () => (await api<{ labelId: number; attributes: object }>(page, origin, 'getAnnotation', { id: claim!.id })).attributes).toEqual({});
  await page.keyboard.press('c');
  await expect.poll(async () => (await api<{ attributes: object }>(page, origin, 'getAnnotation', { id: claim!.id })).attributes).toEqual({ claimant: forces.id });
});
