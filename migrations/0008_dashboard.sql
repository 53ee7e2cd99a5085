-- Version 8: what the dashboard counts documents by. Its corpus progress and its days count every document by
-- status and publication day; both columns come after the text in a document's row, so reading them reads every
-- page of every text. This index holds both, the day as the dashboard and the table's day filter read it (the
-- first ten characters), so the count reads the index instead. The positions matrix's migration defines the same
-- index (it looks documents up by id for their day and status): whichever runs first makes it.
CREATE INDEX IF NOT EXISTS documents_day_status ON documents (id, substr(published_at, 1, 10), status);
