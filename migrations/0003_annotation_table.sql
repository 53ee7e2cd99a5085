-- Version 3: what the annotations table (the first corpus view) sorts and filters on.
--
-- The workbench shows an annotation's actor as the first actor-typed attribute of its label (in the label's
-- attribute order) that holds a value. That depends on the label's schema, which lives in another table, so it
-- cannot be a generated column: `annotation_actors` holds it, one row per annotation that has an actor. The store
-- records it whenever it writes an annotation, in the same transaction (electron/core/sqlite/annotation-actors.ts):
-- a trigger on INSERT into annotations would make every insert open a statement journal, which more than doubled
-- the time of importing a large brat corpus. A trigger keeps it in step when a label's attributes change.

CREATE TABLE annotation_actors (
  annotation_id INTEGER PRIMARY KEY REFERENCES annotations (id) ON DELETE CASCADE,
  -- Cascades so that removing an actor never fails on this derived table (the store refuses to delete an actor
  -- that annotations still name, so this only matters for values the label no longer types as actors).
  actor_id      INTEGER NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
  -- The attribute that names the actor ("speaker", "claimant", ...).
  role          TEXT    NOT NULL
) STRICT;
-- Sorting by actor walks actors by name, then this index (actor_id, annotation_id) for each actor.
CREATE INDEX annotation_actors_actor ON annotation_actors (actor_id);

-- Every actor-typed attribute of an annotation's label that holds an existing actor, with its place in the label's
-- attribute list; the first place is the one the workbench shows.
CREATE VIEW annotation_actor_candidates AS
SELECT a.id AS annotation_id, v.value AS actor_id, v.key AS role, d.key AS position
FROM annotations a
JOIN labels l ON l.id = a.label_id
JOIN json_each(l.attributes) d ON d.value ->> 'type' = 'actor'
JOIN json_each(a.attributes) v ON v.key = d.value ->> 'name' AND v.type = 'integer'
JOIN actors ON actors.id = v.value;

-- SQLite takes the bare columns of a min() aggregate from the row holding the minimum: the first place.
INSERT INTO annotation_actors (annotation_id, actor_id, role)
SELECT annotation_id, actor_id, role FROM (
  SELECT annotation_id, actor_id, role, min(position) FROM annotation_actor_candidates GROUP BY annotation_id
);

-- A label's attributes changed (an actor attribute added, removed, renamed or moved): recompute its annotations.
CREATE TRIGGER annotation_actors_label AFTER UPDATE OF attributes ON labels BEGIN
  DELETE FROM annotation_actors WHERE annotation_id IN (SELECT id FROM annotations WHERE label_id = new.id);
  INSERT INTO annotation_actors (annotation_id, actor_id, role)
  SELECT annotation_id, actor_id, role FROM (
    SELECT annotation_id, actor_id, role, min(position) FROM annotation_actor_candidates
    WHERE annotation_id IN (SELECT id FROM annotations WHERE label_id = new.id) GROUP BY annotation_id
  );
END;

-- Sort orders of the table's columns, so that a window of rows is an index walk, not a sort of every row. Each
-- index ends in the rowid, which is the table's tie-break.
CREATE INDEX annotations_text ON annotations (text COLLATE NOCASE);
CREATE INDEX annotations_author ON annotations (author COLLATE NOCASE);
CREATE INDEX annotations_updated ON annotations (updated_at);
CREATE INDEX documents_title ON documents (title COLLATE NOCASE);
