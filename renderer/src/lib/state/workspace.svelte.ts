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
  Settings,
  WorkspaceInfo,
} from '../../../../electron/shared/types.ts';
import type { Toasts } from './toasts.svelte.ts';
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
  settings = $state.raw<Settings>({ snapToWords: true, author: '' });
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
    try {
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
    } catch (error) {
      this.toasts.error(error, 'Could not open the workspace');
      return false;
    }
  }

  async refreshDocuments(): Promise<void> {
    try {
      this.documents = await this.api.listDocuments({});
    } catch (error) {
      this.toasts.error(error, 'Could not list documents');
    }
  }

  /** Keeps the list in step with a changed document (status, title, annotation count). */
  patchDocument(id: number, patch: Partial<DocumentSummary>): void {
    this.documents = this.documents.map((doc) => (doc.id === id ? { ...doc, ...patch } : doc));
  }

  async createDocument(input: NewDocument): Promise<DocumentSummary | null> {
    try {
      const created = await this.api.createDocument(input);
      await this.refreshDocuments();
      return created;
    } catch (error) {
      this.toasts.error(error, 'Could not add the document');
      return null;
    }
  }

  async updateDocument(id: number, patch: DocumentPatch): Promise<DocumentSummary | null> {
    try {
      const updated = await this.api.updateDocument({ id, patch });
      this.patchDocument(id, updated);
      return updated;
    } catch (error) {
      this.toasts.error(error, 'Could not update the document');
      return null;
    }
  }

  async deleteDocument(id: number): Promise<boolean> {
    try {
      await this.api.deleteDocument({ id });
      this.documents = this.documents.filter((doc) => doc.id !== id);
      return true;
    } catch (error) {
      this.toasts.error(error, 'Could not remove the document');
      return false;
    }
  }

  async createLabel(input: LabelInput): Promise<Label | null> {
    try {
      const label = await this.api.createLabel(input);
      this.labels = [...this.labels, label].sort((a, b) => a.position - b.position);
      return label;
    } catch (error) {
      this.toasts.error(error, 'Could not add the label');
      return null;
    }
  }

  async updateLabel(id: number, patch: Partial<LabelInput>): Promise<Label | null> {
    try {
      const label = await this.api.updateLabel({ id, patch });
      this.labels = this.labels.map((existing) => (existing.id === id ? label : existing));
      return label;
    } catch (error) {
      this.toasts.error(error, 'Could not change the label');
      return null;
    }
  }

  async deleteLabel(id: number): Promise<boolean> {
    try {
      await this.api.deleteLabel({ id });
      this.labels = this.labels.filter((label) => label.id !== id);
      return true;
    } catch (error) {
      this.toasts.error(error, 'Could not delete the label');
      return false;
    }
  }

  async createRelationType(name: string): Promise<RelationType | null> {
    try {
      const type = await this.api.createRelationType({ name });
      this.relationTypes = [...this.relationTypes, type];
      return type;
    } catch (error) {
      this.toasts.error(error, 'Could not add the relation type');
      return null;
    }
  }

  /** Actors whose name or aliases match, from the registry (the server does the matching). */
  async searchActors(query: string): Promise<Actor[]> {
    try {
      return await this.api.listActors({ query });
    } catch (error) {
      this.toasts.error(error, 'Could not search actors');
      return [];
    }
  }

  async createActor(input: ActorInput): Promise<Actor | null> {
    try {
      const actor = await this.api.createActor(input);
      this.rememberActor(actor);
      return actor;
    } catch (error) {
      this.toasts.error(error, 'Could not create the actor');
      return null;
    }
  }

  rememberActor(actor: Actor): void {
    const others = this.actors.filter((existing) => existing.id !== actor.id);
    this.actors = [...others, actor].sort((a, b) => a.name.localeCompare(b.name));
  }

  async updateSettings(patch: Partial<Settings>): Promise<void> {
    const previous = this.settings;
    this.settings = { ...previous, ...patch };
    try {
      this.settings = await this.api.updateSettings(patch);
    } catch (error) {
      this.settings = previous;
      this.toasts.error(error, 'Could not save the setting');
    }
  }
}
