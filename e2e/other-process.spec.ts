import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures.ts';

const CLI = fileURLToPath(new URL('../electron/cli/bin.mjs', import.meta.url));

/** Runs `parley import` on the workspace the page has open: another process writing it meanwhile. */
function importElsewhere(workspace: string, files: Record<string, string>): void {
  const folder = mkdtempSync(join(tmpdir(), 'parley-elsewhere-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(folder, name), content);
  const run = spawnSync(process.execPath, [CLI, 'import', workspace, folder, '--duplicates', 'merge'], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
}

test('coming back to the window shows what another process (the CLI) wrote to the workspace meanwhile', async ({ workbench }) => {
  const { page, workspace } = workbench;
  const documents = page.getByRole('region', { name: 'Documents' });
  await documents.getByRole('button', { name: /^Putin meets Witkoff/ }).click();
  await expect(page.getByRole('heading', { name: /Putin meets Witkoff/ })).toBeVisible();
  const text = await page.evaluate(async () => {
    const response = await fetch('/api/listDocuments', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: 'Putin meets Witkoff' }) });
    const [found] = (await response.json()) as { id: number }[];
    const opened = await fetch('/api/openDocument', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: found!.id }) });
    return ((await opened.json()) as { document: { text: string } }).document.text;
  });
  const at = text.indexOf('Yuri Ushakov');
  const start = [...text.slice(0, at)].length;

  // The CLI adds a document, and a brat annotation to the open one (the same text, merged).
  importElsewhere(workspace, {
    'brought.txt': 'A document the command line brought in while the window was elsewhere.',
    'same.txt': text,
    'same.ann': `T1\tActor ${start} ${start + 'Yuri Ushakov'.length}\tYuri Ushakov\n`,
  });
  await expect(documents.getByRole('button', { name: /^A document the command line brought in/ })).toHaveCount(0);

  await page.evaluate(() => window.dispatchEvent(new Event('focus')));
  await expect(documents.getByRole('button', { name: /^A document the command line brought in/ })).toBeVisible();
  await expect(page.locator('.cm-content [data-annotation-ids]').filter({ hasText: 'Yuri Ushakov' })).toHaveCount(1);
  await expect(page.getByRole('alert')).toHaveCount(0);
});
