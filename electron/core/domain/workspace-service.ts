/**
 * The workspace's API on any repository: each method one unit of work that reads rows, applies the domain's
 * rules (edits.ts, labels.ts, actors.ts, documents.ts, import-store.ts) and writes rows. Nothing here knows
 * SQL; nothing in the repository knows these rules.
 */
import { agreementReport } from '../agreement/report.ts';
import { OffsetIndex } from '../../shared/offsets.ts';
import { packAnnotations } from '../../shared/packed-annotations.ts';
import { ACTOR_REFERENCES_LISTED, DASHBOARD_TOP_DEFAULT, type DocumentSummary, type Label, type NewDocument, type Settings } from '../../shared/types.ts';
import { DEFAULT_LABELS, DEFAULT_RELATION_TYPES } from '../defaults.ts';
import { DEFAULT_SETTINGS } from '../../shared/settings.ts';
import { conflict, notFound } from '../errors.ts';
import type { ReadTx, Repository } from '../repository.ts';
import type { Workspace, WorkspaceApi } from '../workspace.ts';
import { actorReferences, actorsMatching, checkActorUnused, newActorRecord, patchedActorRecord } from './actors.ts';
import { EditBatch, applyRowOperation, type EditedDocument } from './edits.ts';
import { changeResult, ChangeCollector, historyState } from './history.ts';
import { newDocumentRow, normalised, patchedColumns } from './documents.ts';
import { storeImportedFiles } from './import-store.ts';
import { checkLabel, checkLabelUnused } from './labels.ts';
import { searchCorpus } from './search.ts';
import { parseSearchQuery } from './search-query.ts';
import { mergeActor, mergeTarget, removeActor, removeDocument, removeLabel, removeTarget, undoRemoval } from './removals.ts';
import { checkTargetUnused, newTargetRecord, patchedTargetRecord, targetReferences, targetsMatching } from './targets.ts';
import { bulkEdit, undoBulkAction } from './bulk.ts';

/** How many recent documents keep their text and offset index in memory, so tagging never rescans a text. */
const TEXT_CACHE_SIZE = 4;

/** Settings-table keys that are flags of the workspace, not user settings. */
export const INITIALISED = 'initialised';
export const SAMPLES_SEEDED = 'samplesSeeded';

const now = (): string => new Date().toISOString();

export class WorkspaceService implements Workspace {
  /** Texts never change once stored and ids are never reused, so cached texts are never stale. */
  private readonly texts = new Map<number, EditedDocument>();

  private constructor(
    private readonly repository: Repository,
    private readonly path: string,
    readonly name: string,
  ) {}

  /** The workspace on `repository`; a new one gets the default labels and relation types. */
  static async open(repository: Repository, location: { path: string; name: string }): Promise<WorkspaceService> {
    await repository.write(async (tx) => {
      if ((await tx.settings()).has(INITIALISED)) return;
      for (const label of DEFAULT_LABELS) await tx.insertLabel(checkLabel(label, await tx.labels(), null));
      for (const type of DEFAULT_RELATION_TYPES) await tx.insertRelationType(type.name, type.description);
      await tx.putSetting(INITIALISED, true);
    });
    return new WorkspaceService(repository, location.path, location.name);
  }

  /** Adds `samples` unless this workspace had them once: deleted samples never come back uninvited. */
  async addSamplesOnce(samples: readonly NewDocument[]): Promise<number> {
    return this.repository.write(async (tx) => {
      if ((await tx.settings()).has(SAMPLES_SEEDED)) return 0;
      const timestamp = now();
      for (const sample of samples) await tx.insertDocument(newDocumentRow({ ...sample, isSample: true }, normalised(sample.text), 'new', timestamp));
      await tx.putSetting(SAMPLES_SEEDED, true);
      return samples.length;
    });
  }

  close(): Promise<void> {
    this.texts.clear();
    return this.repository.close();
  }

  // ---------------------------------------------------------------- workspace

  readonly workspaceInfo: WorkspaceApi['workspaceInfo'] = async (_params, caller) => ({
    path: this.path,
    name: this.name,
    schemaVersion: await this.repository.schemaVersion(),
    author: caller.author,
  });

  readonly startUp: WorkspaceApi['startUp'] = async (params, caller) => {
    const empty = {};
    const [info, documents, labels, relationTypes, actors, targets, settings, tags, views] = await Promise.all([
      this.workspaceInfo(empty, caller),
      this.listDocuments(empty, caller),
      this.listLabels(empty, caller),
      this.listRelationTypes(empty, caller),
      this.listActors(empty, caller),
      this.listTargets(empty, caller),
      this.getSettings(empty, caller),
      this.listDocumentTags(empty, caller),
      this.listSavedViews(empty, caller),
    ]);
    const shown = documents.find((doc) => doc.id === params.documentId) ?? documents[0];
    const opened = shown ? await this.openDocument({ id: shown.id }, caller) : null;
    return { info, documents, labels, relationTypes, actors, targets, settings, tags, views, opened };
  };

  readonly stats: WorkspaceApi['stats'] = () => this.repository.queries.stats();

  readonly getSettings: WorkspaceApi['getSettings'] = () => this.repository.read(readSettings);

  readonly updateSettings: WorkspaceApi['updateSettings'] = (params) =>
    this.repository.write(async (tx) => {
      for (const [key, value] of Object.entries(params)) if (value !== undefined) await tx.putSetting(key, value);
      return readSettings(tx);
    });

  // ---------------------------------------------------------------- documents

  readonly listDocuments: WorkspaceApi['listDocuments'] = (params) => this.repository.queries.listDocuments(params.query);

  readonly openDocument: WorkspaceApi['openDocument'] = (params) =>
    this.repository.read(async (tx) => {
      const document = await tx.document(params.id);
      if (!document) throw notFound('Document', params.id);
      return {
        document,
        annotations: packAnnotations(await tx.paintedAnnotations(params.id)),
        relations: await tx.documentRelations(params.id),
        history: historyState(await tx.lastDone(params.id), await tx.firstUndone(params.id)),
      };
    });

  readonly getAnnotation: WorkspaceApi['getAnnotation'] = (params) =>
    this.repository.read(async (tx) => {
      const annotation = await tx.annotation(params.id);
      if (!annotation) throw notFound('Annotation', params.id);
      return annotation;
    });

  readonly createDocument: WorkspaceApi['createDocument'] = (params) =>
    this.repository.write(async (tx) => summaryOf(tx, await tx.insertDocument(newDocumentRow(params, normalised(params.text), 'new', now()))));

  readonly updateDocument: WorkspaceApi['updateDocument'] = (params) =>
    this.repository.write(async (tx) => {
      await summaryOf(tx, params.id);
      const columns = patchedColumns(params.patch);
      if (Object.keys(columns).length > 0) await tx.updateDocument(params.id, columns, now());
      return summaryOf(tx, params.id);
    });

  readonly deleteDocument: WorkspaceApi['deleteDocument'] = (params, caller) =>
    this.repository.write(async (tx) => {
      const removal = await removeDocument(tx, params.id, caller, now());
      this.texts.delete(params.id);
      return { deleted: params.id, removal };
    });

  // ---------------------------------------------------------------- label schema

  readonly listLabels: WorkspaceApi['listLabels'] = () => this.repository.read((tx) => tx.labels());

  readonly createLabel: WorkspaceApi['createLabel'] = (params) =>
    this.repository.write(async (tx) => tx.insertLabel(checkLabel(params, await tx.labels(), null)));

  readonly updateLabel: WorkspaceApi['updateLabel'] = (params) =>
    this.repository.write(async (tx) => {
      const labels = await tx.labels();
      const current = labelIn(labels, params.id);
      await tx.updateLabel(params.id, checkLabel({ ...current, ...params.patch }, labels, params.id));
      return labelIn(await tx.labels(), params.id);
    });

  readonly deleteLabel: WorkspaceApi['deleteLabel'] = (params, caller) =>
    this.repository.write(async (tx) => {
      const label = labelIn(await tx.labels(), params.id);
      if (!params.withAnnotations) checkLabelUnused(label, await tx.annotationsWithLabel(params.id));
      return { deleted: params.id, removal: await removeLabel(tx, label, caller, now()) };
    });

  readonly listRelationTypes: WorkspaceApi['listRelationTypes'] = () => this.repository.read((tx) => tx.relationTypes());

  readonly createRelationType: WorkspaceApi['createRelationType'] = (params) =>
    this.repository.write(async (tx) => {
      if ((await tx.relationTypes()).some((type) => type.name === params.name)) throw conflict(`A relation type named ${params.name} exists already`, 'name');
      return tx.insertRelationType(params.name, params.description ?? '');
    });

  // ---------------------------------------------------------------- actors

  readonly listActors: WorkspaceApi['listActors'] = async (params) => actorsMatching(await this.repository.read((tx) => tx.actors()), params.query);

  readonly createActor: WorkspaceApi['createActor'] = (params) =>
    this.repository.write(async (tx) => actorIn(tx, await tx.insertActor(newActorRecord(params, now()))));

  readonly updateActor: WorkspaceApi['updateActor'] = (params) =>
    this.repository.write(async (tx) => {
      await tx.updateActor(params.id, patchedActorRecord(await actorIn(tx, params.id), params.patch, now()));
      return actorIn(tx, params.id);
    });

  readonly deleteActor: WorkspaceApi['deleteActor'] = (params, caller) =>
    this.repository.write(async (tx) => {
      const actor = await actorIn(tx, params.id);
      if (!params.unlink) checkActorUnused(actor, actorReferences(await tx.labels(), await tx.annotationsWithIntegerAttribute(params.id)).length);
      return { deleted: params.id, removal: await removeActor(tx, actor, caller, now(), params.unlink) };
    });

  readonly actorReferences: WorkspaceApi['actorReferences'] = (params) =>
    this.repository.read(async (tx) => {
      await actorIn(tx, params.id);
      const references = actorReferences(await tx.labels(), await tx.annotationsWithIntegerAttribute(params.id));
      const annotations = new Set(references.map((reference) => reference.annotationId));
      return {
        annotations: annotations.size,
        documents: new Set(references.map((reference) => reference.documentId)).size,
        listed: references.filter((reference, index) => index === 0 || reference.annotationId !== references[index - 1]!.annotationId).slice(0, ACTOR_REFERENCES_LISTED),
      };
    });

  readonly listActorSummaries: WorkspaceApi['listActorSummaries'] = () => this.repository.queries.actorSummaries();

  readonly mergeActors: WorkspaceApi['mergeActors'] = (params, caller) =>
    this.repository.write(async (tx) => {
      const survivor = await actorIn(tx, params.survivorId);
      const merged = await actorIn(tx, params.mergedId);
      return { deleted: merged.id, removal: await mergeActor(tx, survivor, merged, caller, now()) };
    });

  readonly actorItems: WorkspaceApi['actorItems'] = async (params) => {
    const actor = await this.repository.read((tx) => actorIn(tx, params.actorId));
    return { actor, offset: params.offset ?? 0, ...(await this.repository.queries.actorItems(params)) };
  };

  readonly searchCorpus: WorkspaceApi['searchCorpus'] = async (params) => {
    // The query is read first, so that a mistake in it is what the analyst hears of, whatever else is wrong.
    const query = parseSearchQuery(params.query);
    await this.repository.read(async (tx) => {
      if (params.actorId !== undefined) await actorIn(tx, params.actorId);
      const labels = await tx.labels();
      for (const id of params.labelIds ?? []) labelIn(labels, id);
    });
    return searchCorpus(this.repository.queries, query, params);
  };

  // ---------------------------------------------------------------- targets

  readonly listTargets: WorkspaceApi['listTargets'] = async (params) => targetsMatching(await this.repository.read((tx) => tx.targets()), params.query);

  readonly createTarget: WorkspaceApi['createTarget'] = (params) =>
    this.repository.write(async (tx) => targetIn(tx, await tx.insertTarget(newTargetRecord(params, now()))));

  readonly updateTarget: WorkspaceApi['updateTarget'] = (params) =>
    this.repository.write(async (tx) => {
      await tx.updateTarget(params.id, patchedTargetRecord(await targetIn(tx, params.id), params.patch, now()));
      return targetIn(tx, params.id);
    });

  readonly deleteTarget: WorkspaceApi['deleteTarget'] = (params, caller) =>
    this.repository.write(async (tx) => {
      const target = await targetIn(tx, params.id);
      checkTargetUnused(target, targetReferences(await tx.labels(), await tx.annotationsWithIntegerAttribute(params.id)));
      return { deleted: params.id, removal: await removeTarget(tx, target, caller, now()) };
    });

  readonly mergeTargets: WorkspaceApi['mergeTargets'] = (params, caller) =>
    this.repository.write(async (tx) => {
      const survivor = await targetIn(tx, params.survivorId);
      const merged = await targetIn(tx, params.mergedId);
      return { deleted: merged.id, removal: await mergeTarget(tx, survivor, merged, caller, now()) };
    });

  readonly undoRemoval: WorkspaceApi['undoRemoval'] = (params) => this.repository.write((tx) => undoRemoval(tx, params.id));

  // ---------------------------------------------------------------- document tags

  readonly listDocumentTags: WorkspaceApi['listDocumentTags'] = () => this.repository.read((tx) => tx.documentTags());

  readonly tagDocument: WorkspaceApi['tagDocument'] = (params) =>
    this.repository.write(async (tx) => {
      await summaryOf(tx, params.documentId);
      const tagId = (await tx.documentTagNamed(params.name)) ?? (await tx.insertDocumentTag(params.name, now()));
      await tx.linkDocumentTag(params.documentId, tagId);
      return (await tx.documentTag(tagId))!;
    });

  readonly untagDocument: WorkspaceApi['untagDocument'] = (params) =>
    this.repository.write(async (tx) => {
      await summaryOf(tx, params.documentId);
      if (!(await tx.documentTag(params.tagId))) throw notFound('Document tag', params.tagId);
      await tx.unlinkDocumentTag(params.documentId, params.tagId);
      return (await tx.documentTag(params.tagId))!;
    });

  // ---------------------------------------------------------------- saved views of the table

  readonly listSavedViews: WorkspaceApi['listSavedViews'] = () => this.repository.read((tx) => tx.savedViews());

  readonly createSavedView: WorkspaceApi['createSavedView'] = (params) =>
    this.repository.write(async (tx) => {
      await checkViewName(tx, params.name, null);
      const timestamp = now();
      return (await tx.savedView(await tx.insertSavedView({ name: params.name, filter: params.filter, createdAt: timestamp, updatedAt: timestamp })))!;
    });

  readonly updateSavedView: WorkspaceApi['updateSavedView'] = (params) =>
    this.repository.write(async (tx) => {
      const view = await tx.savedView(params.id);
      if (!view) throw notFound('Saved view', params.id);
      if (params.patch.name !== undefined) await checkViewName(tx, params.patch.name, params.id);
      await tx.updateSavedView(params.id, { name: params.patch.name ?? view.name, filter: params.patch.filter ?? view.filter, updatedAt: now() });
      return (await tx.savedView(params.id))!;
    });

  readonly deleteSavedView: WorkspaceApi['deleteSavedView'] = (params) =>
    this.repository.write(async (tx) => {
      if (!(await tx.savedView(params.id))) throw notFound('Saved view', params.id);
      await tx.deleteSavedView(params.id);
      return { deleted: params.id };
    });

  // ---------------------------------------------------------------- bulk actions

  readonly bulkEdit: WorkspaceApi['bulkEdit'] = (params, caller) => this.repository.write((tx) => bulkEdit(tx, params.target, params.change, caller, now()));

  readonly undoBulkAction: WorkspaceApi['undoBulkAction'] = (params) => this.repository.write((tx) => undoBulkAction(tx, params.id, now()));

  // ---------------------------------------------------------------- corpus views

  readonly queryAnnotations: WorkspaceApi['queryAnnotations'] = (params) => this.repository.queries.queryAnnotations(params);

  readonly agreement: WorkspaceApi['agreement'] = async (params) => agreementReport(await this.repository.queries.agreementDocuments(), params);
  readonly positionsMatrix: WorkspaceApi['positionsMatrix'] = (params) => this.repository.queries.positionsMatrix(params);

  readonly dashboard: WorkspaceApi['dashboard'] = (params) => this.repository.queries.dashboard(params.top ?? DASHBOARD_TOP_DEFAULT);

  readonly stanceOverTime: WorkspaceApi['stanceOverTime'] = (params) => this.repository.queries.stanceOverTime(params.actorId, params.targetId, params.filter ?? {});

  readonly positionItems: WorkspaceApi['positionItems'] = (params) => this.repository.queries.positionItems(params.actorId, params.targetId, params.filter ?? {});

  // ---------------------------------------------------------------- annotations, relations, history

  readonly edit: WorkspaceApi['edit'] = (params, caller) =>
    this.repository.write(async (tx) => {
      const timestamp = now();
      const document = await this.documentText(tx, params.documentId);
      const batch = await EditBatch.start(tx, { id: document.id, text: async () => document }, caller, timestamp);
      for (const [position, edit] of params.edits.entries()) await batch.apply(edit, `edits[${position}]`);
      if (batch.forward.length > 0) {
        await tx.dropRedo(params.documentId);
        await tx.appendHistory({ documentId: params.documentId, description: params.description, forward: batch.forward, inverse: batch.inverse.slice().reverse(), createdAt: timestamp });
        await tx.updateDocument(params.documentId, {}, timestamp);
      }
      const result = changeResult(params.documentId, batch.changes, await historyOf(tx, params.documentId), batch.createdIds);
      return batch.setAside.length > 0 ? { ...result, setAside: batch.setAside } : result;
    });

  readonly undo: WorkspaceApi['undo'] = (params) => this.step(params.documentId, 'undo');

  readonly redo: WorkspaceApi['redo'] = (params) => this.step(params.documentId, 'redo');

  /** Undo replays the last step's inverse operations, redo the first undone step's forward ones, verbatim. */
  private step(documentId: number, direction: 'undo' | 'redo'): ReturnType<WorkspaceApi['undo']> {
    return this.repository.write(async (tx) => {
      await summaryOf(tx, documentId);
      const step = direction === 'undo' ? await tx.lastDone(documentId) : await tx.firstUndone(documentId);
      if (!step) throw conflict(`Nothing to ${direction} in this document`);
      const changes = new ChangeCollector();
      for (const operation of step.operations) {
        await applyRowOperation(tx, operation);
        changes.record(operation);
      }
      await tx.markUndone(step.id, direction === 'undo');
      await tx.updateDocument(documentId, {}, now());
      return changeResult(documentId, changes, await historyOf(tx, documentId));
    });
  }

  /** The text of a document with its offset index, from the cache of recent documents. */
  private async documentText(tx: ReadTx, id: number): Promise<EditedDocument> {
    const cached = this.texts.get(id);
    if (cached) {
      // Re-inserted to keep the map in least-recently-used order.
      this.texts.delete(id);
      this.texts.set(id, cached);
      return cached;
    }
    const stored = await tx.documentText(id);
    if (!stored) throw notFound('Document', id);
    const entry = { id, text: stored.text, length: stored.length, index: new OffsetIndex(stored.text) };
    this.texts.set(id, entry);
    if (this.texts.size > TEXT_CACHE_SIZE) this.texts.delete(this.texts.keys().next().value!);
    return entry;
  }

  // ---------------------------------------------------------------- import and export

  importBatch: Workspace['importBatch'] = (files) => this.repository.write((tx) => storeImportedFiles(tx, files, now()), { bulk: true });

  findDocumentsByUrl: Workspace['findDocumentsByUrl'] = (url) => this.repository.queries.findDocumentsByUrl(url);

  readSchema: Workspace['readSchema'] = () => this.repository.read(async (tx) => ({ labels: await tx.labels(), relationTypes: await tx.relationTypes() }));

  selectExportDocuments: Workspace['selectExportDocuments'] = (filter) => this.repository.queries.selectExportDocuments(filter);

  exportDocuments: Workspace['exportDocuments'] = (documentIds, filter) => this.repository.queries.exportDocuments(documentIds, filter);
}

async function readSettings(tx: ReadTx): Promise<Settings> {
  const stored = await tx.settings();
  const settings: Settings = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
    if (stored.has(key)) (settings as unknown as Record<string, unknown>)[key] = stored.get(key);
  }
  return settings;
}

async function summaryOf(tx: ReadTx, id: number): Promise<DocumentSummary> {
  const summary = await tx.documentSummary(id);
  if (!summary) throw notFound('Document', id);
  return summary;
}

async function historyOf(tx: ReadTx, documentId: number) {
  return historyState(await tx.lastDone(documentId), await tx.firstUndone(documentId));
}

async function checkViewName(tx: ReadTx, name: string, id: number | null): Promise<void> {
  const taken = await tx.savedViewNamed(name);
  if (taken !== undefined && taken !== id) throw conflict(`A view named ${name} exists already`, 'name');
}

function labelIn(labels: readonly Label[], id: number): Label {
  const label = labels.find((candidate) => candidate.id === id);
  if (!label) throw notFound('Label', id);
  return label;
}

async function actorIn(tx: ReadTx, id: number) {
  const actor = await tx.actor(id);
  if (!actor) throw notFound('Actor', id);
  return actor;
}

async function targetIn(tx: ReadTx, id: number) {
  const target = await tx.target(id);
  if (!target) throw notFound('Target', id);
  return target;
}
