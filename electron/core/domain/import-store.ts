/**
 * Storing what an import read: each file's documents all or nothing (a savepoint per file), the schema grown
 * as they need, every offset and reference checked again (a parser may have let something through), and
 * nothing entered in the undo history.
 */
import { OffsetIndex } from '../../shared/offsets.ts';
import type { AttributeValue, Fragment, Label } from '../../shared/types.ts';
import { TransactionLostError, type NewAnnotationRow, type WriteTx } from '../repository.ts';
import { contentHash } from '../text.ts';
import type { ImportedDocument, ImportedFile, ImportedFileResult, ImportedRelation, ImportOptions, ImportOutcome } from '../workspace.ts';
import { newDocumentRow } from './documents.ts';
import { checkFragments, coveredText, FragmentError } from './fragments.ts';
import { SchemaGrowth } from './import-schema.ts';

/**
 * Stores several files inside the caller's transaction, each in a savepoint: a file that fails is taken back
 * alone and its result is the error. A failure that ended the whole transaction fails the batch.
 */
export async function storeImportedFiles(tx: WriteTx, files: readonly ImportedFile[], timestamp: string): Promise<ImportedFileResult[]> {
  let schema = await SchemaGrowth.of(tx);
  const results: ImportedFileResult[] = [];
  for (const file of files) {
    try {
      results.push({ outcomes: await tx.savepoint(() => storeFile(tx, schema, file.documents, file.options, timestamp)) });
    } catch (error) {
      if (error instanceof TransactionLostError) throw error;
      // Labels, relation types and actors the rolled-back file added are no longer in the workspace.
      schema = await SchemaGrowth.of(tx);
      results.push({ error: error instanceof Error ? error : new Error(String(error)) });
    }
  }
  return results;
}

async function storeFile(tx: WriteTx, schema: SchemaGrowth, documents: readonly ImportedDocument[], options: ImportOptions, timestamp: string): Promise<ImportOutcome[]> {
  const outcomes: ImportOutcome[] = [];
  for (const imported of documents) outcomes.push(await storeDocument(tx, schema, imported, options, timestamp));
  return outcomes;
}

async function storeDocument(tx: WriteTx, schema: SchemaGrowth, imported: ImportedDocument, options: ImportOptions, timestamp: string): Promise<ImportOutcome> {
  const text = imported.document.text;
  const hash = contentHash(text);
  const index = new OffsetIndex(text);
  let existing: { id: number; title: string } | undefined;
  if (imported.existingDocumentId !== undefined) {
    const annotated = await tx.documentIdentity(imported.existingDocumentId);
    // A content hash is no secret: comparing it in variable time gives nothing away.
    // eslint-disable-next-line security/detect-possible-timing-attacks
    if (annotated?.contentHash !== hash) {
      throw new Error(`document ${imported.existingDocumentId} does not exist or its text is not the one the annotations were read against`);
    }
    existing = annotated;
  } else {
    existing = await tx.documentWithHash(hash);
    const reason = existing && options.duplicates === 'skip' ? await duplicateReason(tx, existing, imported) : undefined;
    if (existing && reason) return { status: 'skipped', documentId: existing.id, title: imported.document.title, annotations: 0, relations: 0, reason };
  }
  const documentId =
    existing?.id ??
    (await tx.insertDocument(newDocumentRow(imported.document, { text, normalisation: imported.normalisation, contentHash: hash, length: index.codePointLength }, imported.status ?? 'new', timestamp)));
  for (const declared of imported.schema ?? []) await schema.declare(declared.label, declared.attributes);

  const keys = new Set<string>();
  const rows: NewAnnotationRow[] = [];
  for (const annotation of imported.annotations) {
    if (keys.has(annotation.key)) throw new Error(`annotation ${annotation.key} appears twice`);
    keys.add(annotation.key);
    const fragments = checkImportedFragments(annotation.fragments, index.codePointLength, annotation.key);
    let label = schema.knownLabel(annotation.label) ?? (await schema.label(annotation.label));
    let attributes: Record<string, AttributeValue> | null = null;
    if (annotation.attributes) {
      for (const name in annotation.attributes) {
        if (!Object.hasOwn(annotation.attributes, name)) continue;
        const value = annotation.attributes[name]!;
        if (value === null) continue;
        label = await schema.attribute(label, name, value);
        (attributes ??= {})[name] = await targetOrValue(schema, label, name, value, annotation.key, timestamp);
      }
    }
    if (annotation.actors) {
      for (const [name, actor] of Object.entries(annotation.actors)) {
        label = await schema.actorAttribute(label, name);
        (attributes ??= {})[name] = await schema.actor(actor, timestamp);
      }
    }
    rows.push({
      documentId,
      labelId: label.id,
      fragments,
      text: coveredText(text, index, fragments),
      attributes: attributes ?? NO_ATTRIBUTES,
      note: annotation.note ?? '',
      author: annotation.author ?? '',
      origin: annotation.origin ?? 'imported',
      createdAt: annotation.createdAt ?? timestamp,
      updatedAt: annotation.updatedAt ?? annotation.createdAt ?? timestamp,
    });
  }
  const ids = new Map<string, number>();
  (await tx.insertAnnotations(rows)).forEach((id, position) => ids.set(imported.annotations[position]!.key, id));

  const relations = [];
  for (const relation of imported.relations) {
    const source = ids.get(relation.sourceKey);
    const target = ids.get(relation.targetKey);
    if (source === undefined) throw new Error(`${describeRelation(relation)}: there is no annotation ${relation.sourceKey}`);
    if (target === undefined) throw new Error(`${describeRelation(relation)}: there is no annotation ${relation.targetKey}`);
    if (source === target) throw new Error(`${describeRelation(relation)}: an annotation cannot be related to itself`);
    await schema.relationType(relation.type);
    relations.push({ documentId, type: relation.type, sourceId: source, targetId: target, createdAt: timestamp });
  }
  await tx.insertRelations(relations);
  const caseMatches = schema.takeCaseMatches();
  return {
    status: existing ? 'merged' : 'imported',
    documentId,
    title: imported.document.title,
    annotations: imported.annotations.length,
    relations: imported.relations.length,
    ...(caseMatches.length > 0 ? { labelsMatchedIgnoringCase: caseMatches } : {}),
  };
}

/**
 * Why a document whose text is already in the workspace is a duplicate, or undefined when it is another
 * annotator's work on that text: then its annotations become that annotator's layer of the same document (two
 * annotators' `<article>_<annotator>.ann` of one article). A file without annotations, or one by an annotator
 * who already has annotations on that document, adds nothing new: it is skipped.
 */
async function duplicateReason(tx: WriteTx, existing: { id: number; title: string }, imported: ImportedDocument): Promise<string | undefined> {
  const sameText = `same text as document ${existing.id} (“${existing.title}”)`;
  if (imported.annotations.length === 0) return sameText;
  const present = await tx.documentAnnotators(existing.id);
  const annotators = new Set(imported.annotations.map((annotation) => annotation.author ?? ''));
  const again = [...annotators].filter((annotator) => present.has(annotator));
  if (again.length === 0) return undefined;
  const named = again.map((annotator) => (annotator ? `“${annotator}”` : 'an unnamed annotator')).join(', ');
  return `${sameText}, which already has annotations by ${named}`;
}

/** A target-typed attribute's value is a target's name, stored as the id of that entry (found or created). */
async function targetOrValue(schema: SchemaGrowth, label: Label, name: string, value: AttributeValue, key: string, timestamp: string): Promise<AttributeValue> {
  if (label.attributes.find((def) => def.name === name)?.type !== 'target') return value;
  if (typeof value !== 'string' || !value.trim()) throw new Error(`annotation ${key}: ${label.name}.${name} names a target by its name, not ${JSON.stringify(value)}`);
  return schema.target(value, timestamp);
}

/** Attributes of the annotations that have none: one shared object, frozen so no one can add to all of them. */
const NO_ATTRIBUTES: Record<string, AttributeValue> = Object.freeze({});

function checkImportedFragments(fragments: Fragment[], length: number, key: string): Fragment[] {
  try {
    return checkFragments(fragments, length, 'text');
  } catch (error) {
    if (!(error instanceof FragmentError)) throw error;
    throw new Error(error.position === null ? `annotation ${key} has no fragments` : `annotation ${key}: ${error.message}`, { cause: error });
  }
}

function describeRelation(relation: ImportedRelation): string {
  return `relation ${relation.type} ${relation.sourceKey} -> ${relation.targetKey}`;
}
