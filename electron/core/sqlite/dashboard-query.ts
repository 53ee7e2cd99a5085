/**
 * The dashboard's charts (issue #11) in one read transaction: annotations per label, per actor and per day of
 * publication, quotes per speaker, and documents by workflow status. Each count is what the annotations table
 * shows filtered as the chart's bar says, so that a bar opens the table on exactly what it counts.
 *
 * Every statement reads a whole table or index, since every annotation counts; each reads the narrowest one that
 * holds what it counts (see query-plans.test.ts): the label index, annotation_actors (whole, and by id for the
 * quotes), and the documents' status and day index, counting each one's annotations in the document index.
 */
import type Database from 'better-sqlite3';
import { DOCUMENT_STATUSES, type Dashboard, type DashboardActorCount, type DocumentStatus } from '../../shared/types.ts';
import { cachedStatement } from './statements.ts';

/** Annotations per label, in the schema's order, counted in the label index. */
export const LABEL_COUNTS_SQL = `SELECT l.id, l.name, l.color, (SELECT count(*) FROM annotations a WHERE a.label_id = l.id) AS count
  FROM labels l ORDER BY l.position, l.id`;

/**
 * Every actor some annotation names, by how many annotations the table shows them for (annotation_actors), most
 * first: at most one row per actor in the registry, of which the caller keeps the first few.
 */
export const ACTOR_COUNTS_SQL = `WITH counted AS (SELECT actor_id, count(*) AS n FROM annotation_actors GROUP BY actor_id)
  SELECT ac.id, ac.name, counted.n AS count FROM counted JOIN actors ac ON ac.id = counted.actor_id
  ORDER BY counted.n DESC, ac.name COLLATE NOCASE, ac.id`;

/** The labels with an actor attribute named `speaker`: what counts as a quote. */
export const SPEAKER_LABELS_SQL = `SELECT l.id FROM labels l
  WHERE EXISTS (SELECT 1 FROM json_each(l.attributes) d WHERE d.value ->> 'name' = 'speaker' AND d.value ->> 'type' = 'actor')
  ORDER BY l.position, l.id`;

/**
 * Every speaker by their quotes: annotations of the labels `?` (a JSON list) whose actor, as the table shows it
 * (annotation_actors), is the one their speaker attribute names. Read from the label index and annotation_actors
 * by id: twice as fast as reading each quote's attributes.
 */
export const SPEAKER_COUNTS_SQL = `WITH counted AS (
    SELECT aa.actor_id, count(*) AS n FROM annotations a JOIN annotation_actors aa ON aa.annotation_id = a.id
    WHERE a.label_id IN (SELECT value FROM json_each(?)) AND aa.role = 'speaker' GROUP BY aa.actor_id)
  SELECT ac.id, ac.name, counted.n AS count FROM counted JOIN actors ac ON ac.id = counted.actor_id
  ORDER BY counted.n DESC, ac.name COLLATE NOCASE, ac.id`;

/**
 * Documents by publication day and status, with how many of them have annotations and how many annotations they
 * have: one pass over the documents' status and day index (migration 0008), each one's annotations counted in the
 * document index. A day is the first ten characters of `published_at` when they read as one (YYYY-MM-DD), as the
 * table's day filter compares them (and the index holds them). The per-document counts are MATERIALIZED: flattened into the outer query, each document's count would be made twice.
 */
export const DOCUMENT_COUNTS_SQL = `WITH per_document AS MATERIALIZED (
    SELECT CASE WHEN substr(d.published_at, 1, 10) GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' THEN substr(d.published_at, 1, 10) END AS day,
      d.status, (SELECT count(*) FROM annotations a WHERE a.document_id = d.id) AS n
    FROM documents d)
  SELECT day, status, count(*) AS documents, sum(n > 0) AS annotated, sum(n) AS annotations FROM per_document GROUP BY day, status`;

export function dashboard(db: Database.Database, top: number): Dashboard {
  return db.transaction((): Dashboard => {
    const labels = cachedStatement<[], Dashboard['labels'][number]>(db, LABEL_COUNTS_SQL).all();
    const actors = cachedStatement<[], DashboardActorCount>(db, ACTOR_COUNTS_SQL).all();
    const speakerLabelIds = cachedStatement<[], { id: number }>(db, SPEAKER_LABELS_SQL)
      .all()
      .map((row) => row.id);
    const speakers = cachedStatement<[string], DashboardActorCount>(db, SPEAKER_COUNTS_SQL).all(JSON.stringify(speakerLabelIds));
    const documentRows = cachedStatement<[], { day: string | null; status: DocumentStatus; documents: number; annotated: number; annotations: number }>(db, DOCUMENT_COUNTS_SQL).all();

    const days = new Map<string, number>();
    let undated = 0;
    const statuses = new Map(DOCUMENT_STATUSES.map((status) => [status, { status, documents: 0, annotated: 0 }]));
    for (const row of documentRows) {
      if (row.day === null) undated += row.annotations;
      else if (row.annotations > 0) days.set(row.day, (days.get(row.day) ?? 0) + row.annotations);
      const status = statuses.get(row.status)!;
      status.documents += row.documents;
      status.annotated += row.annotated;
    }
    return {
      annotations: labels.reduce((sum, label) => sum + label.count, 0),
      documents: documentRows.reduce((sum, row) => sum + row.documents, 0),
      labels,
      actors: actors.slice(0, top),
      actorsNamed: actors.length,
      speakers: speakers.slice(0, top),
      speakersNamed: speakers.length,
      speakerLabelIds,
      days: [...days].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([day, count]) => ({ day, count })),
      undated,
      statuses: [...statuses.values()],
    };
  })();
}
