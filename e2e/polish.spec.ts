import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { screenshot, screenshots } from './screenshots.ts';

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

async function annotationCount(page: Page, origin: string): Promise<number> {
  const response = await page.request.post(`${origin}/api/stats`, { data: {} });
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { annotations: number }).annotations;
}

async function openSample(page: Page): Promise<void> {
  await page.getByRole('region', { name: 'Documents' }).getByRole('button', { name: /^Putin meets Witkoff/ }).click();
  await expect(page.getByRole('heading', { name: /Putin meets Witkoff/ })).toBeVisible();
}

test('a long label name keeps the toolbar on one row and the panel controls in the window at 1280x800', async ({ workbench }) => {
  const { page } = workbench;
  await page.setViewportSize({ width: 1280, height: 800 });
  const name = 'Position on territorial concessions';
  const created = await page.request.post(`${workbench.origin}/api/createLabel`, { data: { name, color: '#b5476b', hotkey: 't' } });
  expect(created.ok()).toBe(true);
  await page.reload();
  await openSample(page);
  await selectByKeyboard(page, 'no compromise version');
  await page.keyboard.press('t');
  const panel = page.getByRole('region', { name: 'Annotation' });
  await expect(panel.getByLabel('Label')).toHaveValue(String(((await created.json()) as { id: number }).id));

  const inWindow = async (box: { x: number; y: number; width: number; height: number } | null) => {
    expect(box).not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(1280);
  };
  await inWindow(await panel.getByRole('button', { name: 'Deselect annotation' }).boundingBox());
  await inWindow(await panel.getByRole('button', { name: 'Delete' }).boundingBox());
  await inWindow(await panel.getByLabel('Label').boundingBox());

  // The toolbar is one row: every label button sits on the same line, the long one truncated with its full name on hover.
  const button = page.getByRole('button', { name, exact: true });
  await expect(button).toHaveAttribute('title', new RegExp(`^${name}`));
  const tops = await page.locator('.toolbar .label').evaluateAll((buttons) => buttons.map((b) => Math.round(b.getBoundingClientRect().top)));
  expect(new Set(tops).size).toBe(1);
  const toolbar = await page.locator('.toolbar').boundingBox();
  expect(toolbar!.height).toBeLessThanOrEqual(53);
  for (const control of ['Undo', 'Redo', 'Settings', 'Show keyboard shortcuts']) {
    await inWindow(await page.getByRole('button', { name: control, exact: true }).boundingBox());
  }

  await screenshots(page, 'long-label');
});

test('the theme choice: Dark with the system light gives dark colours, survives a reload, and System follows the system', async ({ workbench }) => {
  const { page } = workbench;
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.emulateMedia({ colorScheme: 'light' });
  await openSample(page);
  const background = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  const light = await background();

  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  const theme = settings.getByRole('group', { name: 'Theme' });
  await expect(theme.getByRole('radio', { name: 'System' })).toBeChecked();
  await theme.getByRole('radio', { name: 'Dark' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect.poll(background).not.toBe(light);
  const dark = await background();
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).colorScheme)).toBe('dark');
  await screenshot(page, 'theme-dark-chosen-system-light');

  await page.reload();
  await expect(page.getByRole('heading', { name: /Putin meets Witkoff/ })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await background()).toBe(dark);

  // Light with the system dark stays light; System follows the system both ways.
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.getByRole('button', { name: 'Settings' }).click();
  await theme.getByRole('radio', { name: 'Light' }).check();
  await expect.poll(background).toBe(light);
  await screenshot(page, 'theme-light-chosen-system-dark');
  await theme.getByRole('radio', { name: 'System' }).check();
  await expect.poll(background).toBe(dark);
  await screenshot(page, 'theme-system-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(background).toBe(light);
  await screenshot(page, 'theme-system-light');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
});

test('the hover card is a tooltip that describes the hovered span, and does not double quotation marks', async ({ workbench }) => {
  const { page } = workbench;
  await openSample(page);
  // The quote with its own marks: “no compromise” (the sample's first paragraph).
  await selectByKeyboard(page, '“no compromise”');
  await page.keyboard.press('q');
  const segment = page.locator('.cm-content [data-annotation-ids]').filter({ hasText: 'no compromise”' }).first();
  await expect(segment).toBeVisible();
  await page.getByRole('textbox', { name: 'Article' }).press('Escape');
  await segment.hover();
  const tooltip = page.getByRole('tooltip');
  await expect(tooltip).toBeVisible();
  await expect(tooltip).toContainText('“no compromise”');
  await expect(tooltip).not.toContainText('““');
  const id = await tooltip.getAttribute('id');
  expect(id).toBeTruthy();
  await expect(segment).toHaveAttribute('aria-describedby', id!);
  await page.mouse.move(5, 790);
  await expect(tooltip).toBeHidden();
  await expect(segment).not.toHaveAttribute('aria-describedby', id!);
});

test('the shortcuts dialog fits a 1280x800 window: header in view, every row reachable', async ({ workbench }) => {
  const { page } = workbench;
  await page.setViewportSize({ width: 1280, height: 800 });
  await openSample(page);
  await page.getByRole('textbox', { name: 'Article' }).focus();
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  const box = (await dialog.boundingBox())!;
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(800);
  const close = dialog.getByRole('button', { name: 'Close' });
  await screenshot(page, 'shortcuts-1280x800');
  // The corpus screens brought more keys than two columns hold at 1280x800: the list scrolls inside the dialog,
  // under a header that stays, and no more than a screenful is below the fold.
  const body = dialog.locator('.body');
  const hidden = await body.evaluate((element) => element.scrollHeight - element.clientHeight);
  expect(hidden).toBeLessThanOrEqual(await body.evaluate((element) => element.clientHeight));
  // The last row can be scrolled into view inside the dialog, and the header (with Close) stays visible.
  const last = dialog.locator('.row').last();
  await last.scrollIntoViewIfNeeded();
  const lastBox = (await last.boundingBox())!;
  expect(lastBox.y + lastBox.height).toBeLessThanOrEqual(box.y + box.height);
  const closeBox = (await close.boundingBox())!;
  expect(closeBox.y).toBeGreaterThanOrEqual(box.y);
  expect(closeBox.y + closeBox.height).toBeLessThanOrEqual(800);
  await screenshot(page, 'shortcuts-1280x800-scrolled');
  await close.click();
  await expect(dialog).toBeHidden();
});

test('clicking an annotation in the panel list keeps the focus in the article, with it selected', async ({ workbench }) => {
  const { page } = workbench;
  await openSample(page);
  await selectByKeyboard(page, 'no compromise version');
  await page.keyboard.press('q');
  await expect.poll(() => annotationCount(page, workbench.origin)).toBe(1);
  await page.keyboard.press('Escape');
  const panel = page.getByRole('region', { name: 'Annotation' });
  await panel.getByRole('button', { name: 'no compromise version' }).click();
  await expect(panel.getByRole('button', { name: 'Deselect annotation' })).toBeVisible();
  await expect.poll(() => page.evaluate(() => document.activeElement?.tagName ?? null)).not.toBe('BODY');
  await expect(page.getByRole('textbox', { name: 'Article' })).toBeFocused();
  await expect(page.locator('.cm-content .cm-annotation-selected').first()).toContainText('no compromise');
});

test('Delete twice removes only the selected annotation and selects nothing after it', async ({ workbench }) => {
  const { page } = workbench;
  await openSample(page);
  await selectByKeyboard(page, 'no compromise version');
  await page.keyboard.press('q');
  await selectByKeyboard(page, 'lot of work');
  await page.keyboard.press('c');
  await selectByKeyboard(page, 'constructive');
  await page.keyboard.press('c');
  await expect.poll(() => annotationCount(page, workbench.origin)).toBe(3);

  // "constructive" is selected (just tagged); the next one by start is "lot of work".
  await page.keyboard.press('Delete');
  await page.keyboard.press('Delete');
  await expect.poll(() => annotationCount(page, workbench.origin)).toBe(2);
  await expect(page.locator('.cm-content .cm-annotation-selected')).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Annotation' }).getByRole('heading', { name: 'Nothing selected' })).toBeVisible();
  await page.keyboard.press('Delete');
  // Give any late edit time to land: still two.
  await page.waitForTimeout(500);
  expect(await annotationCount(page, workbench.origin)).toBe(2);
  await expect(page.locator('.cm-content [data-annotation-ids]').filter({ hasText: 'lot of work' })).toHaveCount(1);
  await expect(page.locator('.cm-content [data-annotation-ids]').filter({ hasText: 'no compromise version' })).toHaveCount(1);
});

test('the New document dialog opens with the focus on its text box', async ({ workbench }) => {
  const { page } = workbench;
  await page.getByRole('button', { name: 'New document' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New document' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Text')).toBeFocused();
  await page.keyboard.type('Typed straight in');
  await expect(dialog.getByLabel('Text')).toHaveValue('Typed straight in');
  await expect(dialog.getByLabel('Title')).toHaveValue('Typed straight in');
});
