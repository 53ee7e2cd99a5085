/**
 * One batch of edits to a document, as one undoable step: each edit is checked against the document and the
 * schema, written, and recorded as the row operations that redo it (`forward`) and undo it (`inverse`).
 */
import type { OffsetIndex } from '../../shared/offsets.ts';
import type { Annotation, Edit, Fragment, Label } from '../../shared/types.ts';
import { invalid } from '../errors.ts';
import type { NewAnnotationRow, WriteTx } from '../repository.ts';
import { mergeAttributes, relabelledAttributes, type Registry } from './attributes.ts';
import type { Caller } from './caller.ts';
import { checkFragments, coveredText, FragmentError } from './fragments.ts';
import { ChangeCollector, type RowOperation } from './history.ts';

/** The document an edit applies to: its id, and its text with the offset index that slices it. */
export interface EditedDocument {
  id: number;
  text: string;
  length: number;
  index: OffsetIndex;
}

/**
 * The document a batch edits: its id, and its text, which only edits that place spans (a new annotation, new
 * fragments) need; a batch reads it at most once, when the first of those asks.
 */
export interface EditTarget {
  id: number;
  text: () => Promise<EditedDocument>;
}

export class EditBatch {
  readonly forward: RowOperation[] = [];
  readonly inverse: RowOperation[] = [];
  readonly changes = new ChangeCollector();
  readonly createdIds: Record<string, number> = {};
  /** Attribute values relabels in this batch set aside, by annotation. */
  readonly setAside: { annotationId: number; attributes: string[] }[] = [];

  #text: EditedDocument | undefined;
  /** Whether each actor named so far exists: a batch that names one actor many times asks the store once. */
  /** Whether registry entries (actors, targets) exist, by `registry id`: an edit of many annotations asks about few. */
  readonly #entries = new Map<string, boolean>();

  private constructor(
    private readonly tx: WriteTx,
    private readonly document: EditTarget,
    private readonly labels: Map<number, Label>,
    private readonly caller: Caller,
    private readonly timestamp: string,
    private readonly loaded: Map<number, Annotation>,
  ) {}

  /**
   * `labels` by id, and `loaded`, annotations of the document as stored now, when the caller has read them already
   * (a bulk action starts a batch per document, its annotations read in one go).
   */
  static async start(
    tx: WriteTx,
    document: EditTarget,
    caller: Caller,
    timestamp: string,
    read: { labels?: Map<number, Label>; loaded?: Map<number, Annotation> } = {},
  ): Promise<EditBatch> {
    const labels = read.labels ?? new Map((await tx.labels()).map((label) => [label.id, label]));
    return new EditBatch(tx, document, labels, caller, timestamp, read.loaded ?? new Map());
  }

  private async text(): Promise<EditedDocument> {
    return (this.#text ??= await this.document.text());
  }

  /** Applies `edit`; `field` names it in errors (`edits[2]`). */
  async apply(edit: Edit, field: string): Promise<void> {
    switch (edit.op) {
      case 'createAnnotation':
        return this.createAnnotation(edit, field);
      case 'updateAnnotation':
        return this.updateAnnotation(edit, field);
      case 'deleteAnnotation':
        return this.deleteAnnotation(await this.annotation(edit.id, `${field}.id`));
      case 'createRelation':
        return this.createRelation(edit, field);
      case 'deleteRelation': {
        const relation = await this.tx.relation(edit.id);
        if (!relation || relation.documentId !== this.document.id) throw invalid(`${field}.id`, `relation ${edit.id} is not in document ${this.document.id}`);
        return this.write({ kind: 'removeRelation', id: relation.id }, { kind: 'putRelation', relation });
      }
    }
  }

  private async createAnnotation(edit: Extract<Edit, { op: 'createAnnotation' }>, field: string): Promise<void> {
    const label = this.label(edit.labelId, `${field}.labelId`);
    const document = await this.text();
    const fragments = this.checkFragments(edit.fragments, `${field}.fragments`, document.length);
    const attributes = await mergeAttributes(label, {}, edit.attributes ?? {}, `${field}.attributes`, this.entryExists);
    if (edit.ref !== undefined && edit.ref in this.createdIds) throw invalid(`${field}.ref`, `the ref "${edit.ref}" is used twice in this edit`);
    const row: NewAnnotationRow = {
      documentId: this.document.id,
      labelId: label.id,
      fragments,
      text: coveredText(document.text, document.index, fragments),
      attributes,
      note: edit.note ?? '',
      author: this.caller.author,
      origin: edit.origin ?? 'manual',
      createdAt: this.timestamp,
      updatedAt: this.timestamp,
    };
    const [id] = await this.tx.insertAnnotations([row]);
    if (edit.ref !== undefined) this.createdIds[edit.ref] = id!;
    this.record({ kind: 'putAnnotation', annotation: { id: id!, ...row } }, { kind: 'removeAnnotation', id: id! });
  }

  private async updateAnnotation(edit: Extract<Edit, { op: 'updateAnnotation' }>, field: string): Promise<void> {
    const before = await this.annotation(edit.id, `${field}.id`);
    const label = this.label(edit.labelId ?? before.labelId, `${field}.labelId`);
    const document = edit.fragments === undefined ? null : await this.text();
    const fragments = document === null ? before.fragments : this.checkFragments(edit.fragments!, `${field}.fragments`, document.length);
    const relabelled = label.id === before.labelId ? undefined : await relabelledAttributes(label, before.attributes, before.setAside ?? {}, this.entryExists);
    if (relabelled && relabelled.setAsideNow.length > 0) this.setAside.push({ annotationId: before.id, attributes: relabelled.setAsideNow });
    const attributes = await mergeAttributes(label, relabelled?.attributes ?? before.attributes, edit.attributes ?? {}, `${field}.attributes`, this.entryExists);
    const after: Annotation = {
      ...before,
      labelId: label.id,
      fragments,
      text: document === null ? before.text : coveredText(document.text, document.index, fragments),
      attributes,
      setAside: relabelled?.setAside ?? before.setAside ?? {},
      note: edit.note ?? before.note,
      updatedAt: this.timestamp,
    };
    // Stored rows come back without the field when nothing is set aside: so does this one.
    if (Object.keys(after.setAside!).length === 0) delete after.setAside;
    await this.tx.putAnnotation(after, before);
    this.record({ kind: 'putAnnotation', annotation: after }, { kind: 'putAnnotation', annotation: before });
  }

  private async deleteAnnotation(annotation: Annotation): Promise<void> {
    // Relations would go by cascade; removing them explicitly records them so undo restores them too.
    for (const relation of await this.tx.relationsOf(annotation.id)) {
      await this.write({ kind: 'removeRelation', id: relation.id }, { kind: 'putRelation', relation });
    }
    await this.write({ kind: 'removeAnnotation', id: annotation.id }, { kind: 'putAnnotation', annotation });
  }

  private async createRelation(edit: Extract<Edit, { op: 'createRelation' }>, field: string): Promise<void> {
    if (!(await this.tx.relationTypes()).some((type) => type.name === edit.type)) throw invalid(`${field}.type`, `there is no relation type "${edit.type}"`);
    const source = await this.annotation(edit.sourceId, `${field}.sourceId`);
    const target = await this.annotation(edit.targetId, `${field}.targetId`);
    if (source.id === target.id) throw invalid(`${field}.targetId`, 'an annotation cannot be related to itself');
    const row = { documentId: this.document.id, type: edit.type, sourceId: source.id, targetId: target.id, createdAt: this.timestamp };
    const [id] = await this.tx.insertRelations([row]);
    this.record({ kind: 'putRelation', relation: { id: id!, ...row } }, { kind: 'removeRelation', id: id! });
  }

  /** Applies a row operation and records it with its inverse. */
  private async write(operation: RowOperation, inverse: RowOperation): Promise<void> {
    await applyRowOperation(this.tx, operation);
    this.record(operation, inverse);
  }

  private record(operation: RowOperation, inverse: RowOperation): void {
    this.forward.push(operation);
    this.inverse.push(inverse);
    this.changes.record(operation);
  }

  private readonly entryExists = async (registry: Registry, id: number): Promise<boolean> => {
    const key = `${registry} ${id}`;
    let exists = this.#entries.get(key);
    if (exists === undefined) this.#entries.set(key, (exists = (registry === 'actor' ? await this.tx.actor(id) : await this.tx.target(id)) !== undefined));
    return exists;
  };

  private async annotation(ref: number | string, field: string): Promise<Annotation> {
    const id = typeof ref === 'string' ? this.createdIds[ref] : ref;
    if (id === undefined) throw invalid(field, `no annotation was created with ref "${ref}" earlier in this edit`);
    // A loaded annotation serves once: the edit that takes it writes it, and a later one reads it as written.
    const known = this.loaded.get(id);
    this.loaded.delete(id);
    const annotation = known ?? (await this.tx.annotation(id));
    if (!annotation || annotation.documentId !== this.document.id) throw invalid(field, `annotation ${id} is not in document ${this.document.id}`);
    return annotation;
  }

  private label(id: number, field: string): Label {
    const label = this.labels.get(id);
    if (!label) throw invalid(field, `there is no label ${id}`);
    return label;
  }

  private checkFragments(fragments: Fragment[], field: string, length: number): Fragment[] {
    try {
      return checkFragments(fragments, length, 'document');
    } catch (error) {
      if (!(error instanceof FragmentError)) throw error;
      throw invalid(error.position === null ? field : `${field}[${error.position}]`, error.message);
    }
  }
}

/** Writes one row operation: for fresh edits (after their checks) and for undo and redo, which replay them verbatim. */
export async function applyRowOperation(tx: WriteTx, operation: RowOperation): Promise<void> {
  switch (operation.kind) {
    case 'putAnnotation':
      return tx.putAnnotation(operation.annotation);
    case 'removeAnnotation':
      return tx.removeAnnotation(operation.id);
    case 'putRelation':
      return tx.putRelation(operation.relation);
    case 'removeRelation':
      return tx.removeRelation(operation.id);
  }
}
