import type { Locator, Page } from '@playwright/test';
import type { Actor, AnnotationPage, ChangeResult, DocumentSummary, Label, OpenDocument } from '../electron/shared/types.ts';
import { expect, test } from './fixtures.ts';
import { screenshots } from './screenshots.ts';

async function call<T>(page: Page, origin: string, method: string, params: object): Promise<T> {
  const response = await page.request.post(`${origin}/api/${method}`, { data: params });
  expect(response.ok(), `${method} answered ${response.status()}`).toBe(true);
  return (await response.json()) as T;
}

/** The data rows of the table (the header row excluded), in their order on screen. */
function dataRows(grid: Locator): Locator {
  return grid.locator('[role="rowgroup"]').nth(1).getByRole('row');
}

/**
 * Tags the sample article's three quotes of Yuri Ushakov (and a claim), and a second document's quote of his, the
 * way an analyst would have: Quotes with him as speaker. Answers the ids that matter.
 */
async function tagUshakov(page: Page, origin: string) {
  const labels = await call<Label[]>(page, origin, 'listLabels', {});
  const label = (name: string) => labels.find((candidate) => candidate.name === name)!;
  const documents = await call<DocumentSummary[]>(page, origin, 'listDocuments', {});
  const sample = documents.find((doc) => doc.title.startsWith('Putin meets Witkoff'))!;
  const { document } = await call<OpenDocument>(page, origin, 'openDocument', { id: sample.id });
  const at = (text: string, needle: string): [number, number] => {
    const start = Array.from(text.slice(0, text.indexOf(needle))).length;
    return [start, start + Array.from(needle).length];
  };
  const ushakov = await call<Actor>(page, origin, 'createActor', { name: 'Yuri Ushakov' });
  const quote = (text: string, needle: string) => ({ op: 'createAnnotation', labelId: label('Quote').id, fragments: [at(text, needle)], attributes: { speaker: ushakov.id } });
  await call<ChangeResult>(page, origin, 'edit', {
    documentId: sample.id,
    description: 'Tag Ushakov',
    edits: [
      quote(document.text, 'there is a “lot of work” ahead'),
      quote(document.text, 'there is still “no compromise version” of a plan for Ukraine'),
      quote(document.text, 'so far we haven’t found a compromise'),
      { op: 'createAnnotation', labelId: label('Claim').id, fragments: [at(document.text, 'some US proposals are acceptable to Russia')] },
    ],
  });
  const notesText = 'Ushakov said: “talks will go on”. 👩‍👩‍👧 Nothing else was agreed.';
  const notes = await call<DocumentSummary>(page, origin, 'createDocument', { title: 'Kremlin notes', text: notesText });
  await call<ChangeResult>(page, origin, 'edit', { documentId: notes.id, description: 'Tag', edits: [quote(notesText, 'talks will go on')] });
  return { sample, notes, ushakov, quote: label('Quote'), claim: label('Claim') };
}

test('the table filters to Quotes by Yuri Ushakov, keeps the filter in the address, and a bulk relabel is undone in one step', async ({ workbench }) => {
  const { page, origin } = workbench;
  await page.setViewportSize({ width: 1280, height: 800 });
  const { ushakov, quote, claim } = await tagUshakov(page, origin);
  await page.reload();
  await expect(page.getByRole('heading', { name: /Putin meets Witkoff/ })).toBeVisible();

  await page.keyboard.press('Alt+t');
  const table = page.getByRole('region', { name: 'Annotations table' });
  const grid = table.getByRole('grid', { name: 'Annotations' });
  await expect(grid).toBeFocused();
  await expect(table.getByRole('status')).toHaveText('5 annotations');

  // Quotes, then their speaker: a filter chip, added by typing the actor's name.
  await table.getByRole('group', { name: 'Show labels' }).getByRole('button', { name: 'Quote', exact: true }).click();
  await table.getByRole('combobox', { name: 'Add a filter' }).selectOption({ label: 'Speaker / actor' });
  const actorField = table.getByRole('combobox', { name: 'Actor' });
  await expect(actorField).toBeFocused();
  await actorField.fill('Yuri Ushakov');
  await screenshots(page, 'table-filter-editor');
  await actorField.press('Enter');
  await expect(table.getByRole('group', { name: 'Filters' }).getByText('Actor: Yuri Ushakov')).toBeVisible();
  await expect(table.getByRole('status')).toHaveText('4 of 5');
  await expect(dataRows(grid)).toHaveCount(4);
  for (const row of await dataRows(grid).all()) {
    await expect(row).toContainText('Quote');
    await expect(row).toContainText('Yuri Ushakov');
  }
  expect(new URL(page.url()).hash).toBe(`#/table?label=${quote.id}&actor=${ushakov.id}`);

  // The address brings the same filter back after a reload.
  await page.reload();
  await expect(table.getByRole('status')).toHaveText('4 of 5');
  await expect(table.getByRole('group', { name: 'Filters' }).getByText('Actor: Yuri Ushakov')).toBeVisible();
  await expect(table.getByRole('group', { name: 'Show labels' }).getByRole('button', { name: 'Quote', exact: true })).toHaveAttribute('aria-pressed', 'true');

  // Rows by keyboard: Space takes one, Shift+↓ more; Escape lets go of them.
  await grid.focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('Shift+ArrowDown');
  const bulkBar = table.getByRole('toolbar', { name: 'Bulk actions' });
  await expect(bulkBar).toContainText('2 annotations selected');
  await expect(dataRows(grid).nth(0)).toHaveAttribute('aria-selected', 'true');
  await expect(dataRows(grid).nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(dataRows(grid).nth(2)).toHaveAttribute('aria-selected', 'false');
  await page.keyboard.press('Escape');
  await expect(bulkBar).toBeHidden();
  await expect(table).toBeVisible();

  // Every row the filter takes, relabelled as Claims in one action across both documents.
  await page.keyboard.press('ControlOrMeta+a');
  await expect(bulkBar).toContainText('All 4 annotations selected');
  await bulkBar.getByRole('combobox', { name: 'New label' }).selectOption({ label: 'Claim' });
  await screenshots(page, 'table-bulk-bar');
  await bulkBar.getByRole('button', { name: 'Apply to 4 annotations' }).click();
  await expect(page.getByText('Relabel 4 annotations as Claim')).toBeVisible();
  await expect(table.getByText('No annotation matches with these filters.')).toBeVisible();
  const stored = async (filter: object) => (await call<AnnotationPage>(page, origin, 'queryAnnotations', filter)).total;
  // A Claim has no speaker: the relabel set each speaker aside, for the undo (or a relabel back) to give back.
  expect(await stored({ labelIds: [claim.id] })).toBe(5);

  // One undo, from the table, takes the whole action back in both documents.
  await grid.focus();
  await page.keyboard.press('ControlOrMeta+z');
  await expect(table.getByRole('status')).toHaveText('4 of 5');
  await expect(page.getByText('Undone: Relabel 4 annotations as Claim')).toBeVisible();
  expect(await stored({ labelIds: [quote.id], actorIds: [ushakov.id] })).toBe(4);
  expect(await stored({ labelIds: [claim.id] })).toBe(1);
});

test('a status set by shortcut shows in the list filter, and tags added by typing filter the list', async ({ workbench }) => {
  const { page, origin } = workbench;
  await page.setViewportSize({ width: 1280, height: 800 });
  await tagUshakov(page, origin);
  await page.reload();
  const list = page.getByRole('region', { name: 'Documents' });
  const heading = page.getByRole('heading', { name: /Putin meets Witkoff/ });
  await expect(heading).toBeVisible();

  // Alt+3 marks the open document done; the article header and the list say so.
  await page.locator('.cm-content').click();
  await page.keyboard.press('Alt+3');
  await expect(page.getByRole('radiogroup', { name: 'Status' }).getByRole('radio', { name: 'Done' })).toBeChecked();
  await list.getByRole('combobox', { name: 'Show status' }).selectOption({ label: 'Done' });
  await expect(list.getByRole('button', { name: /^Putin meets Witkoff/ })).toBeVisible();
  await expect(list.getByRole('button', { name: /^Kremlin notes/ })).toBeHidden();
  await list.getByRole('combobox', { name: 'Show status' }).selectOption({ label: 'New' });
  await expect(list.getByRole('button', { name: /^Putin meets Witkoff/ })).toBeHidden();
  await expect(list.getByRole('button', { name: /^Kremlin notes/ })).toBeVisible();
  // The list sets a status too.
  await list.getByRole('combobox', { name: 'Status of Kremlin notes' }).selectOption({ label: 'In progress' });
  await expect(list.getByRole('button', { name: /^Kremlin notes/ })).toBeHidden();
  await list.getByRole('combobox', { name: 'Show status' }).selectOption({ label: 'Any status' });

  // Tags, created by typing in the article header, shown in the list and filtering it.
  const tags = page.getByRole('group', { name: 'Document tags' });
  const addTag = tags.getByRole('combobox', { name: 'Add a tag' });
  await addTag.fill('Ukraine talks');
  await addTag.press('Enter');
  await expect(tags.getByRole('button', { name: 'Remove tag Ukraine talks' })).toBeVisible();
  await expect(addTag).toHaveValue('');
  await addTag.fill('to review');
  await addTag.press('Enter');
  await expect(tags.getByText('Ukraine talks')).toBeVisible();
  await expect(list.getByRole('button', { name: /^Putin meets Witkoff/ })).toContainText('Ukraine talks');
  await list.getByRole('combobox', { name: 'Show tag' }).selectOption({ label: 'to review' });
  await expect(list.getByRole('button', { name: /^Kremlin notes/ })).toBeHidden();
  await list.getByRole('combobox', { name: 'Sort documents' }).selectOption({ label: 'Most annotations' });
  await screenshots(page, 'document-list-status-tags');
  await tags.getByRole('button', { name: 'Remove tag to review' }).click();
  await expect(list.getByText('No document has that status, tag or source.')).toBeVisible();
  await list.getByRole('combobox', { name: 'Show tag' }).selectOption({ label: 'Any tag' });
});

test('the table filtered by document tag and status is saved as a view, reopened, renamed and deleted', async ({ workbench }) => {
  const { page, origin } = workbench;
  await page.setViewportSize({ width: 1280, height: 800 });
  const { quote, sample } = await tagUshakov(page, origin);
  await call(page, origin, 'updateDocument', { id: sample.id, patch: { status: 'done' } });
  await call(page, origin, 'tagDocument', { documentId: sample.id, name: 'Ukraine talks' });
  await page.reload();
  const list = page.getByRole('region', { name: 'Documents' });
  await expect(page.getByRole('heading', { name: /Putin meets Witkoff/ })).toBeVisible();

  // The table by document tag and status, saved as a view.
  await page.keyboard.press('Alt+t');
  const table = page.getByRole('region', { name: 'Annotations table' });
  await table.getByRole('combobox', { name: 'Add a filter' }).selectOption({ label: 'Document tag' });
  await table.getByRole('combobox', { name: 'Document tag' }).selectOption({ label: 'Ukraine talks' });
  await table.getByRole('button', { name: 'Add filter' }).click();
  await table.getByRole('combobox', { name: 'Add a filter' }).selectOption({ label: 'Document status' });
  await table.getByRole('combobox', { name: 'Document status' }).selectOption({ label: 'Done' });
  await table.getByRole('button', { name: 'Add filter' }).click();
  await table.getByRole('group', { name: 'Show labels' }).getByRole('button', { name: 'Quote', exact: true }).click();
  await expect(table.getByRole('status')).toHaveText('3 of 5');
  await screenshots(page, 'table-filter-chips');
  await table.getByRole('button', { name: 'Save view…' }).click();
  await table.getByRole('textbox', { name: 'Name of the view' }).fill('Done talks: quotes');
  await table.getByRole('textbox', { name: 'Name of the view' }).press('Enter');
  const views = list.getByRole('list', { name: 'Views' });
  await expect(views.getByRole('button', { name: 'Done talks: quotes', exact: true })).toHaveAttribute('aria-current', 'page');
  await screenshots(page, 'table-saved-view');

  // Another filter, then the view again: its filter comes back whole.
  await table.getByRole('button', { name: 'Clear filters' }).click();
  await expect(table.getByRole('status')).toHaveText('4 of 5');
  await views.getByRole('button', { name: 'Done talks: quotes', exact: true }).click();
  await expect(table.getByRole('status')).toHaveText('3 of 5');
  await expect(table.getByRole('group', { name: 'Filters' })).toContainText('Tag: Ukraine talks');
  await expect(table.getByRole('group', { name: 'Filters' })).toContainText('Status: Done');

  // Renamed and reopened after a reload, then deleted (with an Undo).
  await views.getByRole('button', { name: 'Rename Done talks: quotes' }).click();
  const rename = views.getByRole('textbox', { name: 'New name for Done talks: quotes' });
  await rename.fill('Ushakov, done');
  await rename.press('Enter');
  await expect(views.getByRole('button', { name: 'Ushakov, done', exact: true })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(table).toBeHidden();
  await page.reload();
  await list.getByRole('list', { name: 'Views' }).getByRole('button', { name: 'Ushakov, done', exact: true }).click();
  await expect(table.getByRole('status')).toHaveText('3 of 5');
  expect(new URL(page.url()).hash).toContain(`label=${quote.id}`);
  await views.getByRole('button', { name: 'Delete Ushakov, done' }).click();
  await views.getByRole('button', { name: 'Confirm deleting Ushakov, done' }).click();
  await expect(page.getByText('Deleted the view Ushakov, done')).toBeVisible();
  await expect(views).toBeHidden();
});
