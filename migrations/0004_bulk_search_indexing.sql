-- Version 4: imports index their documents for full-text search in bulk.
-- FTS5 writes the terms it holds in memory to disk, as a new index segment, whenever a statement inside a
-- transaction opens its statement savepoint. Indexed by the insert trigger one INSERT at a time, a batch of
-- imported documents therefore makes one segment per document, and writing and merging those segments cost
-- more than everything else an import does. While `documents_fts_deferred` holds its row, the trigger leaves
-- new documents to the importer: it inserts the row at the start of its transaction and, before committing,
-- indexes every document added after `after_id` with one INSERT … SELECT and deletes the row. The row is
-- never committed, so no other connection ever sees it, and a rollback takes it back with the documents.
CREATE TABLE documents_fts_deferred (
  after_id INTEGER NOT NULL CHECK (after_id >= 0)
) STRICT;

DROP TRIGGER documents_fts_insert;

CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents
WHEN NOT EXISTS (SELECT 1 FROM documents_fts_deferred) BEGIN
  INSERT INTO documents_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;
