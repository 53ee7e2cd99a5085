import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { screenshots } from './screenshots.ts';

/*
 * Backups from the window: back up now, change the workspace, restore the backup; the window starts again on
 * the workspace as it was, and the backup of what the restore replaced is listed (the restore can be undone).
 */

async function annotationCount(page: Page, origin: string): Promise<number> {
  const response = await page.request.post(`${origin}/api/stats`, { data: {} });
  return ((await response.json()) as { annotations: number }).annotations;
}

test('a backup made in the Backups dialog is restored, and what the restore replaced is kept as a backup', async ({ workbench }) => {
  const { page, origin } = workbench;
  await page.setViewportSize({ width: 1280, height: 800 });
  const documents = page.getByRole('region', { name: 'Documents' });
  await documents.getByRole('button', { name: /^Putin meets Witkoff/ }).click();
  const before = await annotationCount(page, origin);

  await documents.getByRole('button', { name: 'Backups…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Backups' });
  await expect(dialog.getByText('No backups yet')).toBeVisible();
  await dialog.getByRole('button', { name: 'Back up now' }).click();
  const rows = dialog.getByRole('table', { name: 'Backups' }).getByRole('row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText('Backed up by you');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // A change after the backup: a quote tagged by keyboard.
  await page.getByRole('textbox', { name: 'Article' }).focus();
  await page.keyboard.press('/');
  await page.getByRole('textbox', { name: 'Find in article' }).fill('no compromise version');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await page.keyboard.press('q');
  await expect.poll(() => annotationCount(page, origin)).toBe(before + 1);

  await documents.getByRole('button', { name: 'Backups…' }).click();
  await expect(rows).toHaveCount(2);
  await rows.nth(1).getByRole('button', { name: /^Restore the backup of/ }).click();
  await expect(dialog.getByRole('alert')).toContainText('What it holds now is backed up first');
  await screenshots(page, 'backups-dialog');
  await dialog.getByRole('button', { name: 'Restore it' }).click();

  // The window reloads on the restored workspace: the quote is gone, and the replaced state is a backup.
  await expect.poll(() => annotationCount(page, origin)).toBe(before);
  await expect(page.getByRole('heading', { name: /Putin meets Witkoff/ })).toBeVisible();
  await expect(page.locator('.cm-content [data-annotation-ids]').filter({ hasText: 'no compromise version' })).toHaveCount(0);
  await page.getByRole('region', { name: 'Documents' }).getByRole('button', { name: 'Backups…' }).click();
  await expect(page.getByRole('dialog', { name: 'Backups' }).getByRole('table', { name: 'Backups' }).getByRole('row')).toHaveCount(3);
  await expect(page.getByRole('dialog', { name: 'Backups' }).getByText('Before a restore')).toBeVisible();
});
