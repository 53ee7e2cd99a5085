-- Version 11: what an actor's page orders by (the articles' publication days), held apart from the articles' text.
--
-- An actor's page sorts the actor's items by their articles' publication day. `published_at` comes after `text`
-- in a documents row, so reading it from the table walks the overflow pages of every article's text: thousands of
-- page reads for an actor of thousands of items. This index holds each article's day and title by id, which the
-- page's query reads instead (actor-queries.ts names it).
CREATE INDEX documents_publication ON documents (id, published_at, title);
