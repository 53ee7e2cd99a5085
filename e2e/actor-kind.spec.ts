/**
 * An actor created from the panel gets the kind its name suggests, shown beside the picker, and the analyst can
 * change it there (issue 18: every actor used to be a "person").
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { screenshots } from './screenshots.ts';

async function actors(page: Page, origin: string) {
  return (await (await page.request.post(`${origin}/api/listActors`, { data: {} })).json()) as { name: string; kind: string }[];
}

test('an actor created from the panel is of the kind its name suggests, and the kind can be changed there', async ({ workbench }) => {
  const { page, origin } = workbench;
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByRole('region', { name: 'Documents' }).getByRole('button', { name: /^Putin meets Witkoff/ }).click();
  const article = page.getByRole('textbox', { name: 'Article' });
  await article.focus();
  await page.keyboard.press('/');
  await page.getByRole('textbox', { name: 'Find in article' }).fill('no compromise');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await page.keyboard.press('c');

  const panel = page.getByRole('region', { name: 'Annotation' });
  const claimant = panel.getByLabel('claimant');
  await claimant.fill('Russian forces');
  await expect(panel.getByRole('option', { name: /Create actor .Russian forces. Armed group/ })).toBeVisible();
  await claimant.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(claimant).toHaveValue('Russian forces');
  await expect.poll(async () => actors(page, origin)).toEqual([expect.objectContaining({ name: 'Russian forces', kind: 'armed_group' })]);

  const kind = panel.getByLabel('Russian forces is');
  await expect(kind).toHaveValue('armed_group');
  await screenshots(page, 'actor-kind', panel);
  await kind.selectOption('organisation');
  await expect.poll(async () => actors(page, origin)).toEqual([expect.objectContaining({ name: 'Russian forces', kind: 'organisation' })]);
});
