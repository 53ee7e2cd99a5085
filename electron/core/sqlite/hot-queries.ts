/**
 * The SQL of the store's hottest statements, named so that query-plan tests (query-plans.test.ts) check the very
 * statements the store runs: an index that stops being used fails a test instead of slowing Parley quietly.
 */

/**
 * A document's annotations for painting, in reading order: the fragments' JSON only when there are several, the
 * attributes' only when there are any (SQLite's JSON functions test that without a round trip to JavaScript).
 */
export const DOCUMENT_SPANS_SQL = `SELECT id, label_id, start, end,
       CASE WHEN json_array_length(fragments) > 1 THEN fragments END AS fragments,
       CASE WHEN attributes <> '{}' THEN attributes END AS attributes
FROM annotations WHERE document_id = ? ORDER BY start, end, id`;

/** A document's relations. */
export const DOCUMENT_RELATIONS_SQL = 'SELECT * FROM relations WHERE document_id = ? ORDER BY id';

/** The step that undo would revert in a document. */
export const LAST_DONE_SQL =
  'SELECT id, description, inverse FROM history WHERE document_id = ? AND undone = 0 ORDER BY id DESC LIMIT 1';

/** The step that redo would re-apply in a document. */
export const FIRST_UNDONE_SQL =
  'SELECT id, description, forward FROM history WHERE document_id = ? AND undone = 1 ORDER BY id LIMIT 1';

/** The steps a new step replaces: every undone one of the document, dropped at each edit. */
export const DROP_REDO_SQL = 'DELETE FROM history WHERE document_id = ? AND undone = 1';
