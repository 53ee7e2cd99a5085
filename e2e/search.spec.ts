import type { Page } from '@playwright/test';
import type { DocumentSummary, Label, OpenDocument } from '../electron/shared/types.ts';
import { expect, test } from './fixtures.ts';
import { screenshots } from './screenshots.ts';

async function call<T>(page: Page, origin: string, method: string, params: object): Promise<T> {
  const response = await page.request.post(`${origin}/api/${method}`, { data: params });
  expect(response.ok(), `${method} answered ${response.status()}`).toBe(true);
  return (await response.json()) as T;
}

// Five mentions: three on the first screen, two far below it, after a long stretch of nothing.
const FILLER = Array.from({ length: 40 }, (_, index) => `Paragraph ${index + 1} of the front report, with nothing new.`).join('\n\n');
const REPORT = `🇺🇦 Pokrovsk held overnight; the Pokrovsk road and Pokrovsk station were shelled.\n\n${FILLER}\n\nBy dawn Pokrovsk was quiet, and Pokrovsk’s mayor spoke.`;

/** The text the article has selected (CodeMirror mirrors its selection in the page's while it has the focus). */
const selectedText = (page: Page) => page.evaluate(() => document.getSelection()?.toString() ?? '');

test('corpus search finds Pokrovsk, opens each hit in its article by keyboard, across documents', async ({ workbench }) => {
  const { page, origin } = workbench;
  await page.setViewportSize({ width: 1280, height: 800 });
  await call<DocumentSummary>(page, origin, 'createDocument', { title: 'Front report', text: REPORT });
  await page.reload();
  await expect(page.getByRole('heading', { name: /Putin meets Witkoff/ })).toBeVisible();

  // Ctrl+Shift+F from the article: the search screen, the focus in its box.
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+Shift+F');
  const screen = page.getByRole('region', { name: 'Search the corpus' });
  const box = screen.getByRole('searchbox', { name: 'Search the corpus' });
  await expect(box).toBeFocused();
  await expect(page.getByRole('button', { name: 'Search', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(screen).toContainText('Search the text of every document.');
  await screenshots(page, 'search-start');

  await page.keyboard.type('pokrovsk');
  const results = screen.getByRole('list', { name: 'Search results' });
  const documents = results.locator(':scope > li');
  await expect(documents).toHaveCount(2);
  await expect(screen.getByRole('status')).toHaveText('2 documents · 7 hits');
  // Ranked: five mentions in a short report before two in the longer sample article.
  await expect(documents.nth(0).getByRole('heading')).toHaveText('Front report');
  await expect(documents.nth(0)).toContainText('5 hits');
  await expect(documents.nth(1).getByRole('heading')).toHaveText(/Putin meets Witkoff/);
  await expect(documents.nth(1)).toContainText('2 hits');
  await expect(documents.nth(0).locator('mark').first()).toHaveText('Pokrovsk');
  // The first three hits of a document are listed, the rest a click away.
  await expect(documents.nth(0).locator('mark')).toHaveCount(3);
  await expect(documents.nth(0).getByRole('button', { name: 'Show all 5 hits' })).toBeVisible();
  await expect(page).toHaveURL(/#\/search\?q=pokrovsk$/);
  await screenshots(page, 'search-results');

  // Down to the hits, down once more, and Enter: the report opens at its second hit, selected.
  await page.keyboard.press('ArrowDown');
  await expect(documents.nth(0).getByRole('button').first()).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(documents.nth(0).getByRole('button').nth(1)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(screen).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Front report' })).toBeVisible();
  const hitBar = page.getByRole('group', { name: 'Search hits' });
  await expect(hitBar).toContainText('Hit 2 of 7 · 2 of 5 here');
  await expect.poll(() => selectedText(page)).toBe('Pokrovsk');
  await expect(page.locator('.cm-content')).toBeFocused();
  await screenshots(page, 'search-hit');

  // F3 steps on: the fifth hit is far down the article, scrolled into view.
  await page.keyboard.press('F3');
  await page.keyboard.press('F3');
  await page.keyboard.press('F3');
  await expect(hitBar).toContainText('Hit 5 of 7 · 5 of 5 here');
  await expect.poll(() => selectedText(page)).toBe('Pokrovsk');
  await expect(page.locator('.cm-line', { hasText: 'By dawn Pokrovsk was quiet' })).toBeInViewport();
  await expect(page.locator('.cm-line', { hasText: 'Pokrovsk held overnight' })).not.toBeInViewport();

  // On into the next document, and back with Shift+F3.
  await page.keyboard.press('F3');
  await expect(page.getByRole('heading', { name: /Putin meets Witkoff/ })).toBeVisible();
  await expect(hitBar).toContainText('Hit 6 of 7 · 1 of 2 here');
  await expect.poll(() => selectedText(page)).toBe('Pokrovsk');
  await page.keyboard.press('Shift+F3');
  await expect(page.getByRole('heading', { name: 'Front report' })).toBeVisible();
  await expect(hitBar).toContainText('Hit 5 of 7');
  await page.keyboard.press('Shift+F3');
  await expect(hitBar).toContainText('Hit 4 of 7');
  await expect.poll(() => selectedText(page)).toBe('Pokrovsk');

  // Back to the results, where they were; Escape returns to the article.
  await page.keyboard.press('Control+Shift+F');
  await expect(box).toBeFocused();
  await expect(box).toHaveValue('pokrovsk');
  await expect(documents).toHaveCount(2);
  // The hit the keys reached is listed, its document expanded, and the arrows go on from it.
  await expect(documents.nth(0).locator('mark')).toHaveCount(5);
  await expect(documents.nth(0).getByRole('button').nth(3)).toHaveClass(/current/);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(documents.nth(0).getByRole('button').nth(4)).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(screen).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Front report' })).toBeVisible();
});

test('a bad search query gets a plain message, and the search comes back when it is mended', async ({ workbench }) => {
  const { page } = workbench;
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(page.getByRole('heading', { name: /Putin meets Witkoff/ })).toBeVisible();
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  const screen = page.getByRole('region', { name: 'Search the corpus' });
  const box = screen.getByRole('searchbox', { name: 'Search the corpus' });
  await expect(box).toBeFocused();

  await box.fill('"Pokrovsk');
  const problem = screen.getByText(/at character|at the end/);
  await expect(problem).toHaveText('The quote at character 1 is never closed: add the closing " or remove it.');
  await expect(box).toHaveAttribute('aria-invalid', 'true');
  await expect(box).toHaveAccessibleDescription('The quote at character 1 is never closed: add the closing " or remove it.');
  await screenshots(page, 'search-problem');
  await box.fill('NOT');
  await expect(problem).toHaveText(/^NOT at character 1 needs a word or phrase before it/);
  await box.fill('Pokrovsk AND');
  await expect(problem).toHaveText('AND at the end needs a word or phrase after it.');

  await box.fill('"Pokrovsk"');
  await expect(problem).toBeHidden();
  await expect(box).toHaveAttribute('aria-invalid', 'false');
  await expect(screen.getByRole('status')).toHaveText('1 document · 2 hits');
  await box.fill('Pokrovsk NOT Kyiv');
  await expect(screen.getByText('No document matches “Pokrovsk NOT Kyiv”.')).toBeVisible();
});

test('the search can keep to the text of quotes: quotes containing Pokrovsk', async ({ workbench }) => {
  const { page, origin } = workbench;
  await page.setViewportSize({ width: 1280, height: 800 });
  const [sample] = await call<DocumentSummary[]>(page, origin, 'listDocuments', {});
  const { document } = await call<OpenDocument>(page, origin, 'openDocument', { id: sample!.id });
  const labels = await call<Label[]>(page, origin, 'listLabels', {});
  const quote = labels.find((label) => label.name === 'Quote')!;
  const sentence = 'Pokrovsk, an eastern Ukrainian stronghold';
  const start = Array.from(document.text.slice(0, document.text.indexOf(sentence))).length;
  await call(page, origin, 'edit', {
    documentId: sample!.id,
    description: 'Tag Quote',
    edits: [{ op: 'createAnnotation', labelId: quote.id, fragments: [[start, start + Array.from(sentence).length]] }],
  });
  await page.reload();
  await page.keyboard.press('Control+Shift+F');
  const screen = page.getByRole('region', { name: 'Search the corpus' });
  await screen.getByRole('searchbox', { name: 'Search the corpus' }).fill('pokrovsk');
  await expect(screen.getByRole('status')).toHaveText('1 document · 2 hits');
  const chips = screen.getByRole('group', { name: 'Search in annotations with labels' });
  await chips.getByRole('button', { name: 'Quote' }).click();
  await expect(chips.getByRole('button', { name: 'Quote' })).toHaveAttribute('aria-pressed', 'true');
  await expect(screen.getByRole('status')).toHaveText('1 document · 1 hit in 1 annotation');
  const hit = screen.getByRole('list', { name: 'Search results' }).getByRole('button').first();
  await expect(hit.locator('mark')).toHaveText('Pokrovsk');
  await expect(hit).toContainText('an eastern Ukrainian stronghold');
  await screenshots(page, 'search-quotes');
  await chips.getByRole('button', { name: 'Claim' }).click();
  await chips.getByRole('button', { name: 'Quote' }).click();
  await expect(screen.getByText('No Claim annotation matches “pokrovsk”.')).toBeVisible();
  await chips.getByRole('button', { name: 'All text' }).click();
  await expect(screen.getByRole('status')).toHaveText('1 document · 2 hits');
});

test('corpus search is listed among the keyboard shortcuts', async ({ workbench }) => {
  const { page } = workbench;
  await expect(page.getByRole('heading', { name: /Putin meets Witkoff/ })).toBeVisible();
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog.getByRole('heading', { name: 'Corpus search' })).toBeVisible();
  await expect(dialog).toContainText('Next / previous hit, opened in its article');
});
