/**
 * The corpus queries of the actor registry: every actor with their counts (the Actors screen), and one actor's
 * items with their sentence of context (an actor's page). Both start from `annotation_actors` (migration 0003:
 * the actor the workbench shows for each annotation), by its actor index.
 */
import type Database from 'better-sqlite3';
import { sentenceContext } from '../../shared/sentence-context.ts';
import type { ActorItem, ActorItemsQuery, ActorSummary, AttributeValue } from '../../shared/types.ts';
import { toActor, type ActorRow } from './rows.ts';
import { cachedStatement } from './statements.ts';

/**
 * How many code points either side of an item its sentence of context is looked for in: a sentence longer than
 * that is cut there. Only this window of the article's text is read out of SQLite (substr counts code points).
 */
export const CONTEXT_REACH = 400;

/** Every actor with their mentions, and how many of those carry each label, by name (ignoring case), then id. */
export function actorSummaries(db: Database.Database): ActorSummary[] {
  return db.transaction((): ActorSummary[] => {
    const counts = new Map<number, Record<string, number>>();
    const rows = cachedStatement<[], { actorId: number; label: string; n: number }>(
      db,
      `SELECT aa.actor_id AS actorId, l.name AS label, count(*) AS n
       FROM annotation_actors aa JOIN annotations a ON a.id = aa.annotation_id JOIN labels l ON l.id = a.label_id
       GROUP BY aa.actor_id, a.label_id`,
    ).all();
    for (const row of rows) {
      const byLabel = counts.get(row.actorId) ?? {};
      byLabel[row.label] = row.n;
      counts.set(row.actorId, byLabel);
    }
    return cachedStatement<[], ActorRow>(db, 'SELECT * FROM actors ORDER BY name COLLATE NOCASE, id')
      .all()
      .map((row) => {
        const labelCounts = counts.get(row.id) ?? {};
        return { ...toActor(row), mentions: Object.values(labelCounts).reduce((sum, n) => sum + n, 0), labelCounts };
      });
  })();
}

interface ActorItemRow {
  id: number;
  documentId: number;
  documentTitle: string;
  publishedAt: string | null;
  labelId: number;
  role: string;
  start: number;
  end: number;
  attributes: string;
  windowStart: number;
  window: string;
  total: number;
}

/**
 * A window of an actor's items, in the articles' publication order (undated ones last), then by article, then
 * reading order, with how many the filters take in all. The filters are bound as NULL when absent, so that one
 * statement serves every combination. The order and the count need only short columns, read from indexes (the
 * articles' days from documents_publication, not from rows that hold their text); the text around an item, which
 * means reading its article, is read for the rows of the window alone (the CTE is materialised by its LIMIT).
 */
const ACTOR_ITEMS_SQL = `
WITH page AS (
  SELECT a.id, d.id AS documentId, d.title AS documentTitle, d.published_at AS publishedAt, a.label_id AS labelId,
         aa.role, a.start, a.end, a.attributes, count(*) OVER () AS total
  FROM annotation_actors aa INDEXED BY annotation_actors_actor
  JOIN annotations a ON a.id = aa.annotation_id
  JOIN documents d INDEXED BY documents_publication ON d.id = a.document_id
  WHERE aa.actor_id = :actorId
    AND (:labels IS NULL OR a.label_id IN (SELECT value FROM json_each(:labels)))
    AND (:attributeName IS NULL OR a.attributes ->> :attributeName = :attributeValue)
    AND (:publishedFrom IS NULL OR substr(d.published_at, 1, 10) >= :publishedFrom)
    AND (:publishedTo IS NULL OR substr(d.published_at, 1, 10) <= :publishedTo)
  ORDER BY d.published_at IS NULL, d.published_at, d.id, a.start, a.end, a.id
  LIMIT :limit OFFSET :offset
)
SELECT page.*, max(page.start - :reach, 0) AS windowStart,
       substr(d.text, max(page.start - :reach, 0) + 1, page.end - max(page.start - :reach, 0) + :reach) AS window
FROM page JOIN documents d ON d.id = page.documentId
ORDER BY page.publishedAt IS NULL, page.publishedAt, page.documentId, page.start, page.end, page.id`;

/** Items on one call when the query says no other number: an actor's page asks for a screenful and pages on. */
export const ACTOR_ITEMS_LIMIT = 100;

/**
 * A window of the items of an actor's page, and how many there are in all (the caller checks that the actor
 * exists). A window past the end is empty and still counts them: the count comes from the rows the filters take.
 */
export function actorItems(db: Database.Database, query: ActorItemsQuery): { total: number; items: ActorItem[] } {
  const labelIds = query.labelIds ?? [];
  const params = {
    reach: CONTEXT_REACH,
    actorId: query.actorId,
    labels: labelIds.length > 0 ? JSON.stringify(labelIds) : null,
    attributeName: query.attribute ? `$."${query.attribute.name.replaceAll('"', '""')}"` : null,
    attributeValue: query.attribute?.value ?? null,
    publishedFrom: query.publishedFrom ?? null,
    publishedTo: query.publishedTo ?? null,
  };
  return db.transaction(() => {
    const statement = cachedStatement<[Record<string, unknown>], ActorItemRow>(db, ACTOR_ITEMS_SQL);
    const offset = query.offset ?? 0;
    const rows = statement.all({ ...params, limit: query.limit ?? ACTOR_ITEMS_LIMIT, offset });
    // A window past the end has no row to carry the count: the first row's says it.
    const total = rows[0]?.total ?? (offset > 0 ? (statement.get({ ...params, limit: 1, offset: 0 })?.total ?? 0) : 0);
    const items = rows.map((row) => ({
      id: row.id,
      documentId: row.documentId,
      documentTitle: row.documentTitle,
      publishedAt: row.publishedAt,
      labelId: row.labelId,
      role: row.role,
      start: row.start,
      end: row.end,
      attributes: JSON.parse(row.attributes) as Record<string, AttributeValue>,
      context: sentenceContext(row.window, row.start - row.windowStart, row.end - row.windowStart),
    }));
    return { total, items };
  })();
}
