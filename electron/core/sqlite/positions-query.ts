/**
 * Where everyone stands (issue #11's positions matrix): every annotation whose label gives it a holder (the actor
 * `annotation_actors` records for it), a target and a stance, counted by holder, target and stance, and the same
 * holder's stance on one target day by day. Targets are grouped as written, trimmed; the stance is the annotation's
 * `stance` attribute, and one that is not among POSITION_STANCES is not counted.
 */
import type Database from 'better-sqlite3';
import { POSITION_STANCES, type ActorKind, type PositionsFilter, type PositionsMatrix, type StanceCounts, type StanceDay } from '../../shared/types.ts';
import { cachedStatement } from './statements.ts';

/** The annotations the matrix counts, narrowed by the filter: holder, target, stance and publication day. */
function positionRows(filter: PositionsFilter): { sql: string; params: unknown[] } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  if (filter.actorKinds && filter.actorKinds.length > 0) {
    conditions.push(`ac.kind IN (SELECT value FROM json_each(?))`);
    params.push(JSON.stringify(filter.actorKinds));
  }
  if (filter.publishedFrom) {
    conditions.push('substr(d.published_at, 1, 10) >= ?');
    params.push(filter.publishedFrom);
  }
  if (filter.publishedTo) {
    conditions.push('substr(d.published_at, 1, 10) <= ?');
    params.push(filter.publishedTo);
  }
  const sql = `SELECT aa.actor_id AS actorId, trim(a.attributes ->> 'target') AS target, a.attributes ->> 'stance' AS stance,
      substr(d.published_at, 1, 10) AS day
    FROM annotation_actors aa
    JOIN actors ac ON ac.id = aa.actor_id
    JOIN annotations a ON a.id = aa.annotation_id
    JOIN documents d ON d.id = a.document_id
    WHERE trim(a.attributes ->> 'target') <> '' AND a.attributes ->> 'stance' IN (SELECT value FROM json_each('${JSON.stringify(POSITION_STANCES)}'))
    ${conditions.map((condition) => `AND ${condition}`).join(' ')}`;
  return { sql, params };
}

function noStances(): StanceCounts {
  return { supports: 0, opposes: 0, neutral: 0, ambiguous: 0 };
}

/** The SQL of the matrix's one statement, for the query-plan tests. */
export function positionsMatrixSql(filter: PositionsFilter): { sql: string; params: unknown[] } {
  const rows = positionRows(filter);
  return { sql: `SELECT actorId, target, stance, count(*) AS n FROM (${rows.sql}) GROUP BY actorId, target, stance`, params: rows.params };
}

/** Every holder × target cell with its counts by stance; holders and targets by how many positions they have. */
export function positionsMatrix(db: Database.Database, filter: PositionsFilter): PositionsMatrix {
  const { sql, params } = positionsMatrixSql(filter);
  const read = db.transaction(() => {
    const counted = cachedStatement<unknown[], { actorId: number; target: string; stance: keyof StanceCounts; n: number }>(db, sql).all(...params);
    const cells = new Map<string, { actorId: number; target: string; counts: StanceCounts }>();
    const actorTotals = new Map<number, number>();
    const targetTotals = new Map<string, number>();
    for (const row of counted) {
      const key = `${row.actorId}\u0000${row.target}`;
      let cell = cells.get(key);
      if (!cell) cells.set(key, (cell = { actorId: row.actorId, target: row.target, counts: noStances() }));
      cell.counts[row.stance] += row.n;
      actorTotals.set(row.actorId, (actorTotals.get(row.actorId) ?? 0) + row.n);
      targetTotals.set(row.target, (targetTotals.get(row.target) ?? 0) + row.n);
    }
    const names = cachedStatement<[string], { id: number; name: string; kind: ActorKind }>(db, 'SELECT id, name, kind FROM actors WHERE id IN (SELECT value FROM json_each(?))');
    const actors = names
      .all(JSON.stringify([...actorTotals.keys()]))
      .map((actor) => ({ id: actor.id, name: actor.name, kind: actor.kind, total: actorTotals.get(actor.id)! }));
    return { actors, cells: [...cells.values()], targets: [...targetTotals].map(([name, total]) => ({ name, total })) };
  });
  const matrix = read();
  const byTotalThenName = <T extends { name: string; total: number }>(a: T, b: T) => b.total - a.total || a.name.localeCompare(b.name);
  return { actors: matrix.actors.sort(byTotalThenName), targets: matrix.targets.sort(byTotalThenName), cells: matrix.cells };
}

/** The SQL of one holder's stance on one target by publication day, for the query-plan tests. */
export function stanceOverTimeSql(actorId: number, target: string, filter: PositionsFilter): { sql: string; params: unknown[] } {
  const rows = positionRows(filter);
  return {
    sql: `SELECT day, stance, count(*) AS n FROM (${rows.sql} AND aa.actor_id = ? AND trim(a.attributes ->> 'target') = ?) GROUP BY day, stance ORDER BY day`,
    params: [...rows.params, actorId, target.trim()],
  };
}

/** One holder's stance on one target, day by day (documents without a publication day come first, as `null`). */
export function stanceOverTime(db: Database.Database, actorId: number, target: string, filter: PositionsFilter): StanceDay[] {
  const { sql, params } = stanceOverTimeSql(actorId, target, filter);
  const days = new Map<string | null, StanceCounts>();
  for (const row of cachedStatement<unknown[], { day: string | null; stance: keyof StanceCounts; n: number }>(db, sql).all(...params)) {
    let counts = days.get(row.day);
    if (!counts) days.set(row.day, (counts = noStances()));
    counts[row.stance] += row.n;
  }
  return [...days].map(([day, counts]) => ({ day, counts }));
}
