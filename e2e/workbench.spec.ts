import type { Locator, Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, storedDocument, test } from './fixtures.ts';

const SCREENSHOTS = fileURLToPath(new URL('./results/screenshots/', import.meta.url));

/** The painted segments of the article whose text is, or belongs to, `text`. */
function painted(page: Page): Locator {
  return page.locator('.cm-content [data-annotation-ids]');
}

/** Selects the first occurrence of `text` in the article with the keyboard only: find, then Escape. */
async function selectByKeyboard(page: Page, text: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Article' }).focus();
  await page.keyboard.press('/');
  const find = page.getByRole('textbox', { name: 'Find in article' });
  await expect(find).toBeFocused();
  await find.fill(text);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('textbox', { name: 'Article' })).toBeFocused();
}

async function apiStats(page: Page, origin: string) {
  const response = await page.request.post(`${origin}/api/stats`, { data: {} });
  expect(response.ok()).toBe(true);
  return (await response.json()) as { documents: number; annotations: number; relations: number; actors: number; labels: Record<string, number> };
}

test('annotate the sample article end to end by keyboard, undo, redo and reload', async ({ workbench }) => {
  const { page } = workbench;
  const documents = page.getByRole('region', { name: 'Documents' });
  const panel = page.getByRole('region', { name: 'Annotation' });
  await expect(documents.getByText('Sample', { exact: true }).first()).toBeVisible();
  await documents.getByRole('button', { name: /^Putin meets Witkoff/ }).click();
  await expect(page.getByRole('heading', { name: /Putin meets Witkoff/ })).toBeVisible();

  // Tag the quote by keyboard.
  await selectByKeyboard(page, 'no compromise version');
  await page.keyboard.press('q');
  const quote = painted(page).filter({ hasText: 'no compromise version' });
  await expect(quote).toHaveCount(1);
  await expect(quote).toHaveClass(/cm-annotation-selected/);
  await expect(panel.getByText('no compromise version')).toBeVisible();

  // Its speaker: a new actor, created inline from the picker, by keyboard.
  const speaker = panel.getByLabel('speaker');
  await speaker.fill('Yuri Ushakov');
  await expect(panel.getByRole('option', { name: /Create actor .Yuri Ushakov./ })).toBeVisible();
  await speaker.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(speaker).toHaveValue('Yuri Ushakov');
  await panel.getByLabel('kind').selectOption('direct');
  await expect.poll(async () => (await apiStats(page, workbench.origin)).actors).toBe(1);

  // A claim that overlaps the quote: both stay painted, the overlap carries both ids.
  await page.getByRole('textbox', { name: 'Article' }).focus();
  await page.keyboard.press('Escape');
  await selectByKeyboard(page, 'there is still “no compromise');
  await page.keyboard.press('c');
  await expect(panel.getByText('there is still “no compromise')).toBeVisible();
  const overlap = painted(page).filter({ hasText: /^no compromise$/ });
  await expect(overlap).toHaveCount(1);
  expect((await overlap.getAttribute('data-annotation-ids'))!.split(' ')).toHaveLength(2);

  // Link the claim to the quote.
  await page.keyboard.press('l');
  const linking = panel.getByRole('group', { name: 'New relation' });
  await linking.getByLabel('Relation type').selectOption('about');
  await linking.getByLabel('Link to annotation').selectOption({ label: 'Quote: no compromise version' });
  await linking.getByRole('button', { name: 'Link' }).click();
  await expect(panel.getByText('no compromise version')).toBeVisible();
  await expect.poll(async () => (await apiStats(page, workbench.origin)).relations).toBe(1);

  // Undo the link, then redo it, with the keyboard.
  await page.getByRole('textbox', { name: 'Article' }).focus();
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await apiStats(page, workbench.origin)).relations).toBe(0);
  await page.keyboard.press('Control+Shift+z');
  await expect.poll(async () => (await apiStats(page, workbench.origin)).relations).toBe(1);
  // Undo and redo the claim itself with the toolbar buttons.
  await page.keyboard.press('Control+z');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(painted(page).filter({ hasText: 'there is still' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Redo' }).click();
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(painted(page).filter({ hasText: 'there is still' })).toHaveCount(1);
  expect(await apiStats(page, workbench.origin)).toMatchObject({ annotations: 2, relations: 1, actors: 1, labels: { Quote: 1, Claim: 1 } });

  // A reload shows exactly the same state.
  await page.reload();
  await expect(page.getByRole('heading', { name: /Putin meets Witkoff/ })).toBeVisible();
  await expect(painted(page).filter({ hasText: /^no compromise$/ })).toHaveCount(1);
  await expect(painted(page).filter({ hasText: 'there is still' })).toHaveCount(1);
  await painted(page).filter({ hasText: /^ version$|^version$/ }).first().click();
  await expect(panel.getByLabel('speaker')).toHaveValue('Yuri Ushakov');
  await expect(panel.getByLabel('kind')).toHaveValue('direct');
  await expect(panel.getByText(/there is still “no compromise/)).toBeVisible();
  await expect(documents.getByRole('button', { name: /^Putin meets Witkoff/ })).toContainText('2 annotations');

  // Screenshots of the main screen, light and dark, for people to look at.
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.screenshot({ path: `${SCREENSHOTS}main-light.png`, animations: 'disabled' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: `${SCREENSHOTS}main-dark.png`, animations: 'disabled' });
});

test('label buttons, regions and the shortcuts overlay are reachable by accessible name', async ({ workbench }) => {
  const { page } = workbench;
  for (const [label, key] of [['Quote', 'q'], ['Claim', 'c'], ['Position', 'p'], ['Actor', 'a']]) {
    await expect(page.getByRole('button', { name: label, exact: true })).toHaveAttribute('aria-keyshortcuts', key!);
  }
  await page.getByRole('region', { name: 'Documents' }).getByRole('button', { name: /^North Korea/ }).click();
  await page.getByRole('textbox', { name: 'Article' }).focus();
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Tag the selected text as Quote');
  await expect(dialog).toContainText('Undo');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('a pasted document with emoji and RTL text is tagged at the right code point offsets', async ({ workbench }) => {
  const { page } = workbench;
  await page.getByRole('button', { name: 'New document' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New document' });
  await dialog.getByLabel('Title').fill('Unicode check');
  await dialog.getByLabel('Text').fill('Family 👩‍👩‍👧 met.\nقال «لا حل وسط» then Cafe\u0301 said “we agree” 🇺🇦.');
  await dialog.getByRole('button', { name: /Create|Add/ }).click();
  await expect(page.getByRole('heading', { name: 'Unicode check' })).toBeVisible();
  await selectByKeyboard(page, 'we agree');
  await page.keyboard.press('q');
  await selectByKeyboard(page, 'لا حل وسط');
  await page.keyboard.press('c');
  await expect(painted(page).filter({ hasText: 'we agree' })).toHaveCount(1);
  await expect(painted(page).filter({ hasText: 'لا حل وسط' })).toHaveCount(1);
  await expectStoredSpans(page, workbench.origin, 'Unicode check', ['we agree', 'لا حل وسط']);
});

test('a document that arrived with CRLF line breaks is tagged at the right code point offsets', async ({ workbench }) => {
  const { page } = workbench;
  // A browser's text field turns CRLF into LF itself, so this text comes in through the API, as an import would.
  const created = await page.request.post(`${workbench.origin}/api/createDocument`, {
    data: { title: 'CRLF check', text: '\uFEFFFirst line 😀\r\nSecond line\r\nThe minister said “taxes will fall” 🇺🇦.\r\n' },
  });
  expect(created.ok()).toBe(true);
  await page.reload();
  await page.getByRole('region', { name: 'Documents' }).getByRole('button', { name: /^CRLF check/ }).click();
  await selectByKeyboard(page, 'taxes will fall');
  await page.keyboard.press('q');
  await expect(painted(page).filter({ hasText: 'taxes will fall' })).toHaveCount(1);
  const open = await expectStoredSpans(page, workbench.origin, 'CRLF check', ['taxes will fall']);
  expect(open.document.normalisation).toEqual({ bomRemoved: true, crlfToLf: 3, crToLf: 0 });
});

/**
 * Reads the document back through the API and slices each annotation with code point (Python) semantics. A tag
 * is painted before the store has it: wait until the store holds as many annotations as expected.
 */
async function expectStoredSpans(page: Page, origin: string, title: string, texts: string[]) {
  const documents = await (await page.request.post(`${origin}/api/listDocuments`, { data: { query: title } })).json();
  await expect.poll(async () => (await storedDocument(page, origin, documents[0].id)).annotations.length).toBe(texts.length);
  const open = await storedDocument(page, origin, documents[0].id);
  const codePoints = Array.from(open.document.text);
  const sliced = open.annotations.map((annotation) => {
    expect(codePoints.slice(annotation.fragments[0]![0], annotation.fragments[0]![1]).join('')).toBe(annotation.text);
    return annotation.text;
  });
  expect(sliced.sort()).toEqual([...texts].sort());
  return open;
}

test('letters typed with the focus on a sidebar button change nothing and open nothing', async ({ workbench }) => {
  const { page } = workbench;
  const documents = page.getByRole('region', { name: 'Documents' });
  const panel = page.getByRole('region', { name: 'Annotation' });
  await documents.getByRole('button', { name: /^Putin meets Witkoff/ }).click();
  await selectByKeyboard(page, 'no compromise version');
  await page.keyboard.press('q');
  const quote = painted(page).filter({ hasText: 'no compromise version' });
  await expect(quote).toHaveClass(/cm-annotation-selected/);
  await expect.poll(async () => (await apiStats(page, workbench.origin)).annotations).toBe(1);

  // With the focus on a sidebar button, label and command letters do nothing.
  const button = documents.getByRole('button', { name: /^Putin meets Witkoff/ });
  await button.focus();
  await expect(button).toBeFocused();
  for (const key of ['p', 'a', 'c', 'p', 'l', 'n', 'k']) await page.keyboard.press(key);

  await expect(panel.getByRole('group', { name: 'New relation' })).toHaveCount(0);
  await expect(quote).toHaveClass(/cm-annotation-selected/);
  expect(await apiStats(page, workbench.origin)).toMatchObject({ annotations: 1, relations: 0, labels: { Quote: 1, Position: 0 } });
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(button).toBeFocused();

  // The same letter in the article does act: it relabels the selected annotation.
  await page.getByRole('textbox', { name: 'Article' }).focus();
  await page.keyboard.press('p');
  await expect.poll(async () => (await apiStats(page, workbench.origin)).labels).toMatchObject({ Position: 1 });
});
