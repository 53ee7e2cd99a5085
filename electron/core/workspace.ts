import type {
  Actor,
  ActorKind,
  Annotation,
  AnnotationOrigin,
  ApiMethod,
  ApiParams,
  ApiResult,
  AttributeDef,
  AttributeValue,
  DocumentRecord,
  DocumentStatus,
  ExportFilter,
  Fragment,
  Label,
  NewDocument,
  Relation,
  RelationType,
  ServiceMethod,
  TextNormalisation,
} from '../shared/types.ts';
import type { Caller } from './domain/caller.ts';

/** The API's methods that the workspace itself answers (the others are long work: see long-work.ts). */
export type WorkspaceMethod = Exclude<ApiMethod, ServiceMethod>;

/**
 * The workspace as the domain offers it to hosts, importers and exporters: every API method but the long ones,
 * each one unit of work, each told who acts, with parameters already validated by the backend; and what imports
 * and exports need besides. `domain/workspace-service.ts` implements it on any `Repository`.
 */
export type WorkspaceApi = { [M in WorkspaceMethod]: (params: ApiParams<M>, caller: Caller) => Promise<ApiResult<M>> };

export interface Workspace extends WorkspaceApi {
  /** The workspace's name (its file's name without the extension), which exports name their files after. */
  readonly name: string;
  /**
   * Stores the documents of several import files in one transaction, each file all or nothing: labels,
   * attributes and relation types the workspace lacks are added to its schema, actors are found (by external
   * id, then exact name) or created, and imported annotations do not enter the undo history. A file that cannot
   * be stored is taken back alone and its result is the error, while the files before and after it are kept.
   * One commit for many files is what makes a large import fast. Results are in the order of `files`. Rejects,
   * storing none of the files, when the transaction as a whole fails (the workspace is locked, the disk is full).
   */
  importBatch(files: ImportedFile[]): Promise<ImportedFileResult[]>;
  /** The id and text of the documents whose URL is `url`, oldest first (for imports that annotate them by URL). */
  findDocumentsByUrl(url: string): Promise<{ id: number; text: string }[]>;
  /** The label schema and the relation types, for an export's configuration files. */
  readSchema(): Promise<{ labels: Label[]; relationTypes: RelationType[] }>;
  /** The documents an export with `filter` takes, in export order, and how many annotations they hold. */
  selectExportDocuments(filter: ExportFilter): Promise<ExportSelection>;
  /**
   * Reads the given documents one at a time for an export, each with the annotations `filter` takes, the
   * relations between those and the actors they refer to. Only a few documents are in memory at once, and no
   * read stays open between documents, so edits made meanwhile are not blocked.
   */
  exportDocuments(documentIds: number[], filter: ExportFilter): AsyncIterable<ExportedDocument>;
  /** Releases the underlying storage. The workspace is unusable afterwards. */
  close(): Promise<void>;
}

/** Stores the documents of one import file with `importBatch`, all or nothing: their outcomes, or its error thrown. */
export async function importFile(workspace: Workspace, documents: ImportedDocument[], options: ImportOptions): Promise<ImportOutcome[]> {
  const [result] = await workspace.importBatch([{ documents, options }]);
  if ('error' in result!) throw result.error;
  return result!.outcomes;
}

export interface ImportOptions {
  /**
   * A document whose text is already in the workspace (same content hash): `skip` adds it as another annotator's
   * layer when none of its annotators has annotations on that document yet and skips it otherwise (a duplicate);
   * `merge` always adds its annotations.
   */
  duplicates: 'skip' | 'merge';
}

/** The documents read from one import file, stored all or nothing by `importBatch`. */
export interface ImportedFile {
  documents: ImportedDocument[];
  options: ImportOptions;
}

/** What `importBatch` did with one file: its documents' outcomes, or why none of them was stored. */
export type ImportedFileResult = { outcomes: ImportOutcome[] } | { error: Error };

export interface ImportedActor {
  name: string;
  kind?: ActorKind;
  externalId?: string | null;
  /** Kept only when the import creates the actor; an actor found in the workspace is left as it is. */
  aliases?: string[];
  description?: string;
}

export interface ImportedAnnotation {
  /** The annotation's id in the source file (brat `T3`, a Label Studio region id): relations refer to it. */
  key: string;
  label: string;
  /** Code point offsets into the document's text as stored (after BOM and CRLF normalisation). */
  fragments: Fragment[];
  attributes?: Record<string, AttributeValue>;
  /** Values of actor-typed attributes, by attribute name. */
  actors?: Record<string, ImportedActor>;
  note?: string;
  author?: string;
  origin?: AnnotationOrigin;
  /** When the annotation was made and last changed (ISO 8601); the time of import when absent. */
  createdAt?: string;
  updatedAt?: string;
}

export interface ImportedRelation {
  type: string;
  sourceKey: string;
  targetKey: string;
}

export interface ImportedDocument {
  /** The text must already be normalised (see `normaliseText`), with what that changed in `normalisation`. */
  document: NewDocument;
  normalisation: TextNormalisation;
  annotations: ImportedAnnotation[];
  relations: ImportedRelation[];
  /** Attribute definitions the source declares (brat's annotation.conf, a Label Studio config), by label. */
  schema?: { label: string; attributes: AttributeDef[] }[];
  /** The document's workflow status when the source records one (Parley's own JSONL); `new` when absent. */
  status?: DocumentStatus;
  /**
   * Annotate this existing document instead of storing a new one (W3C annotations name their document by URL);
   * `document.text` must be its text. The duplicates option does not apply.
   */
  existingDocumentId?: number;
}

export interface ImportOutcome {
  status: 'imported' | 'merged' | 'skipped';
  documentId: number;
  title: string;
  annotations: number;
  relations: number;
  /** Why a document was skipped. */
  reason?: string;
  /**
   * Labels of the document stored under an existing label whose name differs only in case (label names ignore
   * case): `adv` under `Adv`.
   */
  labelsMatchedIgnoringCase?: { given: string; stored: string }[];
}

export interface ExportSelection {
  documentIds: number[];
  /** Annotations of those documents that the filter takes. */
  annotations: number;
}

/** An annotation as an export reads it: with its label's name, which every format writes instead of the id. */
export interface ExportedAnnotation extends Annotation {
  label: string;
}

export interface ExportedDocument {
  /** Its `text` may be decoded from `textBytes` only when first read, so formats that need only bytes skip that. */
  document: DocumentRecord;
  /**
   * The text as UTF-8 bytes, as the store holds it: formats that write the text as it is (brat's .txt) or
   * escaped (JSON) work on these directly instead of decoding and re-encoding millions of characters.
   */
  textBytes: Uint8Array;
  /** Ordered by start, then end, then id. */
  annotations: ExportedAnnotation[];
  /** The relations whose source and target are both among `annotations`. */
  relations: Relation[];
  /** Relations left out because the filter excluded their source or target. */
  relationsFilteredOut: number;
  /** The actors that actor-typed attributes of `annotations` refer to, by id. */
  actors: Actor[];
}
