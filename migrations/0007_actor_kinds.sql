-- Version 7: the kinds of actor news analysis tells apart: person, organisation, state, armed group, media,
-- other. "country" becomes "state" and "group" (used for armed groups) becomes "armed_group". SQLite cannot
-- change a CHECK constraint in place, so the table is rebuilt as its documentation prescribes ("Making Other
-- Kinds Of Table Schema Changes"): the runner turns foreign keys off around migrations, so dropping the old table
-- does not cascade into annotation_actors, and checks every foreign key before committing.
CREATE TABLE actors_new (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  name        TEXT    NOT NULL CHECK (length(trim(name)) > 0),
  kind        TEXT    NOT NULL DEFAULT 'person'
                      CHECK (kind IN ('person', 'organisation', 'state', 'armed_group', 'media', 'other')),
  aliases     TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(aliases) AND json_type(aliases) = 'array'),
  external_id TEXT,
  description TEXT    NOT NULL DEFAULT '',
  created_at  TEXT    NOT NULL,
  updated_at  TEXT    NOT NULL
) STRICT;

INSERT INTO actors_new (id, name, kind, aliases, external_id, description, created_at, updated_at)
SELECT id, name, CASE kind WHEN 'country' THEN 'state' WHEN 'group' THEN 'armed_group' ELSE kind END,
       aliases, external_id, description, created_at, updated_at
FROM actors;

-- Ids stay never reused: the new table continues the old one's sequence, not its highest remaining id.
UPDATE sqlite_sequence SET seq = (SELECT max(seq) FROM sqlite_sequence WHERE name IN ('actors', 'actors_new')) WHERE name = 'actors_new';

-- The view of actor candidates (0003) names `actors`, which it will name again after the rename: the legacy
-- rename leaves views and triggers as they are instead of checking them while the old table is gone.
PRAGMA legacy_alter_table = ON;
DROP TABLE actors;
ALTER TABLE actors_new RENAME TO actors;
PRAGMA legacy_alter_table = OFF;
CREATE INDEX actors_name ON actors (name COLLATE NOCASE);
