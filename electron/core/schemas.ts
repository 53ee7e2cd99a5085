/**
 * Runtime validation of every API method's parameters. Hosts receive untyped input (IPC messages, HTTP
 * bodies, CLI arguments); nothing reaches the store before passing these schemas. The schemas mirror the
 * types in `shared/types.ts`, and `SchemasMatchTypes` below keeps the two from drifting apart.
 */
import { z } from 'zod';
import { loneSurrogateAt } from './import/source-text.ts';
import type { Equal, ExpectNone, Flatten } from '../shared/type-equality.ts';
import {
  ACTOR_KINDS,
  ANNOTATION_ORIGINS,
  ANNOTATION_SORT_KEYS,
  DASHBOARD_TOP_MAX,
  DOCUMENT_STATUSES,
  EXPORT_FORMATS,
  IMPORT_FORMATS,
  type ApiMethod,
  type ApiParams,
} from '../shared/types.ts';
import { MAX_IMPORT_BASE64_CHARS, MAX_IMPORT_FILE_BYTES } from './import/limits.ts';

const id = z.number().int().positive();
/** A day of publication, YYYY-MM-DD (documents store `publishedAt` from that prefix on). */
const publicationDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day like 2025-03-31');
const offset = z.number().int().nonnegative();
const shortText = (max: number) => z.string().max(max);
const optionalText = (max: number) => z.string().max(max).nullable().optional();
const empty = z.object({}).strict();

const attributeName = z.string().trim().min(1).max(64);
const attributeDef = z.discriminatedUnion('type', [
  z.object({ name: attributeName, type: z.literal('text') }).strict(),
  z.object({ name: attributeName, type: z.literal('boolean') }).strict(),
  z.object({ name: attributeName, type: z.literal('actor') }).strict(),
  z.object({ name: attributeName, type: z.literal('target') }).strict(),
  z
    .object({
      name: attributeName,
      type: z.literal('choice'),
      options: z.array(z.string().trim().min(1).max(64)).min(1).max(50),
    })
    .strict()
    .refine((def) => new Set(def.options).size === def.options.length, { message: 'options must be unique', path: ['options'] }),
]);
const attributeDefs = z
  .array(attributeDef)
  .max(50)
  .refine((defs) => new Set(defs.map((def) => def.name)).size === defs.length, { message: 'attribute names must be unique' });

const labelInput = z
  .object({
    name: z.string().trim().min(1).max(64),
    color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #2f7ed8'),
    hotkey: z.string().regex(/^[^\s]$/u, 'a single key').nullable().optional(),
    description: shortText(1000).optional(),
    attributes: attributeDefs.optional(),
  })
  .strict();

const actorInput = z
  .object({
    name: z.string().trim().min(1).max(300),
    kind: z.enum(ACTOR_KINDS).optional(),
    aliases: z.array(z.string().trim().min(1).max(300)).max(100).optional(),
    externalId: optionalText(100),
    description: shortText(5000).optional(),
  })
  .strict();

const targetInput = z
  .object({
    name: z.string().trim().min(1).max(300),
    aliases: z.array(z.string().trim().min(1).max(300)).max(100).optional(),
    description: shortText(5000).optional(),
  })
  .strict();

const fragment = z.tuple([offset, offset]);
const attributeValues = z.record(z.string(), z.union([z.string().max(10000), z.boolean(), z.number(), z.null()]));
const annotationRef = z.union([id, z.string().min(1).max(64)]);

const edit = z.discriminatedUnion('op', [
  z
    .object({
      op: z.literal('createAnnotation'),
      ref: z.string().min(1).max(64).optional(),
      labelId: id,
      fragments: z.array(fragment).min(1).max(100),
      attributes: attributeValues.optional(),
      note: shortText(100000).optional(),
      origin: z.enum(ANNOTATION_ORIGINS).optional(),
    })
    .strict(),
  z
    .object({
      op: z.literal('updateAnnotation'),
      id: annotationRef,
      labelId: id.optional(),
      fragments: z.array(fragment).min(1).max(100).optional(),
      attributes: attributeValues.optional(),
      note: shortText(100000).optional(),
    })
    .strict(),
  z.object({ op: z.literal('deleteAnnotation'), id: annotationRef }).strict(),
  z
    .object({ op: z.literal('createRelation'), type: z.string().min(1).max(64), sourceId: annotationRef, targetId: annotationRef })
    .strict(),
  z.object({ op: z.literal('deleteRelation'), id }).strict(),
]);

const documentPatch = z
  .object({
    title: z.string().max(1000).optional(),
    status: z.enum(DOCUMENT_STATUSES).optional(),
    source: optionalText(1000),
    url: optionalText(4000),
    author: optionalText(1000),
    publishedAt: optionalText(100),
    language: optionalText(35),
  })
  .strict();

const proportion = z.number().min(0).max(1);
const exportOptions = z
  .object({
    format: z.enum(EXPORT_FORMATS),
    offsets: z.enum(['codepoints', 'utf16']).optional(),
    filter: z
      .object({
        statuses: z.array(z.enum(DOCUMENT_STATUSES)).max(DOCUMENT_STATUSES.length).optional(),
        search: shortText(1000).optional(),
        labels: z.array(z.string().trim().min(1).max(64)).max(500).optional(),
        origins: z.array(z.enum(ANNOTATION_ORIGINS)).max(ANNOTATION_ORIGINS.length).optional(),
      })
      .strict()
      .optional(),
    split: z
      .tuple([proportion, proportion, proportion])
      .refine((parts) => Math.abs(parts[0] + parts[1] + parts[2] - 1) < 1e-6, { message: 'the three proportions must add up to 1' })
      .optional(),
    seed: z.number().int().min(0).max(0xffffffff).optional(),
    zip: z.boolean().optional(),
    doccanoForm: z.enum(['label', 'relations']).optional(),
  })
  .strict();

const annotationFilterShape = {
  text: shortText(500).optional(),
  labelIds: z.array(id).max(500).optional(),
  actorIds: z.array(id).max(500).optional(),
  targetIds: z.array(id).max(500).optional(),
  attributes: z
    .array(z.object({ name: attributeName, value: z.union([z.string().max(10000), z.boolean()]) }).strict())
    .max(20)
    .optional(),
  documentStatuses: z.array(z.enum(DOCUMENT_STATUSES)).max(DOCUMENT_STATUSES.length).optional(),
  documentTagIds: z.array(id).max(500).optional(),
  origins: z.array(z.enum(ANNOTATION_ORIGINS)).max(ANNOTATION_ORIGINS.length).optional(),
  authors: z.array(z.string().max(200)).max(100).optional(),
  publishedFrom: publicationDay.optional(),
  publishedTo: publicationDay.optional(),
};
const annotationFilter = z.object(annotationFilterShape).strict();

const annotationQuery = z
  .object({
    ...annotationFilterShape,
    sort: z.enum(ANNOTATION_SORT_KEYS).optional(),
    direction: z.enum(['asc', 'desc']).optional(),
    offset: offset.max(Number.MAX_SAFE_INTEGER).optional(),
    limit: z.number().int().min(1).max(500).optional(),
  })
  .strict();

const tagName = z.string().trim().min(1, 'a tag needs a name').max(100);
const viewName = z.string().trim().min(1, 'a view needs a name').max(200);

/** At most this many annotations in one bulk action's list of ids (a filter may take any number). */
const MAX_BULK_IDS = 100_000;
const bulkEdit = z
  .object({
    target: z.union([z.object({ ids: z.array(id).min(1).max(MAX_BULK_IDS) }).strict(), z.object({ filter: annotationFilter }).strict()]),
    change: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('relabel'), labelId: id }).strict(),
      z.object({ kind: z.literal('setAttribute'), name: attributeName, value: z.union([z.string().max(10000), z.boolean(), z.number(), z.null()]) }).strict(),
      z.object({ kind: z.literal('setActor'), actorId: id }).strict(),
      z.object({ kind: z.literal('delete') }).strict(),
    ]),
  })
  .strict();

const importFiles = z
  .object({
    files: z
      .array(
        z
          .object({
            name: z.string().trim().min(1).max(1000),
            contentBase64: z.string().max(MAX_IMPORT_BASE64_CHARS, `the file is larger than the ${MAX_IMPORT_FILE_BYTES / (1024 * 1024)} MiB an import takes`),
          })
          .strict(),
      )
      .min(1)
      .max(10000),
    format: z.enum(IMPORT_FORMATS).optional(),
    duplicates: z.enum(['skip', 'merge']).optional(),
    textField: z.string().trim().min(1).max(200).optional(),
    offsets: z.enum(['codepoints', 'utf16']).optional(),
  })
  .strict();

const positionsFilter = z
  .object({
    actorKinds: z.array(z.enum(ACTOR_KINDS)).max(ACTOR_KINDS.length).optional(),
    publishedFrom: publicationDay.optional(),
    publishedTo: publicationDay.optional(),
    documentStatuses: z.array(z.enum(DOCUMENT_STATUSES)).max(DOCUMENT_STATUSES.length).optional(),
    tagIds: z.array(id).max(1000).optional(),
  })
  .strict();

export const PARAM_SCHEMAS = {
  workspaceInfo: empty,
  startUp: z.object({ documentId: id.optional() }).strict(),
  stats: empty,
  listDocuments: z.object({ query: shortText(1000).optional() }).strict(),
  openDocument: z.object({ id }).strict(),
  getAnnotation: z.object({ id }).strict(),
  createDocument: z
    .object({
      title: z.string().trim().min(1).max(1000),
      text: z
        .string()
        .min(1, 'a document needs some text')
        .max(MAX_IMPORT_FILE_BYTES, `a document's text is at most ${MAX_IMPORT_FILE_BYTES / 1024 / 1024} MiB, as an imported file is`)
        .refine((text) => Buffer.byteLength(text) <= MAX_IMPORT_FILE_BYTES, `a document's text is at most ${MAX_IMPORT_FILE_BYTES / 1024 / 1024} MiB, as an imported file is`)
        .refine((text) => loneSurrogateAt(text) < 0, 'the text holds a lone UTF-16 surrogate (such as \\ud800 without its pair), which is no character'),
      source: optionalText(1000),
      url: optionalText(4000),
      author: optionalText(1000),
      publishedAt: optionalText(100),
      language: optionalText(35),
      metadata: z.record(z.string(), z.unknown()).optional(),
      isSample: z.boolean().optional(),
    })
    .strict(),
  updateDocument: z.object({ id, patch: documentPatch }).strict(),
  deleteDocument: z.object({ id }).strict(),
  listLabels: empty,
  createLabel: labelInput,
  updateLabel: z.object({ id, patch: labelInput.partial() }).strict(),
  deleteLabel: z.object({ id, withAnnotations: z.boolean().optional() }).strict(),
  listRelationTypes: empty,
  createRelationType: z
    .object({
      name: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/, 'a name of letters, digits, _ and -'),
      description: shortText(1000).optional(),
    })
    .strict(),
  queryAnnotations: annotationQuery,
  agreement: z
    .object({
      annotators: z.array(shortText(300)).min(2).max(100).optional(),
      labels: z.array(shortText(64)).min(1).max(1000).optional(),
      samples: z.number().int().min(0).max(10_000).optional(),
      seed: z.number().int().min(0).max(2 ** 32 - 1).optional(),
    })
    .strict(),
  positionsMatrix: positionsFilter,
  dashboard: z.object({ top: z.number().int().min(1).max(DASHBOARD_TOP_MAX).optional() }).strict(),
  stanceOverTime: z.object({ actorId: id, targetId: id, filter: positionsFilter.optional() }).strict(),
  positionItems: z.object({ actorId: id, targetId: id, filter: positionsFilter.optional() }).strict(),
  listTargets: z.object({ query: shortText(300).optional() }).strict(),
  createTarget: targetInput,
  updateTarget: z.object({ id, patch: targetInput.partial() }).strict(),
  deleteTarget: z.object({ id }).strict(),
  mergeTargets: z
    .object({ survivorId: id, mergedId: id })
    .strict()
    .refine((params) => params.survivorId !== params.mergedId, { message: 'a target cannot be merged into itself', path: ['mergedId'] }),
  listActors: z.object({ query: shortText(300).optional() }).strict(),
  createActor: actorInput,
  updateActor: z.object({ id, patch: actorInput.partial() }).strict(),
  deleteActor: z.object({ id, unlink: z.boolean().optional() }).strict(),
  listActorSummaries: empty,
  actorReferences: z.object({ id }).strict(),
  mergeActors: z
    .object({ survivorId: id, mergedId: id })
    .strict()
    .refine((params) => params.survivorId !== params.mergedId, { message: 'an actor cannot be merged into itself', path: ['mergedId'] }),
  actorItems: z
    .object({
      actorId: id,
      labelIds: z.array(id).max(100).optional(),
      attribute: z.object({ name: z.string().min(1).max(64), value: z.string().max(10000) }).strict().optional(),
      publishedFrom: publicationDay.optional(),
      publishedTo: publicationDay.optional(),
      offset: offset.max(Number.MAX_SAFE_INTEGER).optional(),
      limit: z.number().int().min(1).max(500).optional(),
    })
    .strict(),
  searchCorpus: z
    .object({
      query: z.string().max(1000),
      limit: z.number().int().min(1).max(500).optional(),
      labelIds: z.array(id).max(100).optional(),
      actorId: id.optional(),
    })
    .strict(),
  undoRemoval: z.object({ id }).strict(),
  listDocumentTags: empty,
  tagDocument: z.object({ documentId: id, name: tagName }).strict(),
  untagDocument: z.object({ documentId: id, tagId: id }).strict(),
  listSavedViews: empty,
  createSavedView: z.object({ name: viewName, filter: annotationFilter }).strict(),
  updateSavedView: z.object({ id, patch: z.object({ name: viewName.optional(), filter: annotationFilter.optional() }).strict() }).strict(),
  deleteSavedView: z.object({ id }).strict(),
  bulkEdit,
  undoBulkAction: z.object({ id }).strict(),
  edit: z
    .object({ documentId: id, description: z.string().trim().min(1).max(200), edits: z.array(edit).min(1).max(10000) })
    .strict(),
  undo: z.object({ documentId: id }).strict(),
  redo: z.object({ documentId: id }).strict(),
  getSettings: empty,
  updateSettings: z
    .object({
      snapToWords: z.boolean().optional(),
      author: shortText(200).optional(),
      backupEveryMinutes: z.number().int().min(0).max(24 * 60).optional(),
      backupsKept: z.number().int().min(1).max(1000).optional(),
      suggestions: z
        .object({
          attributionModel: z.boolean(),
          stringMatching: z.boolean(),
          labels: z.array(shortText(200)).max(200),
          threshold: z.number().min(0).max(1),
        })
        .strict()
        .optional(),
    })
    .strict(),
  listBackups: empty,
  backUpWorkspace: empty,
  restoreBackup: z.object({ file: z.string().min(1).max(300) }).strict(),
  exportPreview: exportOptions,
  exportData: exportOptions,
  importFiles,
} satisfies { [M in ApiMethod]: z.ZodType<unknown> };

/** True when what the method's schema accepts (`z.input`) and what it returns (`z.output`) are exactly its parameters' type. */
type SchemaMatchesType<M extends ApiMethod> = [
  Equal<Flatten<z.input<(typeof PARAM_SCHEMAS)[M]>>, Flatten<ApiParams<M>>>,
  Equal<Flatten<z.output<(typeof PARAM_SCHEMAS)[M]>>, Flatten<ApiParams<M>>>,
] extends [true, true]
  ? true
  : false;

/**
 * Fails `npm run typecheck`, naming the method, when a schema and its method's parameters differ in any field:
 * one missing, added, renamed, retyped, or optional on one side only. type-checks.test.ts shows that it does.
 */
export type SchemasMatchTypes = ExpectNone<{ [M in ApiMethod]: SchemaMatchesType<M> extends true ? never : M }[ApiMethod]>;

