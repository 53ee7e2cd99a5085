/**
 * The actor registry and who said what (issue 11): the Actors screen (sort, filter, edit, merge, delete, each
 * undoable where it removes) and an actor's page (their items in publication order with their sentence of
 * context, filtered, copied, exported, opened in the article), in browser mode, by keyboard where the app has keys.
 */
import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import type { Actor, Annotation, DocumentSummary, Label } from '../electron/shared/types.ts';
import { expect, test } from './fixtures.ts';
import { screenshots } from './screenshots.ts';

async function call<T>(page: Page, origin: string, method: string, params: object = {}): Promise<T> {
  const response = await page.request.post(`${origin}/api/${method}`, { data: params });
  expect(response.ok(), `${method} answered ${response.status()}`).toBe(true);
  return (await response.json()) as T;
}

/** The data rows of a grid (a header row excluded), in their order on screen. */
function dataRows(grid: Locator): Locator {
  return grid.locator('[role="rowgroup"]').last().getByRole('row');
}

/** A span of `text` in code points, as the API counts. */
function span(text: string, needle: string, from = 0): [number, number] {
  const index = text.indexOf(needle, from);
  expect(index, `“${needle}” is in the text`).toBeGreaterThanOrEqual(0);
  const start = Array.from(text.slice(0, index)).length;
  return [start, start + Array.from(needle).length];
}

const SAMPLE = /^Putin meets Witkoff/;

test('a quote tagged in the sample article is on its speaker’s page with its sentence, and opens there in the article', async ({ workbench }) => {
  const { page } = workbench;
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByRole('region', { name: 'Documents' }).getByRole('button', { name: SAMPLE }).click();

  // Tag the quote and name its speaker, by keyboard, as the analyst does.
  const article = page.getByRole('textbox', { name: 'Article' });
  await article.focus();
  await page.keyboard.press('/');
  await page.getByRole('textbox', { name: 'Find in article' }).fill('no compromise version');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await page.keyboard.press('q');
  const panel = page.getByRole('region', { name: 'Annotation' });
  const speaker = panel.getByLabel('speaker');
  await speaker.fill('Yuri Ushakov');
  await expect(panel.getByRole('option', { name: /Create actor .Yuri Ushakov./ })).toBeVisible();
  await speaker.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(speaker).toHaveValue('Yuri Ushakov');

  // Alt+A: the Actors screen, its rows with the keyboard.
  await article.focus();
  await page.keyboard.press('Alt+a');
  const screen = page.getByRole('region', { name: 'Actors' });
  const grid = screen.getByRole('grid', { name: 'Actors' });
  await expect(grid).toBeFocused();
  await expect(page.getByRole('button', { name: 'Actors', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(dataRows(grid)).toHaveCount(1);
  const row = dataRows(grid).first();
  await expect(row).toContainText('Yuri Ushakov');
  await expect(row.getByRole('gridcell').nth(1)).toHaveText('Person');
  const quotes = await grid.getByRole('columnheader').allTextContents();
  expect(quotes.map((title) => title.trim())).toEqual(['Name', 'Kind', 'Aliases', 'External id', 'Quotes', 'Claims', 'Positions', 'Mentions', 'Total']);
  await expect(row.getByRole('gridcell').nth(4)).toHaveText('1');
  await expect(row.getByRole('gridcell').nth(8)).toHaveText('1');

  // Enter: his page, the quote with its sentence and the article.
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/actor\/\d+$/);
  const actorPage = page.getByRole('region', { name: 'Actor’s page' });
  await expect(actorPage.getByRole('heading', { name: 'Yuri Ushakov' })).toBeVisible();
  const items = actorPage.getByRole('grid', { name: 'Items of Yuri Ushakov' });
  await expect(items).toBeFocused();
  await expect(dataRows(items)).toHaveCount(1);
  const item = dataRows(items).first();
  await expect(item.locator('.context')).toHaveText(
    'Speaking to Russian media shortly after the meeting ended, the Russian foreign policy adviser said there is still “no compromise version” of a plan for Ukraine.',
  );
  await expect(item.locator('mark')).toHaveText('no compromise version');
  await expect(item).toContainText('Quote');
  await expect(item).toContainText('Putin meets Witkoff and Kushner');
  await expect(item).toContainText('as speaker');
  await expect(actorPage.getByRole('status')).toHaveText('1 item');

  // Enter again: the article, with the quote selected and in view.
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/document\/\d+$/);
  const selected = page.locator('.cm-content .cm-annotation-selected').filter({ hasText: 'no compromise version' });
  await expect(selected).toHaveCount(1);
  await expect(selected).toBeInViewport();
  await expect(panel.getByLabel('speaker')).toHaveValue('Yuri Ushakov');

  // And the panel's actor field leads to his page too.
  await panel.getByRole('link', { name: 'All their items' }).click();
  await expect(actorPage.getByRole('heading', { name: 'Yuri Ushakov' })).toBeVisible();
  // Escape: from his page to the actors, then to the document.
  await page.keyboard.press('Escape');
  await expect(grid).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(screen).toBeHidden();
  await expect(article).toBeFocused();
});

/** The sample article with a quote by Yuri Ushakov, one by “Ushakov” (a second entry for him) and a claim by Peskov. */
async function seeded(page: Page, origin: string) {
  const labels = await call<Label[]>(page, origin, 'listLabels');
  const label = (name: string) => labels.find((candidate) => candidate.name === name)!;
  const documents = await call<DocumentSummary[]>(page, origin, 'listDocuments');
  const sample = documents.find((document) => SAMPLE.test(document.title))!;
  const { document } = await call<{ document: { text: string } }>(page, origin, 'openDocument', { id: sample.id });
  const yuri = await call<Actor>(page, origin, 'createActor', { name: 'Yuri Ushakov', kind: 'person', externalId: 'Q4496530' });
  const ushakov = await call<Actor>(page, origin, 'createActor', { name: 'Ushakov', kind: 'person', aliases: ['Ушаков'] });
  const peskov = await call<Actor>(page, origin, 'createActor', { name: 'Dmitry Peskov', kind: 'person' });
  const change = await call<{ createdIds: Record<string, number> }>(page, origin, 'edit', {
    documentId: sample.id,
    description: 'Tag',
    edits: [
      { op: 'createAnnotation', ref: 'useful', labelId: label('Quote').id, fragments: [span(document.text, 'useful')], attributes: { speaker: yuri.id } },
      { op: 'createAnnotation', ref: 'work', labelId: label('Quote').id, fragments: [span(document.text, 'lot of work')], attributes: { speaker: ushakov.id, kind: 'direct' } },
      { op: 'createAnnotation', ref: 'claim', labelId: label('Claim').id, fragments: [span(document.text, 'some US proposals are acceptable to Russia')], attributes: { claimant: peskov.id, verdict: 'unverified' } },
    ],
  });
  await page.reload();
  return { sample, yuri, ushakov, peskov, ids: change.createdIds };
}

test('merging two actors moves their items to the one kept, and Undo brings both back', async ({ workbench }) => {
  const { page, origin } = workbench;
  const { yuri, ushakov, ids } = await seeded(page, origin);
  await page.goto(`${workbench.url.split('#')[0]}#/actors`);
  const grid = page.getByRole('grid', { name: 'Actors' });
  await expect(dataRows(grid)).toHaveCount(3);
  // By name: Dmitry Peskov, Ushakov, Yuri Ushakov. Down to Ushakov, then Alt+M.
  await expect(grid).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(grid).toHaveAttribute('aria-activedescendant', 'actor-row-1');
  await page.keyboard.press('Alt+m');
  const dialog = page.getByRole('dialog', { name: 'Merge Ushakov with another actor' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('combobox', { name: 'Merge with' }).fill('yuri');
  await expect(dialog.getByRole('option')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('option', { name: /Yuri Ushakov/ })).toHaveAttribute('aria-selected', 'true');
  // Equal counts: the one picked keeps the name; what moves is said before merging.
  await expect(dialog.getByRole('radio', { name: /Yuri Ushakov/ })).toBeChecked();
  await expect(dialog.getByRole('status')).toContainText('1 annotation (1 Quote) that names Ushakov will name Yuri Ushakov.');
  await expect(dialog.getByRole('status')).toContainText('“Ushakov” and “Ушаков” become aliases of Yuri Ushakov.');
  await screenshots(page, 'actors-merge');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();

  const toast = page.getByRole('status').filter({ hasText: 'Merge Ushakov into Yuri Ushakov (1 mention)' });
  await expect(toast).toBeVisible();
  await expect(dataRows(grid)).toHaveCount(2);
  const kept = dataRows(grid).filter({ hasText: 'Yuri Ushakov' });
  await expect(kept.getByRole('gridcell').nth(2)).toHaveText('Ushakov, Ушаков');
  await expect(kept.getByRole('gridcell').nth(4)).toHaveText('2');
  await expect(grid).toHaveAttribute('aria-activedescendant', 'actor-row-1');
  expect((await call<Annotation>(page, origin, 'getAnnotation', { id: ids['work']! })).attributes).toEqual({ speaker: yuri.id, kind: 'direct' });

  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Undone: Merge Ushakov into Yuri Ushakov' })).toBeVisible();
  await expect(dataRows(grid)).toHaveCount(3);
  await expect(dataRows(grid).filter({ hasText: /^Ushakov/ }).getByRole('gridcell').nth(4)).toHaveText('1');
  await expect(dataRows(grid).filter({ hasText: 'Yuri Ushakov' }).getByRole('gridcell').nth(2)).toHaveText('');
  expect((await call<Annotation>(page, origin, 'getAnnotation', { id: ids['work']! })).attributes).toEqual({ speaker: ushakov.id, kind: 'direct' });
});

test('deleting an actor lists what names them, takes them out of it, and Undo names them again', async ({ workbench }) => {
  const { page, origin } = workbench;
  const { peskov, ids } = await seeded(page, origin);
  await page.getByRole('button', { name: 'Actors', exact: true }).click();
  const grid = page.getByRole('grid', { name: 'Actors' });
  await expect(dataRows(grid)).toHaveCount(3);
  await expect(grid).toHaveAttribute('aria-activedescendant', 'actor-row-0');
  await page.keyboard.press('Delete');
  const dialog = page.getByRole('dialog', { name: 'Delete Dmitry Peskov?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Named by 1 annotation in 1 document.');
  const references = dialog.getByRole('list', { name: 'What names Dmitry Peskov' }).getByRole('listitem');
  await expect(references).toHaveCount(1);
  await expect(references.first()).toContainText('Claim');
  await expect(references.first()).toContainText('“some US proposals are acceptable to Russia”');
  await expect(references.first()).toContainText('claimant · Putin meets Witkoff');
  // The focus is on Cancel: Escape (or Enter) deletes nothing.
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await screenshots(page, 'actors-delete');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(dataRows(grid)).toHaveCount(3);
  await expect(grid).toBeFocused();

  await page.keyboard.press('Delete');
  await dialog.getByRole('button', { name: 'Delete and unlink 1 annotation' }).click();
  const toast = page.getByRole('status').filter({ hasText: 'Delete actor Dmitry Peskov (named by 1 annotation)' });
  await expect(toast).toBeVisible();
  await expect(dataRows(grid)).toHaveCount(2);
  expect((await call<Annotation>(page, origin, 'getAnnotation', { id: ids['claim']! })).attributes).toEqual({ verdict: 'unverified' });

  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(dataRows(grid)).toHaveCount(3);
  await expect(dataRows(grid).first()).toContainText('Dmitry Peskov');
  await expect(dataRows(grid).first().getByRole('gridcell').nth(5)).toHaveText('1');
  expect((await call<Annotation>(page, origin, 'getAnnotation', { id: ids['claim']! })).attributes).toEqual({ claimant: peskov.id, verdict: 'unverified' });
});

test('the Actors screen sorts by any column, filters, and edits an actor; an actor’s page filters, copies and exports', async ({ workbench }) => {
  const { page, origin, url } = workbench;
  await page.setViewportSize({ width: 1280, height: 800 });
  const labels = await call<Label[]>(page, origin, 'listLabels');
  const label = (name: string) => labels.find((candidate) => candidate.name === name)!;
  const people = [
    { name: 'Yuri Ushakov', kind: 'person', aliases: ['Ushakov', 'Ушаков'], externalId: 'Q4496530', description: 'Aide to the Russian president' },
    { name: 'Dmitry Peskov', kind: 'person', aliases: ['Peskov', 'Песков'], externalId: 'Q4160' },
    { name: 'Volodymyr Zelenskyy', kind: 'person', aliases: ['Zelensky', 'Зеленський'], externalId: 'Q3881' },
    { name: 'Steve Witkoff', kind: 'person', aliases: ['Witkoff'] },
    { name: 'the Kremlin', kind: 'organisation', aliases: ['Kremlin'] },
    { name: 'Russian forces', kind: 'armed_group' },
    { name: 'TASS', kind: 'media', externalId: 'Q223527' },
    { name: 'Ukraine', kind: 'state', aliases: ['Україна', 'Kyiv'], externalId: 'Q212' },
  ];
  const actors: Actor[] = [];
  for (const person of people) actors.push(await call<Actor>(page, origin, 'createActor', person));
  const usPlan = await call<{ id: number }>(page, origin, 'createTarget', { name: 'US peace plan' });
  const [ushakov, peskov, zelenskyy, witkoff, kremlin, forces, tass] = actors as [Actor, Actor, Actor, Actor, Actor, Actor, Actor, Actor];
  // Three briefings on three days (the latest created first); Ushakov speaks, claims and takes positions in each.
  const briefings = [
    { day: '2025-12-03', title: 'Kremlin aide: talks with Witkoff were “useful”', text: 'After five hours of talks, Ushakov said the meeting was “useful, constructive and substantive”. He added that “no compromise version” exists yet, and that the territorial question remains open. Peskov confirmed, saying a new meeting is possible.' },
    { day: '2025-11-21', title: 'Moscow says the peace plan “can be a basis”', text: 'Yuri Ushakov claimed the US draft “could form the basis of a final settlement”, while Zelenskyy said Ukraine would not trade its dignity. TASS reported that Russian forces took Kupiansk, which Kyiv denied.' },
    { day: '2025-10-14', title: 'Ушаков: «Вопрос территорий остаётся открытым»', text: 'Помощник президента Юрий Ушаков заявил, что «вопрос территорий остаётся открытым». Witkoff is expected in Moscow next month, the Kremlin said.' },
  ];
  for (const [index, briefing] of [...briefings].reverse().entries()) {
    const created = await call<DocumentSummary>(page, origin, 'createDocument', { title: briefing.title, text: briefing.text, publishedAt: briefing.day, source: 'Briefings' });
    const t = briefing.text;
    const edits =
      index === 2
        ? [
            { op: 'createAnnotation', labelId: label('Quote').id, fragments: [span(t, 'useful, constructive and substantive')], attributes: { speaker: ushakov.id, kind: 'direct' } },
            { op: 'createAnnotation', labelId: label('Quote').id, fragments: [span(t, 'no compromise version')], attributes: { speaker: ushakov.id, kind: 'direct' } },
            { op: 'createAnnotation', labelId: label('Claim').id, fragments: [span(t, 'the territorial question remains open')], attributes: { claimant: ushakov.id, verdict: 'unverified' } },
            { op: 'createAnnotation', labelId: label('Claim').id, fragments: [span(t, 'a new meeting is possible')], attributes: { claimant: peskov.id, verdict: 'true' } },
            { op: 'createAnnotation', labelId: label('Actor').id, fragments: [span(t, 'Ushakov')], attributes: { actor: ushakov.id } },
          ]
        : index === 1
          ? [
              { op: 'createAnnotation', labelId: label('Claim').id, fragments: [span(t, 'the US draft “could form the basis of a final settlement”')], attributes: { claimant: ushakov.id, verdict: 'false' } },
              { op: 'createAnnotation', labelId: label('Position').id, fragments: [span(t, 'claimed the US draft')], attributes: { holder: ushakov.id, stance: 'supports', target: usPlan.id } },
              { op: 'createAnnotation', labelId: label('Quote').id, fragments: [span(t, 'Ukraine would not trade its dignity')], attributes: { speaker: zelenskyy.id, kind: 'indirect' } },
              { op: 'createAnnotation', labelId: label('Claim').id, fragments: [span(t, 'Russian forces took Kupiansk')], attributes: { claimant: tass.id, verdict: 'false' } },
              { op: 'createAnnotation', labelId: label('Actor').id, fragments: [span(t, 'Russian forces')], attributes: { actor: forces.id } },
            ]
          : [
              { op: 'createAnnotation', labelId: label('Quote').id, fragments: [span(t, 'вопрос территорий остаётся открытым')], attributes: { speaker: ushakov.id, kind: 'direct' } },
              { op: 'createAnnotation', labelId: label('Claim').id, fragments: [span(t, 'Witkoff is expected in Moscow next month')], attributes: { claimant: kremlin.id, verdict: 'unverified' } },
              { op: 'createAnnotation', labelId: label('Actor').id, fragments: [span(t, 'Witkoff')], attributes: { actor: witkoff.id } },
            ];
    await call(page, origin, 'edit', { documentId: created.id, description: 'Tag', edits });
  }

  await page.goto(`${url.split('#')[0]}#/actors`);
  const screen = page.getByRole('region', { name: 'Actors' });
  const grid = screen.getByRole('grid', { name: 'Actors' });
  await expect(dataRows(grid)).toHaveCount(8);
  await expect(screen.getByRole('status').first()).toHaveText('8 actors');
  await screenshots(page, 'actors');

  // Sort: a click on Total (most first), a key on Name (Z to A after the first press's A to Z).
  const names = async () => (await dataRows(grid).locator('.name').allTextContents()).map((name) => name.trim());
  await grid.getByRole('columnheader', { name: 'Total' }).getByRole('button').click();
  await expect(grid.getByRole('columnheader', { name: 'Total' })).toHaveAttribute('aria-sort', 'descending');
  await expect.poll(names).toEqual(['Yuri Ushakov', 'Dmitry Peskov', 'Russian forces', 'Steve Witkoff', 'TASS', 'the Kremlin', 'Volodymyr Zelenskyy', 'Ukraine']);
  const nameHeader = grid.getByRole('columnheader', { name: 'Name' }).getByRole('button');
  await nameHeader.focus();
  await page.keyboard.press('Enter');
  await expect(grid.getByRole('columnheader', { name: 'Name' })).toHaveAttribute('aria-sort', 'ascending');
  await page.keyboard.press('Enter');
  await expect.poll(names).toEqual(['Yuri Ushakov', 'Volodymyr Zelenskyy', 'Ukraine', 'the Kremlin', 'TASS', 'Steve Witkoff', 'Russian forces', 'Dmitry Peskov']);

  // Filter by text (an alias in another script) and by kind.
  await page.keyboard.press('/');
  const filter = screen.getByRole('searchbox', { name: 'Filter actors' });
  await expect(filter).toBeFocused();
  await filter.fill('україна');
  await expect.poll(names).toEqual(['Ukraine']);
  await expect(screen.getByRole('status').first()).toHaveText('1 of 8');
  await filter.fill('');
  await screen.getByRole('combobox', { name: 'Kind' }).selectOption('media');
  await expect.poll(names).toEqual(['TASS']);
  await screen.getByRole('combobox', { name: 'Kind' }).selectOption('');

  // F2: edit the focused actor — a new alias, an alias removed, another external id.
  await grid.focus();
  await page.keyboard.press('End');
  await expect(dataRows(grid).last()).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('F2');
  const edit = page.getByRole('dialog', { name: 'Edit Dmitry Peskov' });
  await expect(edit.getByRole('textbox', { name: 'Name' })).toBeFocused();
  await edit.getByRole('button', { name: 'Remove alias Песков' }).click();
  await edit.getByRole('textbox', { name: 'New alias' }).fill('Dmitri Peskov');
  await page.keyboard.press('Enter');
  await edit.getByRole('textbox', { name: 'External id' }).fill('Q4160 ');
  await edit.getByRole('combobox', { name: 'Kind' }).selectOption('organisation');
  await edit.getByRole('textbox', { name: 'Name' }).fill('Dmitry S. Peskov');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit).toBeHidden();
  const edited = dataRows(grid).filter({ hasText: 'Dmitry S. Peskov' });
  await expect(edited.getByRole('gridcell').nth(1)).toHaveText('Organisation');
  await expect(edited.getByRole('gridcell').nth(2)).toHaveText('Peskov, Dmitri Peskov');
  const stored = (await call<Actor[]>(page, origin, 'listActors')).find((actor) => actor.id === peskov.id)!;
  expect([stored.name, stored.kind, stored.aliases, stored.externalId]).toEqual(['Dmitry S. Peskov', 'organisation', ['Peskov', 'Dmitri Peskov'], 'Q4160']);

  // Ushakov's page: his seven items in publication order, then reading order, across three articles and scripts.
  await page.goto(`${url.split('#')[0]}#/actor/${ushakov.id}`);
  const actorPage = page.getByRole('region', { name: 'Actor’s page' });
  const items = actorPage.getByRole('grid', { name: 'Items of Yuri Ushakov' });
  await expect(dataRows(items).locator('mark')).toHaveText([
    'вопрос территорий остаётся открытым',
    'claimed the US draft',
    'the US draft “could form the basis of a final settlement”',
    'Ushakov',
    'useful, constructive and substantive',
    'no compromise version',
    'the territorial question remains open',
  ]);
  await expect(dataRows(items).first()).toContainText('Ушаков: «Вопрос территорий остаётся открытым»');
  await screenshots(page, 'actor-page');

  // Filters: a label, then a verdict, then a date range.
  await actorPage.getByRole('button', { name: 'Claim', exact: true }).click();
  await expect(dataRows(items)).toHaveCount(2);
  await actorPage.getByRole('combobox', { name: 'Attribute value' }).selectOption({ label: 'verdict: false' });
  await expect(dataRows(items)).toHaveCount(1);
  await expect(dataRows(items).first().locator('mark')).toHaveText('the US draft “could form the basis of a final settlement”');
  await expect(dataRows(items).first()).toContainText('verdict: false');
  await actorPage.getByRole('button', { name: 'Clear filters' }).click();
  await expect(dataRows(items)).toHaveCount(7);
  await actorPage.getByLabel('Published from').fill('2025-11-01');
  await actorPage.getByLabel('Published to').fill('2025-11-30');
  await expect(dataRows(items)).toHaveCount(2);
  await expect(actorPage.getByRole('status')).toHaveText('2 items match');

  // Copy as TSV; Export CSV as a download, quoted as RFC 4180 says.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await actorPage.getByRole('button', { name: 'Copy' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Copied 2 items as a table' })).toBeVisible();
  const copied = (await page.evaluate(() => navigator.clipboard.readText())).split('\n');
  expect(copied[0]!.split('\t')).toEqual(['published', 'article', 'label', 'role', 'text', 'context', 'target', 'stance', 'check-worthy', 'verdict', 'topic', 'document_id', 'annotation_id', 'start', 'end']);
  expect(copied[1]!.split('\t').slice(0, 8)).toEqual([
    '2025-11-21',
    'Moscow says the peace plan “can be a basis”',
    'Position',
    'holder',
    'claimed the US draft',
    'Yuri Ushakov claimed the US draft “could form the basis of a final settlement”, while Zelenskyy said Ukraine would not trade its dignity.',
    'US peace plan',
    'supports',
  ]);
  expect(copied).toHaveLength(4);
  const downloading = page.waitForEvent('download');
  await actorPage.getByRole('button', { name: 'Export CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('Yuri-Ushakov.csv');
  const lines = readFileSync((await download.path())!, 'utf8').split('\r\n');
  expect(lines[0]).toBe('\ufeffpublished,article,label,role,text,context,target,stance,check-worthy,verdict,topic,document_id,annotation_id,start,end');
  const sentence = '"Yuri Ushakov claimed the US draft “could form the basis of a final settlement”, while Zelenskyy said Ukraine would not trade its dignity."';
  expect(lines[1]).toMatch(new RegExp(`^2025-11-21,Moscow says the peace plan “can be a basis”,Position,holder,claimed the US draft,${escape(sentence)},US peace plan,supports,,,,\\d+,\\d+,13,33$`));
  expect(lines[2]).toMatch(new RegExp(`^2025-11-21,Moscow says the peace plan “can be a basis”,Claim,claimant,the US draft “could form the basis of a final settlement”,${escape(sentence)},,,,false,,\\d+,\\d+,21,78$`));
  expect(lines.slice(3)).toEqual(['']);
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
