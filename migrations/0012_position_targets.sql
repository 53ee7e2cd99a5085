-- Version 12: what a Position takes a stance on becomes an entry of a registry of targets, as its holder is an
-- entry of the actor registry, so that analysts can group by it, give it aliases and merge spellings. A label
-- attribute of type "target" holds a target's id, as one of type "actor" holds an actor's.
--
-- Every text attribute named "target" (the Position's, and what the positions matrix grouped by) becomes a
-- target attribute. Its values, trimmed, become entries: texts equal ignoring case become one entry, named as
-- most annotations spell it (the earliest annotation's spelling on a tie), in the order the texts first appear.
-- Values set aside by a relabel (migration 0006) are migrated too, so that relabelling back finds a target. A
-- value that is only white space named nothing and is dropped. The runner (migrate.ts) provides parley_trim and
-- parley_lower, JavaScript's trim() and toLowerCase(): SQLite's own trim() and lower() know only ASCII spaces
-- and letters, and targets are written in every script.
CREATE TABLE targets (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  name        TEXT    NOT NULL CHECK (length(trim(name)) > 0),
  aliases     TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(aliases) AND json_type(aliases) = 'array'),
  description TEXT    NOT NULL DEFAULT '',
  created_at  TEXT    NOT NULL,
  updated_at  TEXT    NOT NULL
) STRICT;
CREATE INDEX targets_name ON targets (name COLLATE NOCASE);

CREATE TEMP TABLE migrating_labels AS
SELECT DISTINCT l.id FROM labels l, json_each(l.attributes) d WHERE d.value ->> 'name' = 'target' AND d.value ->> 'type' = 'text';

-- Each distinct trimmed text: how many annotations hold it and the first one that does.
CREATE TEMP TABLE target_texts AS
SELECT text, parley_lower(text) AS folded, count(*) AS uses, min(annotation_id) AS first FROM (
  SELECT parley_trim(attributes ->> 'target') AS text, id AS annotation_id FROM annotations
  WHERE label_id IN (SELECT id FROM migrating_labels) AND json_type(attributes, '$.target') = 'text'
  UNION ALL
  SELECT parley_trim(set_aside ->> 'target'), id FROM annotations WHERE json_type(set_aside, '$.target') = 'text'
) WHERE text <> '' GROUP BY text;

INSERT INTO targets (name, created_at, updated_at)
SELECT text, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM (
  SELECT text, row_number() OVER (PARTITION BY folded ORDER BY uses DESC, first) AS rank, min(first) OVER (PARTITION BY folded) AS group_first
  FROM target_texts
) WHERE rank = 1 ORDER BY group_first;

CREATE TEMP TABLE target_folds (folded TEXT PRIMARY KEY, id INTEGER NOT NULL);
INSERT INTO target_folds SELECT parley_lower(name), id FROM targets;

-- Whatever is still text after pointing at the entries was only white space.
UPDATE annotations SET attributes = json_set(annotations.attributes, '$.target', f.id)
FROM target_folds f
WHERE annotations.label_id IN (SELECT id FROM migrating_labels) AND json_type(annotations.attributes, '$.target') = 'text'
  AND f.folded = parley_lower(parley_trim(annotations.attributes ->> 'target'));
UPDATE annotations SET attributes = json_remove(attributes, '$.target')
WHERE label_id IN (SELECT id FROM migrating_labels) AND json_type(attributes, '$.target') = 'text';

UPDATE annotations SET set_aside = json_set(annotations.set_aside, '$.target', f.id)
FROM target_folds f
WHERE json_type(annotations.set_aside, '$.target') = 'text' AND f.folded = parley_lower(parley_trim(annotations.set_aside ->> 'target'));
UPDATE annotations SET set_aside = json_remove(set_aside, '$.target') WHERE json_type(set_aside, '$.target') = 'text';

UPDATE labels SET attributes = (
  SELECT json_group_array(CASE WHEN d.value ->> 'name' = 'target' AND d.value ->> 'type' = 'text' THEN json_object('name', 'target', 'type', 'target') ELSE json(d.value) END ORDER BY d.key)
  FROM json_each(labels.attributes) d)
WHERE id IN (SELECT id FROM migrating_labels);

-- What the positions matrix counts, one row per annotation that takes a stance on a target: its label's "target"
-- attribute is of type target and names an existing target, and its "stance" is one of the four. Like
-- annotation_actors (0003, which holds the holder), it is derived, and recorded by the store in the same
-- transaction as every annotation it writes (electron/core/sqlite/annotation-actors.ts): the matrix then reads
-- these small rows instead of every Position's JSON attributes, scattered among the annotations.
CREATE TABLE annotation_positions (
  annotation_id INTEGER PRIMARY KEY REFERENCES annotations (id) ON DELETE CASCADE,
  target_id     INTEGER NOT NULL REFERENCES targets (id) ON DELETE CASCADE,
  stance        TEXT    NOT NULL CHECK (stance IN ('supports', 'opposes', 'neutral', 'ambiguous')),
  -- The annotation's document (which never changes), for the filters by day and status.
  document_id   INTEGER NOT NULL
) STRICT;
-- Holds every column of the table: the matrix reads it alone, and a target's positions are found by it.
CREATE INDEX annotation_positions_target ON annotation_positions (target_id, stance, document_id);

CREATE VIEW annotation_position_candidates AS
SELECT a.id AS annotation_id, t.id AS target_id, a.attributes ->> 'stance' AS stance, a.document_id
FROM annotations a
JOIN targets t ON t.id = a.attributes ->> 'target'
WHERE json_type(a.attributes, '$.target') = 'integer'
  AND a.attributes ->> 'stance' IN ('supports', 'opposes', 'neutral', 'ambiguous')
  AND a.label_id IN (SELECT l.id FROM labels l, json_each(l.attributes) def WHERE def.value ->> 'name' = 'target' AND def.value ->> 'type' = 'target');

INSERT INTO annotation_positions (annotation_id, target_id, stance, document_id)
SELECT annotation_id, target_id, stance, document_id FROM annotation_position_candidates;

-- A label's attributes changed (its target attribute added, removed or retyped): recompute its annotations. The
-- label's new definitions are read from `new`: the candidates view, run inside this trigger, was found to answer
-- with the label's old ones (migrate.test.ts retypes a label to show it).
CREATE TRIGGER annotation_positions_label AFTER UPDATE OF attributes ON labels BEGIN
  DELETE FROM annotation_positions WHERE annotation_id IN (SELECT id FROM annotations WHERE label_id = new.id);
  INSERT INTO annotation_positions (annotation_id, target_id, stance, document_id)
  SELECT a.id, t.id, a.attributes ->> 'stance', a.document_id
  FROM annotations a
  JOIN targets t ON t.id = a.attributes ->> 'target'
  WHERE a.label_id = new.id
    AND EXISTS (SELECT 1 FROM json_each(new.attributes) def WHERE def.value ->> 'name' = 'target' AND def.value ->> 'type' = 'target')
    AND json_type(a.attributes, '$.target') = 'integer'
    AND a.attributes ->> 'stance' IN ('supports', 'opposes', 'neutral', 'ambiguous');
END;

-- The matrix filtered by day or status reads each position's document from the index of version 8
-- (documents_day_status), which holds what it needs, instead of the documents' rows.

DROP TABLE temp.migrating_labels;
DROP TABLE temp.target_texts;
DROP TABLE temp.target_folds;
