import type { Locator, Page } from '@playwright/test';
import type { Actor, DocumentSummary, Label } from '../electron/shared/types.ts';
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

/** A chart of the dashboard by its title. */
function chart(page: Page, title: string): Locator {
  return page.getByRole('region', { name: 'Dashboard' }).getByRole('figure', { name: title });
}

/** The data rows of the annotations table, the header row excluded. */
function tableRows(page: Page): Locator {
  return page.getByRole('grid', { name: 'Annotations' }).locator('[role="rowgroup"]').nth(1).getByRole('row');
}

test('a bar of the per-label chart counts the sample’s tags and opens the table on them by keyboard', async ({ workbench }) => {
  const { page } = workbench;
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByRole('region', { name: 'Documents' }).getByRole('button', { name: /^Putin meets Witkoff/ }).click();
  await expect(page.getByRole('heading', { name: /Putin meets Witkoff/ })).toBeVisible();

  // Two quotes and a claim, tagged by keyboard.
  for (const [text, key] of [['no compromise version', 'q'], ['lot of work', 'q'], ['a key sticking point', 'c']] as const) {
    await selectByKeyboard(page, text);
    await page.keyboard.press(key);
    await expect(page.locator('.cm-content [data-annotation-ids]').filter({ hasText: text })).toHaveCount(1);
    await page.keyboard.press('Escape');
  }

  // The dashboard, by its key: the label chart's bars say their counts, its description says them all.
  await page.getByRole('textbox', { name: 'Article' }).focus();
  await page.keyboard.press('Alt+d');
  await expect(page).toHaveURL(/#\/dashboard$/);
  await expect(page.getByRole('button', { name: 'Dashboard', exact: true })).toHaveAttribute('aria-pressed', 'true');
  const labels = chart(page, 'Annotations per label');
  const quote = labels.getByRole('button', { name: 'Quote 2 annotations' });
  const claim = labels.getByRole('button', { name: 'Claim 1 annotation', exact: true });
  await expect(quote).toBeVisible();
  await expect(claim).toBeVisible();
  await expect(labels.getByRole('button', { name: 'Position 0 annotations' })).toBeVisible();
  await expect(labels.locator('svg[aria-description]')).toHaveAttribute('aria-description', /Quote 2 annotations; Claim 1 annotation; Position 0 annotations/);
  await expect(page.getByRole('region', { name: 'Dashboard' })).toContainText('3 annotations in');

  // Its data, as a table, behind a toggle.
  const toggle = labels.getByRole('button', { name: 'Show data' });
  await toggle.click();
  await expect(labels.getByRole('button', { name: 'Hide data' })).toHaveAttribute('aria-expanded', 'true');
  await expect(labels.getByRole('table', { name: 'Annotations per label' }).getByRole('row', { name: /Quote 2/ })).toBeVisible();

  // Tab from the toggle reaches the chart's one bar in the Tab order; the arrows move along the bars.
  await labels.getByRole('button', { name: 'Hide data' }).focus();
  await page.keyboard.press('Tab');
  await expect(quote).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(claim).toBeFocused();
  await expect(claim).toHaveAttribute('tabindex', '0');
  await expect(quote).toHaveAttribute('tabindex', '-1');
  await screenshots(page, 'dashboard-focused-bar-and-data');
  await page.keyboard.press('ArrowUp');
  await expect(quote).toBeFocused();

  // Enter opens the table filtered to Quote: its two rows.
  await page.keyboard.press('Enter');
  const table = page.getByRole('region', { name: 'Annotations table' });
  await expect(table).toBeVisible();
  await expect(page).toHaveURL(/#\/table\?label=\d+$/);
  await expect(table.getByRole('status')).toHaveText('2 of 3');
  await expect(tableRows(page)).toHaveCount(2);
  await expect(tableRows(page).filter({ hasText: 'lot of work' })).toHaveCount(1);
  await expect(table.getByRole('button', { name: 'Quote' })).toHaveAttribute('aria-pressed', 'true');

  // Back to the dashboard by its key; the claim's bar by Space this time.
  await page.keyboard.press('Alt+d');
  await expect(page).toHaveURL(/#\/dashboard$/);
  await chart(page, 'Annotations per label').getByRole('button', { name: 'Claim 1 annotation', exact: true }).focus();
  await page.keyboard.press('Space');
  await expect(page.getByRole('region', { name: 'Annotations table' }).getByRole('status')).toHaveText('1 of 3');
  await expect(tableRows(page)).toHaveCount(1);
  await expect(tableRows(page)).toContainText('a key sticking point');
});

test('the dashboard follows the theme, and every chart has its bars, at 1280x800 in light and dark', async ({ workbench }) => {
  const { page, origin } = workbench;
  await page.setViewportSize({ width: 1280, height: 800 });
  const labels = await call<Label[]>(page, origin, 'listLabels', {});
  const label = (name: string) => labels.find((candidate) => candidate.name === name)!;
  const names = ['Yuri Ushakov', 'Volodymyr Zelenskyy', 'Steve Witkoff', 'Kaja Kallas', 'Сергей Лавров', 'Recep Tayyip Erdoğan', 'The Kremlin press service'];
  const actors: Actor[] = [];
  const peacePlan = await call<{ id: number }>(page, origin, 'createTarget', { name: 'the US peace plan' });
  for (const name of names) actors.push(await call<Actor>(page, origin, 'createActor', { name }));
  const text = 'Ushakov said talks were useful. Zelenskyy said «ні». Witkoff flew home. Kallas said no 👍🏽. Лавров agreed. Erdoğan offered Istanbul.';
  for (let index = 0; index < 14; index++) {
    const day = `2025-03-${String(1 + ((index * 5) % 28)).padStart(2, '0')}`;
    const document = await call<DocumentSummary>(page, origin, 'createDocument', { title: `Briefing ${index + 1}`, text, publishedAt: day });
    if (index % 3 !== 2) await call(page, origin, 'updateDocument', { id: document.id, patch: { status: index % 3 === 0 ? 'done' : 'in_progress' } });
    const speaker = (offset: number) => actors[(index + offset) % 7 === 0 ? 0 : ((index + offset) * 3) % actors.length]!.id;
    await call(page, origin, 'edit', {
      documentId: document.id,
      description: 'Tag',
      edits: [
        { op: 'createAnnotation', labelId: label('Quote').id, fragments: [[0, 30]], attributes: { speaker: speaker(0) } },
        ...(index % 2 === 0 ? [{ op: 'createAnnotation', labelId: label('Quote').id, fragments: [[32, 51]], attributes: { speaker: actors[0]!.id } }] : []),
        { op: 'createAnnotation', labelId: label('Claim').id, fragments: [[53, 70]], attributes: { claimant: speaker(1) } },
        ...(index % 4 === 0 ? [{ op: 'createAnnotation', labelId: label('Position').id, fragments: [[72, 90]], attributes: { holder: speaker(2), target: peacePlan.id, stance: 'opposes' } }] : []),
        { op: 'createAnnotation', labelId: label('Actor').id, fragments: [[0, 7]], attributes: { actor: actors[0]!.id } },
      ],
    });
  }
  await page.goto(`${workbench.url}#/dashboard`);
  const dashboard = page.getByRole('region', { name: 'Dashboard' });
  for (const title of ['Annotations per label', 'Corpus progress', 'Annotations per actor', 'Quotes per speaker', 'Annotations per day of publication']) {
    await expect(chart(page, title).locator('svg')).toBeVisible();
  }
  await expect(chart(page, 'Quotes per speaker').getByRole('button', { name: /^Yuri Ushakov \d+ quotes$/ })).toBeVisible();
  await expect(chart(page, 'Annotations per day of publication').getByRole('button', { name: /^2025-03-01 \d+ annotations$/ })).toBeVisible();
  await expect(chart(page, 'Corpus progress').locator('svg')).toHaveAttribute('aria-description', /New 9 documents, 4 annotated; In progress 5 documents, 5 annotated; Done 5 documents, 5 annotated/);

  // Drawn again in the other theme: the label bars take the dark palette's colour, the axes the dark text colour.
  const quoteFill = () => chart(page, 'Annotations per label').locator('svg rect[fill^="#"]').first().getAttribute('fill');
  await page.emulateMedia({ colorScheme: 'light' });
  const light = await quoteFill();
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(quoteFill).not.toBe(light);
  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(quoteFill).toBe(light);

  // Nothing of a chart is cut off: every bar name is inside its chart's SVG.
  for (const figure of await dashboard.getByRole('figure').all()) {
    const svg = (await figure.locator('svg').boundingBox())!;
    for (const tick of await figure.locator('svg [aria-label="y-axis tick label"] text').all()) {
      const box = (await tick.boundingBox())!;
      expect(box.x, `${await tick.textContent()} inside its chart`).toBeGreaterThanOrEqual(svg.x - 0.5);
    }
  }
  await screenshots(page, 'dashboard-1280x800');
  await dashboard.locator('.scroll').evaluate((element) => element.scrollTo(0, element.scrollHeight));
  await screenshots(page, 'dashboard-1280x800-scrolled');

  // A click on a speaker's bar opens the table on that speaker's quotes: the address names the quote label and the actor.
  await chart(page, 'Quotes per speaker').getByRole('button', { name: /^Yuri Ushakov \d+ quotes$/ }).click();
  await expect(page).toHaveURL(new RegExp(`#/table\\?label=${label('Quote').id}&actor=${actors[0]!.id}$`));
  await expect(page.getByRole('region', { name: 'Annotations table' })).toBeVisible();
});
