/**
 * Where everyone stands (issue #11's positions matrix): every annotation with a holder (the actor
 * `annotation_actors` records for it), a target and a stance (`annotation_positions`, migration 0012: its label's
 * `target` attribute names an entry of the target registry, its `stance` one of the four), counted by
 * holder, target and stance; the same holder's stance on one target day by day; and the annotations behind one cell.
 */
import type Database from 'better-sqlite3';
import { sentenceContext } from '../../shared/sentence-context.ts';
import {
  type ActorItem,
  type ActorKind,
  type PackedCell,
  type AttributeValue,
  type PositionsFilter,
  type PositionsMatrix,
  type StanceCounts,
  type StanceDay,
} from '../../shared/types.ts';
import { CONTEXT_REACH } from './actor-queries.ts';
import { cachedStatement } from './statements.ts';

/**
 * The positions the matrix counts (`annotation_positions`, with the holder `annotation_actors` records for each),
 * narrowed by the filter; `columns` are what the caller reads of each (`ap`, `aa`, and `d` and `a` when `reads` asks
 * for the document or the annotation). The holder's actor row and the document are read only when needed: the
 * document, for the filters by day and status, from an index that holds those columns.
 */
function positionRows(filter: PositionsFilter, columns: string, reads: { document?: boolean; annotation?: boolean } = {}): { sql: string; params: unknown[] } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const needs = { actor: false, document: reads.document ?? false };
  if (filter.actorKinds && filter.actorKinds.length > 0) {
    needs.actor = true;
    conditions.push(`ac.kind IN (SELECT value FROM json_each(?))`);
    params.push(JSON.stringify(filter.actorKinds));
  }
  if (filter.publishedFrom) {
    needs.document = true;
    conditions.push('substr(d.published_at, 1, 10) >= ?');
    params.push(filter.publishedFrom);
  }
  if (filter.publishedTo) {
    needs.document = true;
    conditions.push('substr(d.published_at, 1, 10) <= ?');
    params.push(filter.publishedTo);
  }
  if (filter.documentStatuses && filter.documentStatuses.length > 0) {
    needs.document = true;
    conditions.push('d.status IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(filter.documentStatuses));
  }
  if (filter.tagIds && filter.tagIds.length > 0) {
    conditions.push('ap.document_id IN (SELECT document_id FROM document_tag_links WHERE tag_id IN (SELECT value FROM json_each(?)))');
    params.push(JSON.stringify(filter.tagIds));
  }
  // CROSS JOIN keeps the positions the outer loop (SQLite never reorders it): every other table is read by key for
  // each position, never the other way round. A document whose text is not needed is read from the index that
  // holds its day and status, not from its row.
  const sql = `SELECT ${columns}
    FROM annotation_positions ap
    CROSS JOIN annotation_actors aa ON aa.annotation_id = ap.annotation_id
    ${needs.actor ? 'JOIN actors ac ON ac.id = aa.actor_id' : ''}
    ${needs.document ? `JOIN documents d ${reads.annotation ? '' : 'INDEXED BY documents_day_status'} ON d.id = ap.document_id` : ''}
    ${reads.annotation ? 'JOIN annotations a ON a.id = ap.annotation_id' : ''}
    WHERE 1 ${conditions.map((condition) => `AND ${condition}`).join(' ')}`;
  return { sql, params };
}

const MATRIX_COLUMNS = 'aa.actor_id AS actorId, ap.target_id AS targetId, ap.stance';

/** One collator for the thousands of name comparisons of a sort (`localeCompare` sets one up per call). */
const collator = new Intl.Collator();

/** Where each stance's count is in a packed cell. */
const STANCE_SLOT: Record<keyof StanceCounts, 2 | 3 | 4 | 5> = { supports: 2, opposes: 3, neutral: 4, ambiguous: 5 };

function noStances(): StanceCounts {
  return { supports: 0, opposes: 0, neutral: 0, ambiguous: 0 };
}

/** The SQL of the matrix's one statement, for the query-plan tests. */
export function positionsMatrixSql(filter: PositionsFilter): { sql: string; params: unknown[] } {
  const rows = positionRows(filter, MATRIX_COLUMNS);
  return { sql: `SELECT actorId, targetId, stance, count(*) AS n FROM (${rows.sql}) GROUP BY actorId, targetId, stance`, params: rows.params };
}

/** Every holder × target cell with its counts by stance; holders and targets by how many positions they have. */
export function positionsMatrix(db: Database.Database, filter: PositionsFilter): PositionsMatrix {
  const { sql, params } = positionsMatrixSql(filter);
  const read = db.transaction(() => {
    const counted = cachedStatement<unknown[], { actorId: number; targetId: number; stance: keyof StanceCounts; n: number }>(db, sql).all(...params);
    const cells = new Map<string, PackedCell>();
    const actorTotals = new Map<number, number>();
    const targetTotals = new Map<number, number>();
    for (const row of counted) {
      const key = `${row.actorId}:${row.targetId}`;
      let cell = cells.get(key);
      if (!cell) cells.set(key, (cell = [row.actorId, row.targetId, 0, 0, 0, 0]));
      cell[STANCE_SLOT[row.stance]] += row.n;
      actorTotals.set(row.actorId, (actorTotals.get(row.actorId) ?? 0) + row.n);
      targetTotals.set(row.targetId, (targetTotals.get(row.targetId) ?? 0) + row.n);
    }
    const actorNames = cachedStatement<[string], { id: number; name: string; kind: ActorKind }>(db, 'SELECT id, name, kind FROM actors WHERE id IN (SELECT value FROM json_each(?))');
    const targetNames = cachedStatement<[string], { id: number; name: string }>(db, 'SELECT id, name FROM targets WHERE id IN (SELECT value FROM json_each(?))');
    const actors = actorNames
      .all(JSON.stringify([...actorTotals.keys()]))
      .map((actor) => ({ id: actor.id, name: actor.name, kind: actor.kind, total: actorTotals.get(actor.id)! }));
    const targets = targetNames.all(JSON.stringify([...targetTotals.keys()])).map((target) => ({ id: target.id, name: target.name, total: targetTotals.get(target.id)! }));
    return { actors, targets, cells: [...cells.values()] };
  });
  const matrix = read();
  const byTotalThenName = <T extends { name: string; total: number }>(a: T, b: T) => b.total - a.total || collator.compare(a.name, b.name);
  return { actors: matrix.actors.sort(byTotalThenName), targets: matrix.targets.sort(byTotalThenName), cells: matrix.cells };
}

/** The SQL of one holder's stance on one target by publication day, for the query-plan tests. */
export function stanceOverTimeSql(actorId: number, targetId: number, filter: PositionsFilter): { sql: string; params: unknown[] } {
  const rows = positionRows(filter, 'substr(d.published_at, 1, 10) AS day, ap.stance', { document: true });
  return {
    sql: `SELECT day, stance, count(*) AS n FROM (${rows.sql} AND aa.actor_id = ? AND ap.target_id = ?) GROUP BY day, stance ORDER BY day`,
    params: [...rows.params, actorId, targetId],
  };
}

/** One holder's stance on one target, day by day (documents without a publication day come first, as `null`). */
export function stanceOverTime(db: Database.Database, actorId: number, targetId: number, filter: PositionsFilter): StanceDay[] {
  const { sql, params } = stanceOverTimeSql(actorId, targetId, filter);
  const days = new Map<string | null, StanceCounts>();
  for (const row of cachedStatement<unknown[], { day: string | null; stance: keyof StanceCounts; n: number }>(db, sql).all(...params)) {
    let counts = days.get(row.day);
    if (!counts) days.set(row.day, (counts = noStances()));
    counts[row.stance] += row.n;
  }
  return [...days].map(([day, counts]) => ({ day, counts }));
}

interface PositionItemRow {
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
}

/**
 * The annotations behind one cell: a holder's positions on a target, in the articles' publication order (undated
 * ones last), then by article and reading order, each with its sentence of context as on an actor's page.
 */
/** The SQL of the annotations behind one cell, for the query-plan tests. */
export function positionItemsSql(actorId: number, targetId: number, filter: PositionsFilter): { sql: string; params: unknown[] } {
  const rows = positionRows(
    filter,
    `a.id, a.document_id AS documentId, d.title AS documentTitle, d.published_at AS publishedAt, a.label_id AS labelId, aa.role, a.start, a.end,
     a.attributes, max(a.start - ${CONTEXT_REACH}, 0) AS windowStart,
     substr(d.text, max(a.start - ${CONTEXT_REACH}, 0) + 1, a.end - max(a.start - ${CONTEXT_REACH}, 0) + ${CONTEXT_REACH}) AS window`,
    { document: true, annotation: true },
  );
  return {
    sql: `${rows.sql} AND aa.actor_id = ? AND ap.target_id = ? ORDER BY d.published_at IS NULL, d.published_at, d.id, a.start, a.end, a.id`,
    params: [...rows.params, actorId, targetId],
  };
}

/**
 * The annotations behind one cell: a holder's positions on a target, in the articles' publication order (undated
 * ones last), then by article and reading order, each with its sentence of context as on an actor's page.
 */
export function positionItems(db: Database.Database, actorId: number, targetId: number, filter: PositionsFilter): ActorItem[] {
  const { sql, params } = positionItemsSql(actorId, targetId, filter);
  return cachedStatement<unknown[], PositionItemRow>(db, sql)
    .all(...params)
    .map((row) => ({
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
}
