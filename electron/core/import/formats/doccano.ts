/**
 * JSON records, one document each: JSON Lines (.jsonl) or a JSON array of records. Plain article records
 * (`{"text": ..., "title": ..., "url": ...}`) become documents with metadata; doccano's annotated records also
 * bring their spans, in any of the forms doccano reads and writes:
 *
 * - sequence labelling: `"label": [[start, end, "LABEL"], ...]` (also under `labels` or a custom name such as
 *   `column_label`: any field holding such triples);
 * - relation extraction: `"entities": [{"id", "start_offset", "end_offset", "label"}]` with
 *   `"relations": [{"from_id", "to_id", "type"}]`;
 * - older exports: `"annotations": [{"label", "start_offset", "end_offset", "user"}]` (the user becomes the author).
 *
 * spaCy training records (`{"text", "entities", "spans": {"sc": [...]}}`) bring `spans.sc`, which holds every span
 * (`entities` only those that do not overlap), in code points as spaCy counts.
 *
 * A record Parley wrote says its offset unit (`parley_export`), and is read in it. Otherwise doccano counts
 * offsets in UTF-16 code units (its editor is JavaScript), so that is the default; `offsets: codepoints` reads
 * files written by Python tools. doccano records carry no covered text to check against: when the unit was not
 * given and a text has characters outside the Basic Multilingual Plane, where the two units select different
 * text, a warning names the unit assumed and the first spans that differ. The text field is `text` (or doccano's
 * `column_data`) unless the user names another; the remaining fields (and those of a `meta` object) become
 * document properties when named like one (title, url, date, ...) and metadata otherwise.
 */
import type { ImportFix, OffsetUnit } from '../../../shared/types.ts';
import type { ImportedAnnotation, ImportedRelation } from '../../workspace.ts';
import { decodeText } from '../decode.ts';
import { fileTitle, importedDocument, nameProblem, titleFromText, type Provenance } from '../document.ts';
import { asList, checkJsonDepth, parseJsonFile, textOf } from '../json.ts';
import { missingTextField, recordFields, textFieldOf } from '../metadata.ts';
import { checkpoint, type FileParser, type ParseResult } from '../parse.ts';
import { ImportFileError, ProblemList, quote } from '../problems.ts';
import { SourceText } from '../source-text.ts';
import { EXPORT_STAMP_FIELD, stampedOffsets } from '../../export/stamp.ts';

/** Records between two looks at the event loop (progress, cancel). */
const RECORDS_PER_CHECKPOINT = 200;

/** Spans shown in the warning about an assumed offset unit. */
const UNIT_EXAMPLES = 3;

/** Field names under which doccano keeps spans, used when their list is empty (and so shapeless). */
const SPAN_FIELD_NAMES = ['label', 'labels', 'entities', 'annotations', 'column_label'];

interface JsonRecord {
  value: unknown;
  /** 1-based line of a JSON Lines record; undefined for an element of a JSON array. */
  line?: number;
  /** How to point at the record in a message: "line 3" or "record 3". */
  where: string;
}

interface Span {
  key: string;
  start: unknown;
  end: unknown;
  label: unknown;
  author?: string;
}

export const parseJsonRecords: FileParser = async (input, bytes, options) => {
  const { text: raw, encoding } = decodeText(bytes);
  const problems = new ProblemList();
  const records = readRecords(raw.replace(/^\uFEFF/, ''), problems);
  const result: ParseResult = { documents: [], warnings: [], skipped: [] };
  /** Spans whose text depends on the unit, read in the assumed one: counted, and the first few described. */
  const unitDependent = { count: 0, examples: [] as string[] };

  for (const [index, record] of records.entries()) {
    if (index % RECORDS_PER_CHECKPOINT === RECORDS_PER_CHECKPOINT - 1) await checkpoint(options.signal);
    const problem = (message: string, fix?: ImportFix) => problems.add(record.line, record.line === undefined ? `${record.where}: ${message}` : message, fix);
    if (typeof record.value !== 'object' || record.value === null || Array.isArray(record.value)) {
      problem('is not a JSON object');
      continue;
    }
    const fields = flattenMeta(record.value as Record<string, unknown>);
    const names = Object.keys(fields);
    const textField = textFieldOf(names, options.textField);
    if (!textField) {
      const missing = missingTextField(names, options.textField, 'field');
      problem(missing.message, missing.fix);
      continue;
    }
    const text = fields[textField];
    if (typeof text !== 'string') {
      problem(`“${textField}” is not a string`);
      continue;
    }
    const source = new SourceText(text);
    if (!source.text.trim()) {
      result.skipped.push({ where: record.where, reason: `“${textField}” is empty` });
      continue;
    }

    const stamped = stampedOffsets(fields[EXPORT_STAMP_FIELD]);
    const spanCategories = spacySpans(fields['spans']);
    // spaCy's offsets are code points by definition (Python string indices); doccano's are not stated.
    const defined = stamped ?? (spanCategories ? 'codepoints' : undefined);
    const unit: OffsetUnit = options.offsets ?? defined ?? 'utf16';
    const unitAssumed = options.offsets === undefined && defined === undefined && source.text.length !== source.length;
    const spanField = spanCategories ? 'spans' : findSpanField(fields, textField);
    if (typeof spanField === 'object') {
      problem(spanField.problem);
      continue;
    }
    const spans = spanCategories ?? (spanField === undefined ? [] : spansOf(fields[spanField] as unknown[]));
    const annotations: ImportedAnnotation[] = [];
    const keys = new Set<string>();
    for (const span of spans) {
      const where = `span ${span.key}`;
      const label = typeof span.label === 'number' ? textOf(span.label) : span.label;
      const labelProblem = typeof label === 'string' ? nameProblem(label, 'label') : 'the label is not a string';
      if (labelProblem) {
        problem(`${where}: ${labelProblem}`);
        continue;
      }
      if (keys.has(span.key)) {
        problem(`${where}: two spans have the id ${span.key}`);
        continue;
      }
      const mapped = source.range(span.start, span.end, unit);
      if ('problem' in mapped) {
        problem(`${where}: ${mapped.problem}`);
        continue;
      }
      keys.add(span.key);
      if (unitAssumed) noteUnitDependence(source, span, mapped.fragment, record.where, unitDependent);
      annotations.push({ key: span.key, label: label as string, fragments: [mapped.fragment], ...(span.author ? { author: span.author } : {}) });
    }
    const relations = relationsOf(fields['relations'], keys, problem);

    const used = new Set([
      textField,
      ...(spanField ? [spanField] : []),
      ...(spanCategories && Array.isArray(fields['entities']) ? ['entities'] : []),
      ...(relations.length > 0 || Array.isArray(fields['relations']) ? ['relations'] : []),
      // A record Parley wrote: its id is the workspace's document id, and its stamp says how it was written.
      ...(stamped ? ['id', EXPORT_STAMP_FIELD] : []),
    ]);
    const { fields: properties, metadata } = recordFields(fields, used);
    const provenance: Provenance = { file: input.storedName, format: 'jsonl', encoding, ...(record.line === undefined ? {} : { line: record.line }) };
    result.documents.push(
      importedDocument(source, provenance, {
        fields: { ...properties, title: properties.title ?? titleFromText(source.text, `${fileTitle(input.name)} ${record.where}`) },
        metadata,
        annotations,
        relations,
      }),
    );
  }
  problems.throwIfAny();
  if (unitDependent.count > 0) {
    result.warnings.push({
      message:
        `the file does not say how its offsets count; they were read as UTF-16 code units (doccano's editor). ` +
        `${unitDependent.count} span(s) cover other text when read as code points (Python tools), e.g. ${unitDependent.examples.join('; ')}. ` +
        'If the file was written by a Python tool, import it again with offsets in code points (--offsets codepoints)',
    });
  }
  return result;
};

/** Counts a span whose text in code points differs from its text in UTF-16 units (what was read). */
function noteUnitDependence(source: SourceText, span: Span, read: [number, number], where: string, found: { count: number; examples: string[] }): void {
  const other = source.range(span.start, span.end, 'codepoints');
  const readText = source.slice(read[0], read[1]);
  const otherText = 'problem' in other ? undefined : source.slice(other.fragment[0], other.fragment[1]);
  if (otherText === readText) return;
  found.count++;
  if (found.examples.length < UNIT_EXAMPLES) {
    found.examples.push(`${where} [${String(span.start)}, ${String(span.end)}]: ${quote(readText)} as UTF-16, ${otherText === undefined ? 'out of the text' : quote(otherText)} as code points`);
  }
}

/** spaCy's `spans` (`{"sc": [[start, end, label], ...]}`): the spans of its categorizer key, or undefined. */
function spacySpans(value: unknown): Span[] | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const categories = Object.values(value as Record<string, unknown>);
  if (categories.length === 0 || !categories.every((list) => Array.isArray(list) && list.every(isSpanTriple))) return undefined;
  return spansOf(categories.flat() as unknown[]);
}

/**
 * The records of a JSON Lines file, or of a JSON array (or single object) when the file is one JSON value, as
 * doccano's own pretty-printed examples are. Lines that are not valid JSON go to `problems`; the others are
 * still read, so that one look at the summary shows everything wrong with the file.
 */
function readRecords(raw: string, problems: ProblemList): JsonRecord[] {
  const lines = raw.split(/\r\n|\n|\r/);
  const records: JsonRecord[] = [];
  for (const [index, line] of lines.entries()) {
    if (!line.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      if (records.length === 0 && problems.isEmpty) {
        // The first line is no JSON value: the file may be one JSON value over many lines, or neither.
        return readWhole(raw);
      }
      problems.add(index + 1, `is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
      continue;
    }
    checkJsonDepth(value, index + 1);
    records.push({ value, line: index + 1, where: `line ${index + 1}` });
  }
  if (records.length === 0 && problems.isEmpty) throw new ImportFileError('has no records');
  return records;
}

function readWhole(raw: string): JsonRecord[] {
  const items = asList(parseJsonFile(raw));
  return items.map((item, index) => ({ value: item, where: `record ${index + 1}` }));
}

/** A record with the fields of its `meta` object lifted to the top (the record's own fields win). */
function flattenMeta(record: Record<string, unknown>): Record<string, unknown> {
  const meta = record['meta'];
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) return record;
  const { meta: _meta, ...rest } = record;
  return { ...(meta as Record<string, unknown>), ...rest };
}

function isSpanTriple(item: unknown): boolean {
  return Array.isArray(item) && item.length === 3 && typeof item[0] === 'number' && typeof item[1] === 'number' && ['string', 'number'].includes(typeof item[2]);
}

function isSpanObject(item: unknown): boolean {
  return typeof item === 'object' && item !== null && 'start_offset' in item && 'end_offset' in item && 'label' in item;
}

/** The field that holds the record's spans, if any; a problem when two fields do. */
function findSpanField(fields: Record<string, unknown>, textField: string): string | undefined | { problem: string } {
  const holding = Object.entries(fields).filter(
    ([name, value]) => name !== textField && Array.isArray(value) && value.length > 0 && (value.every(isSpanTriple) || value.every(isSpanObject)),
  );
  if (holding.length > 1) return { problem: `two fields hold spans (${holding.map(([name]) => `“${name}”`).join(' and ')}); keep one` };
  if (holding.length === 1) return holding[0]![0];
  return SPAN_FIELD_NAMES.find((name) => Array.isArray(fields[name]) && (fields[name] as unknown[]).length === 0);
}

function spansOf(items: unknown[]): Span[] {
  return items.map((item, index) => {
    if (Array.isArray(item)) return { key: `#${index + 1}`, start: item[0], end: item[1], label: item[2] };
    const span = item as { id?: unknown; start_offset: unknown; end_offset: unknown; label: unknown; user?: unknown };
    const key = typeof span.id === 'number' || typeof span.id === 'string' ? textOf(span.id) : `#${index + 1}`;
    const user = typeof span.user === 'number' || typeof span.user === 'string' ? textOf(span.user) : undefined;
    return { key, start: span.start_offset, end: span.end_offset, label: span.label, ...(user ? { author: user } : {}) };
  });
}

/** doccano's `relations`: `{from_id, to_id, type}` between entity ids. */
function relationsOf(value: unknown, keys: ReadonlySet<string>, problem: (message: string) => void): ImportedRelation[] {
  if (!Array.isArray(value)) return [];
  const relations: ImportedRelation[] = [];
  value.forEach((item, index) => {
    const relation = (typeof item === 'object' && item !== null ? item : {}) as { from_id?: unknown; to_id?: unknown; type?: unknown };
    const where = `relation ${index + 1}`;
    const type = relation.type;
    const typeProblem = typeof type === 'string' ? nameProblem(type, 'relation type') : 'it has no "type"';
    if (typeProblem) return problem(`${where}: ${typeProblem}`);
    const [source, target] = [textOf(relation.from_id), textOf(relation.to_id)];
    for (const end of [source, target]) if (!keys.has(end)) return problem(`${where}: there is no entity with id ${end}`);
    if (source === target) return problem(`${where}: it relates entity ${source} to itself`);
    relations.push({ type: type as string, sourceKey: source, targetKey: target });
  });
  return relations;
}
