import type { Annotation, ChangeResult, HistoryState, Relation } from '../../shared/types.ts';

/**
 * One row-level change. A user-visible step (an `edit`) is recorded as the list of row operations that
 * re-apply it (`forward`) and the list that reverts it (`inverse`); undo and redo replay them verbatim, so
 * ids, timestamps and authors come back exactly as they were.
 */
export type RowOperation =
  | { kind: 'putAnnotation'; annotation: Annotation }
  | { kind: 'removeAnnotation'; id: number }
  | { kind: 'putRelation'; relation: Relation }
  | { kind: 'removeRelation'; id: number };

/** Accumulates what a step changed, for the renderer, as the final state of each touched row. */
export class ChangeCollector {
  private readonly annotations = new Map<number, Annotation | null>();
  private readonly relations = new Map<number, Relation | null>();

  record(operation: RowOperation): void {
    switch (operation.kind) {
      case 'putAnnotation':
        this.annotations.set(operation.annotation.id, operation.annotation);
        break;
      case 'removeAnnotation':
        this.annotations.set(operation.id, null);
        break;
      case 'putRelation':
        this.relations.set(operation.relation.id, operation.relation);
        break;
      case 'removeRelation':
        this.relations.set(operation.id, null);
        break;
    }
  }

  result() {
    const upsertedAnnotations: Annotation[] = [];
    const deletedAnnotationIds: number[] = [];
    for (const [id, annotation] of this.annotations) {
      if (annotation) upsertedAnnotations.push(annotation);
      else deletedAnnotationIds.push(id);
    }
    const upsertedRelations: Relation[] = [];
    const deletedRelationIds: number[] = [];
    for (const [id, relation] of this.relations) {
      if (relation) upsertedRelations.push(relation);
      else deletedRelationIds.push(id);
    }
    return { upsertedAnnotations, deletedAnnotationIds, upsertedRelations, deletedRelationIds };
  }
}

/** What the undo and redo buttons offer, from the two ends of a document's history. */
export function historyState(lastDone: { description: string } | undefined, firstUndone: { description: string } | undefined): HistoryState {
  return {
    canUndo: lastDone !== undefined,
    canRedo: firstUndone !== undefined,
    undoDescription: lastDone?.description ?? null,
    redoDescription: firstUndone?.description ?? null,
  };
}

/** A step's result for the renderer: what changed, and the history after it. */
export function changeResult(documentId: number, changes: ChangeCollector, history: HistoryState, createdIds: Record<string, number> = {}): ChangeResult {
  return { documentId, ...changes.result(), history, createdIds };
}
