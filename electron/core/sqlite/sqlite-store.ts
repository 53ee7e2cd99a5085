import type Database from 'better-sqlite3';
import { basename, extname } from 'node:path';
import { userInfo } from 'node:os';
import { codePointLength, OffsetIndex } from '../../shared/offsets.ts';
import { RESERVED_HOTKEYS } from '../../shared/types.ts';
import type {
  Actor,
  ActorInput,
  Annotation,
  AnnotationPage,
  AnnotationQuery,
  AttributeDef,
  AttributeValue,
  ChangeResult,
  DocumentPatch,
  DocumentSummary,
  Edit,
  ExportFilter,
  Fragment,
  HistoryState,
  Label,
  LabelInput,
  NewDocument,
  OpenDocument,
  Relation,
  RelationType,
  Settings,
  TextNormalisation,
  WorkspaceInfo,
  WorkspaceStats,
} from '../../shared/types.ts';
import { DEFAULT_LABELS, DEFAULT_RELATION_TYPES, DEFAULT_SETTINGS } from '../defaults.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import type { ExportedDocument, ExportSelection, ImportedFile, ImportedFileResult, WorkspaceStore } from '../store.ts';
import { findDocumentsByUrl, importBatch } from './import-documents.ts';
import { exportDocuments, selectExportDocuments } from './export-documents.ts';
import { recordAnnotationActor } from './annotation-actors.ts';
import { queryAnnotations } from './annotation-query.ts';
import { contentHash, normaliseText } from '../text.ts';
import { ChangeCollector, type RowOperation } from './history.ts';
import { DOCUMENT_RELATIONS_SQL, DOCUMENT_SPANS_SQL, FIRST_UNDONE_SQL, LAST_DONE_SQL } from './hot-queries.ts';
import {
  fromAnnotation,
  fromRelation,
  packAnnotationRows,
  toActor,
  toAnnotation,
  toDocumentRecord,
  toDocumentSummary,
  toLabel,
  toRelation,
  type ActorRow,
  type AnnotationRow,
  type DocumentRow,
  type DocumentSummaryRow,
  type LabelRow,
  type PaintedAnnotationRow,
  type RelationRow,
} from './rows.ts';

/** How many recent documents keep their text and offset index in memory, so tagging never rescans a text. */
const TEXT_CACHE_SIZE = 4;

interface CachedText {
  text: string;
  index: OffsetIndex;
  length: number;
}

const SUMMARY_COLUMNS = `d.id, d.title, d.status, d.length, d.source, d.is_sample, d.updated_at,
  (SELECT count(*) FROM annotations a WHERE a.document_id = d.id) AS annotation_count`;

const now = (): string => new Date().toISOString();

/**
 * The workspace store on one SQLite file. Every public method runs in one transaction; methods are `async`
 * only to satisfy the shared `WorkspaceStore` interface (better-sqlite3 is synchronous, which keeps each
 * transaction short and free of interleaving).
 */
export class SqliteStore implements WorkspaceStore {
  private readonly textCache = new Map<number, CachedText>();
  private readonly statements: ReturnType<SqliteStore['prepareStatements']>;

  constructor(
    private readonly db: Database.Database,
    private readonly path: string,
  ) {
    this.statements = this.prepareStatements();
    this.initialiseIfNew();
  }

  /** Statements on hot paths (tagging, undo, import), prepared once per connection. */
  private prepareStatements() {
    const db = this.db;
    return {
      // Preparing this one compiles the full-text index's trigger too: it costs more than most inserts.
      insertDocument: db.prepare<[string, string, number, string, string | null, string | null, string | null, string | null, string | null, string, string, number, string, string]>(
        `INSERT INTO documents (title, text, length, content_hash, source, url, author, published_at, language,
                                metadata, normalisation, is_sample, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      documentSummary: db.prepare<[number], DocumentSummaryRow>(`SELECT ${SUMMARY_COLUMNS} FROM documents d WHERE d.id = ?`),
      document: db.prepare<[number], DocumentRow>('SELECT * FROM documents WHERE id = ?'),
      annotation: db.prepare<[number], AnnotationRow>('SELECT * FROM annotations WHERE id = ?'),
      // Only what opening a document sends (see packAnnotationRows): the fragments' JSON when there are several,
      // the attributes' when there are any; SQLite's JSON functions test that without a round trip to JavaScript.
      paintedAnnotations: db.prepare<[number], PaintedAnnotationRow>(DOCUMENT_SPANS_SQL).raw(),
      documentRelations: db.prepare<[number], RelationRow>(DOCUMENT_RELATIONS_SQL),
      upsertAnnotation: db.prepare<AnnotationRow>(`
        INSERT INTO annotations (id, document_id, label_id, start, end, fragments, text, attributes, note, author,
                                 origin, created_at, updated_at)
        VALUES (@id, @document_id, @label_id, @start, @end, @fragments, @text, @attributes, @note, @author, @origin,
                @created_at, @updated_at)
        ON CONFLICT (id) DO UPDATE SET label_id = excluded.label_id, start = excluded.start, end = excluded.end,
          fragments = excluded.fragments, text = excluded.text, attributes = excluded.attributes,
          note = excluded.note, author = excluded.author, origin = excluded.origin,
          created_at = excluded.created_at, updated_at = excluded.updated_at`),
      insertAnnotation: db.prepare<Omit<AnnotationRow, 'id'>>(`
        INSERT INTO annotations (document_id, label_id, start, end, fragments, text, attributes, note, author,
                                 origin, created_at, updated_at)
        VALUES (@document_id, @label_id, @start, @end, @fragments, @text, @attributes, @note, @author, @origin,
                @created_at, @updated_at)`),
      deleteAnnotation: db.prepare<[number]>('DELETE FROM annotations WHERE id = ?'),
      relation: db.prepare<[number], RelationRow>('SELECT * FROM relations WHERE id = ?'),
      relationsOf: db.prepare<[number, number], RelationRow>(
        'SELECT * FROM relations WHERE source_id = ? OR target_id = ? ORDER BY id',
      ),
      upsertRelation: db.prepare<RelationRow>(`
        INSERT INTO relations (id, document_id, type, source_id, target_id, created_at)
        VALUES (@id, @document_id, @type, @source_id, @target_id, @created_at)
        ON CONFLICT (id) DO UPDATE SET type = excluded.type, source_id = excluded.source_id,
          target_id = excluded.target_id, created_at = excluded.created_at`),
      insertRelation: db.prepare<Omit<RelationRow, 'id'>>(`
        INSERT INTO relations (document_id, type, source_id, target_id, created_at)
        VALUES (@document_id, @type, @source_id, @target_id, @created_at)`),
      deleteRelation: db.prepare<[number]>('DELETE FROM relations WHERE id = ?'),
      labels: db.prepare<[], LabelRow>('SELECT * FROM labels ORDER BY position, id'),
      actorExists: db.prepare<[number], { id: number }>('SELECT id FROM actors WHERE id = ?'),
      relationTypeExists: db.prepare<[string], { name: string }>('SELECT name FROM relation_types WHERE name = ?'),
      touchDocument: db.prepare<[string, number]>('UPDATE documents SET updated_at = ? WHERE id = ?'),
      insertHistory: db.prepare<[number, string, string, string, string]>(
        'INSERT INTO history (document_id, description, forward, inverse, created_at) VALUES (?, ?, ?, ?, ?)',
      ),
      dropRedo: db.prepare<[number]>('DELETE FROM history WHERE document_id = ? AND undone = 1'),
      lastDone: db.prepare<[number], { id: number; description: string; inverse: string }>(LAST_DONE_SQL),
      firstUndone: db.prepare<[number], { id: number; description: string; forward: string }>(FIRST_UNDONE_SQL),
      markUndone: db.prepare<[number, number]>('UPDATE history SET undone = ? WHERE id = ?'),
      setting: db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?'),
      putSetting: db.prepare<[string, string]>(
        'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      ),
    };
  }

  /** A new workspace starts with the default label schema and relation types; an existing one is left as is. */
  private initialiseIfNew(): void {
    if (this.readFlag('initialised')) return;
    this.db.transaction(() => {
      DEFAULT_LABELS.forEach((label) => this.insertLabel(label));
      DEFAULT_RELATION_TYPES.forEach((type, position) =>
        this.db
          .prepare('INSERT INTO relation_types (name, description, position) VALUES (?, ?, ?)')
          .run(type.name, type.description, position),
      );
      this.writeFlag('initialised');
    }).immediate();
  }

  private transaction<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }

  async close(): Promise<void> {
    this.textCache.clear();
    this.db.close();
  }

  // ---------------------------------------------------------------- workspace

  async workspaceInfo(): Promise<WorkspaceInfo> {
    return {
      path: this.path,
      name: basename(this.path, extname(this.path)),
      schemaVersion: this.db.pragma('user_version', { simple: true }) as number,
      author: this.author(),
    };
  }

  async stats(): Promise<WorkspaceStats> {
    return this.db.transaction(() => {
      const count = (table: string) =>
        (this.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
      const labels: Record<string, number> = {};
      const rows = this.db
        .prepare(
          `SELECT l.name, count(a.id) AS n FROM labels l LEFT JOIN annotations a ON a.label_id = l.id
           GROUP BY l.id ORDER BY l.position, l.id`,
        )
        .all() as { name: string; n: number }[];
      for (const row of rows) labels[row.name] = row.n;
      return {
        documents: count('documents'),
        annotations: count('annotations'),
        relations: count('relations'),
        actors: count('actors'),
        labels,
      };
    })();
  }

  private author(): string {
    const configured = this.readSettings().author.trim();
    if (configured) return configured;
    try {
      return userInfo().username;
    } catch {
      return '';
    }
  }

  // ---------------------------------------------------------------- documents

  async listDocuments(params: { query?: string }): Promise<DocumentSummary[]> {
    const query = params.query?.trim();
    const rows = query
      ? this.db
          .prepare<[string], DocumentSummaryRow>(
            `SELECT ${SUMMARY_COLUMNS} FROM documents d WHERE d.title LIKE ? ESCAPE '\\' ORDER BY d.is_sample, CASE WHEN d.is_sample = 1 THEN d.id END, d.title COLLATE NOCASE, d.id`,
          )
          .all(`%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
      : this.db
          .prepare<[], DocumentSummaryRow>(
            `SELECT ${SUMMARY_COLUMNS} FROM documents d ORDER BY d.is_sample, CASE WHEN d.is_sample = 1 THEN d.id END, d.title COLLATE NOCASE, d.id`,
          )
          .all();
    return rows.map(toDocumentSummary);
  }

  async openDocument(params: { id: number }): Promise<OpenDocument> {
    return this.db.transaction(() => {
      const row = this.statements.document.get(params.id);
      if (!row) throw notFound('Document', params.id);
      const { annotations, count } = packAnnotationRows(this.statements.paintedAnnotations.all(params.id));
      const relations = this.statements.documentRelations.all(params.id).map(toRelation);
      return {
        document: toDocumentRecord(row, count),
        annotations,
        relations,
        history: this.historyState(params.id),
      };
    })();
  }

  async getAnnotation(params: { id: number }): Promise<Annotation> {
    const annotation = this.readAnnotation(params.id);
    if (!annotation) throw notFound('Annotation', params.id);
    return annotation;
  }

  async createDocument(params: NewDocument): Promise<DocumentSummary> {
    return this.transaction(() => this.insertDocument(params));
  }

  /**
   * Inserts one document inside the caller's transaction. The text is normalised here, unless the caller did it
   * already (an importer that had to map offsets) and passes what normalisation changed.
   */
  insertDocument(params: NewDocument, normalised?: TextNormalisation): DocumentSummary {
    return this.documentSummary(this.insertDocumentRow(params, normalised));
  }

  /**
   * `insertDocument` without reading the new document back: returns its id. An importer that already has the
   * text's content hash and length in code points passes them, so the text is not scanned twice.
   */
  insertDocumentRow(params: NewDocument, normalised?: TextNormalisation, known?: { contentHash: string; length: number }): number {
    const title = params.title.trim();
    if (!title) throw invalid('title', 'a document needs a title');
    if (normalised && (params.text.includes('\r') || params.text.charCodeAt(0) === 0xfeff)) {
      throw new Error('insertDocument: text said to be normalised still has a BOM or CR');
    }
    const { text, normalisation } = normalised ? { text: params.text, normalisation: normalised } : normaliseText(params.text);
    const timestamp = now();
    const result = this.statements.insertDocument.run(
      title,
      text,
      known && normalised ? known.length : codePointLength(text),
      known && normalised ? known.contentHash : contentHash(text),
      params.source ?? null,
      params.url ?? null,
      params.author ?? null,
      params.publishedAt ?? null,
      params.language ?? null,
      JSON.stringify(params.metadata ?? {}),
      JSON.stringify(normalisation),
      params.isSample ? 1 : 0,
      timestamp,
      timestamp,
    );
    return Number(result.lastInsertRowid);
  }

  private documentSummary(id: number): DocumentSummary {
    const row = this.statements.documentSummary.get(id);
    if (!row) throw notFound('Document', id);
    return toDocumentSummary(row);
  }

  async updateDocument(params: { id: number; patch: DocumentPatch }): Promise<DocumentSummary> {
    return this.transaction(() => {
      this.documentSummary(params.id);
      const columns: Record<keyof DocumentPatch, string> = {
        title: 'title',
        status: 'status',
        source: 'source',
        url: 'url',
        author: 'author',
        publishedAt: 'published_at',
        language: 'language',
      };
      const assignments: string[] = [];
      const values: (string | null)[] = [];
      for (const [key, column] of Object.entries(columns) as [keyof DocumentPatch, string][]) {
        const value = params.patch[key];
        if (value === undefined) continue;
        if (key === 'title' && !value?.trim()) throw invalid('patch.title', 'a document needs a title');
        assignments.push(`${column} = ?`);
        values.push(key === 'title' ? value!.trim() : value);
      }
      if (assignments.length > 0) {
        this.db
          .prepare(`UPDATE documents SET ${assignments.join(', ')}, updated_at = ? WHERE id = ?`)
          .run(...values, now(), params.id);
      }
      return this.documentSummary(params.id);
    });
  }

  async deleteDocument(params: { id: number }): Promise<{ deleted: number }> {
    return this.transaction(() => {
      const result = this.db.prepare('DELETE FROM documents WHERE id = ?').run(params.id);
      if (result.changes === 0) throw notFound('Document', params.id);
      this.textCache.delete(params.id);
      return { deleted: params.id };
    });
  }

  /** The text of a document with its offset index, cached: texts never change once stored. */
  private documentText(id: number): CachedText {
    const cached = this.textCache.get(id);
    if (cached) {
      // Re-insert to keep the map in least-recently-used order.
      this.textCache.delete(id);
      this.textCache.set(id, cached);
      return cached;
    }
    const row = this.db.prepare<[number], { text: string; length: number }>('SELECT text, length FROM documents WHERE id = ?').get(id);
    if (!row) throw notFound('Document', id);
    const entry = { text: row.text, index: new OffsetIndex(row.text), length: row.length };
    this.textCache.set(id, entry);
    if (this.textCache.size > TEXT_CACHE_SIZE) this.textCache.delete(this.textCache.keys().next().value!);
    return entry;
  }

  // ---------------------------------------------------------------- label schema

  async listLabels(): Promise<Label[]> {
    return this.statements.labels.all().map(toLabel);
  }

  async createLabel(params: LabelInput): Promise<Label> {
    return this.transaction(() => this.insertLabel(params));
  }

  private insertLabel(params: LabelInput): Label {
    const fields = this.checkLabel(params, null);
    const position =
      (this.db.prepare('SELECT coalesce(max(position), -1) + 1 AS p FROM labels').get() as { p: number }).p;
    const result = this.db
      .prepare('INSERT INTO labels (name, color, hotkey, description, attributes, position) VALUES (?, ?, ?, ?, ?, ?)')
      .run(fields.name, fields.color, fields.hotkey, fields.description, JSON.stringify(fields.attributes), position);
    return this.label(Number(result.lastInsertRowid));
  }

  async updateLabel(params: { id: number; patch: Partial<LabelInput> }): Promise<Label> {
    return this.transaction(() => {
      const current = this.label(params.id);
      const fields = this.checkLabel({ ...current, ...params.patch }, params.id);
      this.db
        .prepare('UPDATE labels SET name = ?, color = ?, hotkey = ?, description = ?, attributes = ? WHERE id = ?')
        .run(fields.name, fields.color, fields.hotkey, fields.description, JSON.stringify(fields.attributes), params.id);
      return this.label(params.id);
    });
  }

  async deleteLabel(params: { id: number }): Promise<{ deleted: number }> {
    return this.transaction(() => {
      const label = this.label(params.id);
      const used = (this.db.prepare('SELECT count(*) AS n FROM annotations WHERE label_id = ?').get(params.id) as { n: number }).n;
      if (used > 0) {
        throw conflict(`The label ${label.name} is used by ${used} annotation${used === 1 ? '' : 's'}; relabel or delete them first`);
      }
      this.db.prepare('DELETE FROM labels WHERE id = ?').run(params.id);
      return { deleted: params.id };
    });
  }

  private label(id: number): Label {
    const row = this.db.prepare<[number], LabelRow>('SELECT * FROM labels WHERE id = ?').get(id);
    if (!row) throw notFound('Label', id);
    return toLabel(row);
  }

  /** Checks what the schema cannot express: unique names and hotkeys across labels, reserved keys. */
  private checkLabel(input: LabelInput, id: number | null): Required<LabelInput> {
    const name = input.name.trim();
    if (!name) throw invalid('name', 'a label needs a name');
    const hotkey = input.hotkey ? input.hotkey.toLowerCase() : null;
    if (hotkey && RESERVED_HOTKEYS.includes(hotkey)) {
      throw invalid('hotkey', `"${hotkey}" is reserved for navigation; choose another key`);
    }
    for (const other of this.statements.labels.all()) {
      if (other.id === id) continue;
      if (other.name.toLowerCase() === name.toLowerCase()) throw conflict(`A label named ${other.name} exists already`, 'name');
      if (hotkey && other.hotkey === hotkey) throw conflict(`The key "${hotkey}" already tags ${other.name}`, 'hotkey');
    }
    return {
      name,
      color: input.color.toLowerCase(),
      hotkey,
      description: input.description ?? '',
      attributes: input.attributes ?? [],
    };
  }

  async listRelationTypes(): Promise<RelationType[]> {
    return this.db.prepare<[], RelationType>('SELECT name, description, position FROM relation_types ORDER BY position').all();
  }

  async createRelationType(params: { name: string; description?: string }): Promise<RelationType> {
    return this.transaction(() => {
      if (this.statements.relationTypeExists.get(params.name)) {
        throw conflict(`A relation type named ${params.name} exists already`, 'name');
      }
      const position =
        (this.db.prepare('SELECT coalesce(max(position), -1) + 1 AS p FROM relation_types').get() as { p: number }).p;
      this.db
        .prepare('INSERT INTO relation_types (name, description, position) VALUES (?, ?, ?)')
        .run(params.name, params.description ?? '', position);
      return { name: params.name, description: params.description ?? '', position };
    });
  }

  // ---------------------------------------------------------------- actors

  async listActors(params: { query?: string }): Promise<Actor[]> {
    const query = params.query?.trim().toLowerCase();
    const rows = this.db.prepare<[], ActorRow>('SELECT * FROM actors ORDER BY name COLLATE NOCASE, id').all();
    const actors = rows.map(toActor);
    if (!query) return actors;
    return actors.filter(
      (actor) =>
        actor.name.toLowerCase().includes(query) ||
        actor.aliases.some((alias) => alias.toLowerCase().includes(query)) ||
        actor.externalId?.toLowerCase() === query,
    );
  }

  async createActor(params: ActorInput): Promise<Actor> {
    return this.transaction(() => {
      const name = params.name.trim();
      if (!name) throw invalid('name', 'an actor needs a name');
      const timestamp = now();
      const result = this.db
        .prepare(
          `INSERT INTO actors (name, kind, aliases, external_id, description, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          name,
          params.kind ?? 'person',
          JSON.stringify(params.aliases ?? []),
          params.externalId ?? null,
          params.description ?? '',
          timestamp,
          timestamp,
        );
      return this.actor(Number(result.lastInsertRowid));
    });
  }

  async updateActor(params: { id: number; patch: Partial<ActorInput> }): Promise<Actor> {
    return this.transaction(() => {
      const current = this.actor(params.id);
      const next = { ...current, ...params.patch };
      const name = next.name.trim();
      if (!name) throw invalid('patch.name', 'an actor needs a name');
      this.db
        .prepare(
          'UPDATE actors SET name = ?, kind = ?, aliases = ?, external_id = ?, description = ?, updated_at = ? WHERE id = ?',
        )
        .run(name, next.kind, JSON.stringify(next.aliases), next.externalId ?? null, next.description, now(), params.id);
      return this.actor(params.id);
    });
  }

  async deleteActor(params: { id: number }): Promise<{ deleted: number }> {
    return this.transaction(() => {
      const actor = this.actor(params.id);
      const uses = this.actorReferences(params.id);
      if (uses > 0) {
        throw conflict(`${actor.name} is linked from ${uses} annotation${uses === 1 ? '' : 's'}; unlink them first`);
      }
      this.db.prepare('DELETE FROM actors WHERE id = ?').run(params.id);
      return { deleted: params.id };
    });
  }

  private actor(id: number): Actor {
    const row = this.db.prepare<[number], ActorRow>('SELECT * FROM actors WHERE id = ?').get(id);
    if (!row) throw notFound('Actor', id);
    return toActor(row);
  }

  /** How many annotations hold `actorId` in an actor-typed attribute of their label. */
  private actorReferences(actorId: number): number {
    const actorAttributes = new Map<number, Set<string>>();
    for (const label of this.statements.labels.all().map(toLabel)) {
      actorAttributes.set(label.id, new Set(label.attributes.filter((a) => a.type === 'actor').map((a) => a.name)));
    }
    const candidates = this.db
      .prepare<[number], { label_id: number; key: string }>(
        `SELECT a.label_id, j.key FROM annotations a, json_each(a.attributes) j
         WHERE j.type = 'integer' AND j.value = ?`,
      )
      .all(actorId);
    return candidates.filter((row) => actorAttributes.get(row.label_id)?.has(row.key)).length;
  }

  // ---------------------------------------------------------------- corpus views

  async queryAnnotations(params: AnnotationQuery): Promise<AnnotationPage> {
    return queryAnnotations(this.db, params);
  }

  // ---------------------------------------------------------------- annotations, relations, history

  async edit(params: { documentId: number; description: string; edits: Edit[] }): Promise<ChangeResult> {
    return this.transaction(() => {
      const document = this.documentText(params.documentId);
      const context = new EditContext(this, params.documentId, document);
      params.edits.forEach((edit, position) => context.apply(edit, `edits[${position}]`));
      if (context.forward.length > 0) {
        this.statements.dropRedo.run(params.documentId);
        this.statements.insertHistory.run(
          params.documentId,
          params.description,
          JSON.stringify(context.forward),
          JSON.stringify(context.inverse.slice().reverse()),
          now(),
        );
        this.statements.touchDocument.run(now(), params.documentId);
      }
      return this.changeResult(params.documentId, context.changes, context.createdIds);
    });
  }

  async undo(params: { documentId: number }): Promise<ChangeResult> {
    return this.transaction(() => {
      this.documentSummary(params.documentId);
      const step = this.statements.lastDone.get(params.documentId);
      if (!step) throw conflict('Nothing to undo in this document');
      const changes = new ChangeCollector();
      this.replay(JSON.parse(step.inverse) as RowOperation[], changes);
      this.statements.markUndone.run(1, step.id);
      this.statements.touchDocument.run(now(), params.documentId);
      return this.changeResult(params.documentId, changes, {});
    });
  }

  async redo(params: { documentId: number }): Promise<ChangeResult> {
    return this.transaction(() => {
      this.documentSummary(params.documentId);
      const step = this.statements.firstUndone.get(params.documentId);
      if (!step) throw conflict('Nothing to redo in this document');
      const changes = new ChangeCollector();
      this.replay(JSON.parse(step.forward) as RowOperation[], changes);
      this.statements.markUndone.run(0, step.id);
      this.statements.touchDocument.run(now(), params.documentId);
      return this.changeResult(params.documentId, changes, {});
    });
  }

  private replay(operations: RowOperation[], changes: ChangeCollector): void {
    for (const operation of operations) {
      this.applyRowOperation(operation);
      changes.record(operation);
    }
  }

  /** Writes one row operation. Used both by fresh edits (after validation) and by undo/redo replays. */
  applyRowOperation(operation: RowOperation): void {
    switch (operation.kind) {
      case 'putAnnotation': {
        const row = fromAnnotation(operation.annotation);
        this.statements.upsertAnnotation.run(row);
        // An update may have changed the label or cleared the attributes: recorded either way.
        recordAnnotationActor(this.db, row.id);
        break;
      }
      case 'removeAnnotation':
        this.statements.deleteAnnotation.run(operation.id);
        break;
      case 'putRelation':
        this.statements.upsertRelation.run(fromRelation(operation.relation));
        break;
      case 'removeRelation':
        this.statements.deleteRelation.run(operation.id);
        break;
    }
  }

  private changeResult(documentId: number, changes: ChangeCollector, createdIds: Record<string, number>): ChangeResult {
    return { documentId, ...changes.result(), history: this.historyState(documentId), createdIds };
  }

  private historyState(documentId: number): HistoryState {
    const done = this.statements.lastDone.get(documentId);
    const undone = this.statements.firstUndone.get(documentId);
    return {
      canUndo: done !== undefined,
      canRedo: undone !== undefined,
      undoDescription: done?.description ?? null,
      redoDescription: undone?.description ?? null,
    };
  }

  // Accessors for EditContext, which validates and applies one batch of edits.
  readAnnotation(id: number): Annotation | undefined {
    const row = this.statements.annotation.get(id);
    return row ? toAnnotation(row) : undefined;
  }

  readRelation(id: number): Relation | undefined {
    const row = this.statements.relation.get(id);
    return row ? toRelation(row) : undefined;
  }

  relationsOf(annotationId: number): Relation[] {
    return this.statements.relationsOf.all(annotationId, annotationId).map(toRelation);
  }

  labelsById(): Map<number, Label> {
    return new Map(this.statements.labels.all().map((row) => [row.id, toLabel(row)]));
  }

  actorExists(id: number): boolean {
    return this.statements.actorExists.get(id) !== undefined;
  }

  relationTypeExists(name: string): boolean {
    return this.statements.relationTypeExists.get(name) !== undefined;
  }

  insertAnnotationRow(row: Omit<AnnotationRow, 'id'>): number {
    const id = Number(this.statements.insertAnnotation.run(row).lastInsertRowid);
    if (row.attributes !== '{}') recordAnnotationActor(this.db, id);
    return id;
  }

  insertRelationRow(row: Omit<RelationRow, 'id'>): number {
    return Number(this.statements.insertRelation.run(row).lastInsertRowid);
  }

  currentAuthor(): string {
    return this.author();
  }

  // ---------------------------------------------------------------- import

  async importBatch(files: ImportedFile[]): Promise<ImportedFileResult[]> {
    return this.transaction(() => importBatch(this, this.db, files));
  }

  async findDocumentsByUrl(url: string): Promise<{ id: number; text: string }[]> {
    return findDocumentsByUrl(this.db, url);
  }

  // ---------------------------------------------------------------- export

  async selectExportDocuments(filter: ExportFilter): Promise<ExportSelection> {
    return selectExportDocuments(this.db, filter);
  }

  exportDocuments(documentIds: number[], filter: ExportFilter): AsyncIterable<ExportedDocument> {
    return exportDocuments(this.db, documentIds, filter);
  }

  // ---------------------------------------------------------------- settings

  async getSettings(): Promise<Settings> {
    return this.readSettings();
  }

  async updateSettings(params: Partial<Settings>): Promise<Settings> {
    return this.transaction(() => {
      for (const [key, value] of Object.entries(params)) {
        if (value !== undefined) this.statements.putSetting.run(key, JSON.stringify(value));
      }
      return this.readSettings();
    });
  }

  private readSettings(): Settings {
    const settings: Settings = { ...DEFAULT_SETTINGS };
    for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
      const row = this.statements.setting.get(key);
      if (row) (settings as unknown as Record<string, unknown>)[key] = JSON.parse(row.value);
    }
    return settings;
  }

  /** A flag in the settings table that is not a user setting (e.g. whether samples were ever added). */
  readFlag(key: string): boolean {
    return this.statements.setting.get(key) !== undefined;
  }

  writeFlag(key: string): void {
    this.statements.putSetting.run(key, 'true');
  }

  /** Runs `work` in one write transaction; for callers in the core that combine several writes. */
  inTransaction<T>(work: () => T): T {
    return this.transaction(work);
  }
}

/**
 * Applies one batch of edits to a document inside the caller's transaction, checking each against the
 * document and the schema, and recording the forward and inverse row operations for the undo history.
 */
class EditContext {
  readonly forward: RowOperation[] = [];
  readonly inverse: RowOperation[] = [];
  readonly changes = new ChangeCollector();
  readonly createdIds: Record<string, number> = {};
  private readonly labels: Map<number, Label>;
  private readonly timestamp = now();
  private readonly author: string;

  constructor(
    private readonly store: SqliteStore,
    private readonly documentId: number,
    private readonly document: CachedText,
  ) {
    this.labels = store.labelsById();
    this.author = store.currentAuthor();
  }

  apply(edit: Edit, field: string): void {
    switch (edit.op) {
      case 'createAnnotation':
        return this.createAnnotation(edit, field);
      case 'updateAnnotation':
        return this.updateAnnotation(edit, field);
      case 'deleteAnnotation':
        return this.deleteAnnotation(this.annotation(edit.id, `${field}.id`));
      case 'createRelation':
        return this.createRelation(edit, field);
      case 'deleteRelation': {
        const relation = this.store.readRelation(edit.id);
        if (!relation || relation.documentId !== this.documentId) {
          throw invalid(`${field}.id`, `relation ${edit.id} is not in document ${this.documentId}`);
        }
        return this.write({ kind: 'removeRelation', id: relation.id }, { kind: 'putRelation', relation });
      }
    }
  }

  private createAnnotation(edit: Extract<Edit, { op: 'createAnnotation' }>, field: string): void {
    const label = this.label(edit.labelId, `${field}.labelId`);
    const fragments = this.checkFragments(edit.fragments, `${field}.fragments`);
    const attributes = this.checkAttributes(label, {}, edit.attributes ?? {}, `${field}.attributes`);
    if (edit.ref !== undefined && edit.ref in this.createdIds) {
      throw invalid(`${field}.ref`, `the ref "${edit.ref}" is used twice in this edit`);
    }
    const row = {
      document_id: this.documentId,
      label_id: label.id,
      start: fragments[0]![0],
      end: fragments[fragments.length - 1]![1],
      fragments: JSON.stringify(fragments),
      text: this.coveredText(fragments),
      attributes: JSON.stringify(attributes),
      note: edit.note ?? '',
      author: this.author,
      origin: edit.origin ?? 'manual',
      created_at: this.timestamp,
      updated_at: this.timestamp,
    };
    const id = this.store.insertAnnotationRow(row);
    if (edit.ref !== undefined) this.createdIds[edit.ref] = id;
    const annotation = this.store.readAnnotation(id)!;
    this.record({ kind: 'putAnnotation', annotation }, { kind: 'removeAnnotation', id });
  }

  private updateAnnotation(edit: Extract<Edit, { op: 'updateAnnotation' }>, field: string): void {
    const before = this.annotation(edit.id, `${field}.id`);
    const label = edit.labelId === undefined ? this.label(before.labelId, `${field}.labelId`) : this.label(edit.labelId, `${field}.labelId`);
    const fragments = edit.fragments === undefined ? before.fragments : this.checkFragments(edit.fragments, `${field}.fragments`);
    // On a relabel, values of attributes the new label does not define are dropped (undo brings them back).
    const kept = Object.fromEntries(
      Object.entries(before.attributes).filter(([name]) => label.attributes.some((def) => def.name === name)),
    );
    const attributes = this.checkAttributes(label, kept, edit.attributes ?? {}, `${field}.attributes`);
    const after: Annotation = {
      ...before,
      labelId: label.id,
      fragments,
      text: edit.fragments === undefined ? before.text : this.coveredText(fragments),
      attributes,
      note: edit.note ?? before.note,
      updatedAt: this.timestamp,
    };
    this.write({ kind: 'putAnnotation', annotation: after }, { kind: 'putAnnotation', annotation: before });
  }

  private deleteAnnotation(annotation: Annotation): void {
    // Relations would go by cascade; removing them explicitly records them so undo restores them too.
    for (const relation of this.store.relationsOf(annotation.id)) {
      this.write({ kind: 'removeRelation', id: relation.id }, { kind: 'putRelation', relation });
    }
    this.write({ kind: 'removeAnnotation', id: annotation.id }, { kind: 'putAnnotation', annotation });
  }

  private createRelation(edit: Extract<Edit, { op: 'createRelation' }>, field: string): void {
    if (!this.store.relationTypeExists(edit.type)) {
      throw invalid(`${field}.type`, `there is no relation type "${edit.type}"`);
    }
    const source = this.annotation(edit.sourceId, `${field}.sourceId`);
    const target = this.annotation(edit.targetId, `${field}.targetId`);
    if (source.id === target.id) throw invalid(`${field}.targetId`, 'an annotation cannot be related to itself');
    const id = this.store.insertRelationRow({
      document_id: this.documentId,
      type: edit.type,
      source_id: source.id,
      target_id: target.id,
      created_at: this.timestamp,
    });
    const relation = this.store.readRelation(id)!;
    this.record({ kind: 'putRelation', relation }, { kind: 'removeRelation', id });
  }

  /** Applies a row operation and records it with its inverse. */
  private write(operation: RowOperation, inverse: RowOperation): void {
    this.store.applyRowOperation(operation);
    this.record(operation, inverse);
  }

  private record(operation: RowOperation, inverse: RowOperation): void {
    this.forward.push(operation);
    this.inverse.push(inverse);
    this.changes.record(operation);
  }

  private annotation(ref: number | string, field: string): Annotation {
    const id = typeof ref === 'string' ? this.createdIds[ref] : ref;
    if (id === undefined) throw invalid(field, `no annotation was created with ref "${ref}" earlier in this edit`);
    const annotation = this.store.readAnnotation(id);
    if (!annotation || annotation.documentId !== this.documentId) {
      throw invalid(field, `annotation ${id} is not in document ${this.documentId}`);
    }
    return annotation;
  }

  private label(id: number, field: string): Label {
    const label = this.labels.get(id);
    if (!label) throw invalid(field, `there is no label ${id}`);
    return label;
  }

  private checkFragments(fragments: Fragment[], field: string): Fragment[] {
    if (fragments.length === 0) throw invalid(field, 'an annotation needs at least one fragment');
    const sorted = fragments.map(([start, end]) => [start, end] as Fragment).sort((a, b) => a[0] - b[0]);
    sorted.forEach(([start, end], position) => {
      if (start < 0 || end > this.document.length || start >= end) {
        throw invalid(
          `${field}[${position}]`,
          `[${start}, ${end}] is not a non-empty range within the document's ${this.document.length} code points`,
        );
      }
      const previous = sorted[position - 1];
      if (previous && start < previous[1]) {
        throw invalid(`${field}[${position}]`, `fragments [${previous.join(', ')}] and [${start}, ${end}] overlap`);
      }
    });
    return sorted;
  }

  private coveredText(fragments: Fragment[]): string {
    const { text, index } = this.document;
    return fragments.map(([start, end]) => text.slice(index.toUtf16(start), index.toUtf16(end))).join(' ');
  }

  /** Merges `changes` into `current`, checking each value against the label's attribute definitions. */
  private checkAttributes(
    label: Label,
    current: Record<string, AttributeValue>,
    changes: Record<string, AttributeValue>,
    field: string,
  ): Record<string, AttributeValue> {
    const result = { ...current };
    for (const [name, value] of Object.entries(changes)) {
      const def = label.attributes.find((candidate) => candidate.name === name);
      if (!def) throw invalid(`${field}.${name}`, `${label.name} has no attribute "${name}"`);
      if (value === null) {
        delete result[name];
        continue;
      }
      checkAttributeValue(def, value, `${field}.${name}`, (id) => this.store.actorExists(id));
      result[name] = value;
    }
    return result;
  }
}

function checkAttributeValue(
  def: AttributeDef,
  value: AttributeValue,
  field: string,
  actorExists: (id: number) => boolean,
): void {
  switch (def.type) {
    case 'text':
      if (typeof value !== 'string') throw invalid(field, 'expected text');
      return;
    case 'boolean':
      if (typeof value !== 'boolean') throw invalid(field, 'expected true or false');
      return;
    case 'choice':
      if (typeof value !== 'string' || !def.options.includes(value)) {
        throw invalid(field, `expected one of ${def.options.join(', ')}`);
      }
      return;
    case 'actor':
      if (typeof value !== 'number' || !Number.isInteger(value)) throw invalid(field, 'expected an actor id');
      if (!actorExists(value)) throw invalid(field, `there is no actor ${value}`);
      return;
  }
}
