/**
 * Browser mode's server killed in the middle of an import (issue 18): the dialog stops at the first call that
 * cannot reach it, with one message naming the last file stored, the page says the server is not running, and
 * it reconnects by itself when the server is started again (same port and token), so the rest can be imported.
 */
import { expect, test } from './fixtures.ts';

/** 120 small files: the dialog sends them 12 to a call (a run in about 10 calls). */
const FILES = Array.from({ length: 120 }, (_, index) => ({
  name: `article-${String(index).padStart(3, '0')}.txt`,
  mimeType: 'text/plain',
  buffer: Buffer.from(`Article ${index}\n\nThe ministry said on day ${index} that talks on Pokrovsk would go on.\n`),
}));

test('a server killed mid-import gives one message, and the page reconnects when it is back', async ({ workbench }) => {
  const { page, origin, killServer, restartServer } = workbench;
  const stats = async () => (await (await page.request.post(`${origin}/api/stats`, { data: {} })).json()) as { documents: number };
  const before = (await stats()).documents;

  // The second call finds the server gone: it is killed just before that call leaves.
  let calls = 0;
  await page.route('**/api/importFiles', async (route) => {
    calls += 1;
    if (calls === 2) await killServer();
    await route.continue();
  });

  await page.getByRole('region', { name: 'Documents' }).getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import' });
  await dialog.locator('#import-files').setInputFiles(FILES);
  await dialog.getByRole('button', { name: 'Import 120 files' }).click();

  const banner = dialog.getByRole('status').filter({ hasText: 'stopped answering' });
  await expect(banner).toContainText("Parley's server stopped answering, so the import stopped.");
  await expect(banner).toContainText('The last file stored is article-011.txt');
  await expect(banner).toContainText('108 files were not imported');
  await expect(dialog.getByRole('region', { name: 'Errors' })).toHaveCount(0);
  expect(calls, 'no call after the first that failed').toBe(2);

  // The whole page says so, and waits for the server.
  await dialog.getByRole('button', { name: 'Done' }).click();
  const lost = page.getByRole('alertdialog', { name: "Parley's server is not running" });
  await expect(lost).toBeVisible();

  await page.unroute('**/api/importFiles');
  await restartServer();
  await expect(lost).toBeHidden({ timeout: 15_000 });
  await expect(page.getByRole('status').filter({ hasText: 'Connected to Parley again' })).toBeVisible();
  expect((await stats()).documents).toBe(before + 12);
  await expect(page.getByRole('region', { name: 'Documents' }).getByRole('button', { name: /^Article 11\b/ })).toBeVisible();
});

test('the files an interrupted import did not reach are queued again once the server is back', async ({ workbench }) => {
  const { page, origin, killServer, restartServer } = workbench;
  let calls = 0;
  await page.route('**/api/importFiles', async (route) => {
    calls += 1;
    if (calls === 2) await killServer();
    await route.continue();
  });
  await page.getByRole('region', { name: 'Documents' }).getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import' });
  await dialog.locator('#import-files').setInputFiles(FILES);
  await dialog.getByRole('button', { name: 'Import 120 files' }).click();
  await expect(dialog.getByRole('status').filter({ hasText: 'stopped answering' })).toContainText('108 files were not imported');
  await expect(dialog.getByRole('button', { name: 'Waiting for the server…' })).toBeDisabled();

  await page.unroute('**/api/importFiles');
  await restartServer();
  await dialog.getByRole('button', { name: 'Queue the files not imported' }).click({ timeout: 15_000 });
  await dialog.getByRole('button', { name: 'Import 108 files' }).click();
  await expect(dialog.getByRole('status')).toContainText('Imported all 108 files');
  const documents = (await (await page.request.post(`${origin}/api/listDocuments`, { data: { query: 'Article' } })).json()) as unknown[];
  expect(documents).toHaveLength(120);
});
