import type {
  ActorKind,
  AnnotationOrigin,
  AsyncParleyApi,
  AttributeDef,
  AttributeValue,
  Fragment,
  NewDocument,
  TextNormalisation,
} from '../shared/types.ts';

/**
 * A workspace store: everything Parley keeps, behind one asynchronous interface so that the SQLite store of
 * the desktop app and a shared PostgreSQL store of a team server are interchangeable. Every method is one
 * atomic unit of work (one transaction) and receives parameters already validated by the backend.
 */
export interface WorkspaceStore extends AsyncParleyApi {
  /**
   * Stores the documents read from one import file, all or nothing: labels, attributes and relation types the
   * workspace lacks are added to its schema, actors are found (by external id, then exact name) or created.
   * Imported annotations do not enter the undo history.
   */
  importDocuments(documents: ImportedDocument[], options: ImportOptions): Promise<ImportOutcome[]>;
  /** Releases the underlying database. The store is unusable afterwards. */
  close(): Promise<void>;
}

export interface ImportOptions {
  /** A document whose text is already in the workspace (same content hash): skip it, or add its annotations to it. */
  duplicates: 'skip' | 'merge';
}

export interface ImportedActor {
  name: string;
  kind?: ActorKind;
  externalId?: string | null;
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
}

export interface ImportOutcome {
  status: 'imported' | 'merged' | 'skipped';
  documentId: number;
  title: string;
  annotations: number;
  relations: number;
  /** Why a document was skipped. */
  reason?: string;
}
