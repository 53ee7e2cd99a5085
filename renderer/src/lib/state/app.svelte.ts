import { getContext, tick } from 'svelte';
import type { Connection } from '../api/client.ts';
import type { ActorInput, AnnotationFilter, AnnotationSummary, DocumentStatus, DocumentSummary, Fragment, Label, MenuCommand, NewDocument, OpenDocument } from '../../../../electron/shared/types.ts';
import { DocumentSession } from './session.svelte.ts';
import { TableScreen } from '../../screens/table/table.svelte.ts';
import { PositionsScreen } from '../../screens/positions/positions.svelte.ts';
import { TargetsRegistry } from '../../screens/positions/targets.svelte.ts';
import { SearchScreen } from '../../screens/search/search.svelte.ts';
import { DashboardScreen } from '../../screens/dashboard/dashboard.svelte.ts';
import type { ChartId } from '../../screens/dashboard/charts.ts';
import { WorkbenchScreen } from '../../screens/workbench/workbench.svelte.ts';
import { ActorsScreen } from '../../screens/actors/actors.svelte.ts';
import { ActorPage } from '../../screens/actor/actor-page.svelte.ts';
import { Router } from '../../screens/router.svelte.ts';
import type { Route } from '../../screens/route.ts';
import { Toasts } from './toasts.svelte.ts';
import { ThemeState } from './theme.svelte.ts';
import { WorkspaceState } from './workspace.svelte.ts';
import { forgetDocument, lastDocument, rememberDocument } from './last-document.ts';
import { relationForAttribute } from '../util/text.ts';
import { STATUS_NAMES } from '../util/status.ts';
import type { PickedFile } from '../util/files.ts';
import { wordEdge, type TextSource } from '../editor/words.ts';
import { allCommands, type Command } from '../keys/commands.ts';

/** Coming back to the window reads the workspace again at most this often. */
const READ_ON_RETURN_GAP_MS = 2000;

export type DialogName = 'newDocument' | 'labels' | 'shortcuts' | 'import' | 'export' | 'backups' | 'targets';


/**
 * The application: the workspace, the open document session, which dialog is showing, and every command the
 * toolbar, menus and keyboard can run. Components read it from context.
 */
export class AppState {
  readonly toasts = new Toasts();
  /** Light, dark or the system's: the user's choice, kept in local storage (theme.svelte.ts). */
  readonly theme = new ThemeState();
  readonly workspace: WorkspaceState;
  session = $state.raw<DocumentSession | null>(null);
  opening = $state<number | null>(null);
  dialog = $state<DialogName | null>(null);
  started = $state(false);
  /** Files dropped on the window (or otherwise handed over), waiting for the Import dialog to queue them. */
  importQueue = $state.raw<PickedFile[]>([]);
  /** Dropped folders still being read. */
  importReading = $state(0);
  /** Files from outside are being dragged over the window. */
  fileDrag = $state(false);
  /** An import is running: new files wait until it has finished. */
  importBusy = $state(false);

  /** Which screen shows (screens/route.ts): the workbench on the open document, the table, or the search. */
  readonly router = new Router();
  readonly workbench = new WorkbenchScreen();
  readonly table: TableScreen;
  readonly positions: PositionsScreen;
  /** The Targets dialog's registry of what positions are on. */
  readonly targets: TargetsRegistry;
  readonly actors: ActorsScreen;
  readonly actorPage: ActorPage;
  readonly search: SearchScreen;
  readonly dashboard: DashboardScreen;
  /** The keyboard map (keys/commands.ts), with the schema's label hotkeys. */
  readonly commands: readonly Command[];

  constructor(readonly connection: Connection) {
    this.workspace = new WorkspaceState(connection.api, this.toasts);
    this.table = new TableScreen(connection.api, this.toasts);
    this.positions = new PositionsScreen(connection.api, this.toasts);
    this.targets = new TargetsRegistry(connection.api, this.toasts, this.workspace);
    this.targets.onchange = (removal) => this.#targetsChanged(removal);
    this.actors = new ActorsScreen(connection.api, this.toasts);
    this.actorPage = new ActorPage(connection.api, this.toasts, () => this.workspace.labels, (id) => this.workspace.targetById.get(id)?.name);
    this.search = new SearchScreen(connection.api, this.toasts);
    // The address holds the table's filter, so that reload keeps it and it can be linked; typing rewrites it.
    this.table.onfilterchange = (filter) => this.router.go(tableRoute(filter), { replace: true });
    this.table.onbulkchange = async (documents) => {
      await this.workspace.refreshDocuments();
      if (this.session && documents.includes(this.session.id)) await this.reloadDocument();
    };
    this.dashboard = new DashboardScreen(connection.api, this.toasts);
    this.router.onnavigate = (route) => void this.#follow(route);
    connection.reachability.onback = () => void this.#reconnected();
    this.commands = $derived(allCommands(this.workspace.labels));
  }

  get api() {
    return this.connection.api;
  }

  /** The backend answers again after being lost: what the window shows may have changed meanwhile. */
  async #reconnected(): Promise<void> {
    await this.workspace.load();
    await this.reloadDocument();
    this.toasts.info('Connected to Parley again');
  }

  /** A dialog is open (the app's, or a screen's question): the window's keys leave it its own. */
  get dialogOpen(): boolean {
    return this.dialog !== null || this.actors.question !== null;
  }

  /** What the centre of the window shows: the workbench on the open document, the table of every annotation, the search, the actors, the dashboard. */
  get view(): Route['screen'] {
    return this.router.route.screen;
  }

  /**
   * Shows the first screen: from the data that came before the code ran (see Connection.takeStartUp), or from one
   * `startUp` call, which also brings the document to show, so that the window waits for one round trip at most.
   */
  async start(): Promise<void> {
    const route = this.router.route;
    // The address names the document (reload, a bookmark), or the one shown last opens again.
    const wanted = (route.screen === 'workbench' ? route.documentId : null) ?? lastDocument();
    const startUp =
      (await this.connection.takeStartUp()) ??
      (await this.toasts.attempt('Could not open the workspace', () => this.api.startUp(wanted === null ? {} : { documentId: wanted }), null));
    this.started = true;
    if (!startUp) return;
    this.workspace.take(startUp);
    const docs = this.workspace.documents;
    const asked = route.screen === 'workbench' ? docs.find((doc) => doc.id === route.documentId) : undefined;
    const target = asked ?? docs.find((doc) => doc.id === wanted) ?? docs[0];
    if (route.screen === 'table' && !this.table.setFilter(route.filter ?? {})) this.table.refresh();
    if (route.screen === 'dashboard') void this.dashboard.open();
    if (route.screen === 'actors') void this.actors.refresh();
    if (route.screen === 'actor') this.actorPage.show(route.actorId);
    if (route.screen === 'search') this.search.setQuery(route.query);
    if (route.screen === 'positions') void this.positions.refresh();
    if (!target) return;
    // The address is left as it came (none, in browser mode's first page) unless it named a document not there.
    if (route.screen === 'workbench' && route.documentId !== null && !asked) this.router.go({ screen: 'workbench', documentId: target.id }, { replace: true });
    if (startUp.opened?.document.id === target.id) this.#show(startUp.opened);
    else await this.#openSession(target.id);
  }

  /** Brings the app to a route the address changed to (back, forward, an edited address). */
  async #follow(route: Route): Promise<void> {
    if (route.screen === 'table') return this.#enterTable(route.filter ?? {});
    if (route.screen === 'search') {
      this.workbench.findOpen = false;
      this.search.setQuery(route.query);
      return;
    }
    if (route.screen === 'dashboard') return this.dashboard.open();
    if (route.screen === 'actors') return this.#enterActors();
    if (route.screen === 'actor') return this.actorPage.show(route.actorId);
    if (route.screen === 'positions') return this.#enterPositions();
    if (route.screen !== 'workbench') return;
    if (route.documentId !== null) await this.#openSession(route.documentId);
    this.#focusArticle();
  }

  /** Opens document `id`; on the workbench, the address (and a new history entry) names it. */
  async open(id: number): Promise<void> {
    const opened = await this.#openSession(id);
    if (opened && this.view === 'workbench') this.router.go({ screen: 'workbench', documentId: id });
  }

  /** Makes document `id` the open one (unless it is already); false when it could not be opened. */
  async #openSession(id: number): Promise<boolean> {
    if (this.session?.id === id) return true;
    this.opening = id;
    const opened = await this.toasts.attempt('Could not open the document', () => this.api.openDocument({ id }), null);
    this.opening = null;
    if (!opened) return false;
    this.#show(opened);
    return true;
  }

  #show(opened: OpenDocument): void {
    this.session = this.#sessionOf(opened);
    rememberDocument(opened.document.id);
  }

  /** Opens the current document again from the store (after a schema change that may have touched it). */
  async reloadDocument(): Promise<void> {
    const current = this.session;
    if (!current) return;
    const selected = current.selectedId;
    const opened = await this.toasts.attempt('Could not reload the document', () => this.api.openDocument({ id: current.id }), null);
    if (!opened) return;
    const session = this.#sessionOf(opened);
    if (selected !== null) session.select(selected);
    this.session = session;
    this.workspace.patchDocument(current.id, { annotationCount: session.annotations.size });
  }

  #sessionOf(opened: OpenDocument): DocumentSession {
    return new DocumentSession(this.api, this.toasts, opened, (documentId, count) =>
      this.workspace.patchDocument(documentId, { annotationCount: count }),
    );
  }

  #readOnReturnAt = -Infinity;

  /**
   * Coming back to the window: another process (the CLI importing, another window on the same workspace) may
   * have changed the workspace meanwhile. The list, labels and actors are read again, and the open document too
   * when the list says it changed (its annotation count, or its record) and no edit of ours is on its way.
   */
  async readOnReturn(): Promise<void> {
    const now = performance.now();
    if (now - this.#readOnReturnAt < READ_ON_RETURN_GAP_MS || this.importBusy || !this.workspace.loaded) return;
    this.#readOnReturnAt = now;
    const session = this.session;
    const before = session ? this.workspace.documents.find((document) => document.id === session.id) : undefined;
    if (!(await this.workspace.load())) return;
    const after = session ? this.workspace.documents.find((document) => document.id === session.id) : undefined;
    const changed = after !== undefined && (after.updatedAt !== before?.updatedAt || after.annotationCount !== session!.annotations.size);
    if (session && this.session === session && changed && session.pending === 0) await this.reloadDocument();
    if (this.view === 'table') this.table.refresh({ keepPosition: true });
  }

  /** Reloads the workspace after an import (it may bring documents, labels, relation types and actors). */
  async afterImport(): Promise<void> {
    await this.workspace.load();
    if (this.session) await this.reloadDocument();
    else if (this.workspace.documents[0]) await this.open(this.workspace.documents[0].id);
  }

  async createDocument(input: NewDocument): Promise<DocumentSummary | null> {
    const created = await this.workspace.createDocument(input);
    if (created) await this.open(created.id);
    return created;
  }

  /**
   * Removes a document, says so with an Undo, and, if it was open, opens the one that took its place in the list.
   * Answers that document's id (null when none is left or the removal failed), for the list to move focus to.
   */
  async deleteDocument(id: number): Promise<number | null> {
    const place = this.workspace.documents.findIndex((doc) => doc.id === id);
    const removed = await this.workspace.deleteDocument(id);
    if (!removed) return null;
    this.toasts.undoable(removed.removal.description, null, () => void this.undoRemoval(removed.removal.id));
    const documents = this.workspace.documents;
    const next = documents[Math.min(place, documents.length - 1)] ?? null;
    if (this.session?.id === id) {
      this.session = null;
      forgetDocument();
      if (next) await this.open(next.id);
    }
    return next?.id ?? null;
  }

  /** Undoes a removal (from its toast): what came back is shown, a document opened. */
  async undoRemoval(removal: number): Promise<void> {
    const undone = await this.workspace.undoRemoval(removal);
    if (!undone) return;
    const [document] = undone.documents;
    if (document !== undefined) await this.open(document);
    else await this.reloadDocument();
    if (this.view === 'actors') await this.actors.refresh();
    if (this.view === 'actor') await this.actorPage.load({ restart: false });
    if (this.view === 'positions') await this.positions.refresh();
    this.toasts.info(`Undone: ${undone.description}`);
  }

  // ------------------------------------------------------------------ tagging

  /** Tags the text selection with a label, or — with no text selected — relabels the selected annotation. */
  async applyLabel(label: Label): Promise<void> {
    const session = this.session;
    if (!session) return;
    const fragment = session.editor?.selectedFragment(this.workspace.settings.snapToWords) ?? null;
    if (fragment) {
      await session.tag(label.id, label.name, fragment);
      return;
    }
    // A tag still on its way selects its annotation once the store answers: a label key pressed right after
    // it relabels that annotation, not the one selected before.
    if (session.pending > 0) await session.settled();
    const selected = session.selected;
    if (selected) {
      if (selected.labelId !== label.id) await session.relabel(selected.id, label.id, label.name);
      return;
    }
    this.toasts.info(`Select some text first, then press ${label.hotkey ? label.hotkey.toUpperCase() : label.name}.`);
  }

  /**
   * Sets an actor-typed attribute from a mention annotation, in one undoable step: the attribute takes the
   * mention's actor (creating an actor from the mention's text, and setting it on the mention, when it has
   * none) and a relation (said_by, claimed_by, held_by) ties the annotation to the mention.
   */
  async attributeFromMention(annotation: AnnotationSummary, attribute: string, mention: AnnotationSummary): Promise<void> {
    const session = this.session;
    if (!session) return;
    const mentionLabel = this.workspace.labelById.get(mention.labelId);
    const mentionActorAttribute = mentionLabel?.attributes.find((def) => def.type === 'actor')?.name ?? null;
    let actorId = mentionActorAttribute ? mention.attributes[mentionActorAttribute] : null;
    const edits: Parameters<DocumentSession['edit']>[1] = [];
    if (typeof actorId !== 'number') {
      const actor = await this.workspace.createActor({ name: mention.text.trim() });
      if (!actor) return;
      actorId = actor.id;
      if (mentionActorAttribute) {
        edits.push({ op: 'updateAnnotation', id: mention.id, attributes: { [mentionActorAttribute]: actor.id } });
      }
    }
    edits.push({ op: 'updateAnnotation', id: annotation.id, attributes: { [attribute]: actorId } });
    const label = this.workspace.labelById.get(annotation.labelId);
    const type = relationForAttribute(attribute, label?.name ?? '');
    const exists = [...session.relations.values()].some(
      (relation) => relation.sourceId === annotation.id && relation.targetId === mention.id && relation.type === type,
    );
    if (type && !exists && this.workspace.relationTypes.some((relationType) => relationType.name === type)) {
      edits.push({ op: 'createRelation', type, sourceId: annotation.id, targetId: mention.id });
    }
    await session.edit(`Set ${attribute}`, edits);
  }

  /** Moves the selected annotation's start (edge 'start') or end ('end') by one word in `direction`. */
  async nudge(edge: 'start' | 'end', direction: 1 | -1): Promise<void> {
    const session = this.session;
    const annotation = session?.selected;
    const editor = session?.editor;
    if (!session || !annotation || !editor) return;
    const fragments = annotation.fragments.map((f) => [f[0], f[1]] as Fragment);
    const first = fragments[0]!;
    const last = fragments[fragments.length - 1]!;
    const text = session.document.text;
    const source: TextSource = { length: text.length, slice: (from, to) => text.slice(from, to) };
    const boundary = session.boundary;
    if (edge === 'start') {
      const pos = boundary.toEditorPos(first[0]);
      const moved = wordEdge(source, pos, direction, 'start');
      if (moved === null) return;
      const cp = boundary.toFragment(moved, moved)[0];
      if (cp >= first[1]) return;
      first[0] = cp;
    } else {
      const pos = boundary.toEditorPos(last[1]);
      const moved = wordEdge(source, pos, direction, 'end');
      if (moved === null) return;
      const cp = boundary.toFragment(moved, moved)[0];
      if (cp <= last[0]) return;
      last[1] = cp;
    }
    await session.setFragments(annotation.id, fragments, edge === 'start' ? 'Move start' : 'Move end');
  }

  // ------------------------------------------------------------------ the annotations table

  /** Shows the table of every annotation, queried afresh (the document may have changed since), with its filter or `filter`. */
  showTable(filter: AnnotationFilter = this.table.filter): void {
    this.router.go(tableRoute(filter));
    this.#enterTable(filter);
  }

  #enterTable(filter: AnnotationFilter): void {
    this.workbench.findOpen = false;
    if (!this.table.setFilter(filter)) this.table.refresh({ keepPosition: true });
  }

  /** Marks the open document new, in progress or done (a key; the list and the article header have their own controls). */
  setDocumentStatus(status: DocumentStatus): boolean {
    const session = this.session;
    if (!session) return false;
    void this.workspace.setStatus(session.id, status).then((updated) => {
      if (!updated) return;
      if (this.session === session) session.document = { ...session.document, status: updated.status };
      // A key gives no other sign that it worked when the header is scrolled away or the table shows.
      this.toasts.info(`${updated.title}: ${STATUS_NAMES[updated.status]}`);
    });
    return true;
  }

  // ------------------------------------------------------------------ the positions matrix

  /** Opens the Targets dialog on the registry as stored. */
  showTargets(): void {
    this.dialog = 'targets';
    void this.targets.start();
  }

  /** A target renamed, merged or deleted: the matrix and the open document show it; a removal says so with Undo (its toast answered). */
  async #targetsChanged(removal: { id: number; description: string } | null): Promise<number | null> {
    const toast = removal ? this.toasts.undoable(removal.description, null, () => void this.undoRemoval(removal.id)) : null;
    if (this.view === 'positions') await this.positions.refresh();
    await this.reloadDocument();
    return toast;
  }

  /** Shows where every holder stands on every target, counted afresh (positions may have changed since). */
  showPositions(): void {
    this.router.go({ screen: 'positions' });
    this.#enterPositions();
  }

  #enterPositions(): void {
    this.workbench.findOpen = false;
    void this.positions.refresh();
  }

  togglePositions(): boolean {
    if (this.view === 'positions') this.showDocument();
    else this.showPositions();
    return true;
  }

  /** Back to the open document, which kept its place and selection. */
  showDocument(): void {
    this.router.go({ screen: 'workbench', documentId: this.session?.id ?? null });
    this.#focusArticle();
  }

  #focusArticle(): void {
    void tick().then(() => this.session?.editor?.focus());
  }

  toggleTable(): boolean {
    if (this.view === 'table') this.showDocument();
    else this.showTable();
    return true;
  }

  // ------------------------------------------------------------------ the dashboard

  /** Shows the dashboard's charts, counted afresh. */
  showDashboard(): void {
    this.router.go({ screen: 'dashboard' });
    this.workbench.findOpen = false;
    void this.dashboard.open();
  }

  toggleDashboard(): boolean {
    if (this.view === 'dashboard') this.showDocument();
    else this.showDashboard();
    return true;
  }

  /** Opens the table on what bar `index` of chart `id` counts; false for a bar no table counts (a status). */
  openChartBar(id: ChartId, index: number): boolean {
    const filter = this.dashboard.chart(id)?.bars[index]?.filter;
    if (!filter) return false;
    this.dashboard.blurred();
    this.router.go({ screen: 'table', filter });
    this.#enterTable(filter);
    return true;
  }

  openFocusedBar(): boolean {
    const id = this.dashboard.focusedChart;
    return id !== null && this.openChartBar(id, this.dashboard.activeIndex(id));
  }

  /** Opens an annotation's document with the annotation selected and scrolled into view. */
  async openAnnotation(documentId: number, annotationId: number): Promise<void> {
    this.router.go({ screen: 'workbench', documentId });
    await this.#openSession(documentId);
    if (this.session?.id !== documentId) return;
    // The article view is shown (and, for another document, created) in the next update; select once it is there.
    await tick();
    this.session.select(annotationId, { reveal: true });
    this.session.editor?.focus();
  }

  // ------------------------------------------------------------------ the actors and an actor's page

  /** Shows every actor of the registry with their counts, read afresh. */
  showActors(): void {
    this.router.go({ screen: 'actors' });
    void this.#enterActors();
  }

  async #enterActors(): Promise<void> {
    this.workbench.findOpen = false;
    await this.actors.refresh();
  }

  /** Shows actor `id`'s page: their items across the corpus. */
  showActor(id: number): void {
    this.workbench.findOpen = false;
    this.router.go({ screen: 'actor', actorId: id });
    this.actorPage.show(id);
  }

  toggleActors(): boolean {
    if (this.view === 'actors') this.showDocument();
    else this.showActors();
    return true;
  }

  /** Saves an edit of an actor, which the registry and the actor picker then show. */
  async saveActor(id: number, patch: Partial<ActorInput>): Promise<boolean> {
    const actor = await this.actors.save(id, patch);
    if (actor) this.workspace.rememberActor(actor);
    return actor !== null;
  }

  /** Merges one actor into another, says so with an Undo, and shows the change wherever it is seen. */
  async mergeActors(survivorId: number, mergedId: number): Promise<void> {
    const removal = await this.actors.merge(survivorId, mergedId);
    if (removal) await this.#actorsChanged(removal);
  }

  /** Deletes an actor (out of the annotations that named them too), says so with an Undo. */
  async deleteActor(id: number): Promise<void> {
    const removal = await this.actors.delete(id);
    if (removal) await this.#actorsChanged(removal);
  }

  async #actorsChanged(removal: { id: number; description: string }): Promise<void> {
    this.toasts.undoable(removal.description, null, () => void this.undoRemoval(removal.id));
    // The open document's annotations may have named the actor: shown again as stored.
    await this.workspace.refreshActors();
    await this.reloadDocument();
  }

  /** The list of rows the centre shows (the table, the actors, an actor's items), for the keys that move through rows. */
  get rows(): TableScreen | ActorsScreen | ActorPage | null {
    if (this.view === 'table') return this.table;
    if (this.view === 'actors') return this.actors;
    if (this.view === 'actor') return this.actorPage;
    return null;
  }

  // ------------------------------------------------------------------ corpus search

  /** Shows the corpus search (its last query and results), with the focus in its box. */
  showSearch(): boolean {
    if (this.view !== 'search') {
      this.router.go({ screen: 'search', query: this.search.query });
      // Documents may have come, gone or changed since the answer shown.
      if (this.search.query.trim()) this.search.refresh();
      this.search.revealCurrent();
    }
    this.workbench.findOpen = false;
    this.search.boxFocus++;
    return true;
  }

  /** Searches for `query` as it is typed; the address follows it, in the screen's one history entry. */
  searchFor(query: string): void {
    this.search.setQuery(query);
    this.router.go({ screen: 'search', query }, { replace: true });
  }

  /** Opens hit `index` of the search's answer in its article, scrolled to it and selected as the find bar selects. */
  async openHit(index: number): Promise<void> {
    const hit = this.search.hits[index];
    if (!hit) return;
    this.search.current = index;
    this.router.go({ screen: 'workbench', documentId: hit.documentId });
    await this.#openSession(hit.documentId);
    const session = this.session;
    if (session?.id !== hit.documentId || this.search.current !== index) return;
    // The article view is shown (and, for another document, created) in the next update; select once it is there.
    await tick();
    this.search.opened = true;
    session.editor?.selectText(session.boundary.toEditorPos(hit.start), session.boundary.toEditorPos(hit.end));
    session.editor?.focus();
  }

  // ------------------------------------------------------------------ commands

  undo(): boolean {
    if (this.view === 'table' && this.table.lastBulk) {
      void this.table.undoBulk();
      return true;
    }
    if (this.view !== 'workbench' || !this.session) return false;
    void this.session.undo();
    return true;
  }

  redo(): boolean {
    if (this.view !== 'workbench' || !this.session) return false;
    void this.session.redo();
    return true;
  }

  toggleDialog(name: DialogName): boolean {
    this.dialog = this.dialog === name ? null : name;
    return true;
  }

  /** Opens the Import dialog with `files` queued (added to any already queued). */
  queueImport(files: PickedFile[]): void {
    if (files.length > 0) this.importQueue = [...this.importQueue, ...files];
    this.dialog = 'import';
  }

  closeDialog(): void {
    this.dialog = null;
    this.session?.editor?.focus();
  }

  runMenuCommand(command: MenuCommand): void {
    switch (command) {
      case 'undo':
      case 'redo':
        // The native menu's accelerators take Ctrl/Cmd+Z from every field: in a text field (a note, a title)
        // they must undo typing there, not the last annotation change.
        if (isTextField(document.activeElement)) {
          document.execCommand(command);
          return;
        }
        if (command === 'undo') this.undo();
        else this.redo();
        return;
      case 'showShortcuts':
        this.toggleDialog('shortcuts');
        return;
      case 'newDocument':
        this.dialog = 'newDocument';
        return;
      case 'import':
        this.dialog = 'import';
        return;
      case 'export':
        this.dialog = 'export';
        return;
      case 'nextAnnotation':
        this.step(1);
        return;
      case 'previousAnnotation':
        this.step(-1);
        return;
      case 'toggleTable':
        this.toggleTable();
        return;
      case 'toggleDashboard':
        this.toggleDashboard();
        return;
      case 'backUp':
        void this.backUpNow();
        return;
      case 'backups':
        this.dialog = 'backups';
        return;
      default: {
        const unknown: never = command;
        console.warn('Unknown menu command', unknown);
      }
    }
  }

  /** File > Back Up Workspace: a backup now, said in a toast that names it. */
  async backUpNow(): Promise<void> {
    const made = await this.toasts.attempt('Could not back up the workspace', () => this.api.backUpWorkspace({}), null);
    if (made) this.toasts.info('Workspace backed up', `${made.file} — File > Restore from Backup… lists every backup`);
  }

  // ------------------------------------------------------------------ what the keys run (keys/commands.ts)
  // Each returns false when it does not apply now, so that the key goes on to the browser.

  openFind(): boolean {
    if (this.view !== 'workbench' || !this.session) return false;
    this.workbench.findOpen = true;
    return true;
  }

  step(direction: 1 | -1): boolean {
    if (this.view !== 'workbench' || !this.session) return false;
    this.session.step(direction);
    return true;
  }

  tagWith(label: Label): boolean {
    if (!this.session) return false;
    void this.applyLabel(label);
    return true;
  }

  editSelected(): boolean {
    if (!this.session?.selected) return false;
    this.workbench.panelFocus++;
    return true;
  }

  /** From the annotation panel back to the text, which keeps its selection. */
  returnToArticle(): boolean {
    (document.activeElement as HTMLElement | null)?.blur();
    this.session?.editor?.focus();
    return true;
  }

  cancelOrDeselect(): boolean {
    const session = this.session;
    if (this.view !== 'workbench' || !session) return false;
    if (session.linking) session.linking = null;
    else if (session.hasSelection) session.select(null);
    else return false;
    return true;
  }

  nudgeSelected(edge: 'start' | 'end', direction: 1 | -1): boolean {
    if (!this.session?.selected) return false;
    void this.nudge(edge, direction);
    return true;
  }

  linkSelected(): boolean {
    if (!this.session?.selected) return false;
    this.workbench.linkRequest++;
    return true;
  }

  deleteSelected(): boolean {
    const session = this.session;
    if (!session?.selectedId) return false;
    void session.remove(session.selectedId);
    return true;
  }

  openFocusedRow(): boolean {
    if (this.view === 'actors') {
      const actor = this.actors.focused;
      if (actor) this.showActor(actor.id);
      return actor !== undefined;
    }
    const row = this.view === 'actor' ? this.actorPage.focused : this.view === 'table' ? this.table.row(this.table.focusIndex) : undefined;
    if (!row) return false;
    void this.openAnnotation(row.documentId, row.id);
    return true;
  }

  focusScreenFilter(): boolean {
    if (this.view === 'table') this.table.filterFocus++;
    else if (this.view === 'actors') this.actors.filterFocus++;
    else return false;
    return true;
  }

  /** Escape on a screen over the document: the table's selection first, then back to the document, or from an actor's page to the actors (the matrix, the actors, the table: to the document). */
  leaveScreen(): boolean {
    if (this.view === 'table' && this.table.clearSelection()) return true;
    if (this.view === 'actor') this.showActors();
    else if (this.view === 'table' || this.view === 'actors' || this.view === 'positions') this.showDocument();
    else return false;
    return true;
  }

  /** Opens the next (1) or previous (-1) hit of the search, across documents; the current one if none is open yet. */
  stepHit(by: 1 | -1): boolean {
    if (this.search.hits.length === 0) return false;
    void this.openHit(this.search.opened ? this.search.stepped(by) : this.search.current);
    return true;
  }

  openCurrentHit(): boolean {
    if (this.view !== 'search' || this.search.hits.length === 0) return false;
    void this.openHit(this.search.current);
    return true;
  }

  leaveSearch(): boolean {
    if (this.view !== 'search') return false;
    this.showDocument();
    return true;
  }

  moveInMatrix(rows: number, columns: number): boolean {
    return this.view === 'positions' && this.positions.move(rows, columns);
  }

  /** Enter on a list (the focused row: an annotation in its document, an actor's page) or the matrix (the active cell's positions). */
  openFocused(): boolean {
    return this.view === 'positions' ? this.positions.openActive() : this.openFocusedRow();
  }
}

function tableRoute(filter: AnnotationFilter): Route {
  return Object.keys(filter).length > 0 ? { screen: 'table', filter } : { screen: 'table' };
}

/** The context key the app is mounted under (see main.ts). */
export const APP_CONTEXT = Symbol('parley-app');

export function useApp(): AppState {
  const app = getContext<AppState | undefined>(APP_CONTEXT);
  if (!app) throw new Error('useApp() outside the Parley app');
  return app;
}

/** An element where typing happens, whose own undo history Ctrl/Cmd+Z must reach. */
function isTextField(element: Element | null): boolean {
  if (element instanceof HTMLTextAreaElement) return !element.readOnly;
  if (element instanceof HTMLInputElement) return !element.readOnly && !['checkbox', 'radio', 'button', 'submit', 'file', 'range', 'color'].includes(element.type);
  return false;
}
