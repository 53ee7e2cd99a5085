import type {
  Actor,
  ActorInput,
  AsyncParleyApi,
  AnnotationFilter,
  DocumentPatch,
  DocumentStatus,
  DocumentSummary,
  DocumentTag,
  Label,
  LabelInput,
  NewDocument,
  RelationType,
  RemovalUndone,
  Removed,
  SavedView,
  Settings,
  StartUp,
  Target,
  TargetInput,
  WorkspaceInfo,
} from '../../../../electron/shared/types.ts';
import type { Toasts } from './toasts.svelte.ts';
import { guessActorKind } from '../../../../electron/shared/actor-kinds.ts';
import { DEFAULT_SETTINGS } from '../../../../electron/shared/settings.ts';
import { foldForSearch } from '../util/text.ts';
import { indexById } from '../util/collections.ts';
import { documentsTagged, sortDocuments, tagsByDocument, type DocumentOrder } from '../util/document-order.ts';

/**
 * Everything that belongs to the workspace rather than to one document: the document list and its filter, the
 * label schema, relation types, the actor and target registries and the settings. Each change is one API call, made at once.
 */
export class WorkspaceState {
  info = $state.raw<WorkspaceInfo | null>(null);
  documents = $state.raw<DocumentSummary[]>([]);
  filter = $state('');
  labels = $state.raw<Label[]>([]);
  relationTypes = $state.raw<RelationType[]>([]);
  actors = $state.raw<Actor[]>([]);
  targets = $state.raw<Target[]>([]);
  settings = $state.raw<Settings>(DEFAULT_SETTINGS);
  loaded = $state(false);

  /** Document tags, by name, with their documents. */
  tags = $state.raw<DocumentTag[]>([]);
  /** Saved views of the annotations table, by name. */
  views = $state.raw<SavedView[]>([]);
  /** The document list's filters besides its text (null keeps every document) and its order. */
  listStatus = $state<DocumentStatus | null>(null);
  listTagId = $state<number | null>(null);
  listSource = $state<string | null>(null);
  listSort = $state<DocumentOrder>('title');

  readonly filteredDocuments = $derived.by(() => {
    const needle = foldForSearch(this.filter.trim());
    const tagged = this.listTagId === null ? null : documentsTagged(this.tags, this.listTagId);
    const kept = this.documents.filter(
      (doc) =>
        (!needle || foldForSearch(doc.title).includes(needle) || (doc.source !== null && foldForSearch(doc.source).includes(needle))) &&
        (this.listStatus === null || doc.status === this.listStatus) &&
        (tagged === null || tagged.has(doc.id)) &&
        (this.listSource === null || doc.source === this.listSource),
    );
    return sortDocuments(kept, this.listSort);
  });
  /** Whether the list shows fewer documents than there are, by any of its filters. */
  readonly listFiltered = $derived(this.filter.trim() !== '' || this.listStatus !== null || this.listTagId !== null || this.listSource !== null);
  /** The sources the documents name, for the list's source filter. */
  readonly sources = $derived(
    this.documents
      .map((doc) => doc.source)
      .filter((source, index, all): source is string => source !== null && all.indexOf(source) === index)
      .sort((a, b) => a.localeCompare(b)),
  );
  /** Each document's tags, by document id. */
  readonly tagsByDocument = $derived(tagsByDocument(this.tags));
  readonly labelById = $derived(indexById(this.labels));
  readonly actorById = $derived(indexById(this.actors));
  readonly targetById = $derived(indexById(this.targets));

  constructor(
    readonly api: AsyncParleyApi,
    private readonly toasts: Toasts,
  ) {}

  /** Reads the workspace's lists again (after a restore, or when another process may have changed them). */
  async load(): Promise<boolean> {
    return this.toasts.attempt(
      'Could not open the workspace',
      async () => {
        const [info, documents, labels, relationTypes, actors, targets, settings, tags, views] = await Promise.all([
          this.api.workspaceInfo({}),
          this.api.listDocuments({}),
          this.api.listLabels({}),
          this.api.listRelationTypes({}),
          this.api.listActors({}),
          this.api.listTargets({}),
          this.api.getSettings({}),
          this.api.listDocumentTags({}),
          this.api.listSavedViews({}),
        ]);
        this.take({ info, documents, labels, relationTypes, actors, targets, settings, tags, views });
        return true;
      },
      false,
    );
  }

  /** Takes the lists of the start-up data (see StartUp), which came with the page or in one call. */
  take(lists: Omit<StartUp, 'opened'>): void {
    this.tags = lists.tags;
    this.views = lists.views;
    this.info = lists.info;
    this.documents = lists.documents;
    this.labels = lists.labels;
    this.relationTypes = lists.relationTypes;
    this.actors = lists.actors;
    this.targets = lists.targets;
    this.settings = lists.settings;
    this.loaded = true;
  }

  async refreshDocuments(): Promise<void> {
    await this.toasts.attempt(
      'Could not list documents',
      async () => {
        this.documents = await this.api.listDocuments({});
      },
      undefined,
    );
  }

  /** Keeps the list in step with a changed document (status, title, annotation count). */
  patchDocument(id: number, patch: Partial<DocumentSummary>): void {
    this.documents = this.documents.map((doc) => (doc.id === id ? { ...doc, ...patch } : doc));
  }

  createDocument(input: NewDocument): Promise<DocumentSummary | null> {
    return this.toasts.attempt(
      'Could not add the document',
      async () => {
        const created = await this.api.createDocument(input);
        await this.refreshDocuments();
        return created;
      },
      null,
    );
  }

  updateDocument(id: number, patch: DocumentPatch): Promise<DocumentSummary | null> {
    return this.toasts.attempt(
      'Could not update the document',
      async () => {
        const updated = await this.api.updateDocument({ id, patch });
        this.patchDocument(id, updated);
        return updated;
      },
      null,
    );
  }

  /** Sets a document's status (from the list, the article header or a key). */
  setStatus(id: number, status: DocumentStatus): Promise<DocumentSummary | null> {
    return this.updateDocument(id, { status });
  }

  /** Gives a document the tag named `name`, created when there is none. */
  tagDocument(documentId: number, name: string): Promise<DocumentTag | null> {
    return this.toasts.attempt(
      'Could not tag the document',
      async () => {
        const tag = await this.api.tagDocument({ documentId, name });
        this.#rememberTag(tag);
        return tag;
      },
      null,
    );
  }

  untagDocument(documentId: number, tagId: number): Promise<DocumentTag | null> {
    return this.toasts.attempt(
      'Could not remove the tag',
      async () => {
        const tag = await this.api.untagDocument({ documentId, tagId });
        this.#rememberTag(tag);
        return tag;
      },
      null,
    );
  }

  #rememberTag(tag: DocumentTag): void {
    this.tags = [...this.tags.filter((other) => other.id !== tag.id), tag].sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }));
  }

  createView(name: string, filter: AnnotationFilter): Promise<SavedView | null> {
    return this.toasts.attempt(
      'Could not save the view',
      async () => {
        const view = await this.api.createSavedView({ name, filter });
        this.#rememberView(view);
        return view;
      },
      null,
    );
  }

  renameView(id: number, name: string): Promise<SavedView | null> {
    return this.toasts.attempt(
      'Could not rename the view',
      async () => {
        const view = await this.api.updateSavedView({ id, patch: { name } });
        this.#rememberView(view);
        return view;
      },
      null,
    );
  }

  /** Deletes a view, with an Undo that saves it again under its name. */
  async deleteView(view: SavedView): Promise<void> {
    const deleted = await this.toasts.attempt('Could not delete the view', () => this.api.deleteSavedView({ id: view.id }), null);
    if (!deleted) return;
    this.views = this.views.filter((other) => other.id !== view.id);
    this.toasts.undoable(`Deleted the view ${view.name}`, null, () => void this.createView(view.name, view.filter));
  }

  #rememberView(view: SavedView): void {
    this.views = [...this.views.filter((other) => other.id !== view.id), view].sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }));
  }

  /** Removes a document; the answer names the removal that `undoRemoval` reverts. */
  deleteDocument(id: number): Promise<Removed | null> {
    return this.toasts.attempt(
      'Could not remove the document',
      async () => {
        const removed = await this.api.deleteDocument({ id });
        this.documents = this.documents.filter((doc) => doc.id !== id);
        return removed;
      },
      null,
    );
  }

  /** Puts back what a removal took out, and reloads the lists it touched. */
  undoRemoval(id: number): Promise<RemovalUndone | null> {
    return this.toasts.attempt(
      'Could not undo the removal',
      async () => {
        const undone = await this.api.undoRemoval({ id });
        await this.load();
        return undone;
      },
      null,
    );
  }

  /** How many annotations carry the label, for a deletion to say what it takes with it. */
  async annotationsWithLabel(label: Label): Promise<number> {
    const stats = await this.toasts.attempt('Could not count the label’s annotations', () => this.api.stats({}), null);
    return stats?.labels[label.name] ?? 0;
  }

  createLabel(input: LabelInput): Promise<Label | null> {
    return this.toasts.attempt(
      'Could not add the label',
      async () => {
        const label = await this.api.createLabel(input);
        this.labels = [...this.labels, label].sort((a, b) => a.position - b.position);
        return label;
      },
      null,
    );
  }

  updateLabel(id: number, patch: Partial<LabelInput>): Promise<Label | null> {
    return this.toasts.attempt(
      'Could not change the label',
      async () => {
        const label = await this.api.updateLabel({ id, patch });
        this.labels = this.labels.map((existing) => (existing.id === id ? label : existing));
        return label;
      },
      null,
    );
  }

  /** Deletes a label, and the annotations that carry it with it; the answer names the removal to undo. */
  deleteLabel(id: number): Promise<Removed | null> {
    return this.toasts.attempt(
      'Could not delete the label',
      async () => {
        const removed = await this.api.deleteLabel({ id, withAnnotations: true });
        this.labels = this.labels.filter((label) => label.id !== id);
        return removed;
      },
      null,
    );
  }

  createRelationType(name: string): Promise<RelationType | null> {
    return this.toasts.attempt(
      'Could not add the relation type',
      async () => {
        const type = await this.api.createRelationType({ name });
        this.relationTypes = [...this.relationTypes, type];
        return type;
      },
      null,
    );
  }

  /** Actors whose name or aliases match, from the registry (the server does the matching). */
  searchActors(query: string): Promise<Actor[]> {
    return this.toasts.attempt('Could not search actors', () => this.api.listActors({ query }), []);
  }

  /** Creates an actor; without a kind, of the kind its name suggests (shared/actor-kinds.ts), for the analyst to confirm. */
  createActor(input: ActorInput): Promise<Actor | null> {
    return this.toasts.attempt(
      'Could not create the actor',
      async () => {
        const actor = await this.api.createActor({ ...input, kind: input.kind ?? guessActorKind(input.name) });
        this.rememberActor(actor);
        return actor;
      },
      null,
    );
  }

  updateActor(id: number, patch: Partial<ActorInput>): Promise<Actor | null> {
    return this.toasts.attempt(
      'Could not change the actor',
      async () => {
        const actor = await this.api.updateActor({ id, patch });
        this.rememberActor(actor);
        return actor;
      },
      null,
    );
  }

  /** Reads the registry again (after a merge or a deletion of an actor). */
  async refreshActors(): Promise<void> {
    const actors = await this.toasts.attempt('Could not list the actors', () => this.api.listActors({}), null);
    if (actors) this.actors = actors;
  }

  rememberActor(actor: Actor): void {
    const others = this.actors.filter((existing) => existing.id !== actor.id);
    this.actors = [...others, actor].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Targets whose name or aliases match, from the registry (the server does the matching). */
  searchTargets(query: string): Promise<Target[]> {
    return this.toasts.attempt('Could not search targets', () => this.api.listTargets({ query }), []);
  }

  createTarget(input: TargetInput): Promise<Target | null> {
    return this.toasts.attempt(
      'Could not create the target',
      async () => {
        const target = await this.api.createTarget(input);
        this.rememberTarget(target);
        return target;
      },
      null,
    );
  }

  rememberTarget(target: Target): void {
    const others = this.targets.filter((existing) => existing.id !== target.id);
    this.targets = [...others, target].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Shows the change at once; a refusal puts the settings back as they were. */
  async updateSettings(patch: Partial<Settings>): Promise<void> {
    const previous = this.settings;
    this.settings = { ...previous, ...patch };
    this.settings = await this.toasts.attempt('Could not save the setting', () => this.api.updateSettings(patch), previous);
  }
}
