-- Version 9: how far the work on each document is, and the corpus views built on that. Documents have had a
-- status (new / in progress / done) since version 1; the list and the annotations table now filter by it, so it
-- gets an index. Besides it:
--
-- - document tags the analyst names ("Ukraine talks", "to review"), any number per document;
-- - saved views: a named filter of the annotations table (its JSON, in the API's terms: `AnnotationFilter`);
-- - bulk actions: one change to many annotations across documents. Each document's share is an ordinary step of
--   that document's undo history (so the workbench undoes it there), and the steps of one bulk action name it,
--   so that the table undoes the whole action in one step.

CREATE INDEX documents_status ON documents (status);

CREATE TABLE document_tags (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  name       TEXT    NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0 AND name = trim(name)),
  created_at TEXT    NOT NULL
) STRICT;

CREATE TABLE document_tag_links (
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  tag_id      INTEGER NOT NULL REFERENCES document_tags (id) ON DELETE CASCADE,
  PRIMARY KEY (document_id, tag_id)
) STRICT, WITHOUT ROWID;
-- The documents of a tag (the list's and the table's tag filter).
CREATE INDEX document_tag_links_tag ON document_tag_links (tag_id, document_id);

CREATE TABLE saved_views (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  name       TEXT    NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
  filter     TEXT    NOT NULL CHECK (json_valid(filter) AND json_type(filter) = 'object'),
  created_at TEXT    NOT NULL,
  updated_at TEXT    NOT NULL
) STRICT;

CREATE TABLE bulk_actions (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  description TEXT    NOT NULL,
  annotations INTEGER NOT NULL CHECK (annotations >= 0),
  undone      INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1)),
  author      TEXT    NOT NULL DEFAULT '',
  created_at  TEXT    NOT NULL
) STRICT;

-- The bulk action a history step is a document's share of; null for the steps of ordinary edits.
ALTER TABLE history ADD COLUMN bulk_id INTEGER REFERENCES bulk_actions (id) ON DELETE SET NULL;
CREATE INDEX history_bulk ON history (bulk_id) WHERE bulk_id IS NOT NULL;
