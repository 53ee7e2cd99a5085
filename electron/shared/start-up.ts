/**
 * The first screen's data (`StartUp`, issue 12), there before the app's code has loaded: browser mode's server
 * writes it into the page it serves, and the desktop app's preload asks for it as the page starts loading.
 */

/** The id of the `<script type="application/json">` element holding the data. A data block: never executed. */
export const START_UP_ELEMENT = 'parley-start-up';

/** Where the renderer keeps the id of the document the window showed last (localStorage). */
export const LAST_DOCUMENT_KEY = 'parley.lastDocumentId';

/** The cookie that tells the server which document the window showed last, so that it inlines that one. */
export const LAST_DOCUMENT_COOKIE = 'parley_document';

/**
 * `value` as JSON that can stand inside a `<script>` element: every `<` escaped, so that no text from a document
 * (a `</script>`, a `<!--`) can end the element or change how the page is parsed. JSON.parse reads it back as is.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}
