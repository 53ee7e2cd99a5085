import { START_UP_ELEMENT } from '../../../../electron/shared/start-up.ts';
import type { StartUp } from '../../../../electron/shared/types.ts';

/**
 * The first screen's data that browser mode's server inlined into the page (electron/shared/start-up.ts), taken
 * out of the page so it is read once; null when the page has none (the desktop app, a page the server could not
 * fill), and the app then asks for it with `startUp`.
 */
export function takeInlinedStartUp(page: Document = document): StartUp | null {
  const element = page.getElementById(START_UP_ELEMENT);
  if (!element) return null;
  element.remove();
  try {
    return JSON.parse(element.textContent ?? '') as StartUp;
  } catch {
    return null;
  }
}
