import { LAST_DOCUMENT_COOKIE, LAST_DOCUMENT_KEY as KEY } from '../../../../electron/shared/start-up.ts';

/**
 * The document the window showed last, so that a restart or reload shows it again: kept in the page's storage
 * for the app, and mirrored in a cookie for browser mode's server, which inlines that document into the page it
 * serves (see electron/shared/start-up.ts).
 */
export function lastDocument(): number | null {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(KEY);
  } catch {
    /* storage unavailable (private mode): nothing remembered */
  }
  const id = Number(stored);
  return stored !== null && Number.isSafeInteger(id) && id > 0 ? id : null;
}

export function rememberDocument(id: number): void {
  try {
    localStorage.setItem(KEY, String(id));
  } catch {
    /* storage unavailable: the app still works, it just won't reopen the document */
  }
  document.cookie = `${LAST_DOCUMENT_COOKIE}=${id}; Path=/; SameSite=Strict; Max-Age=31536000`;
}

export function forgetDocument(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    /* see rememberDocument */
  }
  document.cookie = `${LAST_DOCUMENT_COOKIE}=; Path=/; SameSite=Strict; Max-Age=0`;
}
