/**
 * Parley's own JSONL (what `parley export --format parley` writes, see export/formats/parley.ts): one document
 * per line with everything the workspace holds about it. Importing it gives back the same documents (title,
 * text, status, properties, metadata and normalisation record, unchanged), annotations (label, fragments,
 * attributes, note, author, origin, timestamps), relations and actors, and the attribute definitions of the
 * labels used. Each annotation's recorded text is checked against its fragments; a record whose text no longer
 * has the content hash it was exported with is refused.
 */
import { DOCUMENT_STATUSES, type AttributeDef, type AttributeValue, type DocumentStatus, type OffsetUnit, type TextNormalisation } from '../../../shared/types.ts';
import type { ImportedActor, ImportedAnnotation, ImportedDocument, ImportedRelation } from '../../workspace.ts';
import { contentHash } from '../../text.ts';
import { decodeText } from '../decode.ts';
import { nameProblem } from '../document.ts';
import { actorKindNamed } from '../../../shared/actor-kinds.ts';
import { isObject, textOf, checkJsonDepth } from '../json.ts';
import { checkpoint, type FileParser } from '../parse.ts';
import { ImportFileError, ProblemList, quote } from '../problems.ts';
import { SourceText } from '../source-text.ts';

/** The record layout this reader knows (export/formats/parley.ts PARLEY_JSONL_VERSION). */
const KNOWN_VERSION = 1;

const RECORDS_PER_CHECKPOINT = 100;

const parseParley: FileParser = async (_input, bytes, options) => {
  const { text: raw } = decodeText(bytes);
  const problems = new ProblemList();
  const documents: ImportedDocument[] = [];
  const lines = raw.replace(/^\uFEFF/, '').split('\n');
  for (const [index, line] of lines.entries()) {
    if (index % RECORDS_PER_CHECKPOINT === RECORDS_PER_CHECKPOINT - 1) await checkpoint(options.signal);
    if (!line.trim()) continue;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch (error) {
      problems.add(index + 1, `is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
      continue;
    }
    checkJsonDepth(record, index + 1);
    const document = readRecord(record, (message) => problems.add(index + 1, message));
    if (document) documents.push(document);
  }
  problems.throwIfAny();
  if (documents.length === 0) throw new ImportFileError('has no records');
  return { documents, warnings: [], skipped: [] };
};

/**
 * A JSON Lines parser that hands files of Parley's own records (their first record names its layout version
 * in `parley`) to `parseParley`, and every other file to `other`.
 */
export function withParleyJsonl(other: FileParser): FileParser {
  return (input, bytes, options, context) => (isParleyFile(bytes) ? parseParley(input, bytes, options, context) : other(input, bytes, options, context));
}

function isParleyFile(bytes: Uint8Array): boolean {
  const end = bytes.indexOf(0x0a);
  const firstLine = new TextDecoder().decode(end < 0 ? bytes : bytes.subarray(0, end)).replace(/^\uFEFF/, '');
  try {
    const record: unknown = JSON.parse(firstLine);
    return isObject(record) && typeof record['parley'] === 'number';
  } catch {
    return false;
  }
}

function readRecord(record: unknown, problem: (message: string) => void): ImportedDocument | undefined {
  if (!isObject(record) || typeof record['text'] !== 'string' || typeof record['title'] !== 'string') {
    problem('is not a Parley record (an object with "title" and "text")');
    return undefined;
  }
  if (record['parley'] !== KNOWN_VERSION) {
    problem(
      record['parley'] === undefined
        ? `has no "parley" field saying which record layout it is in (this version reads layout ${KNOWN_VERSION})`
        : `was written in Parley's record layout ${textOf(record['parley'])}, which this version does not know (it reads layout ${KNOWN_VERSION})`,
    );
    return undefined;
  }
  const text = record['text'];
  if (typeof record['contentHash'] === 'string' && record['contentHash'] !== contentHash(text)) {
    problem('its text was changed after the export (the content hash differs); offsets into it cannot be trusted');
    return undefined;
  }
  if (text.includes('\r') || text.startsWith('\uFEFF')) {
    problem('its text has a BOM or CR characters, which an exported Parley text never has');
    return undefined;
  }
  const unit: OffsetUnit = record['offsets'] === 'utf16' ? 'utf16' : 'codepoints';
  const source = new SourceText(text);
  const schema = readSchema(record['schema']);
  const actorAttributes = new Set(schema.flatMap(({ label, attributes }) => attributes.filter((def) => def.type === 'actor').map((def) => `${label}\u0000${def.name}`)));
  const actors = new Map(
    (Array.isArray(record['actors']) ? record['actors'] : []).filter(isObject).map((actor) => [actor['id'], actorOf(actor)] as const),
  );

  const annotations: ImportedAnnotation[] = [];
  for (const [position, item] of (Array.isArray(record['annotations']) ? record['annotations'] : []).entries()) {
    const annotation = readAnnotation(item, position, source, unit, actorAttributes, actors, problem);
    if (annotation) annotations.push(annotation);
  }
  const keys = new Set(annotations.map((annotation) => annotation.key));
  const relations: ImportedRelation[] = [];
  for (const [position, item] of (Array.isArray(record['relations']) ? record['relations'] : []).entries()) {
    const relation = isObject(item) ? item : {};
    const [sourceKey, targetKey, type] = [textOf(relation['source']), textOf(relation['target']), relation['type']];
    const typeProblem = typeof type === 'string' ? nameProblem(type, 'relation type') : 'it has no type';
    if (typeProblem) problem(`relation ${position + 1}: ${typeProblem}`);
    else if (!keys.has(sourceKey) || !keys.has(targetKey)) problem(`relation ${position + 1}: it joins annotations ${sourceKey} and ${targetKey}, which are not both in the record`);
    else relations.push({ type: type as string, sourceKey, targetKey });
  }

  const status = DOCUMENT_STATUSES.includes(record['status'] as DocumentStatus) ? (record['status'] as DocumentStatus) : undefined;
  const optional = (name: string) => (typeof record[name] === 'string' ? (record[name] as string) : null);
  const imported: ImportedDocument = {
    document: {
      title: record['title'],
      text,
      source: optional('source'),
      url: optional('url'),
      author: optional('author'),
      publishedAt: optional('publishedAt'),
      language: optional('language'),
      metadata: isObject(record['metadata']) ? record['metadata'] : {},
      isSample: record['isSample'] === true,
    },
    normalisation: readNormalisation(record['normalisation']),
    annotations,
    relations,
  };
  if (schema.length > 0) imported.schema = schema;
  if (status) imported.status = status;
  return imported;
}

function readAnnotation(
  item: unknown,
  position: number,
  source: SourceText,
  unit: OffsetUnit,
  actorAttributes: ReadonlySet<string>,
  actors: ReadonlyMap<unknown, ImportedActor>,
  problem: (message: string) => void,
): ImportedAnnotation | undefined {
  const where = `annotation ${isObject(item) && item['id'] !== undefined ? textOf(item['id']) : position + 1}`;
  if (!isObject(item) || typeof item['label'] !== 'string' || !Array.isArray(item['fragments']) || item['fragments'].length === 0) {
    problem(`${where}: it needs a label and fragments`);
    return undefined;
  }
  const label = item['label'];
  const labelProblem = nameProblem(label, 'label');
  if (labelProblem) {
    problem(`${where}: ${labelProblem}`);
    return undefined;
  }
  const fragments: [number, number][] = [];
  for (const fragment of item['fragments']) {
    const mapped = Array.isArray(fragment) ? source.range(fragment[0], fragment[1], unit) : { problem: 'a fragment is not a [start, end] pair' };
    if ('problem' in mapped) {
      problem(`${where}: ${mapped.problem}`);
      return undefined;
    }
    fragments.push(mapped.fragment);
  }
  fragments.sort((a, b) => a[0] - b[0]);
  const covered = fragments.map(([start, end]) => source.slice(start, end)).join(' ');
  if (typeof item['text'] === 'string' && item['text'] !== covered) {
    problem(`${where}: its text is ${quote(item['text'])}, but its fragments cover ${quote(covered)}`);
    return undefined;
  }
  const attributes: Record<string, AttributeValue> = {};
  const actorValues: Record<string, ImportedActor> = {};
  for (const [name, value] of Object.entries(isObject(item['attributes']) ? item['attributes'] : {})) {
    const actor = actorAttributes.has(`${label}\u0000${name}`) ? actors.get(value) : undefined;
    if (actor) actorValues[name] = actor;
    else if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) attributes[name] = value as AttributeValue;
  }
  const text = (name: string) => (typeof item[name] === 'string' ? { [name]: item[name] as string } : {});
  return {
    key: textOf(item['id'] ?? `#${position + 1}`),
    label,
    fragments,
    attributes,
    ...(Object.keys(actorValues).length > 0 ? { actors: actorValues } : {}),
    ...text('note'),
    ...text('author'),
    ...(item['origin'] === 'manual' || item['origin'] === 'imported' || item['origin'] === 'suggested' ? { origin: item['origin'] } : {}),
    ...text('createdAt'),
    ...text('updatedAt'),
  };
}

function actorOf(actor: Record<string, unknown>): ImportedActor {
  const kind = actorKindNamed(actor['kind']);
  return {
    name: textOf(actor['name'] ?? ''),
    ...(kind ? { kind } : {}),
    externalId: typeof actor['externalId'] === 'string' ? actor['externalId'] : null,
    aliases: Array.isArray(actor['aliases']) ? actor['aliases'].map(textOf) : [],
    description: typeof actor['description'] === 'string' ? actor['description'] : '',
  };
}

function readSchema(value: unknown): { label: string; attributes: AttributeDef[] }[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isObject).flatMap((entry) =>
    typeof entry['label'] === 'string' && Array.isArray(entry['attributes'])
      ? [{ label: entry['label'], attributes: entry['attributes'].filter(isAttributeDef) }]
      : [],
  );
}

function isAttributeDef(value: unknown): value is AttributeDef {
  if (!isObject(value) || typeof value['name'] !== 'string') return false;
  if (value['type'] === 'choice') return Array.isArray(value['options']) && value['options'].every((option) => typeof option === 'string');
  return value['type'] === 'text' || value['type'] === 'boolean' || value['type'] === 'actor' || value['type'] === 'target';
}

function readNormalisation(value: unknown): TextNormalisation {
  const record = isObject(value) ? value : {};
  return {
    bomRemoved: record['bomRemoved'] === true,
    crlfToLf: typeof record['crlfToLf'] === 'number' ? record['crlfToLf'] : 0,
    crToLf: typeof record['crToLf'] === 'number' ? record['crToLf'] : 0,
  };
}
