/**
 * Keeping `annotation_actors` (migration 0003: the actor the workbench shows for an annotation) and
 * `annotation_positions` (migration 0012: a Position's target and stance, what the positions matrix counts) in
 * step with the annotations the store writes. It is not done by triggers on `annotations`, because any trigger there makes every
 * INSERT into it open a statement journal, which more than doubled the time of importing a large brat corpus
 * (PolNeAR train: 3.6 s → 8 s). Every write of an annotation in the store is therefore followed, in the same
 * transaction, by one of these. (Changes to a label's attribute list are followed by a trigger on `labels`.)
 */
import type Database from 'better-sqlite3';
import { cachedStatement } from './statements.ts';

/** Records the actor of one annotation just written (inserted, or upserted with new attributes or label). */
export function recordAnnotationActor(db: Database.Database, annotationId: number): void {
  cachedStatement(db, 'DELETE FROM annotation_actors WHERE annotation_id = ?').run(annotationId);
  cachedStatement(
    db,
    `INSERT INTO annotation_actors (annotation_id, actor_id, role)
     SELECT annotation_id, actor_id, role FROM annotation_actor_candidates
     WHERE annotation_id = ? ORDER BY position LIMIT 1`,
  ).run(annotationId);
}

/** Records the target and stance of one annotation just written, when it takes a stance on a target. */
export function recordAnnotationPosition(db: Database.Database, annotationId: number): void {
  cachedStatement(db, 'DELETE FROM annotation_positions WHERE annotation_id = ?').run(annotationId);
  cachedStatement(
    db,
    `INSERT INTO annotation_positions (annotation_id, target_id, stance, document_id)
     SELECT annotation_id, target_id, stance, document_id FROM annotation_position_candidates WHERE annotation_id = ?`,
  ).run(annotationId);
}

/** The highest annotation id now: annotations inserted from here on have higher ones (ids are max + 1). */
export function lastAnnotationId(db: Database.Database): number {
  return cachedStatement<[], { id: number }>(db, 'SELECT coalesce(max(id), 0) AS id FROM annotations').get()!.id;
}

/**
 * Annotations after the id bound as the parameter that have attributes and a label with an actor attribute:
 * the only ones the candidates view can find anything for. Narrowing first spares the view's JSON work on the
 * many imported annotations that cannot name an actor (a brat corpus's own labels have none).
 */
const ANNOTATIONS_THAT_MAY_NAME_ACTORS = `SELECT a.id FROM annotations a WHERE a.id > ? AND a.attributes <> '{}'
  AND a.label_id IN (SELECT l.id FROM labels l, json_each(l.attributes) d WHERE d.value ->> 'type' = 'actor')`;

/** Records the actors of every annotation inserted after `afterId`, in one statement (for imports). */
export function recordAnnotationActorsAfter(db: Database.Database, afterId: number): void {
  // SQLite takes the bare columns of a min() aggregate from the row holding the minimum: the first place.
  cachedStatement(
    db,
    `INSERT OR REPLACE INTO annotation_actors (annotation_id, actor_id, role)
     SELECT annotation_id, actor_id, role FROM (
       SELECT annotation_id, actor_id, role, min(position) FROM annotation_actor_candidates
       WHERE annotation_id IN (${ANNOTATIONS_THAT_MAY_NAME_ACTORS}) GROUP BY annotation_id
     )`,
  ).run(afterId);
}

/** Records the targets and stances of every annotation inserted after `afterId`, in one statement (for imports). */
export function recordAnnotationPositionsAfter(db: Database.Database, afterId: number): void {
  cachedStatement(
    db,
    `INSERT OR REPLACE INTO annotation_positions (annotation_id, target_id, stance, document_id)
     SELECT annotation_id, target_id, stance, document_id FROM annotation_position_candidates WHERE annotation_id > ?`,
  ).run(afterId);
}

/** Records the actors of the annotations whose ids are in the JSON array bound as the parameter, in one statement. */
export function recordAnnotationActorsOf(db: Database.Database, ids: readonly number[]): void {
  const list = JSON.stringify(ids);
  cachedStatement(db, 'DELETE FROM annotation_actors WHERE annotation_id IN (SELECT value FROM json_each(?))').run(list);
  cachedStatement(
    db,
    `INSERT INTO annotation_actors (annotation_id, actor_id, role)
     SELECT annotation_id, actor_id, role FROM (
       SELECT annotation_id, actor_id, role, min(position) FROM annotation_actor_candidates
       WHERE annotation_id IN (SELECT value FROM json_each(?)) GROUP BY annotation_id
     )`,
  ).run(list);
}
