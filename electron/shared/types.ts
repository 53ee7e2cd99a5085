/**
 * Parley's domain and API types, shared by every host (Electron main, browser-mode server, CLI) and the
 * renderer. This module is pure TypeScript: it must never import Node, Electron or DOM APIs.
 *
 * Offsets everywhere in these types are Unicode code points (Python string indices), end-exclusive.
 */
import type { AgreementQuery, AgreementReport } from './agreement.ts';
import type { Equal, Expect } from './type-equality.ts';

export type DocumentStatus = 'new' | 'in_progress' | 'done';
export const DOCUMENT_STATUSES: readonly DocumentStatus[] = ['new', 'in_progress', 'done'];

export type AnnotationOrigin = 'manual' | 'imported' | 'suggested';
export const ANNOTATION_ORIGINS: readonly AnnotationOrigin[] = ['manual', 'imported', 'suggested'];

export type ActorKind = 'person' | 'organisation' | 'state' | 'armed_group' | 'media' | 'other';
export const ACTOR_KINDS: readonly ActorKind[] = ['person', 'organisation', 'state', 'armed_group', 'media', 'other'];

/** What import did to the raw text so that stored offsets can be traced back to the original file. */
export interface TextNormalisation {
  /** A byte-order mark was dropped from the start. */
  bomRemoved: boolean;
  /** Number of CRLF pairs turned into LF. */
  crlfToLf: number;
  /** Number of lone CRs turned into LF. */
  crToLf: number;
}

export interface DocumentSummary {
  id: number;
  title: string;
  status: DocumentStatus;
  /** Length of the text in code points. */
  length: number;
  annotationCount: number;
  source: string | null;
  /** As imported (a day, or a day and time); the list sorts by it. */
  publishedAt: string | null;
  isSample: boolean;
  updatedAt: string;
}

export interface DocumentRecord extends DocumentSummary {
  text: string;
  contentHash: string;
  url: string | null;
  author: string | null;
  language: string | null;
  metadata: Record<string, unknown>;
  normalisation: TextNormalisation;
  createdAt: string;
}

export type AttributeDef =
  | { name: string; type: 'text' }
  | { name: string; type: 'boolean' }
  | { name: string; type: 'choice'; options: string[] }
  /** Holds the id of an actor in the workspace registry (a Quote's speaker, a Claim's claimant, ...). */
  | { name: string; type: 'actor' }
  /** Holds the id of a target in the workspace registry: what a Position takes a stance on. */
  | { name: string; type: 'target' };
export type AttributeType = AttributeDef['type'];

/**
 * Keys the workbench binds to navigation, linking, find and help (lower case; their shifted forms are taken
 * too): a label cannot use one as its hotkey.
 */
export const RESERVED_HOTKEYS: readonly string[] = ['n', 'j', 'k', 'l', '/', '?', ' '];

export interface Label {
  id: number;
  name: string;
  /** CSS colour, `#rrggbb`. */
  color: string;
  /** A single printable key, or null. */
  hotkey: string | null;
  description: string;
  attributes: AttributeDef[];
  position: number;
}

export interface RelationType {
  name: string;
  description: string;
  position: number;
}

export type AttributeValue = string | boolean | number | null;

/** A half-open range [start, end) of code points. */
export type Fragment = [start: number, end: number];

/**
 * What an open document holds of each of its annotations: enough to paint, list, describe and link it. The
 * whole record (`Annotation`) is read when one annotation is shown in full (`getAnnotation`).
 */
export interface AnnotationSummary {
  id: number;
  labelId: number;
  /** Sorted, non-overlapping, non-empty; more than one is a discontinuous span (as brat allows). */
  fragments: Fragment[];
  /** The covered text: fragments joined by a single space (brat's convention). */
  text: string;
  attributes: Record<string, AttributeValue>;
}

export interface Annotation extends AnnotationSummary {
  documentId: number;
  /**
   * Values of attributes the current label does not define, set aside by a relabel (a Claim's claimant while the
   * annotation is an Actor) and given back by a relabel to a label that defines them. Never exported. Absent
   * when there are none.
   */
  setAside?: Record<string, AttributeValue>;
  note: string;
  author: string;
  origin: AnnotationOrigin;
  createdAt: string;
  updatedAt: string;
}

export interface Relation {
  id: number;
  documentId: number;
  type: string;
  sourceId: number;
  targetId: number;
  createdAt: string;
}

export interface Actor {
  id: number;
  name: string;
  kind: ActorKind;
  aliases: string[];
  /** An external identifier such as a Wikidata QID (`Q123`). */
  externalId: string | null;
  description: string;
  createdAt: string;
  updatedAt: string;
}

/** What a position is on ("the US peace plan"): an entry of the workspace's registry of targets. */
export interface Target {
  id: number;
  name: string;
  /** Other ways the corpus writes it ("US plan", "28-point plan"); the picker matches them as it does the name. */
  aliases: string[];
  description: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * A document's annotations in reading order (start, end, id), packed for transfer; `unpackAnnotations`
 * (shared/packed-annotations.ts) turns them into `AnnotationSummary` objects, with their text taken from the
 * document's.
 */
export interface PackedAnnotations {
  /** Per annotation: its id, its label's id, its number of fragments n, then n start/end pairs (code points). */
  spans: number[];
  /** The annotations that have attributes, as [id, attributes] pairs (most have none). */
  attributes: Array<[id: number, attributes: Record<string, AttributeValue>]>;
}

export interface OpenDocument {
  document: DocumentRecord;
  annotations: PackedAnnotations;
  relations: Relation[];
  history: HistoryState;
}

/**
 * Everything the first screen needs, in one answer, so that a window starting up (or reloaded) waits for one
 * round trip instead of ten: the lists the sidebar, the toolbar and the panel draw, and the document to show.
 */
export interface StartUp {
  info: WorkspaceInfo;
  documents: DocumentSummary[];
  labels: Label[];
  relationTypes: RelationType[];
  actors: Actor[];
  targets: Target[];
  settings: Settings;
  tags: DocumentTag[];
  views: SavedView[];
  /** The document asked for, or the list's first when none was asked or it is gone; null in an empty workspace. */
  opened: OpenDocument | null;
}

export interface HistoryState {
  canUndo: boolean;
  canRedo: boolean;
  /** Describes the change that undo would revert, e.g. "Tag Quote". */
  undoDescription: string | null;
  redoDescription: string | null;
}

/** What one edit, undo or redo changed in a document; the renderer applies it to its own state. */
export interface ChangeResult {
  documentId: number;
  upsertedAnnotations: Annotation[];
  deletedAnnotationIds: number[];
  upsertedRelations: Relation[];
  deletedRelationIds: number[];
  history: HistoryState;
  /** For `edit`: the ids given to annotations created with a `ref`, keyed by that ref. */
  createdIds: Record<string, number>;
  /** For `edit`: attribute values a relabel set aside (the new label does not define them), by annotation. */
  setAside?: { annotationId: number; attributes: string[] }[];
}

/** Refers to an existing annotation by id, or to one created earlier in the same edit by its `ref`. */
export type AnnotationRef = number | string;

export type Edit =
  | {
      op: 'createAnnotation';
      /** A name for this new annotation that later edits in the same batch can use instead of an id. */
      ref?: string;
      labelId: number;
      fragments: Fragment[];
      attributes?: Record<string, AttributeValue>;
      note?: string;
      origin?: AnnotationOrigin;
    }
  | {
      op: 'updateAnnotation';
      id: AnnotationRef;
      labelId?: number;
      fragments?: Fragment[];
      /** Merged into the existing values; a null value removes the attribute. */
      attributes?: Record<string, AttributeValue>;
      note?: string;
    }
  | { op: 'deleteAnnotation'; id: AnnotationRef }
  | { op: 'createRelation'; type: string; sourceId: AnnotationRef; targetId: AnnotationRef }
  | { op: 'deleteRelation'; id: number };

export interface WorkspaceInfo {
  path: string;
  name: string;
  schemaVersion: number;
  /** Who new annotations are attributed to. */
  author: string;
}

export interface WorkspaceStats {
  documents: number;
  annotations: number;
  relations: number;
  actors: number;
  labels: Record<string, number>;
}

export interface Settings {
  /** Extend a selection to whole words before tagging it. */
  snapToWords: boolean;
  /** Name recorded as the author of new annotations. */
  author: string;
  /** While the workspace changes, an automatic backup at most this often, in minutes; 0 turns them off. */
  backupEveryMinutes: number;
  /** How many automatic backups are kept (the oldest go first); other backups are kept until deleted. */
  backupsKept: number;
  suggestions: SuggestionSettings;
}

/**
 * Which suggesters run in this workspace, for which labels, from what confidence. External recommenders are not
 * among them: a workspace file that names a program to run would run it for whoever opens the file, so they
 * are named where they are run (`parley suggest --command`, `--url`).
 */
export interface SuggestionSettings {
  /** The built-in attribution model (Quote with speaker and cue). */
  attributionModel: boolean;
  /** Other occurrences of spans tagged in the corpus. */
  stringMatching: boolean;
  /** The labels suggested; empty: every label. */
  labels: string[];
  /** Suggestions below this confidence (0..1) are not shown. */
  threshold: number;
}

/** Why a backup was made: by the analyst, on a timer while the workspace changed, before a schema migration from version N, or before a restore. */
export type BackupKind = 'manual' | 'automatic' | 'before-restore' | `before-migration-${number}`;

/** A backup of the workspace, in the folder beside it. */
export interface BackupInfo {
  /** Its file name in the workspace's backups folder (`<workspace>-backups/`). */
  file: string;
  kind: BackupKind;
  createdAt: string;
  bytes: number;
}

/** What a restore did: the backup now in place, and the backup of what it replaced (restore that to undo it). */
export interface BackupRestored {
  restored: BackupInfo;
  replaced: BackupInfo;
}

export interface NewDocument {
  title: string;
  text: string;
  source?: string | null;
  url?: string | null;
  author?: string | null;
  publishedAt?: string | null;
  language?: string | null;
  metadata?: Record<string, unknown>;
  isSample?: boolean;
}

export interface DocumentPatch {
  title?: string;
  status?: DocumentStatus;
  source?: string | null;
  url?: string | null;
  author?: string | null;
  publishedAt?: string | null;
  language?: string | null;
}

export interface LabelInput {
  name: string;
  color: string;
  hotkey?: string | null;
  description?: string;
  attributes?: AttributeDef[];
}

export interface ActorInput {
  name: string;
  kind?: ActorKind;
  aliases?: string[];
  externalId?: string | null;
  description?: string;
}

export interface TargetInput {
  name: string;
  aliases?: string[];
  description?: string;
}

export type ExportFormat = 'parley' | 'doccano' | 'brat' | 'labelstudio' | 'spacy' | 'conll' | 'w3c' | 'csv';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['parley', 'doccano', 'brat', 'labelstudio', 'spacy', 'conll', 'w3c', 'csv'];

/** How exported offsets count: Unicode code points (Python's `text[start:end]`) or UTF-16 code units (JavaScript's). */
export type OffsetUnit = 'codepoints' | 'utf16';

/** Which documents and annotations an export takes. Every part is optional; an empty filter takes everything. */
export interface ExportFilter {
  /** Documents in one of these statuses. */
  statuses?: DocumentStatus[];
  /** Documents whose title or text contains every word of this query (full-text search). */
  search?: string;
  /** Annotations with one of these labels (by name); documents are not dropped for having none. */
  labels?: string[];
  /** Annotations of one of these origins, e.g. `['manual', 'imported']` to leave unreviewed suggestions out. */
  origins?: AnnotationOrigin[];
}

export interface ExportOptions {
  format: ExportFormat;
  /** Default `codepoints`. */
  offsets?: OffsetUnit;
  filter?: ExportFilter;
  /** Train / dev / test proportions (summing to 1): documents are shuffled with `seed` and written as separate parts. */
  split?: [train: number, dev: number, test: number];
  /** Seed of the split's shuffle; the same seed and documents give the same split. Default 0. */
  seed?: number;
  /** Pack everything written into one zip file. */
  zip?: boolean;
  /** doccano's sequence-labelling form (`label`, the default) or its relation-extraction form (`entities` + `relations`). */
  doccanoForm?: 'label' | 'relations';
}

/** Something the chosen format cannot hold, counted: "relations", 12, "CoNLL has no way to link two spans". */
export interface ExportLoss {
  what: string;
  count: number;
  reason: string;
  /** The first few instances, for losses that people need to find (a span CoNLL could not align to tokens). */
  examples?: string[];
}

export interface ExportSummary {
  format: ExportFormat;
  /** The offset unit the files use, or null for formats without offsets (CoNLL). */
  offsets: OffsetUnit | null;
  documents: number;
  annotations: number;
  relations: number;
  /** Per part of a split (`train`, `dev`, `test`), the number of documents written to it. */
  parts: Record<string, number>;
  lost: ExportLoss[];
  /** Paths of the files written, relative to the export's folder (or the zip's root). */
  files: string[];
}

export interface ExportPreview {
  /** The first document's record exactly as the format writes it (cut after a few thousand characters). */
  record: string;
  /** True when `record` was cut short. */
  truncated: boolean;
  /** Documents and annotations the filter takes, for the dialog to show before exporting. */
  documents: number;
  annotations: number;
}

/** An export held in memory, for hosts that hand it to a browser as a download. */
export interface ExportedData {
  fileName: string;
  contentBase64: string;
  summary: ExportSummary;
}

/** Columns the annotations table sorts by. */
export type AnnotationSortKey = 'label' | 'text' | 'actor' | 'document' | 'author' | 'updated';
export const ANNOTATION_SORT_KEYS: readonly AnnotationSortKey[] = ['label', 'text', 'actor', 'document', 'author', 'updated'];
export type SortDirection = 'asc' | 'desc';

/**
 * Which annotations the table, a saved view, a bulk action or a chart's bar means (the table's route carries it).
 * Every part is optional and the parts combine with AND; absent or empty keeps everything; a list keeps what
 * matches any of its values.
 */
export interface AnnotationFilter {
  /** Keeps annotations whose covered text, document title or actor name contains this, ignoring case. */
  text?: string;
  /** Keeps annotations with one of these labels. */
  labelIds?: number[];
  /** Keeps annotations whose actor (the one the table shows for the row, `AnnotationTableRow.actor`) is one of these. */
  actorIds?: number[];
  /** Keeps annotations whose target (a target-typed attribute of their label: a Position's target) is one of these registry entries. */
  targetIds?: number[];
  /** Keeps annotations whose attribute `name` holds exactly `value` (a Claim's verdict "unverified"); every pair must hold. */
  attributes?: AttributeCondition[];
  /** Keeps annotations in documents of one of these statuses. */
  documentStatuses?: DocumentStatus[];
  /** Keeps annotations in documents that carry one of these tags. */
  documentTagIds?: number[];
  /** Keeps annotations of one of these origins. */
  origins?: AnnotationOrigin[];
  /** Keeps annotations whose author (who made them) is one of these, ignoring the case of ASCII letters. */
  authors?: string[];
  /** Keeps annotations in documents published on or after this day (YYYY-MM-DD). */
  publishedFrom?: string;
  /** Keeps annotations in documents published on or before this day (YYYY-MM-DD). */
  publishedTo?: string;
}

/** An attribute that must hold a value: `{ name: 'verdict', value: 'unverified' }`. */
export interface AttributeCondition {
  name: string;
  value: string | boolean;
}

/**
 * A filtered, sorted window of every annotation in the workspace (the annotations table): the filter, and how
 * the rows are sorted and windowed. Every part is optional: the default is every annotation, most recently
 * updated first, from the top.
 */
export interface AnnotationQuery extends AnnotationFilter {
  /**
   * Default `updated`. Ties are broken by id, so every order is total and stable: `label` sorts by label name,
   * then id; `actor` by actor name, then id, with annotations that name no actor after the others in either
   * direction; `document` by title, then reading order in the document (start, end), then id.
   */
  sort?: AnnotationSortKey;
  /** Default `desc` for `updated`, `asc` for the others. */
  direction?: SortDirection;
  /** The first row of the window, counted from 0 in the sorted, filtered list. Default 0. */
  offset?: number;
  /** Rows in the window, at most 500. Default 100. */
  limit?: number;
}

/** One row of the annotations table. */
export interface AnnotationTableRow {
  id: number;
  documentId: number;
  documentTitle: string;
  labelId: number;
  /** Code points, as everywhere. */
  fragments: Fragment[];
  /** The covered text, cut after `ANNOTATION_ROW_TEXT_MAX` code points (see `textTruncated`). */
  text: string;
  textTruncated: boolean;
  /** The actor the workbench shows for it: its label's first actor-typed attribute that holds one. */
  actor: { id: number; name: string; role: string } | null;
  author: string;
  updatedAt: string;
}

/** An actor of the registry with how much the corpus says of them (the Actors screen). */
export interface ActorSummary extends Actor {
  /** Annotations that name the actor (the actor the workbench shows for them), of any label. */
  mentions: number;
  /** Of those, how many carry each label, by label name ("Quote": 12); labels with none are absent. */
  labelCounts: Record<string, number>;
}

/** Which of an actor's items an actor's page lists; every part but the actor is optional and they combine with AND. */
export interface ActorItemsQuery {
  actorId: number;
  /** Keeps items with one of these labels; absent or empty keeps every label. */
  labelIds?: number[];
  /** Keeps items whose attribute `name` holds exactly `value` (a Claim's verdict "false"). */
  attribute?: { name: string; value: string };
  /** Keeps items in documents published on or after this day (YYYY-MM-DD). */
  publishedFrom?: string;
  /** Keeps items in documents published on or before this day (YYYY-MM-DD). */
  publishedTo?: string;
  /** The first item of the window, counted from 0 in the ordered, filtered list. Default 0. */
  offset?: number;
  /** Items in the window, at most 500. Default 100. */
  limit?: number;
}

/** One item on an actor's page: an annotation that names the actor, with its sentence of context. */
export interface ActorItem {
  id: number;
  documentId: number;
  documentTitle: string;
  publishedAt: string | null;
  labelId: number;
  /** The attribute that names the actor ("speaker"). */
  role: string;
  /** Code points, as everywhere. */
  start: number;
  end: number;
  attributes: Record<string, AttributeValue>;
  /** The sentence(s) around the item, cut at the span (shared/sentence-context.ts). */
  context: { before: string; span: string; after: string };
}

/** A window of an actor's items in the articles' publication order (undated articles last), then reading order. */
export interface ActorItems {
  actor: Actor;
  /** Items the filters take, in all. */
  total: number;
  /** The window's first item (the query's offset). */
  offset: number;
  items: ActorItem[];
}

/** One annotation that names an actor in an actor-typed attribute of its label. */
export interface ActorReference {
  annotationId: number;
  documentId: number;
  documentTitle: string;
  labelId: number;
  /** The attribute that names the actor ("speaker"). */
  attribute: string;
  /** The covered text, cut after `ANNOTATION_ROW_TEXT_MAX` code points. */
  text: string;
}

/** What names an actor: how many annotations in how many documents, and the first `ACTOR_REFERENCES_LISTED` of them. */
export interface ActorReferences {
  annotations: number;
  documents: number;
  /** By document (publication order, undated last), then reading order. */
  listed: ActorReference[];
}

/** How many references `actorReferences` lists by name; the rest are counted. */
export const ACTOR_REFERENCES_LISTED = 50;

/**
 * A search of the corpus's texts (issue #11): the query language is in core/domain/search-query.ts (words,
 * "phrases", prefix*, AND / OR / NOT, brackets; Han and kana as substrings). With `labelIds` or `actorId`, the
 * search is of annotations: those the query matches in their covered text ("quotes by Ushakov containing
 * Pokrovsk").
 */
export interface SearchQuery {
  query: string;
  /** Documents in the answer, best first; default 50, at most 500. */
  limit?: number;
  /** Search annotations with one of these labels. */
  labelIds?: number[];
  /** Search annotations that name this actor (the actor the workbench shows for them). */
  actorId?: number;
}

/** The text around a hit, cut at words: `before + match + after` is a run of the document's text. */
export interface SearchSnippet {
  before: string;
  match: string;
  after: string;
}

/** Where the query matched: code points of the document's stored text, end-exclusive. */
export interface SearchHit {
  start: number;
  end: number;
  snippet: SearchSnippet;
}

/** An annotation an annotation search found (its hull, in code points), with its covered text. */
export interface SearchAnnotation {
  id: number;
  labelId: number;
  start: number;
  end: number;
  /** The covered text, cut after `ANNOTATION_ROW_TEXT_MAX` code points. */
  text: string;
}

/** A document the query matched, with its hits in reading order. */
export interface SearchDocument {
  documentId: number;
  title: string;
  publishedAt: string | null;
  /** Every hit in the document (in an annotation search, those inside the annotations found). */
  hitCount: number;
  /** The first `SEARCH_HITS_MAX` of them. */
  hits: SearchHit[];
  /** In an annotation search, the annotations found, in reading order; otherwise empty. */
  annotations: SearchAnnotation[];
}

export interface SearchResults {
  /** Documents the query matched in the whole corpus (in an annotation search, documents with annotations found). */
  total: number;
  /** The best `limit` of them: by relevance (FTS5's bm25 for words; occurrences for Han and kana text). */
  documents: SearchDocument[];
}

/** A search answer lists at most this many hits per document (its `hitCount` counts them all). */
export const SEARCH_HITS_MAX = 200;

/** A table row carries at most this many code points of covered text: a cell shows one line of it. */
export const ANNOTATION_ROW_TEXT_MAX = 300;

export interface AnnotationPage {
  /** Annotations the filter takes, in the whole workspace. */
  total: number;
  /** Every annotation in the workspace, filtered or not ("1,234 of 100,000"). */
  all: number;
  /** The window's first row (the query's offset). */
  offset: number;
  rows: AnnotationTableRow[];
}

/** The stances a Position takes (its `stance` attribute), in the order the matrix shows them. */
export type Stance = 'supports' | 'opposes' | 'neutral' | 'ambiguous';
export const POSITION_STANCES: readonly Stance[] = ['supports', 'opposes', 'neutral', 'ambiguous'];
export type StanceCounts = Record<Stance, number>;

/** Which positions the matrix counts. Every part is optional and they combine with AND. */
export interface PositionsFilter {
  /** Keeps positions whose holder is of one of these kinds; absent or empty keeps every kind. */
  actorKinds?: ActorKind[];
  /** Keeps positions in documents published on or after this day (YYYY-MM-DD). */
  publishedFrom?: string;
  /** Keeps positions in documents published on or before this day (YYYY-MM-DD). */
  publishedTo?: string;
  /** Keeps positions in documents of one of these statuses; absent or empty keeps every status. */
  documentStatuses?: DocumentStatus[];
  /** Keeps positions in documents with one of these tags; absent or empty keeps every document. */
  tagIds?: number[];
}

/** Holders × targets: each cell's positions counted by stance; holders and targets most positions first. */
export interface PositionsMatrix {
  actors: { id: number; name: string; kind: ActorKind; total: number }[];
  /** Entries of the target registry. */
  targets: { id: number; name: string; total: number }[];
  /**
   * Only the cells that hold a position, packed for transfer (a whole corpus has tens of thousands): the holder,
   * the target, and the counts in POSITION_STANCES order. `stanceCounts` (shared/positions.ts) reads them.
   */
  cells: PackedCell[];
}

/** A cell of the matrix: holder, target, then how many positions support, oppose, are neutral, are ambiguous. */
export type PackedCell = [actorId: number, targetId: number, supports: number, opposes: number, neutral: number, ambiguous: number];

/** One holder's stance on one target on one publication day (null: documents without one). */
export interface StanceDay {
  day: string | null;
  counts: StanceCounts;
}

/** How many bars the dashboard's per-actor and per-speaker charts show by default, and at most. */
export const DASHBOARD_TOP_DEFAULT = 10;
export const DASHBOARD_TOP_MAX = 50;

/** An actor's bar on the dashboard. */
export interface DashboardActorCount {
  id: number;
  name: string;
  count: number;
}

/**
 * The dashboard's charts (issue #11), counted in one read of the whole workspace. Each count is what the table
 * shows when filtered as its bar says (see each part).
 */
export interface Dashboard {
  /** Every annotation, and every document, in the workspace. */
  annotations: number;
  documents: number;
  /** Annotations per label, in the schema's order, labels without any included (table: `label`). */
  labels: { id: number; name: string; color: string; count: number }[];
  /** Annotations per actor the table shows for them, most first, the first `top` (table: `actor`). */
  actors: DashboardActorCount[];
  /** How many actors some annotation names: the chart shows the first `top` of them. */
  actorsNamed: number;
  /**
   * Quotes per speaker: annotations of the labels with a `speaker` actor attribute (the default schema's Quote),
   * counted by their speaker when that is the actor the table shows for them, most first, the first `top` (table:
   * `label` of `speakerLabelIds` and `actor`).
   */
  speakers: DashboardActorCount[];
  speakersNamed: number;
  speakerLabelIds: number[];
  /** Annotations per publication day of their document (YYYY-MM-DD), oldest first (table: `from` = `to` = day). */
  days: { day: string; count: number }[];
  /** Annotations in documents without a publication day, which the day chart leaves out. */
  undated: number;
  /** Documents by workflow status, in DOCUMENT_STATUSES order, and how many of those have an annotation. */
  statuses: { status: DocumentStatus; documents: number; annotated: number }[];
}

/**
 * The import option that would mend a problem, for the command line and the Import dialog to name each in its
 * own terms (`--text-field`, the "Text column or field" box): `choices` are the values the file offers (a table's
 * columns), when it offers any.
 */
export interface ImportFix {
  option: 'textField' | 'format';
  choices?: string[];
}

/** A file, or a line or field of one, that an import could not take, and why. */
export interface ImportProblem {
  /** The file as the user named it (a path, or an uploaded file's name). */
  file: string;
  /** 1-based line in the file, when the problem has one. */
  line?: number;
  message: string;
  fix?: ImportFix;
}

/** What one import did, for the summary people read and scripts parse (`parley import --json`). */
export interface ImportSummary {
  /** New documents. */
  documents: number;
  /** Documents that already existed (same text) and received the file's annotations instead. */
  merged: number;
  annotations: number;
  relations: number;
  /** Input files (or brat .txt/.ann pairs) looked at, and of those, how many were fully processed. */
  filesTotal: number;
  filesDone: number;
  /** Files, or documents inside a file, left out on purpose: duplicates, unknown file types. */
  skipped: { file: string; reason: string }[];
  /** Files that failed; nothing of a failed file is kept. */
  errors: ImportProblem[];
  /** Things imported with a caveat (a repaired line, a note Parley has no place for). */
  warnings: ImportProblem[];
  /** True when the import was stopped before every file was processed. */
  cancelled: boolean;
}

/** Formats an import can be told to use instead of detecting them from the file name and content. */
export type ImportFormat = 'text' | 'html' | 'docx' | 'pdf' | 'csv' | 'tsv' | 'jsonl' | 'brat' | 'labelstudio' | 'w3c' | 'conll';
export const IMPORT_FORMATS: readonly ImportFormat[] = ['text', 'html', 'docx', 'pdf', 'csv', 'tsv', 'jsonl', 'brat', 'labelstudio', 'w3c', 'conll'];

export interface ImportFilesParams {
  /** The files' contents; a name may carry a relative path ("corpus/a.ann"), which pairs brat files by folder. */
  files: { name: string; contentBase64: string }[];
  format?: ImportFormat;
  /** A document whose text is already in the workspace: `skip` only the same annotators' work again (another annotator's becomes a layer of it), or `merge` it anyway. Default `skip`. */
  duplicates?: 'skip' | 'merge';
  /** The column or field holding the text, for tables and JSON records. Default `text`. */
  textField?: string;
  /** How the source counts offsets, for formats that can differ (doccano: `utf16` by default; Label Studio: `codepoints`). */
  offsets?: OffsetUnit;
}

/** A tag the analyst gives documents ("Ukraine talks", "to review"), with the documents that carry it. */
export interface DocumentTag {
  id: number;
  name: string;
  /** By id. */
  documentIds: number[];
}

/** A named filter of the annotations table, kept in the workspace and listed in the sidebar. */
export interface SavedView {
  id: number;
  name: string;
  filter: AnnotationFilter;
  createdAt: string;
  updatedAt: string;
}

/** What a bulk action changes in each annotation it takes. */
export type BulkChange =
  | { kind: 'relabel'; labelId: number }
  /** Sets an attribute every annotation's label defines; null removes it. */
  | { kind: 'setAttribute'; name: string; value: AttributeValue }
  /** Sets the actor the table shows (the attribute it shows, or the label's first actor-typed attribute). */
  | { kind: 'setActor'; actorId: number }
  | { kind: 'delete' };

/** Which annotations a bulk action takes: these, or every one a filter takes. */
export type BulkTarget = { ids: number[] } | { filter: AnnotationFilter };

/** What a bulk action did: how much, and the receipt `undoBulkAction` takes to undo all of it in one step. */
export interface BulkResult {
  bulk: { id: number; description: string };
  annotations: number;
  documents: number[];
}

/** What undoing a bulk action put back. */
export interface BulkUndone {
  description: string;
  annotations: number;
  documents: number[];
}

/**
 * The one API every host exposes. Each method takes a single JSON-serialisable parameter object and
 * returns a JSON-serialisable result; hosts validate the parameters before the store sees them.
 */
export interface ParleyApi {
  workspaceInfo(params: Record<string, never>): WorkspaceInfo;
  /** The first screen's data in one call (see StartUp); `documentId` is the document the window showed last. */
  startUp(params: { documentId?: number }): StartUp;
  stats(params: Record<string, never>): WorkspaceStats;

  listDocuments(params: { query?: string }): DocumentSummary[];
  openDocument(params: { id: number }): OpenDocument;
  /** The whole record of one annotation: note, author, origin and times besides what `openDocument` packs. */
  getAnnotation(params: { id: number }): Annotation;
  createDocument(params: NewDocument): DocumentSummary;
  updateDocument(params: { id: number; patch: DocumentPatch }): DocumentSummary;
  /** Removes a document with its annotations, relations and history; `undoRemoval` puts it all back. */
  deleteDocument(params: { id: number }): Removed;

  listLabels(params: Record<string, never>): Label[];
  createLabel(params: LabelInput): Label;
  updateLabel(params: { id: number; patch: Partial<LabelInput> }): Label;
  /**
   * Deletes a label. One that annotations carry is refused unless `withAnnotations` is set, which deletes those
   * annotations (and their relations) with it; `undoRemoval` puts them back.
   */
  deleteLabel(params: { id: number; withAnnotations?: boolean }): Removed;
  listRelationTypes(params: Record<string, never>): RelationType[];
  createRelationType(params: { name: string; description?: string }): RelationType;

  /** A sorted, filtered window of every annotation in the workspace, with how many the filter takes. */
  queryAnnotations(params: AnnotationQuery): AnnotationPage;
  /**
   * Agreement between the annotators of the documents two or more of them annotated: unitizing alpha, label and
   * attribute alpha, Fleiss' and Cohen's kappa and span F1, per label, per document and overall (shared/agreement.ts).
   */
  agreement(params: AgreementQuery): AgreementReport;
  /** Where every holder stands on every target (the positions matrix), counted by stance. */
  positionsMatrix(params: PositionsFilter): PositionsMatrix;
  /** One holder's stance on one target, day by day. */
  stanceOverTime(params: { actorId: number; targetId: number; filter?: PositionsFilter }): StanceDay[];
  /** The annotations behind one cell of the matrix (a holder's positions on a target), in publication order. */
  positionItems(params: { actorId: number; targetId: number; filter?: PositionsFilter }): ActorItem[];

  /** Targets whose name or an alias contains `query` (ignoring case), by name. */
  listTargets(params: { query?: string }): Target[];
  createTarget(params: TargetInput): Target;
  updateTarget(params: { id: number; patch: Partial<TargetInput> }): Target;
  /** Deletes a target no annotation names; `undoRemoval` puts it back. */
  deleteTarget(params: { id: number }): Removed;
  /**
   * Merges `mergedId` into `survivorId`: every target attribute that named the merged target names the survivor,
   * whose aliases gain the merged target's name and aliases; the merged target is deleted. `undoRemoval` undoes it.
   */
  mergeTargets(params: { survivorId: number; mergedId: number }): Removed;
  /** The dashboard's charts, counted in one round trip; `top` bars for actors and speakers (default 10). */
  dashboard(params: { top?: number }): Dashboard;

  listActors(params: { query?: string }): Actor[];
  createActor(params: ActorInput): Actor;
  updateActor(params: { id: number; patch: Partial<ActorInput> }): Actor;
  /**
   * Deletes an actor. One that annotations still name is refused unless `unlink` is set, which takes the actor out
   * of those annotations' actor attributes (they name nobody there); `undoRemoval` puts the actor and the names back.
   */
  deleteActor(params: { id: number; unlink?: boolean }): Removed;
  /** What names an actor, for a deletion to say what it touches: every annotation counted, the first few listed. */
  actorReferences(params: { id: number }): ActorReferences;
  /** Every actor with their counts of mentions by label, by name. */
  listActorSummaries(params: Record<string, never>): ActorSummary[];
  /**
   * Merges `mergedId` into `survivorId`: every annotation attribute that named the merged actor names the survivor,
   * whose aliases gain the merged actor's name and aliases; the merged actor is deleted. `undoRemoval` undoes it.
   */
  mergeActors(params: { survivorId: number; mergedId: number }): Removed;
  /** A window of an actor's quotes, claims, positions and other mentions across the corpus (an actor's page). */
  actorItems(params: ActorItemsQuery): ActorItems;
  /** Searches the texts of the corpus, or the annotations of some labels or of an actor, ranked, with hits. */
  searchCorpus(params: SearchQuery): SearchResults;
  /** Puts back what a removal took out, as it was (same ids); refused, changing nothing, if that is no longer possible. */
  undoRemoval(params: { id: number }): RemovalUndone;

  /** Every document tag, by name (ignoring case). */
  listDocumentTags(params: Record<string, never>): DocumentTag[];
  /** Gives a document the tag named `name` (ignoring case), creating the tag when there is none. */
  tagDocument(params: { documentId: number; name: string }): DocumentTag;
  /** Takes a tag off a document; the tag stays for other documents and saved views. */
  untagDocument(params: { documentId: number; tagId: number }): DocumentTag;

  /** The saved views of the annotations table, by name (ignoring case). */
  listSavedViews(params: Record<string, never>): SavedView[];
  /** Saves a filter as a view; refused when another view has the name. */
  createSavedView(params: { name: string; filter: AnnotationFilter }): SavedView;
  updateSavedView(params: { id: number; patch: { name?: string; filter?: AnnotationFilter } }): SavedView;
  deleteSavedView(params: { id: number }): { deleted: number };

  /**
   * Changes many annotations across documents in one transaction, as one step of each document's history and one
   * bulk action that `undoBulkAction` undoes whole. Refused, changing nothing, when the change does not apply to
   * one of them (its label has no such attribute), naming it.
   */
  bulkEdit(params: { target: BulkTarget; change: BulkChange }): BulkResult;
  /**
   * Undoes a whole bulk action in one transaction. Refused, changing nothing, when a document it changed was edited
   * since (undo that there first) or when it was undone already.
   */
  undoBulkAction(params: { id: number }): BulkUndone;

  /** Apply edits to one document atomically, as one undoable step. */
  edit(params: { documentId: number; description: string; edits: Edit[] }): ChangeResult;
  undo(params: { documentId: number }): ChangeResult;
  redo(params: { documentId: number }): ChangeResult;

  getSettings(params: Record<string, never>): Settings;
  updateSettings(params: Partial<Settings>): Settings;

  /** The first record an export with these options would write, and how much it would take. */
  exportPreview(params: ExportOptions): ExportPreview;
  /** Runs an export in memory: one file, or a zip when the format writes several (or `zip` is set). */
  exportData(params: ExportOptions): ExportedData;

  /**
   * Imports files sent with the call, each file all or nothing. A UI that shows progress and can stop sends one
   * batch of `importBatches` (shared/import-pairing.ts) per call: a file, or a brat .ann with its .txt.
   */
  importFiles(params: ImportFilesParams): ImportSummary;
  /** The workspace's backups, newest first (a workspace file's: a team database has none). */
  listBackups(params: Record<string, never>): BackupInfo[];
  /** Backs the workspace up now, while it stays open. */
  backUpWorkspace(params: Record<string, never>): BackupInfo;
  /**
   * Puts backup `file` in place of the workspace, after backing up what it replaces. Everything the window holds
   * is stale afterwards: it reloads.
   */
  restoreBackup(params: { file: string }): BackupRestored;
}

/** What a removal did: the row removed, and the removal to undo (its id and what it says, e.g. "Remove “Kyiv” and its 12 annotations"). */
export interface Removed {
  deleted: number;
  removal: { id: number; description: string };
}

/** What undoing a removal put back. */
export interface RemovalUndone {
  description: string;
  documents: number[];
  labels: number[];
  actors: number[];
  targets: number[];
  annotations: number;
}

export type ApiMethod = keyof ParleyApi;
export type ApiParams<M extends ApiMethod> = Parameters<ParleyApi[M]>[0];
export type ApiResult<M extends ApiMethod> = ReturnType<ParleyApi[M]>;

/** The API with every method asynchronous: how the renderer sees it over any transport, and what a store implements. */
export type AsyncParleyApi = { [M in ApiMethod]: (params: ApiParams<M>) => Promise<ApiResult<M>> };

/** API methods that core services (export, import) answer on top of the store, so a store does not implement them. */
export type ServiceMethod = 'exportPreview' | 'exportData' | 'importFiles' | BackupMethod;

/** The methods about the workspace's file rather than its content, answered by the backend that opened it. */
export type BackupMethod = 'listBackups' | 'backUpWorkspace' | 'restoreBackup';

/** Every method name, in a fixed order; the preload and the HTTP server expose exactly these. */
export const API_METHODS = [
  'workspaceInfo',
  'startUp',
  'stats',
  'listDocuments',
  'openDocument',
  'getAnnotation',
  'createDocument',
  'updateDocument',
  'deleteDocument',
  'listLabels',
  'createLabel',
  'updateLabel',
  'deleteLabel',
  'listRelationTypes',
  'createRelationType',
  'queryAnnotations',
  'agreement',
  'positionsMatrix',
  'stanceOverTime',
  'positionItems',
  'listTargets',
  'createTarget',
  'updateTarget',
  'deleteTarget',
  'mergeTargets',
  'dashboard',
  'listActors',
  'createActor',
  'updateActor',
  'deleteActor',
  'listActorSummaries',
  'actorReferences',
  'mergeActors',
  'actorItems',
  'searchCorpus',
  'undoRemoval',
  'listDocumentTags',
  'tagDocument',
  'untagDocument',
  'listSavedViews',
  'createSavedView',
  'updateSavedView',
  'deleteSavedView',
  'bulkEdit',
  'undoBulkAction',
  'edit',
  'undo',
  'redo',
  'getSettings',
  'updateSettings',
  'exportPreview',
  'exportData',
  'importFiles',
  'listBackups',
  'backUpWorkspace',
  'restoreBackup',
] as const satisfies readonly ApiMethod[];

/** How every host reports a failure: a stable code, a message for people, and the offending field if any. */
export interface ApiErrorBody {
  code: 'invalid_params' | 'not_found' | 'conflict' | 'unknown_method' | 'internal';
  message: string;
  field?: string;
}

/** Menu commands the Electron shell sends to the renderer. */
export type MenuCommand =
  | 'undo'
  | 'redo'
  | 'showShortcuts'
  | 'newDocument'
  | 'import'
  | 'export'
  | 'nextAnnotation'
  | 'previousAnnotation'
  | 'toggleTable'
  | 'toggleDashboard'
  | 'backUp'
  | 'backups';

/**
 * Fails `npm run typecheck` when API_METHODS and ParleyApi's methods differ, either way (a method missing from
 * the list, or a name listed that is no method). type-checks.test.ts shows that it does.
 */
export type AllMethodsListed = Expect<Equal<(typeof API_METHODS)[number], ApiMethod>>;
