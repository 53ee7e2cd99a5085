import type {
  Actor,
  ActorInput,
  AsyncParleyApi,
  DocumentPatch,
  DocumentSummary,
  Label,
  LabelInput,
  NewDocument,
  RelationType,
  RemovalUndone,
  Removed,
  Settings,
  WorkspaceInfo,
} from '../../../../electron/shared/types.ts';
import type { Toasts } from './toasts.svelte.ts';
import { guessActorKind } from '../../../../electron/shared/actor-kinds.ts';
import { DEFAULT_SETTINGS } from '../../../../electron/shared/settings.ts';
import { foldForSearch } from '../util/text.ts';
import { indexById } from '../util/collections.ts';

/**
 * Everything that belongs to the workspace rather than to one document: the document list and its filter, the
 * label schema, relation types, the actor registry and the settings. Each change is one API call, made at once.
 */
export class WorkspaceState {
  info = $state.raw<WorkspaceInfo | null>(null);
  documents = $state.raw<DocumentSummary[]>([]);
  filter = $state('');
  labels = $state.raw<Label[]>([]);
  relationTypes = $state.raw<RelationType[]>([]);
  actors = $state.raw<Actor[]>([]);
  settings = $state.raw<Settings>(DEFAULT_SETTINGS);
  loaded = $state(false);

  readonly filteredDocuments = $derived.by(() => {
    const needle = foldForSearch(this.filter.trim());
    if (!needle) return this.documents;
    return this.documents.filter(
      (doc) => foldForSearch(doc.title).includes(needle) || (doc.source !== null && foldForSearch(doc.source).includes(needle)),
    );
  });
  readonly labelById = $derived(indexById(this.labels));
  readonly actorById = $derived(indexById(this.actors));

  constructor(
    readonly api: AsyncParleyApi,
    private readonly toasts: Toasts,
  ) {}

  async load(): Promise<boolean> {
    return this.toasts.attempt(
      'Could not open the workspace',
      async () => {
        const [info, documents, labels, relationTypes, actors, settings] = await Promise.all([
          this.api.workspaceInfo({}),
          this.api.listDocuments({}),
          this.api.listLabels({}),
          this.api.listRelationTypes({}),
          this.api.listActors({}),
          this.api.getSettings({}),
        ]);
        this.info = info;
        this.documents = documents;
        this.labels = labels;
        this.relationTypes = relationTypes;
        this.actors = actors;
        this.settings = settings;
        this.loaded = true;
        return true;
      },
      false,
    );
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

  rememberActor(actor: Actor): void {
    const others = this.actors.filter((existing) => existing.id !== actor.id);
    this.actors = [...others, actor].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Shows the change at once; a refusal puts the settings back as they were. */
  async updateSettings(patch: Partial<Settings>): Promise<void> {
    const previous = this.settings;
    this.settings = { ...previous, ...patch };
    this.settings = await this.toasts.attempt('Could not save the setting', () => this.api.updateSettings(patch), previous);
  }
}
