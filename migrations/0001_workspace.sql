-- Parley workspace schema, version 1: documents, the label schema, annotations, relations, actors,
-- settings and the per-document undo history. Offsets are Unicode code points, end-exclusive.

CREATE TABLE documents (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  title         TEXT    NOT NULL,
  -- Verbatim after import; only a BOM is dropped and CRLF/CR become LF, as `normalisation` records.
  text          TEXT    NOT NULL,
  length        INTEGER NOT NULL CHECK (length >= 0),          -- in code points
  content_hash  TEXT    NOT NULL,                              -- SHA-256 of the stored text, hex
  source        TEXT,
  url           TEXT,
  author        TEXT,
  published_at  TEXT,
  language      TEXT,
  metadata      TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(metadata) AND json_type(metadata) = 'object'),
  normalisation TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(normalisation)),
  status        TEXT    NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'in_progress', 'done')),
  is_sample     INTEGER NOT NULL DEFAULT 0 CHECK (is_sample IN (0, 1)),
  created_at    TEXT    NOT NULL,
  updated_at    TEXT    NOT NULL
) STRICT;
CREATE INDEX documents_content_hash ON documents (content_hash);

CREATE TABLE labels (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  name        TEXT    NOT NULL UNIQUE COLLATE NOCASE,
  color       TEXT    NOT NULL CHECK (color GLOB '#[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
  hotkey      TEXT    UNIQUE CHECK (hotkey IS NULL OR length(hotkey) = 1),
  description TEXT    NOT NULL DEFAULT '',
  -- [{"name": ..., "type": "text" | "boolean" | "choice" | "actor", "options": [...]}]
  attributes  TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(attributes) AND json_type(attributes) = 'array'),
  position    INTEGER NOT NULL
) STRICT;

CREATE TABLE relation_types (
  name        TEXT    PRIMARY KEY,
  description TEXT    NOT NULL DEFAULT '',
  position    INTEGER NOT NULL
) STRICT;

CREATE TABLE actors (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  name        TEXT    NOT NULL CHECK (length(trim(name)) > 0),
  kind        TEXT    NOT NULL DEFAULT 'person'
                      CHECK (kind IN ('person', 'organisation', 'country', 'group', 'other')),
  aliases     TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(aliases) AND json_type(aliases) = 'array'),
  external_id TEXT,
  description TEXT    NOT NULL DEFAULT '',
  created_at  TEXT    NOT NULL,
  updated_at  TEXT    NOT NULL
) STRICT;
CREATE INDEX actors_name ON actors (name COLLATE NOCASE);

CREATE TABLE annotations (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  label_id    INTEGER NOT NULL REFERENCES labels (id),
  -- The hull of the fragments, for ordering and range queries.
  start       INTEGER NOT NULL CHECK (start >= 0),
  end         INTEGER NOT NULL CHECK (end > start),
  -- [[start, end], ...]: sorted, disjoint; several fragments make a discontinuous span.
  fragments   TEXT    NOT NULL CHECK (json_valid(fragments) AND json_type(fragments) = 'array'),
  -- The covered text when annotated (fragments joined by a space), kept to detect drift.
  text        TEXT    NOT NULL,
  attributes  TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(attributes) AND json_type(attributes) = 'object'),
  note        TEXT    NOT NULL DEFAULT '',
  author      TEXT    NOT NULL DEFAULT '',
  origin      TEXT    NOT NULL DEFAULT 'manual' CHECK (origin IN ('manual', 'imported', 'suggested')),
  created_at  TEXT    NOT NULL,
  updated_at  TEXT    NOT NULL
) STRICT;
CREATE INDEX annotations_document ON annotations (document_id, start, end);
CREATE INDEX annotations_label ON annotations (label_id);

CREATE TABLE relations (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  type        TEXT    NOT NULL REFERENCES relation_types (name) ON UPDATE CASCADE,
  source_id   INTEGER NOT NULL REFERENCES annotations (id) ON DELETE CASCADE,
  target_id   INTEGER NOT NULL REFERENCES annotations (id) ON DELETE CASCADE,
  created_at  TEXT    NOT NULL,
  CHECK (source_id <> target_id)
) STRICT;
CREATE INDEX relations_document ON relations (document_id);
CREATE INDEX relations_source ON relations (source_id);
CREATE INDEX relations_target ON relations (target_id);

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL CHECK (json_valid(value))
) STRICT;

-- Undo history, per document. Each row is one user-visible step: `forward` re-applies it, `inverse`
-- reverts it (both JSON lists of row operations). Undone steps stay until a new step replaces them.
CREATE TABLE history (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  description TEXT    NOT NULL,
  forward     TEXT    NOT NULL CHECK (json_valid(forward)),
  inverse     TEXT    NOT NULL CHECK (json_valid(inverse)),
  undone      INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1)),
  created_at  TEXT    NOT NULL
) STRICT;
CREATE INDEX history_document ON history (document_id, id);
