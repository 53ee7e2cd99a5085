import type { JSHandle, Locator, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, storedDocument, test } from './fixtures.ts';
import { screenshots } from './screenshots.ts';

const BRAT_TXT = fileURLToPath(new URL('./fixtures/brat/parleyville.txt', import.meta.url));
const BRAT_ANN = fileURLToPath(new URL('./fixtures/brat/parleyville.ann', import.meta.url));
/** The fixture's spans by label: an emoji ZWJ sequence and a flag come before both, and the quote ends in an emoji. */
const SPANS = { Actor: 'Zelensky', Quote: 'we will not give up 💪' };

interface Stats {
  documents: number;
  annotations: number;
  relations: number;
  actors: number;
  labels: Record<string, number>;
}

async function api<T>(page: Page, origin: string, method: string, params: object = {}): Promise<T> {
  const response = await page.request.post(`${origin}/api/${method}`, { data: params });
  expect(response.ok(), `${method} answered ${response.status()}`).toBe(true);
  return (await response.json()) as T;
}

/** Python's `text[start:end]`: offsets count code points. */
function slice(text: string, start: number, end: number): string {
  return Array.from(text).slice(start, end).join('');
}

function painted(page: Page): Locator {
  return page.locator('.cm-content [data-annotation-ids]');
}

async function openImport(page: Page): Promise<Locator> {
  await page.getByRole('region', { name: 'Documents' }).getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import' });
  await expect(dialog).toBeVisible();
  return dialog;
}

/** The number a tile of the import summary shows. */
function tile(dialog: Locator, name: string): Locator {
  return dialog.getByLabel('Import summary').locator('div').filter({ has: dialog.page().locator('dt', { hasText: name }) }).locator('dd');
}


/** A DataTransfer in the page holding files, as a drop from the desktop carries them. */
function fileTransfer(page: Page, files: { name: string; content: string; type?: string }[]): Promise<JSHandle<DataTransfer>> {
  return page.evaluateHandle((list) => {
    const transfer = new DataTransfer();
    for (const file of list) transfer.items.add(new File([file.content], file.name, { type: file.type ?? '' }));
    return transfer;
  }, files);
}

test('a brat pair imported through the dialog is painted, and stored at code point offsets', async ({ workbench }) => {
  const { page, origin } = workbench;
  const dialog = await openImport(page);
  await dialog.locator('#import-files').setInputFiles([BRAT_TXT, BRAT_ANN]);

  // The .txt and .ann are queued as one brat import.
  const queue = dialog.getByRole('list', { name: 'Queued files' });
  await expect(queue.getByRole('listitem')).toHaveCount(1);
  await expect(queue.getByRole('listitem')).toContainText('brat');
  await expect(queue.getByRole('listitem')).toContainText('parleyville.ann + parleyville.txt');
  // Counted as the CLI counts it: one file, as it is one document.
  await expect(dialog.locator('.chosen-head')).toContainText('1 file');
  await expect(dialog.locator('.chosen-head')).toContainText('1 brat pair, a .txt with its .ann counted as one');
  await dialog.getByRole('button', { name: 'Import 1 file' }).click();

  await expect(dialog.getByRole('status')).toContainText('Imported the file');
  await expect(tile(dialog, 'New documents')).toHaveText('1');
  await expect(tile(dialog, 'Merged')).toHaveText('0');
  await expect(tile(dialog, 'Annotations')).toHaveText('2');
  await expect(tile(dialog, 'Relations')).toHaveText('1');
  await expect(dialog.getByRole('region', { name: 'Errors' })).toHaveCount(0);
  await screenshots(page, 'import-summary', dialog);
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();

  // Open it: both spans are painted over exactly their text.
  const [summary] = await api<{ id: number; title: string }[]>(page, origin, 'listDocuments', { query: 'Parleyville' });
  await page.getByRole('region', { name: 'Documents' }).getByRole('button', { name: /^Family .*Parleyville/ }).click();
  await expect(page.getByRole('heading', { name: summary!.title })).toBeVisible();
  for (const text of Object.values(SPANS)) await expect(painted(page).filter({ hasText: text })).toHaveText([text]);

  // The quote kept its attribute and note, and its said_by relation to the actor mention.
  await painted(page).filter({ hasText: SPANS.Quote }).click();
  const panel = page.getByRole('region', { name: 'Annotation' });
  await expect(panel.getByLabel('kind')).toHaveValue('direct');
  await expect(panel.getByLabel('Note')).toHaveValue('Checked against the broadcast');

  // Through the API: every offset slices the stored text with code point (Python) semantics.
  const open = await storedDocument(page, origin, summary!.id);
  const labels = await api<{ id: number; name: string }[]>(page, origin, 'listLabels');
  const byLabel = Object.fromEntries(
    open.annotations.map((annotation) => {
      const [start, end] = annotation.fragments[0]!;
      expect(slice(open.document.text, start, end)).toBe(annotation.text);
      return [labels.find((label) => label.id === annotation.labelId)!.name, { ...annotation, start, end }];
    }),
  );
  expect(byLabel['Actor']).toMatchObject({ text: SPANS.Actor, start: 39, end: 47 });
  expect(byLabel['Quote']).toMatchObject({ text: SPANS.Quote, start: 54, end: 75 });
  // UTF-16 offsets would be off by the emoji before the spans.
  expect(open.document.text.slice(39, 47)).not.toBe(SPANS.Actor);
  expect(open.relations).toEqual([expect.objectContaining({ type: 'said_by', sourceId: byLabel['Quote']!.id, targetId: byLabel['Actor']!.id })]);
  // The painted segments are the stored annotations.
  expect(await painted(page).filter({ hasText: SPANS.Actor }).getAttribute('data-annotation-ids')).toBe(String(byLabel['Actor']!.id));
});

test('files dropped on the window open the Import dialog with them queued; Stop keeps what was imported', async ({ workbench }) => {
  const { page, origin } = workbench;
  const before = await api<Stats>(page, origin, 'stats');
  const overlay = page.getByText('Drop to import');
  await expect(page.locator('.cm-content')).toBeVisible();

  // A drag without files (a text selection from the article) is no import.
  const text = await page.evaluateHandle(() => {
    const transfer = new DataTransfer();
    transfer.setData('text/plain', 'Putin');
    return transfer;
  });
  await page.dispatchEvent('.cm-content', 'dragenter', { dataTransfer: text });
  await page.dispatchEvent('.cm-content', 'dragover', { dataTransfer: text });
  await expect(overlay).toBeHidden();

  const files = await fileTransfer(page, [
    { name: 'parleyville.txt', content: readFileSync(BRAT_TXT, 'utf8'), type: 'text/plain' },
    { name: 'parleyville.ann', content: readFileSync(BRAT_ANN, 'utf8') },
    { name: 'statements.csv', content: 'headline,text\nBudget,"The minister said taxes will fall, again."\n', type: 'text/csv' },
    { name: 'memo.txt', content: 'A memo that the Stop button keeps out.\n', type: 'text/plain' },
  ]);
  await page.dispatchEvent('.cm-content', 'dragenter', { dataTransfer: files });
  await page.dispatchEvent('.cm-content', 'dragover', { dataTransfer: files });
  await expect(overlay).toBeVisible();
  await screenshots(page, 'drop-overlay');
  await page.dispatchEvent('.cm-content', 'drop', { dataTransfer: files });
  await expect(overlay).toBeHidden();

  const dialog = page.getByRole('dialog', { name: 'Import' });
  await expect(dialog).toBeVisible();
  const rows = dialog.getByRole('list', { name: 'Queued files' }).getByRole('listitem');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText('parleyville.ann + parleyville.txt');
  await expect(rows.nth(0)).toContainText('brat');
  await expect(rows.nth(1)).toContainText('statements.csv');
  await expect(rows.nth(1)).toContainText('CSV');
  await expect(rows.nth(2)).toContainText('memo.txt');
  await expect(dialog.getByLabel('Text column or field')).toBeVisible();
  await screenshots(page, 'import-queued', dialog);

  // Hold the second call to see the progress, and press Stop while it runs.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let calls = 0;
  await page.route('**/api/importFiles', async (route) => {
    if (++calls === 2) await held;
    await route.continue();
  });
  await dialog.getByRole('button', { name: 'Import 3 files' }).click();
  const progress = dialog.getByRole('progressbar', { name: 'Import progress' });
  await expect(progress).toHaveAttribute('aria-valuenow', '1');
  await expect(progress).toHaveAttribute('aria-valuemax', '3');
  await expect(dialog).toContainText('Importing 2 of 3 files');
  await expect(dialog).toContainText('statements.csv');
  await expect(tile(dialog, 'New documents')).toHaveText('1');
  await screenshots(page, 'import-progress', dialog);
  await dialog.getByRole('button', { name: 'Stop' }).click();
  await expect(dialog).toContainText('Stopping after the current file');
  release();

  // The file being imported when Stop was pressed went in whole; the one after it was never sent.
  await expect(dialog.getByRole('status')).toContainText('Stopped after 2 of 3 files');
  await expect(tile(dialog, 'New documents')).toHaveText('2');
  await expect(tile(dialog, 'Annotations')).toHaveText('2');
  await expect(tile(dialog, 'Relations')).toHaveText('1');
  expect(calls).toBe(2);
  const after = await api<Stats>(page, origin, 'stats');
  expect(after).toMatchObject({ documents: before.documents + 2, annotations: before.annotations + 2, relations: before.relations + 1 });
  expect(await api<unknown[]>(page, origin, 'listDocuments', { query: 'memo' })).toEqual([]);
});

test('a broken file is refused by name, with the reason, and leaves the workspace as it was', async ({ workbench }) => {
  const { page, origin } = workbench;
  const before = await api<Stats>(page, origin, 'stats');
  const text = readFileSync(BRAT_TXT, 'utf8');
  // The classic mistake: offsets counted in UTF-16 units, so every span after an emoji is shifted.
  const utf16 = (span: string) => `${text.indexOf(span)} ${text.indexOf(span) + span.length}`;
  const dialog = await openImport(page);
  await dialog.locator('#import-files').setInputFiles([
    { name: 'scan.txt', mimeType: 'text/plain', buffer: Buffer.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x00, 0x00, 0xff, 0xfe, 0x01, 0x02, 0x03]) },
    { name: 'shifted.txt', mimeType: 'text/plain', buffer: Buffer.from(text) },
    { name: 'shifted.ann', mimeType: 'text/plain', buffer: Buffer.from(`T1\tActor ${utf16(SPANS.Actor)}\t${SPANS.Actor}\n`) },
    { name: 'headlines.csv', mimeType: 'text/csv', buffer: Buffer.from('headline,body\nTalks,"Negotiators met again in Geneva."\n') },
  ]);
  await dialog.getByRole('button', { name: 'Import 3 files' }).click();

  await expect(dialog.getByRole('status')).toContainText('Nothing was imported, and the workspace is unchanged');
  const errors = dialog.getByRole('region', { name: 'Errors' });
  await expect(errors.getByRole('listitem').filter({ hasText: 'scan.txt' })).toContainText('binary');
  await expect(errors.getByRole('listitem').filter({ hasText: 'shifted.ann:1' })).toContainText(SPANS.Actor);
  // The table's error names its columns (from the problem's fix, as buttons to pick one).
  await expect(errors.getByRole('listitem').filter({ hasText: 'headlines.csv' }).getByRole('button', { name: 'body', exact: true })).toBeVisible();
  await expect(tile(dialog, 'New documents')).toHaveText('0');
  await expect(tile(dialog, 'Annotations')).toHaveText('0');
  expect(await api<Stats>(page, origin, 'stats')).toEqual(before);
  await screenshots(page, 'import-errors', dialog);

  // The table's error lists its columns: picking one queues that file again, reading the text from it.
  await errors.getByRole('button', { name: 'body', exact: true }).click();
  await expect(dialog.getByLabel('Text column or field')).toHaveValue('body');
  const rows = dialog.getByRole('list', { name: 'Queued files' }).getByRole('listitem');
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText('headlines.csv');
  await dialog.getByRole('button', { name: 'Import 1 file' }).click();
  await expect(dialog.getByRole('status')).toContainText('Imported the file');
  await expect(tile(dialog, 'New documents')).toHaveText('1');
  expect((await api<Stats>(page, origin, 'stats')).documents).toBe(before.documents + 1);
});

test('an export to doccano previews its first record and downloads spans that slice by code points', async ({ workbench }) => {
  const { page, origin } = workbench;
  const text = readFileSync(BRAT_TXT, 'utf8');
  const imported = await api<{ documents: number }>(page, origin, 'importFiles', {
    files: [
      { name: 'parleyville.txt', contentBase64: Buffer.from(text).toString('base64') },
      { name: 'parleyville.ann', contentBase64: readFileSync(BRAT_ANN).toString('base64') },
    ],
  });
  expect(imported.documents).toBe(1);

  await page.getByRole('region', { name: 'Documents' }).getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Format', { exact: true }).selectOption('doccano');
  await dialog.getByLabel('Only documents containing').fill('Parleyville');
  const preview = dialog.getByRole('region', { name: 'Preview' });
  await expect(preview).toContainText('1 document · 2 annotations');

  // In UTF-16 units the preview's offsets are JavaScript's; in code points, Python's.
  await dialog.getByRole('radio', { name: /UTF-16 units/ }).check();
  await expect.poll(async () => JSON.parse((await preview.locator('pre').textContent())!).labels).toContainEqual([
    text.indexOf(SPANS.Actor),
    text.indexOf(SPANS.Actor) + SPANS.Actor.length,
    'Actor',
  ]);
  await dialog.getByRole('radio', { name: /Code points/ }).check();
  await expect.poll(async () => JSON.parse((await preview.locator('pre').textContent())!).labels).toContainEqual([39, 47, 'Actor']);

  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Export 1 document' }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.jsonl$/);
  const lines = readFileSync((await download.path())!, 'utf8').trim().split('\n');
  expect(lines).toHaveLength(1);
  const record = JSON.parse(lines[0]!) as { text: string; labels: [number, number, string][] };
  expect(record.text).toBe(text);
  const spans = Object.fromEntries(record.labels.map(([start, end, label]) => [label, slice(record.text, start, end)]));
  expect(spans).toEqual(SPANS);

  // The summary says what doccano's label form could not keep: the relation, the attribute, the note.
  const result = dialog.getByRole('status');
  await expect(result).toContainText('Exported 1 document, 2 annotations, 1 relation');
  await expect(result).toContainText(download.suggestedFilename());
  await expect(result.getByRole('listitem').filter({ hasText: 'relations' })).toContainText('1');
  await expect(dialog.getByRole('button', { name: 'Download again' })).toBeVisible();
  await screenshots(page, 'export', dialog);
});
