/**
 * The storage behind a workspace, as the domain sees it: a unit of work of row reads and writes, and read-only
 * queries over the corpus. It holds no rules: what may be written, and what a change means, is decided in
 * `domain/` before any of this is called. The SQLite store (`sqlite/`) implements it for the desktop; a
 * PostgreSQL store for a team server would implement the same methods with SQL and nothing else.
 *
 * Every method is asynchronous, as a client of a database server must be. Offsets are code points.
 */
import type { AgreementDocument } from './agreement/report.ts';
import type {
  Actor,
  ActorItem,
  ActorItemsQuery,
  ActorReference,
  ActorSummary,
  ActorKind,
  Annotation,
  AnnotationFilter,
  AnnotationPage,
  AnnotationQuery,
  DocumentPatch,
  DocumentRecord,
  Dashboard,
  DocumentSummary,
  DocumentTag,
  ExportFilter,
  Label,
  PositionsFilter,
  PositionsMatrix,
  Relation,
  RelationType,
  SavedView,
  StanceDay,
  Target,
  WorkspaceStats,
} from '../shared/types.ts';
import type { PaintedAnnotation } from '../shared/packed-annotations.ts';
import type { RowOperation } from './domain/history.ts';
import type { SearchNode } from './domain/search-query.ts';
import type { ExportedDocument, ExportSelection } from './workspace.ts';

export interface Repository {
  /**
   * Runs `work` in one write transaction: all it wrote is committed together, or nothing when it throws.
   * Transactions on one repository run one at a time, in the order asked. `bulk` tells the store that many
   * documents are coming at once (an import), so it may defer work per row (search indexing) to the commit.
   */
  write<T>(work: (tx: WriteTx) => Promise<T>, options?: { bulk?: boolean }): Promise<T>;
  /** Runs `work` in one read transaction: every read sees the same committed state. */
  read<T>(work: (tx: ReadTx) => Promise<T>): Promise<T>;
  readonly queries: CorpusQueries;
  /** The version of the stored schema (the number of migrations applied). */
  schemaVersion(): Promise<number>;
  /** Releases the storage; the repository is unusable afterwards. */
  close(): Promise<void>;
}

/** The text of a document, and its length in code points: what edits are checked against. */
export interface StoredText {
  text: string;
  length: number;
}

/** One step of a document's undo history: what it was, and the row operations that apply it in one direction. */
export interface HistoryStep {
  id: number;
  description: string;
  operations: RowOperation[];
}

/** A history row as stored, to be put back as it was when a removed document comes back. */
export interface StoredHistoryStep {
  id: number;
  documentId: number;
  description: string;
  forward: RowOperation[];
  inverse: RowOperation[];
  undone: boolean;
  createdAt: string;
  /** The bulk action this step is the document's share of, if any. */
  bulkId: number | null;
}

/**
 * The rows one removal took out (domain/removals.ts decides which), by kind: put back in this order, documents
 * and labels before what refers to them.
 */
export interface RemovedRows {
  documents: DocumentRecord[];
  labels: Label[];
  actors: Actor[];
  annotations: Annotation[];
  relations: Relation[];
  history: StoredHistoryStep[];
  /** The tags the removed documents carried, by tag id; absent in removals kept before tags existed. */
  documentTags?: { documentId: number; tagId: number }[];
  /** A merge of the one actor in `actors` into another (domain/removals.ts `mergeActor`); absent for other removals. */
  actorMerge?: ActorMergeRows;
  /** Targets of the registry (absent in removals kept before there was one). */
  targets?: Target[];
  /** A merge of the one target in `targets` into another (domain/removals.ts `mergeTarget`). */
  targetMerge?: TargetMergeRows;
  /** The attributes a deletion of the one actor in `actors` took it out of (`deleteActor` with `unlink`). */
  actorUnlinks?: ActorMention[];
}

/** What undoing a target merge needs: the survivor as it was, and which annotations' target it rewrote. */
export interface TargetMergeRows {
  survivor: Target;
  mentions: { annotationId: number; attributes: string[] }[];
}

/** Which actor-typed attributes of one annotation a merge or a deletion rewrote. */
/** An annotation as far as its attributes go. */
export type AttributeHolder = Pick<Annotation, 'id' | 'labelId' | 'attributes'>;

export interface ActorMention {
  annotationId: number;
  attributes: string[];
}

/** What undoing an actor merge needs: the survivor as it was, and which attributes of which annotations it rewrote. */
export interface ActorMergeRows {
  survivor: Actor;
  mentions: ActorMention[];
}

/** An annotation attribute holding an integer, with where it is: what may name an actor (domain/actors.ts decides). */
export type IntegerAttributeHolder = ActorReference;

/** A kept removal (domain/removals.ts): what it was, and the rows it took out. */
export interface StoredRemoval {
  id: number;
  description: string;
  rows: RemovedRows;
}

export interface ReadTx {
  documentSummary(id: number): Promise<DocumentSummary | undefined>;
  document(id: number): Promise<DocumentRecord | undefined>;
  documentText(id: number): Promise<StoredText | undefined>;
  /** In reading order: start, end, id. */
  paintedAnnotations(documentId: number): Promise<PaintedAnnotation[]>;
  documentRelations(documentId: number): Promise<Relation[]>;
  /** Every annotation of a document, whole, by id. */
  documentAnnotations(documentId: number): Promise<Annotation[]>;
  /** Every annotation carrying a label, whole, by id. */
  labelAnnotations(labelId: number): Promise<Annotation[]>;
  /** A document's undo history, oldest first. */
  documentHistory(documentId: number): Promise<StoredHistoryStep[]>;
  removal(id: number): Promise<StoredRemoval | undefined>;
  /** What identifies a document's text, without the text. */
  documentIdentity(id: number): Promise<{ id: number; title: string; contentHash: string } | undefined>;
  /** The oldest document with this content hash. */
  documentWithHash(contentHash: string): Promise<{ id: number; title: string } | undefined>;
  /** The annotators (authors, '' for nobody named) with at least one annotation on a document. */
  documentAnnotators(documentId: number): Promise<Set<string>>;
  annotation(id: number): Promise<Annotation | undefined>;
  relation(id: number): Promise<Relation | undefined>;
  /** Relations with `annotationId` as source or target, by id. */
  relationsOf(annotationId: number): Promise<Relation[]>;
  /** Labels in schema order (position, id). */
  labels(): Promise<Label[]>;
  relationTypes(): Promise<RelationType[]>;
  actor(id: number): Promise<Actor | undefined>;
  /** Actors by name (ignoring case), then id. */
  actors(): Promise<Actor[]>;
  actorWithExternalId(externalId: string): Promise<number | undefined>;
  /** Matching the name ignoring case; the oldest. */
  actorNamed(name: string): Promise<number | undefined>;
  target(id: number): Promise<Target | undefined>;
  /** Targets by name (ignoring case), then id. */
  targets(): Promise<Target[]>;
  /**
   * Annotations holding `value` as an integer attribute value, one entry per attribute that holds it, by document
   * (publication order, undated last), then reading order.
   */
  annotationsWithIntegerAttribute(value: number): Promise<IntegerAttributeHolder[]>;
  annotationsWithLabel(labelId: number): Promise<number>;
  /**
   * The annotations that name the actor in some actor-typed attribute of their label (and maybe others), by id:
   * only what a merge or a deletion needs to find those attributes (id, label, attributes), not the whole rows,
   * which for thousands of mentions cost most of the time of the merge.
   */
  annotationsNamingActor(actorId: number): Promise<AttributeHolder[]>;
  /** Whole annotations holding `value` as an integer attribute value (in any attribute), by id: a target's mentions (rare; read by scanning). */
  annotationsHoldingInteger(value: number): Promise<Annotation[]>;
  /** The step undo would revert and the step redo would re-apply, each with its operations in that direction. */
  lastDone(documentId: number): Promise<HistoryStep | undefined>;
  firstUndone(documentId: number): Promise<HistoryStep | undefined>;
  /** Every stored setting and flag, by key, as stored (JSON values). */
  settings(): Promise<Map<string, unknown>>;
  /** Whole annotations with these ids, by id; ids with no annotation are left out. */
  annotationsWithIds(ids: readonly number[]): Promise<Annotation[]>;
  /** The ids of every annotation `filter` takes, by id. */
  annotationIdsMatching(filter: AnnotationFilter): Promise<number[]>;
  /** Every document tag by name (ignoring case), with its documents. */
  documentTags(): Promise<DocumentTag[]>;
  documentTag(id: number): Promise<DocumentTag | undefined>;
  /** The tag with this name, ignoring case. */
  documentTagNamed(name: string): Promise<number | undefined>;
  /** The tags a document carries, by id. */
  tagIdsOf(documentId: number): Promise<number[]>;
  /** Saved views by name (ignoring case). */
  savedViews(): Promise<SavedView[]>;
  savedView(id: number): Promise<SavedView | undefined>;
  /** The view with this name, ignoring case. */
  savedViewNamed(name: string): Promise<number | undefined>;
  bulkAction(id: number): Promise<StoredBulkAction | undefined>;
}

/** A bulk action as stored, with the history steps that are its share of each document. */
export interface StoredBulkAction {
  id: number;
  description: string;
  annotations: number;
  undone: boolean;
  steps: { id: number; documentId: number; undone: boolean }[];
}

/** A document row to insert: its text already normalised, hashed and measured. */
export type NewDocumentRow = Pick<
  DocumentRecord,
  'title' | 'text' | 'length' | 'contentHash' | 'source' | 'url' | 'author' | 'publishedAt' | 'language' | 'metadata' | 'normalisation' | 'status' | 'isSample' | 'createdAt'
>;

/** Columns of a document that can change after import. */
export type DocumentColumns = Required<DocumentPatch>;

export type NewAnnotationRow = Omit<Annotation, 'id'>;
export type NewRelationRow = Omit<Relation, 'id'>;
export type LabelRecord = Omit<Label, 'id' | 'position'>;
export type TargetRecord = Omit<Target, 'id'>;
export type ActorRecord = { name: string; kind: ActorKind; aliases: string[]; externalId: string | null; description: string; createdAt: string; updatedAt: string };

export interface WriteTx extends ReadTx {
  insertDocument(row: NewDocumentRow): Promise<number>;
  updateDocument(id: number, columns: Partial<DocumentColumns>, updatedAt: string): Promise<void>;
  /** False when there was no such document. Its annotations, relations and history go with it. */
  deleteDocument(id: number): Promise<boolean>;
  /** Puts a removed document back as it was, with its id (and indexes it for search). */
  putDocument(document: DocumentRecord): Promise<void>;
  /** Inserts annotations, all in one document or not, and returns their ids in order. */
  insertAnnotations(rows: NewAnnotationRow[]): Promise<number[]>;
  /**
   * Inserts or replaces the annotation with this id, as it is (undo and redo put rows back exactly). `stored`, the
   * annotation as it is stored now when the caller has read it, lets the store write only what differs.
   */
  putAnnotation(annotation: Annotation, stored?: Annotation): Promise<void>;
  removeAnnotation(id: number): Promise<void>;
  insertRelations(rows: NewRelationRow[]): Promise<number[]>;
  putRelation(relation: Relation): Promise<void>;
  removeRelation(id: number): Promise<void>;
  /** Appends a label after the others. */
  insertLabel(label: LabelRecord): Promise<Label>;
  updateLabel(id: number, label: LabelRecord): Promise<void>;
  deleteLabel(id: number): Promise<void>;
  /** Puts a removed label back as it was, with its id and place. */
  putLabel(label: Label): Promise<void>;
  /** Appends a relation type after the others. */
  insertRelationType(name: string, description: string): Promise<RelationType>;
  insertActor(actor: ActorRecord): Promise<number>;
  updateActor(id: number, actor: ActorRecord): Promise<void>;
  deleteActor(id: number): Promise<void>;
  putActor(actor: Actor): Promise<void>;
  insertTarget(target: TargetRecord): Promise<number>;
  updateTarget(id: number, target: TargetRecord): Promise<void>;
  deleteTarget(id: number): Promise<void>;
  putTarget(target: Target): Promise<void>;
  /**
   * Makes each attribute named in `mentions` name actor `to` (nobody, taken out, when null) where it names actor
   * `from` (nobody, when null), keeping the annotations' `updatedAt`, and their actor (the one the workbench shows)
   * in step. An annotation that no longer exists, or whose attribute holds something else now, is left as it is.
   */
  rewriteActorAttributes(mentions: readonly ActorMention[], from: number | null, to: number | null): Promise<void>;
  /** Appends a step to a document's history (`forward` re-applies it, `inverse` reverts it), as part of a bulk action or not. */
  appendHistory(step: { documentId: number; description: string; forward: RowOperation[]; inverse: RowOperation[]; createdAt: string; bulkId?: number }): Promise<void>;
  /** Forgets the steps undone in a document (a new edit makes them unreachable). */
  dropRedo(documentId: number): Promise<void>;
  markUndone(stepId: number, undone: boolean): Promise<void>;
  /** Puts history rows back as they were, with their ids. */
  putHistory(steps: StoredHistoryStep[]): Promise<void>;
  /** Keeps a removal; returns its id, which grows with every removal. */
  insertRemoval(removal: { description: string; rows: RemovedRows; author: string; createdAt: string }): Promise<number>;
  /** Forgets the removals with an id below `id`. */
  forgetRemovalsBefore(id: number): Promise<void>;
  deleteRemoval(id: number): Promise<void>;
  putSetting(key: string, value: unknown): Promise<void>;
  insertDocumentTag(name: string, createdAt: string): Promise<number>;
  /** Gives a document a tag; nothing when it has it already. */
  linkDocumentTag(documentId: number, tagId: number): Promise<void>;
  unlinkDocumentTag(documentId: number, tagId: number): Promise<void>;
  insertSavedView(view: Omit<SavedView, 'id'>): Promise<number>;
  updateSavedView(id: number, view: Pick<SavedView, 'name' | 'filter' | 'updatedAt'>): Promise<void>;
  deleteSavedView(id: number): Promise<void>;
  insertBulkAction(action: { description: string; annotations: number; author: string; createdAt: string }): Promise<number>;
  markBulkActionUndone(id: number): Promise<void>;
  /**
   * Runs `work` all or nothing inside this transaction: when it throws, what it wrote is taken back and the error
   * passed on, and the transaction goes on. When the failure ended the whole transaction (a full disk), the error
   * is a `TransactionLostError` and nothing of the transaction is left.
   */
  savepoint<T>(work: () => Promise<T>): Promise<T>;
}

/** The storage ended a transaction on its own (a full disk, an I/O error): none of it was committed. */
export class TransactionLostError extends Error {
  constructor(readonly reason: unknown) {
    super(reason instanceof Error ? reason.message : String(reason));
    this.name = 'TransactionLostError';
  }
}

/** A document a search found, with its text to find the hits in. */
export interface SearchedDocument {
  id: number;
  title: string;
  publishedAt: string | null;
  text: string;
}

/** An annotation an annotation search may keep: its fragments (code points) with the text each covers. */
export interface SearchedAnnotation {
  id: number;
  documentId: number;
  title: string;
  publishedAt: string | null;
  labelId: number;
  fragments: { start: number; end: number; text: string }[];
}

/** Read-only views over the whole corpus, each consistent in itself. */
export interface CorpusQueries {
  stats(): Promise<WorkspaceStats>;
  /** Documents whose title contains `query` (any case), samples first, then by title. */
  listDocuments(query: string | undefined): Promise<DocumentSummary[]>;
  /** A filtered, sorted window of every annotation (the annotations table). */
  queryAnnotations(query: AnnotationQuery): Promise<AnnotationPage>;
  /** Every actor with their counts of mentions by label, by name (ignoring case), then id. */
  actorSummaries(): Promise<ActorSummary[]>;
  /** A window of an actor's items in publication order (see `ActorItems`), each with its sentence of context, and their number. */
  actorItems(query: ActorItemsQuery): Promise<{ total: number; items: ActorItem[] }>;
  /** Holders × targets counted by stance (sqlite/positions-query.ts). */
  positionsMatrix(filter: PositionsFilter): Promise<PositionsMatrix>;
  /** One holder's stance on one target, by publication day. */
  stanceOverTime(actorId: number, targetId: number, filter: PositionsFilter): Promise<StanceDay[]>;
  /** The positions of one holder on one target, in publication order, each with its sentence of context. */
  positionItems(actorId: number, targetId: number, filter: PositionsFilter): Promise<ActorItem[]>;
  /** The documents `query` matches, best first: how many there are, and the first `limit` with their texts. */
  searchDocuments(query: SearchNode, limit: number): Promise<{ total: number; documents: SearchedDocument[] }>;
  /**
   * The annotations that `filter` takes in the documents `query` matches, with the text of each of their fragments:
   * by the documents' relevance, then in reading order. The caller keeps those whose text the query matches.
   */
  searchAnnotations(query: SearchNode, filter: { labelIds: number[]; actorId: number | null }): Promise<SearchedAnnotation[]>;
  /** Every document with annotations by two or more annotators, with its spans (sqlite/agreement-spans.ts). */
  agreementDocuments(): Promise<AgreementDocument[]>;
  /** The dashboard's charts, the first `top` actors and speakers (sqlite/dashboard-query.ts). */
  dashboard(top: number): Promise<Dashboard>;
  /** The id and text of the documents whose URL is `url`, oldest first. */
  findDocumentsByUrl(url: string): Promise<{ id: number; text: string }[]>;
  selectExportDocuments(filter: ExportFilter): Promise<ExportSelection>;
  /** The given documents one at a time for an export (see `Workspace.exportDocuments`). */
  exportDocuments(documentIds: number[], filter: ExportFilter): AsyncIterable<ExportedDocument>;
}
