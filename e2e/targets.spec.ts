import type { Page } from '@playwright/test';
import type { Actor, AnnotationPage, DocumentSummary, Label, Target } from '../electron/shared/types.ts';
import { expect, test } from './fixtures.ts';
import { screenshots } from './screenshots.ts';

async function call<T>(page: Page, origin: string, method: string, params: object): Promise<T> {
  const response = await page.request.post(`${origin}/api/${method}`, { data: params });
  expect(response.ok(), `${method} answered ${response.status()}`).toBe(true);
  return (await response.json()) as T;
}

/** Two holders' Positions on three targets, one of them a spelling twin of another, in one new document. */
async function positions(page: Page, origin: string) {
  const labels = await call<Label[]>(page, origin, 'listLabels', {});
  const position = labels.find((label) => label.name === 'Position')!;
  const ushakov = await call<Actor>(page, origin, 'createActor', { name: 'Yuri Ushakov' });
  const zelenskyy = await call<Actor>(page, origin, 'createActor', { name: 'Volodymyr Zelenskyy' });
  const plan = await call<Target>(page, origin, 'createTarget', { name: 'the US peace plan' });
  const twin = await call<Target>(page, origin, 'createTarget', { name: 'US plan', aliases: ['28-point plan'] });
  const ceasefire = await call<Target>(page, origin, 'createTarget', { name: 'a ceasefire' });
  const text = 'Moscow rejects it. Kyiv doubts it. Both want a truce. Nobody said more.';
  const document = await call<DocumentSummary>(page, origin, 'createDocument', { title: 'Where they stand', text });
  const span = (needle: string): [number, number] => [text.indexOf(needle), text.indexOf(needle) + needle.length];
  const tag = (needle: string, attributes: object) => ({ op: 'createAnnotation', labelId: position.id, fragments: [span(needle)], attributes });
  await call(page, origin, 'edit', {
    documentId: document.id,
    description: 'Tag positions',
    edits: [
      tag('Moscow rejects it', { holder: ushakov.id, target: plan.id, stance: 'opposes' }),
      tag('Kyiv doubts it', { holder: zelenskyy.id, target: twin.id, stance: 'ambiguous' }),
      tag('Both want a truce', { holder: zelenskyy.id, target: ceasefire.id, stance: 'supports' }),
    ],
  });
  return { plan, twin, ceasefire };
}

test('the table filters by target, and a saved view keeps the filter', async ({ workbench }) => {
  const { page, origin } = workbench;
  await page.setViewportSize({ width: 1280, height: 800 });
  const { ceasefire } = await positions(page, origin);
  await page.reload();
  await expect(page.getByRole('heading').first()).toBeVisible();
  await page.keyboard.press('Alt+t');
  const table = page.getByRole('region', { name: 'Annotations table' });
  await table.getByRole('combobox', { name: 'Add a filter' }).selectOption({ label: 'Target' });
  // Found by its name ignoring case, as typed.
  await table.getByRole('combobox', { name: 'Target' }).fill('A CEASEFIRE');
  await table.getByRole('combobox', { name: 'Target' }).press('Enter');
  await expect(table.getByRole('group', { name: 'Filters' })).toContainText('Target: a ceasefire');
  await expect(table.getByRole('status')).toHaveText(/^1 of \d+$/);
  await expect(table.getByRole('grid').getByRole('row', { name: /Both want a truce/ })).toBeVisible();
  expect(new URL(page.url()).hash).toContain(`target=${ceasefire.id}`);
  await table.getByRole('button', { name: 'Save view…' }).click();
  await table.getByRole('textbox', { name: 'Name of the view' }).fill('On a ceasefire');
  await table.getByRole('textbox', { name: 'Name of the view' }).press('Enter');
  await table.getByRole('button', { name: 'Clear filters' }).click();
  await expect(table.getByRole('status')).not.toHaveText(/^1 of/);
  await page.getByRole('region', { name: 'Documents' }).getByRole('list', { name: 'Views' }).getByRole('button', { name: 'On a ceasefire', exact: true }).click();
  await expect(table.getByRole('status')).toHaveText(/^1 of \d+$/);
  expect((await call<{ filter: object }[]>(page, origin, 'listSavedViews', {}))[0]!.filter).toEqual({ targetIds: [ceasefire.id] });
});

test('the Targets dialog renames, adds and removes aliases, merges (undone) and deletes (asking, listing what names it; undone) by keyboard', async ({ workbench }) => {
  const { page, origin } = workbench;
  await page.setViewportSize({ width: 1280, height: 800 });
  const { plan, twin, ceasefire } = await positions(page, origin);
  const spare = await call<Target>(page, origin, 'createTarget', { name: 'frozen assets' });
  await page.reload();
  await expect(page.getByRole('heading').first()).toBeVisible();
  await page.keyboard.press('Alt+p');
  const matrix = page.getByRole('region', { name: 'Positions matrix' });
  await matrix.getByRole('button', { name: 'Targets…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Targets' });
  const filter = dialog.getByRole('searchbox', { name: 'Filter targets' });
  await expect(filter).toBeFocused();
  const list = dialog.getByRole('listbox', { name: 'Targets' });
  await expect(list.getByRole('option')).toHaveCount(4);
  await screenshots(page, 'targets-dialog');

  // Found by an alias; F2 edits it: renamed, an alias removed and one added.
  await filter.fill('28-point');
  await expect(list.getByRole('option')).toHaveCount(1);
  await filter.press('Enter');
  await expect(list).toBeFocused();
  await page.keyboard.press('F2');
  const edit = page.getByRole('dialog', { name: 'Edit US plan' });
  await expect(edit.getByRole('textbox', { name: 'Name' })).toBeFocused();
  await edit.getByRole('textbox', { name: 'Name' }).fill('the US draft');
  await edit.getByRole('button', { name: 'Remove alias 28-point plan' }).click();
  await edit.getByRole('textbox', { name: 'New alias' }).fill('Witkoff plan');
  await edit.getByRole('textbox', { name: 'New alias' }).press('Enter');
  await expect(edit.getByRole('list', { name: 'Aliases' })).toHaveText(/Witkoff plan/);
  await screenshots(page, 'targets-edit');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(list).toBeFocused();
  await expect.poll(async () => (await call<Target[]>(page, origin, 'listTargets', {})).find((one) => one.id === twin.id)).toMatchObject({ name: 'the US draft', aliases: ['Witkoff plan'] });

  // Alt+M merges it into the peace plan: its position moves, its names become aliases; Undo takes it back.
  await filter.fill('');
  await list.focus();
  await page.keyboard.press('End');
  await expect(list.getByRole('option', { selected: true })).toHaveText(/the US peace plan/);
  await page.keyboard.press('ArrowUp');
  await expect(list.getByRole('option', { selected: true })).toHaveText(/the US draft/);
  await page.keyboard.press('Alt+m');
  const merge = page.getByRole('dialog', { name: 'Merge the US draft into another target' });
  const into = merge.getByRole('combobox', { name: 'Merge into' });
  await expect(into).toBeFocused();
  await into.fill('peace');
  await into.press('Enter');
  await expect(merge.getByRole('status')).toContainText('1 annotation on the US draft will be on the US peace plan.');
  await screenshots(page, 'targets-merge');
  await into.press('Enter');
  // Undone from the dialog (its toast waits behind it).
  const done = dialog.getByRole('status').filter({ hasText: 'Merge the US draft into the US peace plan (1 position)' });
  await expect(done).toBeVisible();
  await expect(list.getByRole('option')).toHaveCount(3);
  expect((await call<AnnotationPage>(page, origin, 'queryAnnotations', { targetIds: [plan.id] })).total).toBe(2);
  await done.getByRole('button', { name: 'Undo' }).click();
  await expect(list.getByRole('option')).toHaveCount(4);
  await expect(page.getByText('Merge the US draft into the US peace plan (1 position)', { exact: true }), 'its toast went with it').toHaveCount(0);
  expect((await call<AnnotationPage>(page, origin, 'queryAnnotations', { targetIds: [twin.id] })).total).toBe(1);

  // Delete on a target positions are on lists them and offers a merge instead; on an unused one, it deletes.
  await filter.fill('ceasefire');
  await list.focus();
  await page.keyboard.press('Delete');
  const refused = page.getByRole('dialog', { name: 'Delete a ceasefire?' });
  await expect(refused.getByRole('list', { name: 'What names a ceasefire' }).getByRole('listitem')).toHaveText([/Both want a truce/]);
  await expect(refused.getByRole('button', { name: 'Merge instead…' })).toBeVisible();
  await screenshots(page, 'targets-delete-named');
  await page.keyboard.press('Escape');
  await expect(list).toBeFocused();
  await filter.fill('frozen');
  await list.focus();
  await page.keyboard.press('Delete');
  const unused = page.getByRole('dialog', { name: 'Delete frozen assets?' });
  await unused.getByRole('button', { name: 'Delete target' }).click();
  await expect(list.getByRole('option')).toHaveCount(0);
  await dialog.getByRole('status').filter({ hasText: 'Delete target frozen assets' }).getByRole('button', { name: 'Undo' }).click();
  await expect(list.getByRole('option')).toHaveCount(1);
  // Closed, the toast is there too; the registry as before.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect((await call<Target[]>(page, origin, 'listTargets', {})).map((one) => one.id).sort()).toEqual([plan.id, twin.id, ceasefire.id, spare.id].sort());
});
