import type { Locator, Page } from '@playwright/test';
import type { Actor, ChangeResult, DocumentSummary, Label } from '../electron/shared/types.ts';
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

// A long article whose last paragraph, far below the first screen, holds the quote the test opens.
const FILLER = Array.from({ length: 160 }, (_, index) => `Paragraph ${index + 1} of the briefing, with nothing anyone said.`).join('\n\n');
const ARTICLE = `Talks in Geneva went on late.\n\n${FILLER}\n\nAt the end Ushakov said there is “no compromise version” yet, and Лавров agreed.`;

test('the annotations table filters, sorts, and opens an annotation by keyboard', async ({ workbench }) => {
  const { page, origin } = workbench;
  const labels = await call<Label[]>(page, origin, 'listLabels', {});
  const byName = (name: string) => labels.find((label) => label.name === name)!;
  const ushakov = await call<Actor>(page, origin, 'createActor', { name: 'Yuri Ushakov' });
  const document = await call<DocumentSummary>(page, origin, 'createDocument', { title: 'Geneva briefing', text: ARTICLE });
  const codePoints = Array.from(ARTICLE);
  const at = (needle: string): [number, number] => {
    const start = Array.from(ARTICLE.slice(0, ARTICLE.indexOf(needle))).length;
    return [start, start + Array.from(needle).length];
  };
  const change = await call<ChangeResult>(page, origin, 'edit', {
    documentId: document.id,
    description: 'Tag',
    edits: [
      { op: 'createAnnotation', labelId: byName('Quote').id, fragments: [at('no compromise version')], attributes: { speaker: ushakov.id, kind: 'direct' } },
      { op: 'createAnnotation', labelId: byName('Actor').id, fragments: [at('Ushakov')], attributes: { actor: ushakov.id } },
      { op: 'createAnnotation', labelId: byName('Actor').id, fragments: [at('Лавров')] },
      { op: 'createAnnotation', labelId: byName('Claim').id, fragments: [at('Talks in Geneva went on late')] },
    ],
  });
  const quoteId = change.upsertedAnnotations.find((annotation) => annotation.labelId === byName('Quote').id)!.id;
  expect(codePoints.slice(...at('Лавров')).join('')).toBe('Лавров');
  await page.reload();

  // Open the table from the toolbar: every annotation, newest first.
  const toggle = page.getByRole('button', { name: 'Table', exact: true });
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  const table = page.getByRole('region', { name: 'Annotations table' });
  const grid = table.getByRole('grid', { name: 'Annotations' });
  await expect(grid).toBeFocused();
  await expect(table.getByRole('status')).toHaveText('4 annotations');
  await expect(dataRows(grid)).toHaveCount(4);
  await expect(dataRows(grid).first()).toContainText('Talks in Geneva went on late');
  await expect(grid.getByRole('columnheader', { name: 'Updated' })).toHaveAttribute('aria-sort', 'descending');
  const quoteRow = dataRows(grid).filter({ hasText: 'no compromise version' });
  await expect(quoteRow).toContainText('Quote');
  await expect(quoteRow).toContainText('Yuri Ushakov');
  await expect(quoteRow).toContainText('speaker');
  await expect(quoteRow).toContainText('Geneva briefing');
  await screenshots(page, 'table');

  // Filter: case-insensitive, on covered text, document title and actor name, in any script.
  const filter = table.getByRole('searchbox', { name: 'Filter annotations' });
  await filter.fill('USHAKOV');
  await expect(table.getByRole('status')).toHaveText('2 of 4');
  await expect(dataRows(grid)).toHaveCount(2);
  await filter.fill('лавров');
  await expect(dataRows(grid)).toHaveCount(1);
  await expect(dataRows(grid).first()).toContainText('Лавров');
  await filter.fill('nobody said this');
  await expect(table.getByText('No annotation matches “nobody said this”.')).toBeVisible();
  await filter.fill('');
  await expect(dataRows(grid)).toHaveCount(4);

  // Label filter.
  await table.getByRole('button', { name: 'Actor', exact: true }).click();
  await expect(table.getByRole('status')).toHaveText('2 of 4');
  await table.getByRole('button', { name: 'All labels' }).click();
  await expect(table.getByRole('status')).toHaveText('4 annotations');

  // Sort by text, A to Z, then Z to A.
  const textHeader = grid.getByRole('columnheader', { name: 'Text' });
  await textHeader.getByRole('button').click();
  await expect(textHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect(grid.getByRole('columnheader', { name: 'Updated' })).toHaveAttribute('aria-sort', 'none');
  await expect(dataRows(grid).first()).toContainText('no compromise version');
  await expect(dataRows(grid).last()).toContainText('Лавров');
  await textHeader.getByRole('button').click();
  await expect(textHeader).toHaveAttribute('aria-sort', 'descending');
  await expect(dataRows(grid).first()).toContainText('Лавров');
  await screenshots(page, 'table-sorted');

  // Keyboard to the quote (Z to A: Лавров, Ushakov, Talks…, no compromise version) and open it.
  await grid.focus();
  await page.keyboard.press('End');
  await expect(grid).toHaveAttribute('aria-activedescendant', 'annotation-row-3');
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(grid).toHaveAttribute('aria-activedescendant', 'annotation-row-3');
  await expect(dataRows(grid).nth(3)).toHaveAttribute('data-annotation-id', String(quoteId));
  await page.keyboard.press('Enter');

  // The document, with the quote selected and on screen, far down the article.
  await expect(table).toBeHidden();
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByRole('heading', { name: 'Geneva briefing' })).toBeVisible();
  const selected = page.locator(`.cm-content .cm-annotation-selected[data-annotation-ids~="${quoteId}"]`).first();
  await expect(selected).toBeInViewport();
  await expect(page.getByRole('region', { name: 'Annotation' })).toContainText('no compromise version');

  // Alt+T goes back to the table where it was; Escape returns to the document.
  await page.keyboard.press('Alt+t');
  await expect(grid).toBeFocused();
  await expect(textHeader).toHaveAttribute('aria-sort', 'descending');
  await expect(grid).toHaveAttribute('aria-activedescendant', 'annotation-row-3');
  await page.keyboard.press('Escape');
  await expect(table).toBeHidden();
  await expect(selected).toBeInViewport();
});

test('the table is listed among the keyboard shortcuts', async ({ workbench }) => {
  const { page } = workbench;
  await expect(page.getByRole('region', { name: 'Documents' }).getByText('Sample', { exact: true }).first()).toBeVisible();
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog.getByRole('heading', { name: 'Annotations table' })).toBeVisible();
  await expect(dialog).toContainText('Show the table of every annotation, or go back to the document');
});
