import type { Page } from '@playwright/test';
import type { Actor, DocumentSummary, Label, PositionsMatrix, Target } from '../electron/shared/types.ts';
import { expect, test } from './fixtures.ts';
import { screenshots } from './screenshots.ts';

async function call<T>(page: Page, origin: string, method: string, params: object): Promise<T> {
  const response = await page.request.post(`${origin}/api/${method}`, { data: params });
  expect(response.ok(), `${method} answered ${response.status()}`).toBe(true);
  return (await response.json()) as T;
}

/** Selects the first occurrence of `text` in the article with the keyboard only: find, then Escape. */
async function selectByKeyboard(page: Page, text: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Article' }).focus();
  await page.keyboard.press('/');
  const find = page.getByRole('textbox', { name: 'Find in article' });
  await find.fill(text);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('textbox', { name: 'Article' })).toBeFocused();
}

test('a stance set in the workbench appears in its matrix cell, and the cell opens it in its article', async ({ workbench }) => {
  const { page, origin } = workbench;
  await page.setViewportSize({ width: 1280, height: 800 });
  // A target the registry has already, under an alias the analyst types.
  const plan = await call<Target>(page, origin, 'createTarget', { name: 'the US peace plan', aliases: ['Witkoff plan'] });
  const documents = page.getByRole('region', { name: 'Documents' });
  const panel = page.getByRole('region', { name: 'Annotation' });
  await documents.getByRole('button', { name: /^Putin meets Witkoff/ }).click();
  await expect(page.getByRole('heading', { name: /Putin meets Witkoff/ })).toBeVisible();

  // Tag a Position by keyboard; its holder is a new actor, its target found by an alias, its stance chosen.
  await selectByKeyboard(page, 'some US proposals are acceptable to Russia');
  await page.keyboard.press('p');
  await expect(panel.getByText('some US proposals are acceptable to Russia')).toBeVisible();
  const holder = panel.getByLabel('holder');
  await holder.fill('Yuri Ushakov');
  await expect(panel.getByRole('option', { name: /Create actor .Yuri Ushakov./ })).toBeVisible();
  await holder.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(holder).toHaveValue('Yuri Ushakov');
  const target = panel.getByRole('combobox', { name: 'target' });
  await target.fill('witkoff');
  const found = panel.getByRole('option', { name: /the US peace plan/ });
  await expect(found).toContainText('as “Witkoff plan”');
  await expect(panel.getByRole('option', { name: /Create target/ })).toHaveCount(1);
  await screenshots(page, 'positions-target-picker');
  await target.press('Enter');
  await expect(target).toHaveValue('the US peace plan');
  await panel.getByLabel('stance').selectOption('supports');
  await expect
    .poll(async () => (await call<PositionsMatrix>(page, origin, 'positionsMatrix', {})).cells.map((cell) => [cell[1], cell[2]]))
    .toEqual([[plan.id, 1]]);
  expect((await call<Target[]>(page, origin, 'listTargets', {})).map((one) => one.name), 'no twin was created').toEqual(['the US peace plan']);

  // The matrix, by its key from the article: the one cell, active.
  await page.getByRole('textbox', { name: 'Article' }).focus();
  await page.keyboard.press('Alt+p');
  const matrix = page.getByRole('region', { name: 'Positions matrix' });
  const grid = matrix.getByRole('grid', { name: 'Positions: holders by target' });
  await expect(grid).toBeFocused();
  await expect(page.getByRole('button', { name: 'Positions', exact: true })).toHaveAttribute('aria-pressed', 'true');
  const cell = grid.getByRole('gridcell', { name: 'Yuri Ushakov on the US peace plan: supports 1' });
  await expect(cell).toBeVisible();
  await expect(grid).toHaveAttribute('aria-activedescendant', (await cell.getAttribute('id'))!);
  await expect(grid.getByRole('columnheader', { name: /the US peace plan/ })).toBeVisible();
  await expect(grid.getByRole('rowheader', { name: /Yuri Ushakov/ })).toBeVisible();

  // Enter lists the position behind the cell, with the stance over time; Enter on it opens it in its article.
  await page.keyboard.press('Enter');
  const details = matrix.getByRole('complementary', { name: 'Positions in the cell' });
  const item = details.getByRole('list', { name: 'Positions' }).getByRole('button');
  await expect(item).toHaveCount(1);
  await expect(item).toBeFocused();
  await expect(item).toContainText('some US proposals are acceptable to Russia');
  await expect(details.getByRole('table', { name: 'Over time' }).getByRole('row')).toHaveCount(2);
  await screenshots(page, 'positions-one-cell');
  await page.keyboard.press('Enter');
  await expect(matrix).toBeHidden();
  await expect(page).toHaveURL(/#\/document\/\d+$/);
  await expect(page.locator('.cm-content .cm-annotation-selected').first()).toHaveText(/some US proposals/);
  await expect(panel.getByRole('combobox', { name: 'target' })).toHaveValue('the US peace plan');
});

test('the matrix reads without colour, moves by arrow keys, filters by holder kind, day and document tag, and orders its axes', async ({ workbench }) => {
  const { page, origin } = workbench;
  await page.setViewportSize({ width: 1280, height: 800 });
  const labels = await call<Label[]>(page, origin, 'listLabels', {});
  const position = labels.find((label) => label.name === 'Position')!;
  const actor = (name: string, kind: Actor['kind']) => call<Actor>(page, origin, 'createActor', { name, kind });
  const holders = {
    ushakov: await actor('Yuri Ushakov', 'person'),
    zelenskyy: await actor('Volodymyr Zelenskyy', 'person'),
    kremlin: await actor('Kremlin', 'organisation'),
    ukraine: await actor('Ukraine', 'state'),
  };
  const targetNamed = (name: string) => call<Target>(page, origin, 'createTarget', { name });
  const targets = {
    plan: await targetNamed('the US peace plan'),
    ceasefire: await targetNamed('a ceasefire'),
    sanctions: await targetNamed('sanctions on Russia'),
    territory: await targetNamed('territorial concessions'),
  };
  const text = 'One. Two. Three. Four. Five. Six. Seven. Eight. Nine. Ten. Eleven. Twelve.';
  const early = await call<DocumentSummary>(page, origin, 'createDocument', { title: 'Early talks', text, publishedAt: '2025-11-01' });
  const late = await call<DocumentSummary>(page, origin, 'createDocument', { title: 'Late talks', text, publishedAt: '2025-12-02' });
  const positions: [DocumentSummary, keyof typeof holders, keyof typeof targets, string][] = [
    [early, 'ushakov', 'plan', 'supports'],
    [late, 'ushakov', 'plan', 'opposes'],
    [late, 'ushakov', 'plan', 'opposes'],
    [late, 'ushakov', 'plan', 'opposes'],
    [early, 'zelenskyy', 'plan', 'opposes'],
    [early, 'zelenskyy', 'ceasefire', 'supports'],
    [late, 'zelenskyy', 'territory', 'opposes'],
    [early, 'kremlin', 'sanctions', 'opposes'],
    [late, 'kremlin', 'ceasefire', 'ambiguous'],
    [early, 'ukraine', 'sanctions', 'supports'],
    [late, 'ukraine', 'territory', 'neutral'],
  ];
  for (const [index, [document, holder, target, stance]] of positions.entries()) {
    await call(page, origin, 'edit', {
      documentId: document.id,
      description: 'Tag Position',
      edits: [{ op: 'createAnnotation', labelId: position.id, fragments: [[index * 5, index * 5 + 4]], attributes: { holder: holders[holder].id, target: targets[target].id, stance } }],
    });
  }
  await call(page, origin, 'tagDocument', { documentId: late.id, name: 'Ukraine talks' });
  // The matrix by its address, as a reload or a bookmark opens it.
  await page.goto(`${workbench.url}#/positions`);
  await page.reload();
  const matrix = page.getByRole('region', { name: 'Positions matrix' });
  const grid = matrix.getByRole('grid', { name: 'Positions: holders by target' });
  await expect(grid).toBeFocused();
  await expect(matrix.getByRole('status')).toHaveText('4 holders × 4 targets · 11 positions');

  // Most positions first on both axes: Ushakov (4) and the plan (5) lead; a mixed cell says each stance.
  await expect(grid.getByRole('rowheader').first()).toContainText('Yuri Ushakov');
  await expect(grid.getByRole('columnheader').nth(1)).toContainText('the US peace plan');
  const mixed = grid.getByRole('gridcell', { name: 'Yuri Ushakov on the US peace plan: mixed: supports 1, opposes 3' });
  await expect(mixed).toHaveClass(/mixed/);
  await expect(mixed).toHaveAttribute('id', 'matrix-cell-0-0');
  await expect(grid.getByRole('gridcell', { name: 'Yuri Ushakov on a ceasefire: no positions' })).toBeVisible();

  // Arrow keys move the active cell; the details follow it.
  await page.keyboard.press('ArrowRight');
  await expect(grid).toHaveAttribute('aria-activedescendant', 'matrix-cell-0-1');
  await page.keyboard.press('ArrowDown');
  await expect(grid).toHaveAttribute('aria-activedescendant', 'matrix-cell-1-1');
  const active = grid.locator('#matrix-cell-1-1');
  await expect(active).toHaveAttribute('aria-label', /^Volodymyr Zelenskyy on /);
  const details = matrix.getByRole('complementary', { name: 'Positions in the cell' });
  await expect(details.getByRole('heading', { level: 2 })).toHaveText(`Volodymyr Zelenskyy on ${(await grid.getByRole('columnheader').nth(2).getAttribute('title'))!.split(':')[0]}`);
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(grid).toHaveAttribute('aria-activedescendant', 'matrix-cell-0-0');
  await expect(details.getByRole('table', { name: 'Over time' }).getByRole('row')).toHaveCount(3);
  await expect(details.getByRole('list', { name: 'Positions' }).getByRole('button')).toHaveCount(4);
  await screenshots(page, 'positions-matrix');

  // Enter goes to the cell's positions, Esc back to the cell; arrowing on leaves the focus in the matrix.
  await page.keyboard.press('Enter');
  await expect(details.getByRole('list', { name: 'Positions' }).getByRole('button').first()).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(details.getByRole('list', { name: 'Positions' }).getByRole('button').nth(1)).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(grid).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(details.getByRole('heading', { level: 2 })).toHaveText('Volodymyr Zelenskyy on the US peace plan');
  await expect(details.getByRole('list', { name: 'Positions' }).getByRole('button')).toHaveCount(1);
  await expect(grid).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(grid).toHaveAttribute('aria-activedescendant', 'matrix-cell-0-0');

  // Filters: the holders' kind, then the days of publication.
  await matrix.getByRole('group', { name: 'Holder kinds' }).getByRole('button', { name: 'Organisation' }).click();
  await matrix.getByRole('group', { name: 'Holder kinds' }).getByRole('button', { name: 'State' }).click();
  await expect(matrix.getByRole('status')).toHaveText('2 holders × 3 targets · 4 positions');
  await expect(grid.getByRole('rowheader')).toHaveText([/Kremlin/, /Ukraine/]);
  await matrix.getByLabel('Published from').fill('2025-12-01');
  await matrix.getByLabel('Published from').dispatchEvent('change');
  await expect(matrix.getByRole('status')).toHaveText('2 holders × 2 targets · 2 positions');
  await matrix.getByRole('button', { name: 'Clear filters' }).click();
  await expect(matrix.getByRole('status')).toHaveText('4 holders × 4 targets · 11 positions');
  // The documents' tags: only the late talks carry one.
  await matrix.getByRole('group', { name: 'Document tags' }).getByRole('button', { name: 'Ukraine talks' }).click();
  await expect(matrix.getByRole('status')).toHaveText('4 holders × 3 targets · 6 positions');
  await matrix.getByRole('button', { name: 'Clear filters' }).click();

  // Ordering by name.
  await matrix.getByLabel('Rows').selectOption('name');
  await expect(grid.getByRole('rowheader')).toHaveText([/Kremlin/, /Ukraine/, /Volodymyr Zelenskyy/, /Yuri Ushakov/]);
  await matrix.getByLabel('Columns').selectOption('name');
  await expect(grid.getByRole('columnheader').nth(1)).toContainText('a ceasefire');

  // Escape goes back to the document.
  await grid.focus();
  await page.keyboard.press('Escape');
  await expect(matrix).toBeHidden();
});

test('the matrix says what to do when there are no positions yet', async ({ workbench }) => {
  const { page } = workbench;
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(page.getByRole('region', { name: 'Documents' }).getByText('Sample', { exact: true }).first()).toBeVisible();
  await page.getByRole('button', { name: 'Positions', exact: true }).click();
  const matrix = page.getByRole('region', { name: 'Positions matrix' });
  await expect(matrix.getByText('No positions yet.')).toBeVisible();
  await screenshots(page, 'positions-empty');
});
