/**
 * Screenshots for people to look at, into e2e/results/screenshots/, only when PARLEY_SCREENSHOTS is set: each
 * costs a second or two in software-rendered Chromium, which the tests themselves do not need.
 */
import type { Locator, Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const FOLDER = fileURLToPath(new URL('./results/screenshots/', import.meta.url));

/** One screenshot of the page (or of `target`) as it is, named `name`.png. */
export async function screenshot(page: Page, name: string, target?: Locator): Promise<void> {
  if (!process.env['PARLEY_SCREENSHOTS']) return;
  mkdirSync(FOLDER, { recursive: true });
  const path = `${FOLDER}${name}.png`;
  if (target) await target.screenshot({ path, animations: 'disabled' });
  else await page.screenshot({ path, animations: 'disabled' });
}

/** `name`-light.png and `name`-dark.png, the system's colour scheme emulated for each, then light again. */
export async function screenshots(page: Page, name: string, target?: Locator): Promise<void> {
  if (!process.env['PARLEY_SCREENSHOTS']) return;
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await screenshot(page, `${name}-${scheme}`, target);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}
