/**
 * The first screen's data inlined into the page (issue 12): browser mode's server writes `StartUp` into the page
 * it serves, so that the window has everything it needs when its code starts, without a request of its own.
 */

/** The id of the `<script type="application/json">` element holding the data. A data block: never executed. */
export const START_UP_ELEMENT = 'parley-start-up';

/** The cookie that tells the server which document the window showed last, so that it inlines that one. */
export const LAST_DOCUMENT_COOKIE = 'parley_document';

/**
 * `value` as JSON that can stand inside a `<script>` element: every `<` escaped, so that no text from a document
 * (a `</script>`, a `<!--`) can end the element or change how the page is parsed. JSON.parse reads it back as is.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}
