-- Version 8: what the dashboard counts documents by. Its corpus progress and its days count every document by
-- status and publication day; both columns come after the text in a document's row, so reading them reads every
-- page of every text. This index holds both (and the id), so the count reads it instead.
CREATE INDEX documents_status_published ON documents (status, published_at);
