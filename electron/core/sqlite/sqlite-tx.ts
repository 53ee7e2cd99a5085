/**
 * Row reads and writes on one SQLite connection, inside a transaction the store opened (sqlite-store.ts): the
 * SQL of `ReadTx` and `WriteTx`, and nothing else. better-sqlite3 is synchronous; the methods are `async` to
 * fit the repository's interface. Statements are prepared once per connection (statements.ts).
 */
import type Database from 'better-sqlite3';
import { ANNOTATION_ROW_TEXT_MAX, type Actor, type Annotation, type AnnotationFilter, type DocumentRecord, type DocumentSummary, type DocumentTag, type Label, type Relation, type RelationType, type SavedView, type Target } from '../../shared/types.ts';
import { hasAnyAttribute, type PaintedAnnotation } from '../../shared/packed-annotations.ts';
import type { RowOperation } from '../domain/history.ts';
import {
  TransactionLostError,
  type ActorRecord,
  type AttributeHolder,
  type TargetRecord,
  type DocumentColumns,
  type ActorMention,
  type HistoryStep,
  type IntegerAttributeHolder,
  type LabelRecord,
  type NewAnnotationRow,
  type NewDocumentRow,
  type NewRelationRow,
  type RemovedRows,
  type StoredHistoryStep,
  type StoredBulkAction,
  type StoredRemoval,
  type StoredText,
  type WriteTx,
} from '../repository.ts';
import { recordAnnotationActor, recordAnnotationActorsOf, recordAnnotationPosition } from './annotation-actors.ts';
import { annotationIdsMatching } from './annotation-query.ts';
import { DOCUMENT_RELATIONS_SQL, DOCUMENT_SPANS_SQL, DROP_REDO_SQL, FIRST_UNDONE_SQL, LAST_DONE_SQL } from './hot-queries.ts';
import {
  fromAnnotation,
  fromRelation,
  SUMMARY_COLUMNS,
  toActor,
  toTarget,
  toAnnotation,
  toDocumentRecord,
  toDocumentSummary,
  toLabel,
  toRelation,
  type ActorRow,
  type TargetRow,
  type AnnotationRow,
  type DocumentRow,
  type DocumentSummaryRow,
  type HistoryRow,
  type LabelRow,
  type RelationRow,
} from './rows.ts';
import { cachedRawStatement, cachedStatement } from './statements.ts';

const DOCUMENT_COLUMN_NAMES: Record<keyof DocumentColumns, string> = {
  title: 'title',
  status: 'status',
  source: 'source',
  url: 'url',
  author: 'author',
  publishedAt: 'published_at',
  language: 'language',
};

/** The columns of an annotation that an edit or a bulk action may change (never its id or document). */
const ANNOTATION_COLUMNS_THAT_CHANGE = [
  'label_id', 'start', 'end', 'fragments', 'text', 'attributes', 'set_aside', 'note', 'author', 'origin', 'created_at', 'updated_at',
] as const satisfies readonly (keyof AnnotationRow)[];

/** A tag with its documents' ids as one JSON array, in one read. */
const TAG_COLUMNS = `t.id, t.name, (SELECT json_group_array(document_id) FROM (SELECT document_id FROM document_tag_links WHERE tag_id = t.id ORDER BY document_id)) AS document_ids`;
type TagRow = { id: number; name: string; document_ids: string };
const toDocumentTag = (row: TagRow): DocumentTag => ({ id: row.id, name: row.name, documentIds: JSON.parse(row.document_ids) as number[] });

type ViewRow = { id: number; name: string; filter: string; created_at: string; updated_at: string };
const toSavedView = (row: ViewRow): SavedView => ({ id: row.id, name: row.name, filter: JSON.parse(row.filter) as SavedView['filter'], createdAt: row.created_at, updatedAt: row.updated_at });

export class SqliteTx implements WriteTx {
  private savepoints = 0;

  /** In `bulk` mode (an import) the store records annotations' actors for the whole batch at its end. */
  constructor(
    private readonly db: Database.Database,
    private readonly bulk: boolean,
  ) {}

  private statement<Result = unknown>(sql: string) {
    return cachedStatement<unknown[], Result>(this.db, sql);
  }

  // ---------------------------------------------------------------- reads

  async documentSummary(id: number): Promise<DocumentSummary | undefined> {
    const row = this.statement<DocumentSummaryRow>(`SELECT ${SUMMARY_COLUMNS} FROM documents d WHERE d.id = ?`).get(id);
    return row && toDocumentSummary(row);
  }

  async document(id: number): Promise<DocumentRecord | undefined> {
    const row = this.statement<DocumentRow & { annotation_count: number }>(
      'SELECT d.*, (SELECT count(*) FROM annotations a WHERE a.document_id = d.id) AS annotation_count FROM documents d WHERE d.id = ?',
    ).get(id);
    return row && toDocumentRecord(row, row.annotation_count);
  }

  async documentText(id: number): Promise<StoredText | undefined> {
    return this.statement<StoredText>('SELECT text, length FROM documents WHERE id = ?').get(id);
  }

  async paintedAnnotations(documentId: number): Promise<PaintedAnnotation[]> {
    // Raw rows (arrays, not objects keyed by column) are painted annotations once their JSON is parsed in place.
    const rows = cachedRawStatement<[number]>(this.db, DOCUMENT_SPANS_SQL).all(documentId) as (string | number | null)[][];
    for (const row of rows) {
      if (row[4] !== null) row[4] = JSON.parse(row[4] as string);
      if (row[5] !== null) row[5] = JSON.parse(row[5] as string);
    }
    return rows as unknown as PaintedAnnotation[];
  }

  async documentRelations(documentId: number): Promise<Relation[]> {
    return this.statement<RelationRow>(DOCUMENT_RELATIONS_SQL).all(documentId).map(toRelation);
  }

  async documentAnnotations(documentId: number): Promise<Annotation[]> {
    return this.statement<AnnotationRow>('SELECT * FROM annotations WHERE document_id = ? ORDER BY id').all(documentId).map(toAnnotation);
  }

  async labelAnnotations(labelId: number): Promise<Annotation[]> {
    return this.statement<AnnotationRow>('SELECT * FROM annotations WHERE label_id = ? ORDER BY id').all(labelId).map(toAnnotation);
  }

  async documentHistory(documentId: number): Promise<StoredHistoryStep[]> {
    return this.statement<HistoryRow>('SELECT * FROM history WHERE document_id = ? ORDER BY id').all(documentId).map((row) => ({
      id: row.id,
      documentId: row.document_id,
      description: row.description,
      forward: JSON.parse(row.forward) as RowOperation[],
      inverse: JSON.parse(row.inverse) as RowOperation[],
      undone: row.undone === 1,
      createdAt: row.created_at,
      bulkId: row.bulk_id,
    }));
  }

  async removal(id: number): Promise<StoredRemoval | undefined> {
    const row = this.statement<{ id: number; description: string; rows: string }>('SELECT id, description, rows FROM removals WHERE id = ?').get(id);
    return row && { id: row.id, description: row.description, rows: JSON.parse(row.rows) as RemovedRows };
  }

  async documentIdentity(id: number): Promise<{ id: number; title: string; contentHash: string } | undefined> {
    return this.statement<{ id: number; title: string; contentHash: string }>('SELECT id, title, content_hash AS contentHash FROM documents WHERE id = ?').get(id);
  }

  async documentWithHash(contentHash: string): Promise<{ id: number; title: string } | undefined> {
    return this.statement<{ id: number; title: string }>('SELECT id, title FROM documents WHERE content_hash = ? ORDER BY id LIMIT 1').get(contentHash);
  }

  async documentAnnotators(documentId: number): Promise<Set<string>> {
    const rows = this.statement<{ author: string }>('SELECT DISTINCT author FROM annotations WHERE document_id = ?').all(documentId);
    return new Set(rows.map((row) => row.author));
  }

  async annotation(id: number): Promise<Annotation | undefined> {
    const row = this.statement<AnnotationRow>('SELECT * FROM annotations WHERE id = ?').get(id);
    return row && toAnnotation(row);
  }

  async relation(id: number): Promise<Relation | undefined> {
    const row = this.statement<RelationRow>('SELECT * FROM relations WHERE id = ?').get(id);
    return row && toRelation(row);
  }

  async relationsOf(annotationId: number): Promise<Relation[]> {
    return this.statement<RelationRow>('SELECT * FROM relations WHERE source_id = ? OR target_id = ? ORDER BY id').all(annotationId, annotationId).map(toRelation);
  }

  async labels(): Promise<Label[]> {
    return this.statement<LabelRow>('SELECT * FROM labels ORDER BY position, id').all().map(toLabel);
  }

  async relationTypes(): Promise<RelationType[]> {
    return this.statement<RelationType>('SELECT name, description, position FROM relation_types ORDER BY position').all();
  }

  async actor(id: number): Promise<Actor | undefined> {
    const row = this.statement<ActorRow>('SELECT * FROM actors WHERE id = ?').get(id);
    return row && toActor(row);
  }

  async actors(): Promise<Actor[]> {
    return this.statement<ActorRow>('SELECT * FROM actors ORDER BY name COLLATE NOCASE, id').all().map(toActor);
  }

  async actorWithExternalId(externalId: string): Promise<number | undefined> {
    return this.statement<{ id: number }>('SELECT id FROM actors WHERE external_id = ? ORDER BY id LIMIT 1').get(externalId)?.id;
  }

  async actorNamed(name: string): Promise<number | undefined> {
    return this.statement<{ id: number }>('SELECT id FROM actors WHERE name = ? COLLATE NOCASE ORDER BY id LIMIT 1').get(name)?.id;
  }

  async target(id: number): Promise<Target | undefined> {
    const row = this.statement<TargetRow>('SELECT * FROM targets WHERE id = ?').get(id);
    return row && toTarget(row);
  }

  async targets(): Promise<Target[]> {
    return this.statement<TargetRow>('SELECT * FROM targets ORDER BY name COLLATE NOCASE, id').all().map(toTarget);
  }

  async annotationsWithIntegerAttribute(value: number): Promise<IntegerAttributeHolder[]> {
    return this.statement<IntegerAttributeHolder>(
      `SELECT a.id AS annotationId, a.document_id AS documentId, d.title AS documentTitle, a.label_id AS labelId, j.key AS attribute,
              substr(a.text, 1, ${ANNOTATION_ROW_TEXT_MAX}) AS text
       FROM annotations a JOIN json_each(a.attributes) j JOIN documents d ON d.id = a.document_id
       WHERE j.type = 'integer' AND j.value = ?
       ORDER BY d.published_at IS NULL, d.published_at, d.id, a.start, a.end, a.id, j.key`,
    ).all(value);
  }

  async annotationsWithLabel(labelId: number): Promise<number> {
    return this.statement<{ n: number }>('SELECT count(*) AS n FROM annotations WHERE label_id = ?').get(labelId)!.n;
  }

  async annotationsNamingActor(actorId: number): Promise<AttributeHolder[]> {
    // An annotation names the actor in an actor-typed attribute either as the actor it shows (annotation_actors,
    // by its actor index), or after another one: then its label has more than one actor attribute, and only the
    // annotations of such labels (by their label index) are looked into.
    return this.statement<{ id: number; labelId: number; attributes: string }>(
      `SELECT id, label_id AS labelId, attributes FROM annotations WHERE id IN (
         SELECT annotation_id FROM annotation_actors WHERE actor_id = :actorId
         UNION
         SELECT a.id FROM annotations a JOIN json_each(a.attributes) j
         WHERE a.label_id IN (SELECT l.id FROM labels l, json_each(l.attributes) d WHERE d.value ->> 'type' = 'actor' GROUP BY l.id HAVING count(*) > 1)
           AND j.type = 'integer' AND j.value = :actorId
       ) ORDER BY id`,
    )
      .all({ actorId })
      .map((row) => ({ id: row.id, labelId: row.labelId, attributes: JSON.parse(row.attributes) as Annotation['attributes'] }));
  }

  async annotationsHoldingInteger(value: number): Promise<Annotation[]> {
    return this.statement<AnnotationRow>(
      `SELECT * FROM annotations WHERE id IN (SELECT a.id FROM annotations a, json_each(a.attributes) j WHERE j.type = 'integer' AND j.value = ?) ORDER BY id`,
    ).all(value).map(toAnnotation);
  }

  async lastDone(documentId: number): Promise<HistoryStep | undefined> {
    const row = this.statement<{ id: number; description: string; inverse: string }>(LAST_DONE_SQL).get(documentId);
    return row && { id: row.id, description: row.description, operations: JSON.parse(row.inverse) as RowOperation[] };
  }

  async firstUndone(documentId: number): Promise<HistoryStep | undefined> {
    const row = this.statement<{ id: number; description: string; forward: string }>(FIRST_UNDONE_SQL).get(documentId);
    return row && { id: row.id, description: row.description, operations: JSON.parse(row.forward) as RowOperation[] };
  }

  async settings(): Promise<Map<string, unknown>> {
    const rows = this.statement<{ key: string; value: string }>('SELECT key, value FROM settings').all();
    return new Map(rows.map((row) => [row.key, JSON.parse(row.value) as unknown]));
  }

  async annotationsWithIds(ids: readonly number[]): Promise<Annotation[]> {
    if (ids.length === 0) return [];
    return this.statement<AnnotationRow>('SELECT * FROM annotations WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id').all(JSON.stringify(ids)).map(toAnnotation);
  }

  async annotationIdsMatching(filter: AnnotationFilter): Promise<number[]> {
    return annotationIdsMatching(this.db, filter);
  }

  async documentTags(): Promise<DocumentTag[]> {
    return this.statement<TagRow>(`SELECT ${TAG_COLUMNS} FROM document_tags t ORDER BY t.name COLLATE NOCASE, t.id`).all().map(toDocumentTag);
  }

  async documentTag(id: number): Promise<DocumentTag | undefined> {
    const row = this.statement<TagRow>(`SELECT ${TAG_COLUMNS} FROM document_tags t WHERE t.id = ?`).get(id);
    return row && toDocumentTag(row);
  }

  async documentTagNamed(name: string): Promise<number | undefined> {
    return this.statement<{ id: number }>('SELECT id FROM document_tags WHERE name = ? COLLATE NOCASE').get(name)?.id;
  }

  async tagIdsOf(documentId: number): Promise<number[]> {
    return this.statement<{ tag_id: number }>('SELECT tag_id FROM document_tag_links WHERE document_id = ? ORDER BY tag_id').all(documentId).map((row) => row.tag_id);
  }

  async savedViews(): Promise<SavedView[]> {
    return this.statement<ViewRow>('SELECT * FROM saved_views ORDER BY name COLLATE NOCASE, id').all().map(toSavedView);
  }

  async savedView(id: number): Promise<SavedView | undefined> {
    const row = this.statement<ViewRow>('SELECT * FROM saved_views WHERE id = ?').get(id);
    return row && toSavedView(row);
  }

  async savedViewNamed(name: string): Promise<number | undefined> {
    return this.statement<{ id: number }>('SELECT id FROM saved_views WHERE name = ? COLLATE NOCASE').get(name)?.id;
  }

  async bulkAction(id: number): Promise<StoredBulkAction | undefined> {
    const row = this.statement<{ id: number; description: string; annotations: number; undone: number }>(
      'SELECT id, description, annotations, undone FROM bulk_actions WHERE id = ?',
    ).get(id);
    if (!row) return undefined;
    const steps = this.statement<{ id: number; document_id: number; undone: number }>('SELECT id, document_id, undone FROM history WHERE bulk_id = ? ORDER BY id').all(id);
    return {
      id: row.id,
      description: row.description,
      annotations: row.annotations,
      undone: row.undone === 1,
      steps: steps.map((step) => ({ id: step.id, documentId: step.document_id, undone: step.undone === 1 })),
    };
  }

  // ---------------------------------------------------------------- writes

  async insertDocument(row: NewDocumentRow): Promise<number> {
    // Preparing this one compiles the full-text index's trigger too: it costs more than most inserts.
    const result = this.statement(
      `INSERT INTO documents (title, text, length, content_hash, source, url, author, published_at, language, metadata, normalisation,
                              status, is_sample, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      row.title, row.text, row.length, row.contentHash, row.source, row.url, row.author, row.publishedAt, row.language,
      JSON.stringify(row.metadata), JSON.stringify(row.normalisation), row.status, row.isSample ? 1 : 0, row.createdAt, row.createdAt,
    );
    return Number(result.lastInsertRowid);
  }

  async updateDocument(id: number, columns: Partial<DocumentColumns>, updatedAt: string): Promise<void> {
    const names = (Object.keys(columns) as (keyof DocumentColumns)[]).filter((key) => columns[key] !== undefined);
    const assignments = names.map((key) => `${DOCUMENT_COLUMN_NAMES[key]} = ?, `).join('');
    this.statement(`UPDATE documents SET ${assignments}updated_at = ? WHERE id = ?`).run(...names.map((key) => columns[key]), updatedAt, id);
  }

  async deleteDocument(id: number): Promise<boolean> {
    return this.statement('DELETE FROM documents WHERE id = ?').run(id).changes > 0;
  }

  async putDocument(document: DocumentRecord): Promise<void> {
    // The insert trigger indexes it for search, as it does a new document.
    this.statement(
      `INSERT INTO documents (id, title, text, length, content_hash, source, url, author, published_at, language, metadata, normalisation,
                              status, is_sample, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      document.id, document.title, document.text, document.length, document.contentHash, document.source, document.url, document.author,
      document.publishedAt, document.language, JSON.stringify(document.metadata), JSON.stringify(document.normalisation), document.status,
      document.isSample ? 1 : 0, document.createdAt, document.updatedAt,
    );
  }

  async insertAnnotations(rows: NewAnnotationRow[]): Promise<number[]> {
    const insert = this.statement(
      `INSERT INTO annotations (document_id, label_id, start, end, fragments, text, attributes, note, author, origin, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    return rows.map((row) => {
      const [first] = row.fragments;
      const single = row.fragments.length === 1;
      const attributes = hasAnyAttribute(row.attributes) ? JSON.stringify(row.attributes) : '{}';
      const id = Number(
        insert.run(
          row.documentId, row.labelId, first![0], row.fragments[row.fragments.length - 1]![1],
          // What JSON.stringify writes, without its generic walk for the common case.
          single ? `[[${first![0]},${first![1]}]]` : JSON.stringify(row.fragments),
          row.text, attributes, row.note, row.author, row.origin, row.createdAt, row.updatedAt,
        ).lastInsertRowid,
      );
      if (!this.bulk && attributes !== '{}') {
        recordAnnotationActor(this.db, id);
        recordAnnotationPosition(this.db, id);
      }
      return id;
    });
  }

  async putAnnotation(annotation: Annotation, stored?: Annotation): Promise<void> {
    const row = fromAnnotation(annotation);
    if (stored) {
      // Only the columns that differ are written: SQLite rewrites the index of every column an UPDATE sets.
      const before = fromAnnotation(stored);
      const changed = ANNOTATION_COLUMNS_THAT_CHANGE.filter((column) => row[column] !== before[column]);
      if (changed.length > 0) this.statement(`UPDATE annotations SET ${changed.map((column) => `${column} = @${column}`).join(', ')} WHERE id = @id`).run(row);
      if (changed.includes('label_id') || changed.includes('attributes')) {
        recordAnnotationActor(this.db, row.id);
        recordAnnotationPosition(this.db, row.id);
      }
      return;
    }
    this.statement(
      `INSERT INTO annotations (id, document_id, label_id, start, end, fragments, text, attributes, set_aside, note, author, origin, created_at, updated_at)
       VALUES (@id, @document_id, @label_id, @start, @end, @fragments, @text, @attributes, @set_aside, @note, @author, @origin, @created_at, @updated_at)
       ON CONFLICT (id) DO UPDATE SET label_id = excluded.label_id, start = excluded.start, end = excluded.end,
         fragments = excluded.fragments, text = excluded.text, attributes = excluded.attributes, set_aside = excluded.set_aside, note = excluded.note,
         author = excluded.author, origin = excluded.origin, created_at = excluded.created_at, updated_at = excluded.updated_at`,
    ).run(row);
    // An update may have changed the label or cleared the attributes: recorded either way.
    recordAnnotationActor(this.db, row.id);
    recordAnnotationPosition(this.db, row.id);
  }

  async removeAnnotation(id: number): Promise<void> {
    this.statement('DELETE FROM annotations WHERE id = ?').run(id);
  }

  async insertRelations(rows: NewRelationRow[]): Promise<number[]> {
    const insert = this.statement('INSERT INTO relations (document_id, type, source_id, target_id, created_at) VALUES (?, ?, ?, ?, ?)');
    return rows.map((row) => Number(insert.run(row.documentId, row.type, row.sourceId, row.targetId, row.createdAt).lastInsertRowid));
  }

  async putRelation(relation: Relation): Promise<void> {
    this.statement(
      `INSERT INTO relations (id, document_id, type, source_id, target_id, created_at)
       VALUES (@id, @document_id, @type, @source_id, @target_id, @created_at)
       ON CONFLICT (id) DO UPDATE SET type = excluded.type, source_id = excluded.source_id, target_id = excluded.target_id, created_at = excluded.created_at`,
    ).run(fromRelation(relation));
  }

  async removeRelation(id: number): Promise<void> {
    this.statement('DELETE FROM relations WHERE id = ?').run(id);
  }

  async insertLabel(label: LabelRecord): Promise<Label> {
    const result = this.statement(
      `INSERT INTO labels (name, color, hotkey, description, attributes, position)
       VALUES (?, ?, ?, ?, ?, (SELECT coalesce(max(position), -1) + 1 FROM labels))`,
    ).run(label.name, label.color, label.hotkey, label.description, JSON.stringify(label.attributes));
    return toLabel(this.statement<LabelRow>('SELECT * FROM labels WHERE id = ?').get(Number(result.lastInsertRowid))!);
  }

  async updateLabel(id: number, label: LabelRecord): Promise<void> {
    this.statement('UPDATE labels SET name = ?, color = ?, hotkey = ?, description = ?, attributes = ? WHERE id = ?').run(
      label.name, label.color, label.hotkey, label.description, JSON.stringify(label.attributes), id,
    );
  }

  async deleteLabel(id: number): Promise<void> {
    this.statement('DELETE FROM labels WHERE id = ?').run(id);
  }

  async putLabel(label: Label): Promise<void> {
    this.statement('INSERT INTO labels (id, name, color, hotkey, description, attributes, position) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      label.id, label.name, label.color, label.hotkey, label.description, JSON.stringify(label.attributes), label.position,
    );
  }

  async insertRelationType(name: string, description: string): Promise<RelationType> {
    this.statement('INSERT INTO relation_types (name, description, position) VALUES (?, ?, (SELECT coalesce(max(position), -1) + 1 FROM relation_types))').run(name, description);
    return this.statement<RelationType>('SELECT name, description, position FROM relation_types WHERE name = ?').get(name)!;
  }

  async insertActor(actor: ActorRecord): Promise<number> {
    const result = this.statement(
      'INSERT INTO actors (name, kind, aliases, external_id, description, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(actor.name, actor.kind, JSON.stringify(actor.aliases), actor.externalId, actor.description, actor.createdAt, actor.updatedAt);
    return Number(result.lastInsertRowid);
  }

  async updateActor(id: number, actor: ActorRecord): Promise<void> {
    this.statement('UPDATE actors SET name = ?, kind = ?, aliases = ?, external_id = ?, description = ?, updated_at = ? WHERE id = ?').run(
      actor.name, actor.kind, JSON.stringify(actor.aliases), actor.externalId, actor.description, actor.updatedAt, id,
    );
  }

  async rewriteActorAttributes(mentions: readonly ActorMention[], from: number | null, to: number | null): Promise<void> {
    const byAttribute = new Map<string, number[]>();
    for (const mention of mentions) for (const name of mention.attributes) byAttribute.set(name, [...(byAttribute.get(name) ?? []), mention.annotationId]);
    for (const [name, ids] of byAttribute) {
      const params = { path: `$."${name.replaceAll('"', '""')}"`, name, ids: JSON.stringify(ids), from, to };
      // better-sqlite3 binds a JavaScript number as a REAL: the id is cast back, or JSON would hold 7.0.
      this.statement(
        `UPDATE annotations SET attributes = CASE WHEN :to IS NULL THEN json_remove(attributes, :path) ELSE json_set(attributes, :path, CAST(:to AS INTEGER)) END
         WHERE id IN (SELECT value FROM json_each(:ids))
           AND (CASE WHEN :from IS NULL THEN attributes ->> :path IS NULL ELSE attributes ->> :path = :from END)`,
      ).run(params);
      // One actor for another in the same attribute: an annotation shows the new one where it showed the old one
      // by that attribute, and nothing else changes.
      if (from !== null && to !== null) {
        this.statement(
          `UPDATE annotation_actors SET actor_id = :to WHERE annotation_id IN (SELECT value FROM json_each(:ids)) AND actor_id = :from AND role = :name`,
        ).run(params);
      }
    }
    // An attribute emptied or filled may change which actor an annotation shows: worked out again.
    if (from === null || to === null) recordAnnotationActorsOf(this.db, mentions.map((mention) => mention.annotationId));
  }

  async deleteActor(id: number): Promise<void> {
    this.statement('DELETE FROM actors WHERE id = ?').run(id);
  }

  async putActor(actor: Actor): Promise<void> {
    this.statement('INSERT INTO actors (id, name, kind, aliases, external_id, description, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      actor.id, actor.name, actor.kind, JSON.stringify(actor.aliases), actor.externalId, actor.description, actor.createdAt, actor.updatedAt,
    );
  }

  async insertTarget(target: TargetRecord): Promise<number> {
    const result = this.statement('INSERT INTO targets (name, aliases, description, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(
      target.name, JSON.stringify(target.aliases), target.description, target.createdAt, target.updatedAt,
    );
    return Number(result.lastInsertRowid);
  }

  async updateTarget(id: number, target: TargetRecord): Promise<void> {
    this.statement('UPDATE targets SET name = ?, aliases = ?, description = ?, updated_at = ? WHERE id = ?').run(
      target.name, JSON.stringify(target.aliases), target.description, target.updatedAt, id,
    );
  }

  async deleteTarget(id: number): Promise<void> {
    this.statement('DELETE FROM targets WHERE id = ?').run(id);
  }

  async putTarget(target: Target): Promise<void> {
    this.statement('INSERT INTO targets (id, name, aliases, description, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      target.id, target.name, JSON.stringify(target.aliases), target.description, target.createdAt, target.updatedAt,
    );
  }

  async appendHistory(step: { documentId: number; description: string; forward: RowOperation[]; inverse: RowOperation[]; createdAt: string; bulkId?: number }): Promise<void> {
    this.statement('INSERT INTO history (document_id, description, forward, inverse, created_at, bulk_id) VALUES (?, ?, ?, ?, ?, ?)').run(
      step.documentId, step.description, JSON.stringify(step.forward), JSON.stringify(step.inverse), step.createdAt, step.bulkId ?? null,
    );
  }

  async dropRedo(documentId: number): Promise<void> {
    this.statement(DROP_REDO_SQL).run(documentId);
  }

  async markUndone(stepId: number, undone: boolean): Promise<void> {
    this.statement('UPDATE history SET undone = ? WHERE id = ?').run(undone ? 1 : 0, stepId);
  }

  async putHistory(steps: StoredHistoryStep[]): Promise<void> {
    const insert = this.statement('INSERT INTO history (id, document_id, description, forward, inverse, undone, created_at, bulk_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    const bulkExists = this.statement<{ n: number }>('SELECT count(*) AS n FROM bulk_actions WHERE id = ?');
    for (const step of steps) {
      // A step keeps naming its bulk action while that is kept (bulk actions are never deleted by the store today;
      // a removal kept before version 8 has no bulk id at all).
      const bulkId = step.bulkId != null && bulkExists.get(step.bulkId)!.n > 0 ? step.bulkId : null;
      insert.run(step.id, step.documentId, step.description, JSON.stringify(step.forward), JSON.stringify(step.inverse), step.undone ? 1 : 0, step.createdAt, bulkId);
    }
  }

  async insertRemoval(removal: { description: string; rows: RemovedRows; author: string; createdAt: string }): Promise<number> {
    return Number(
      this.statement('INSERT INTO removals (description, rows, author, created_at) VALUES (?, ?, ?, ?)').run(
        removal.description, JSON.stringify(removal.rows), removal.author, removal.createdAt,
      ).lastInsertRowid,
    );
  }

  async forgetRemovalsBefore(id: number): Promise<void> {
    this.statement('DELETE FROM removals WHERE id < ?').run(id);
  }

  async deleteRemoval(id: number): Promise<void> {
    this.statement('DELETE FROM removals WHERE id = ?').run(id);
  }

  async putSetting(key: string, value: unknown): Promise<void> {
    this.statement('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(value));
  }

  async insertDocumentTag(name: string, createdAt: string): Promise<number> {
    return Number(this.statement('INSERT INTO document_tags (name, created_at) VALUES (?, ?)').run(name, createdAt).lastInsertRowid);
  }

  async linkDocumentTag(documentId: number, tagId: number): Promise<void> {
    this.statement('INSERT OR IGNORE INTO document_tag_links (document_id, tag_id) VALUES (?, ?)').run(documentId, tagId);
  }

  async unlinkDocumentTag(documentId: number, tagId: number): Promise<void> {
    this.statement('DELETE FROM document_tag_links WHERE document_id = ? AND tag_id = ?').run(documentId, tagId);
  }

  async insertSavedView(view: Omit<SavedView, 'id'>): Promise<number> {
    return Number(
      this.statement('INSERT INTO saved_views (name, filter, created_at, updated_at) VALUES (?, ?, ?, ?)').run(view.name, JSON.stringify(view.filter), view.createdAt, view.updatedAt)
        .lastInsertRowid,
    );
  }

  async updateSavedView(id: number, view: Pick<SavedView, 'name' | 'filter' | 'updatedAt'>): Promise<void> {
    this.statement('UPDATE saved_views SET name = ?, filter = ?, updated_at = ? WHERE id = ?').run(view.name, JSON.stringify(view.filter), view.updatedAt, id);
  }

  async deleteSavedView(id: number): Promise<void> {
    this.statement('DELETE FROM saved_views WHERE id = ?').run(id);
  }

  async insertBulkAction(action: { description: string; annotations: number; author: string; createdAt: string }): Promise<number> {
    return Number(
      this.statement('INSERT INTO bulk_actions (description, annotations, author, created_at) VALUES (?, ?, ?, ?)').run(action.description, action.annotations, action.author, action.createdAt)
        .lastInsertRowid,
    );
  }

  async markBulkActionUndone(id: number): Promise<void> {
    this.statement('UPDATE bulk_actions SET undone = 1 WHERE id = ?').run(id);
  }

  async savepoint<T>(work: () => Promise<T>): Promise<T> {
    const name = `parley_${++this.savepoints}`;
    this.db.exec(`SAVEPOINT ${name}`);
    try {
      const result = await work();
      this.db.exec(`RELEASE ${name}`);
      return result;
    } catch (error) {
      // SQLite ends the whole transaction on some errors (a full disk, an I/O error): nothing is left to go on with.
      if (!this.db.inTransaction) throw new TransactionLostError(error);
      this.db.exec(`ROLLBACK TO ${name}; RELEASE ${name}`);
      throw error;
    } finally {
      this.savepoints--;
    }
  }
}
