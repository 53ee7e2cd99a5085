-- Version 5: removals that can be undone. Removing a document (with its annotations, relations and undo
-- history), a label with its annotations, or an actor takes the rows out of their tables and keeps them here, as
-- the rows to put back with the same ids (AUTOINCREMENT never hands an id out twice, so they are still free).
-- `rows` is a JSON object of row lists by kind, in the domain's terms (electron/core/domain/removals.ts). The store
-- keeps the most recent removals only.
CREATE TABLE removals (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  description TEXT    NOT NULL,
  rows        TEXT    NOT NULL CHECK (json_valid(rows) AND json_type(rows) = 'object'),
  author      TEXT    NOT NULL DEFAULT '',
  created_at  TEXT    NOT NULL
) STRICT;
