import type Database from 'better-sqlite3';
import { OffsetIndex } from '../../shared/offsets.ts';
import type { AttributeDef, AttributeValue, Fragment, Label } from '../../shared/types.ts';
import type { ImportedActor, ImportedDocument, ImportedFile, ImportedFileResult, ImportedRelation, ImportOptions, ImportOutcome } from '../store.ts';
import { contentHash } from '../text.ts';
import { toLabel, type LabelRow } from './rows.ts';
import { lastAnnotationId, recordAnnotationActorsAfter } from './annotation-actors.ts';
import { cachedStatement } from './statements.ts';
import type { SqliteStore } from './sqlite-store.ts';

/** Colours for labels that arrive with an import, chosen to stay apart from the defaults and each other. */
const IMPORTED_LABEL_COLOURS = ['#c0392b', '#16a085', '#b7950b', '#5d6d7e', '#a04000', '#1f618d', '#7d3c98', '#117a65', '#922b21', '#2e4053'];

/**
 * Writes the documents of several import files inside the caller's transaction, each in a savepoint of its
 * own: a file that throws is rolled back to its savepoint, alone, and its result is the error.
 */
export function importBatch(store: SqliteStore, db: Database.Database, files: ImportedFile[]): ImportedFileResult[] {
  return withSearchIndexingDeferred(db, () => {
    let schema = new SchemaGrowth(db);
    // Called inside the batch's transaction, better-sqlite3 runs this in a SAVEPOINT and, when it throws, rolls
    // back to it and releases it before passing the error on.
    const storeInSavepoint = db.transaction((file: ImportedFile) => storeFile(store, db, schema, file.documents, file.options));
    return files.map((file): ImportedFileResult => {
      try {
        return { outcomes: storeInSavepoint(file) };
      } catch (error) {
        // SQLite ends the whole transaction on some errors (a full disk, an I/O error): the files before this one
        // are gone with it, so the batch fails as a whole instead of going on outside a transaction.
        if (!db.inTransaction) throw error;
        // Labels, relation types and actors the rolled-back file added are no longer in the workspace.
        schema = new SchemaGrowth(db);
        return { error: error instanceof Error ? error : new Error(String(error)) };
      }
    });
  });
}

/**
 * Runs `work`, which inserts documents inside the caller's transaction, with the full-text index's insert
 * trigger held back, then indexes every document it added with one statement (see migration 0004: FTS5 writes
 * a new index segment at every statement savepoint, so indexing document by document costs a segment each), and
 * records the actors of every annotation it added, also in one statement (see annotation-actors.ts).
 * When `work` throws, the caller's rollback takes back the deferral with the documents.
 */
function withSearchIndexingDeferred<T>(db: Database.Database, work: () => T): T {
  cachedStatement(db, 'INSERT INTO documents_fts_deferred (after_id) SELECT coalesce(max(id), 0) FROM documents').run();
  const annotationsBefore = lastAnnotationId(db);
  const result = work();
  recordAnnotationActorsAfter(db, annotationsBefore);
  cachedStatement(
    db,
    'INSERT INTO documents_fts (rowid, title, text) SELECT id, title, text FROM documents WHERE id > (SELECT after_id FROM documents_fts_deferred)',
  ).run();
  cachedStatement(db, 'DELETE FROM documents_fts_deferred').run();
  return result;
}

/** Writes the documents of one file, growing `schema` as they need. */
function storeFile(store: SqliteStore, db: Database.Database, schema: SchemaGrowth, documents: ImportedDocument[], options: ImportOptions): ImportOutcome[] {
  // Prepared once per connection: an import runs this for every file, and preparing costs more than a row.
  const findByHash = cachedStatement<[string], { id: number; title: string }>(db, 'SELECT id, title FROM documents WHERE content_hash = ? ORDER BY id LIMIT 1');
  const findById = cachedStatement<[number], { id: number; title: string; content_hash: string }>(db, 'SELECT id, title, content_hash FROM documents WHERE id = ?');
  const insertAnnotation = cachedStatement(
    db,
    `INSERT INTO annotations (document_id, label_id, start, end, fragments, text, attributes, note, author, origin, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertRelation = cachedStatement(db, 'INSERT INTO relations (document_id, type, source_id, target_id, created_at) VALUES (?, ?, ?, ?, ?)');
  const timestamp = new Date().toISOString();

  return documents.map((imported) => {
    const text = imported.document.text;
    const hash = contentHash(text);
    const index = new OffsetIndex(text);
    const annotated = imported.existingDocumentId === undefined ? undefined : findById.get(imported.existingDocumentId);
    if (imported.existingDocumentId !== undefined && annotated?.content_hash !== hash) {
      throw new Error(`document ${imported.existingDocumentId} does not exist or its text is not the one the annotations were read against`);
    }
    const existing = annotated ?? findByHash.get(hash);
    if (existing && options.duplicates === 'skip' && imported.existingDocumentId === undefined) {
      return {
        status: 'skipped',
        documentId: existing.id,
        title: imported.document.title,
        annotations: 0,
        relations: 0,
        reason: `same text as document ${existing.id} (“${existing.title}”)`,
      };
    }
    const documentId =
      existing?.id ?? store.insertDocumentRow(imported.document, imported.normalisation, { contentHash: hash, length: index.codePointLength });
    if (!existing && imported.status) cachedStatement(db, 'UPDATE documents SET status = ? WHERE id = ?').run(imported.status, documentId);
    for (const declared of imported.schema ?? []) schema.declare(declared.label, declared.attributes);

    const ids = new Map<string, number>();
    for (const annotation of imported.annotations) {
      if (ids.has(annotation.key)) throw new Error(`annotation ${annotation.key} appears twice`);
      const fragments = checkFragments(annotation.fragments, index.codePointLength, annotation.key);
      let label = schema.label(annotation.label);
      let attributes: Record<string, AttributeValue> | null = null;
      if (annotation.attributes) {
        for (const name in annotation.attributes) {
          if (!Object.hasOwn(annotation.attributes, name)) continue;
          const value = annotation.attributes[name]!;
          if (value === null) continue;
          label = schema.attribute(label, name, value);
          (attributes ??= {})[name] = value;
        }
      }
      if (annotation.actors) {
        for (const [name, actor] of Object.entries(annotation.actors)) {
          label = schema.actorAttribute(label, name);
          (attributes ??= {})[name] = schema.actor(actor);
        }
      }
      const [first] = fragments;
      const single = fragments.length === 1;
      const covered = single
        ? text.slice(index.toUtf16(first![0]), index.toUtf16(first![1]))
        : fragments.map(([start, end]) => text.slice(index.toUtf16(start), index.toUtf16(end))).join(' ');
      const result = insertAnnotation.run(
        documentId,
        label.id,
        first![0],
        fragments[fragments.length - 1]![1],
        // What JSON.stringify writes, without its generic walk for the common cases.
        single ? `[[${first![0]},${first![1]}]]` : JSON.stringify(fragments),
        covered,
        attributes === null ? '{}' : JSON.stringify(attributes),
        annotation.note ?? '',
        annotation.author ?? '',
        annotation.origin ?? 'imported',
        annotation.createdAt ?? timestamp,
        annotation.updatedAt ?? annotation.createdAt ?? timestamp,
      );
      ids.set(annotation.key, Number(result.lastInsertRowid));
    }
    for (const relation of imported.relations) {
      const source = ids.get(relation.sourceKey);
      const target = ids.get(relation.targetKey);
      if (source === undefined) throw new Error(`${describeRelation(relation)}: there is no annotation ${relation.sourceKey}`);
      if (target === undefined) throw new Error(`${describeRelation(relation)}: there is no annotation ${relation.targetKey}`);
      if (source === target) throw new Error(`${describeRelation(relation)}: an annotation cannot be related to itself`);
      schema.relationType(relation.type);
      insertRelation.run(documentId, relation.type, source, target, timestamp);
    }
    const caseMatches = schema.takeCaseMatches();
    return {
      status: existing ? 'merged' : 'imported',
      documentId,
      title: imported.document.title,
      annotations: imported.annotations.length,
      relations: imported.relations.length,
      ...(caseMatches.length > 0 ? { labelsMatchedIgnoringCase: caseMatches } : {}),
    };
  });
}

/** The documents whose URL is `url`, oldest first. */
export function findDocumentsByUrl(db: Database.Database, url: string): { id: number; text: string }[] {
  return cachedStatement<[string], { id: number; text: string }>(db, 'SELECT id, text FROM documents WHERE url = ? ORDER BY id').all(url);
}

function describeRelation(relation: ImportedRelation): string {
  return `relation ${relation.type} ${relation.sourceKey} -> ${relation.targetKey}`;
}

/** The fragments sorted, or an error naming annotation `key` when they are empty, out of the text or overlapping. */
function checkFragments(fragments: Fragment[], length: number, key: string): Fragment[] {
  if (fragments.length === 0) throw new Error(`annotation ${key} has no fragments`);
  const sorted = fragments.length === 1 ? [[fragments[0]![0], fragments[0]![1]] as Fragment] : fragments.map(([start, end]) => [start, end] as Fragment).sort((a, b) => a[0] - b[0]);
  sorted.forEach(([start, end], position) => {
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > length || start >= end) {
      throw new Error(`annotation ${key}: [${start}, ${end}] is not a non-empty range within the text's ${length} code points`);
    }
    const previous = sorted[position - 1];
    if (previous && start < previous[1]) throw new Error(`annotation ${key}: fragments [${previous.join(', ')}] and [${start}, ${end}] overlap`);
  });
  return sorted;
}

/**
 * The workspace schema as an import extends it: labels, attribute definitions and relation types that the
 * data uses but the workspace lacks are added, never removed or narrowed.
 */
class SchemaGrowth {
  private readonly labels = new Map<string, Label>();
  private readonly relationTypes = new Set<string>();
  private readonly actors = new Map<string, number>();
  /** Names given that matched an existing label only ignoring case, and that label's name, since `takeCaseMatches`. */
  private caseMatches = new Map<string, string>();

  constructor(private readonly db: Database.Database) {
    for (const row of cachedStatement<[], LabelRow>(db, 'SELECT * FROM labels').all()) {
      const label = toLabel(row);
      this.labels.set(label.name.toLowerCase(), label);
    }
    for (const row of cachedStatement<[], { name: string }>(db, 'SELECT name FROM relation_types').all()) this.relationTypes.add(row.name);
  }

  label(name: string): Label {
    const existing = this.labels.get(name.toLowerCase());
    if (existing && existing.name !== name) this.caseMatches.set(name, existing.name);
    if (existing) return existing;
    const count = this.labels.size;
    const result = cachedStatement(
      this.db,
      "INSERT INTO labels (name, color, hotkey, description, attributes, position) VALUES (?, ?, NULL, 'Added by import', '[]', (SELECT coalesce(max(position), -1) + 1 FROM labels))",
    ).run(name, IMPORTED_LABEL_COLOURS[count % IMPORTED_LABEL_COLOURS.length]!);
    const label = toLabel(cachedStatement<[number], LabelRow>(this.db, 'SELECT * FROM labels WHERE id = ?').get(Number(result.lastInsertRowid))!);
    this.labels.set(name.toLowerCase(), label);
    return label;
  }

  /** Adds declared attribute definitions to a label (creating it), widening choices with new options. */
  declare(labelName: string, attributes: AttributeDef[]): void {
    let label = this.label(labelName);
    for (const def of attributes) {
      const current = label.attributes.find((candidate) => candidate.name === def.name);
      if (!current) label = this.save(label, [...label.attributes, def]);
      else if (current.type === 'choice' && def.type === 'choice') {
        const missing = def.options.filter((option) => !current.options.includes(option));
        if (missing.length > 0) {
          label = this.save(label, label.attributes.map((a) => (a === current ? { ...current, options: [...current.options, ...missing] } : a)));
        }
      }
    }
  }

  /** Makes sure `label` can hold `value` under `name`, and returns the label as it now is. */
  attribute(label: Label, name: string, value: AttributeValue): Label {
    const def = label.attributes.find((candidate) => candidate.name === name);
    if (!def) {
      const added: AttributeDef = typeof value === 'boolean' ? { name, type: 'boolean' } : { name, type: 'text' };
      return this.save(label, [...label.attributes, added]);
    }
    if (def.type === 'choice' && typeof value === 'string' && !def.options.includes(value)) {
      return this.save(label, label.attributes.map((a) => (a === def ? { ...def, options: [...def.options, value] } : a)));
    }
    return label;
  }

  actorAttribute(label: Label, name: string): Label {
    const def = label.attributes.find((candidate) => candidate.name === name);
    if (def && def.type !== 'actor') throw new Error(`${label.name}.${name} is a ${def.type} attribute, not an actor`);
    return def ? label : this.save(label, [...label.attributes, { name, type: 'actor' }]);
  }

  /** The id of the actor an import names: by external id, else by exact name, else a new actor. */
  actor(actor: ImportedActor): number {
    const key = actor.externalId ? `id:${actor.externalId}` : `name:${actor.name.toLowerCase()}`;
    const cached = this.actors.get(key);
    if (cached !== undefined) return cached;
    const found = actor.externalId
      ? cachedStatement<[string], { id: number }>(this.db, 'SELECT id FROM actors WHERE external_id = ? ORDER BY id LIMIT 1').get(actor.externalId)
      : cachedStatement<[string], { id: number }>(this.db, 'SELECT id FROM actors WHERE name = ? COLLATE NOCASE ORDER BY id LIMIT 1').get(actor.name);
    const timestamp = new Date().toISOString();
    const id =
      found?.id ??
      Number(
        cachedStatement(this.db, 'INSERT INTO actors (name, kind, aliases, external_id, description, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
          .run(actor.name, actor.kind ?? 'other', JSON.stringify(actor.aliases ?? []), actor.externalId ?? null, actor.description ?? '', timestamp, timestamp)
          .lastInsertRowid,
      );
    this.actors.set(key, id);
    return id;
  }

  takeCaseMatches(): { given: string; stored: string }[] {
    const matches = [...this.caseMatches].map(([given, stored]) => ({ given, stored }));
    this.caseMatches = new Map();
    return matches;
  }

  relationType(name: string): void {
    if (this.relationTypes.has(name)) return;
    cachedStatement(this.db, "INSERT INTO relation_types (name, description, position) VALUES (?, 'Added by import', (SELECT coalesce(max(position), -1) + 1 FROM relation_types))").run(name);
    this.relationTypes.add(name);
  }

  private save(label: Label, attributes: AttributeDef[]): Label {
    cachedStatement(this.db, 'UPDATE labels SET attributes = ? WHERE id = ?').run(JSON.stringify(attributes), label.id);
    const updated = { ...label, attributes };
    this.labels.set(label.name.toLowerCase(), updated);
    return updated;
  }
}
