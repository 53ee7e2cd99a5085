/**
 * Label Studio's JSON export (https://labelstud.io/guide/export): a list of tasks, each with `data` (the text
 * under `text`, or the key the user names), `annotations` (one per annotator) and `predictions` (from models).
 *
 * - A `labels` region (`value.start`, `value.end`, `value.labels`) becomes an annotation per label; its
 *   `value.text` is checked against the task's text. Offsets are code points, as Label Studio writes them since
 *   1.6; exports from older versions count UTF-16 units (`offsets: utf16`).
 * - Per-region results (`choices`, `textarea`, `rating`, `number` with the id of a labels region) become
 *   attributes named after the control (`from_name`); choices are declared as choice attributes of the label.
 *   Results about the whole task (no region of that id) are kept in the document's metadata (`classifications`).
 *   What Parley's own export writes is read back as it was: a `parley_note` text area is the region's note, and
 *   a control `Label__attribute` (an attribute several labels share) is the attribute `attribute` of `Label`,
 *   and a choice of `true` or `false` is a yes/no attribute.
 * - A `relation` result becomes a relation from `from_id` to `to_id` (swapped for `direction: left`), one per
 *   relation label, or of type `related` when it has none.
 * - Annotations are authored by their `completed_by` and marked imported; predictions are authored by their
 *   `model_version` and marked suggested. Cancelled annotations are left out, with a warning.
 */
import type { AttributeDef, AttributeValue, ImportFix, OffsetUnit } from '../../../shared/types.ts';
import type { ImportedAnnotation, ImportedDocument, ImportedRelation } from '../../workspace.ts';
import { decodeText } from '../decode.ts';
import { fileTitle, importedDocument, nameProblem, titleFromText } from '../document.ts';
import { asList, isObject, parseJsonFile, timestamp, textOf } from '../json.ts';
import { missingTextField, recordFields, textFieldOf } from '../metadata.ts';
import { checkpoint, type FileParser, type ParseResult } from '../parse.ts';
import { ImportFileError, ProblemList, quote, type FileProblem } from '../problems.ts';
import { SourceText } from '../source-text.ts';
import { identifierFor } from '../../export/formats/common.ts';
import { LABEL_STUDIO_ATTRIBUTE_SEPARATOR, LABEL_STUDIO_NOTE_CONTROL } from '../../export/formats/labelstudio.ts';

/** Relations drawn without a relation label. */
const UNLABELLED_RELATION = 'related';

/** Per-region result types and where their value is: a Map, as the type is the file's text (`valueOf`, `__proto__`). */
const REGION_VALUES = new Map<unknown, (value: Record<string, unknown>) => AttributeValue | undefined>([
  ['choices', (value) => (Array.isArray(value['choices']) ? value['choices'].map(textOf).join(', ') : undefined)],
  ['textarea', (value) => (Array.isArray(value['text']) ? value['text'].map(textOf).join('\n') : undefined)],
  ['rating', (value) => (typeof value['rating'] === 'number' ? value['rating'] : undefined)],
  ['number', (value) => (typeof value['number'] === 'number' ? value['number'] : undefined)],
]);

interface Result {
  id?: unknown;
  type?: unknown;
  from_name?: unknown;
  value?: unknown;
  from_id?: unknown;
  to_id?: unknown;
  direction?: unknown;
  labels?: unknown;
}

export const parseLabelStudio: FileParser = async (input, bytes, options) => {
  const { text: raw, encoding } = decodeText(bytes);
  const value = parseJsonFile(raw);
  const tasks = asList(value);
  if (tasks.length === 0) throw new ImportFileError('has no tasks');
  const unit: OffsetUnit = options.offsets ?? 'codepoints';
  const result: ParseResult = { documents: [], warnings: [], skipped: [] };
  const problems = new ProblemList();
  for (const [index, task] of tasks.entries()) {
    if (index % 100 === 99) await checkpoint(options.signal);
    const document = parseTask(task, index, unit, input.storedName, encoding, options.textField, problems, result.warnings);
    if (document) result.documents.push(document);
  }
  problems.throwIfAny();
  return result;
};

function parseTask(
  task: unknown,
  index: number,
  unit: OffsetUnit,
  file: string,
  encoding: string,
  textField: string | undefined,
  problems: ProblemList,
  warnings: FileProblem[],
): ImportedDocument | undefined {
  const taskName = isObject(task) && (typeof task['id'] === 'number' || typeof task['id'] === 'string') ? `task ${task['id']}` : `task ${index + 1}`;
  const problem = (message: string, fix?: ImportFix) => problems.add(undefined, `${taskName}: ${message}`, fix);
  if (!isObject(task) || !isObject(task['data'])) {
    problem('is not a Label Studio task (an object with “data”)');
    return undefined;
  }
  const data = task['data'];
  const names = Object.keys(data).filter((name) => typeof data[name] === 'string');
  const field = textFieldOf(names, textField);
  if (!field) {
    const missing = missingTextField(names, textField, 'field');
    problem(`its data ${missing.message}`, missing.fix);
    return undefined;
  }
  const source = new SourceText(data[field] as string);
  if (!source.text.trim()) {
    problem(`its “${field}” is empty`);
    return undefined;
  }

  const annotations: ImportedAnnotation[] = [];
  const relations: ImportedRelation[] = [];
  const choices = new Map<string, Map<string, Set<string>>>();
  const classifications: Record<string, unknown>[] = [];
  const entries = [
    ...asList(task['annotations']).map((entry, position) => ({ entry, kind: 'annotation' as const, position })),
    ...asList(task['predictions']).map((entry, position) => ({ entry, kind: 'prediction' as const, position })),
  ];
  for (const { entry, kind, position } of entries) {
    const where = `${kind}s[${position}]`;
    if (!isObject(entry)) {
      problem(`${where} is not an object`);
      continue;
    }
    if (entry['was_cancelled'] === true) {
      warnings.push({ message: `${taskName}: ${where} was cancelled by its annotator and is left out` });
      continue;
    }
    const author = kind === 'annotation' ? annotatorOf(entry['completed_by']) : textOf(entry['model_version'] ?? 'prediction');
    const origin = kind === 'annotation' ? ('imported' as const) : ('suggested' as const);
    const times = { createdAt: timestamp(entry['created_at']), updatedAt: timestamp(entry['updated_at']) };
    const results = asList(entry['result']) as Result[];
    const regions = new Map<string, ImportedAnnotation>();
    /** Regions already reported as broken, so that results about them are not reported again. */
    const broken = new Set<string>();
    const keyPrefix = `${kind[0]}${position}:`;

    results.forEach((item, resultIndex) => {
      if (!isObject(item) || item.type !== 'labels') return;
      const at = `${where}.result[${resultIndex}]`;
      const value = isObject(item.value) ? item.value : {};
      const labels = asList(value['labels']);
      const regionId = textOf(item.id ?? `${resultIndex}`);
      const mapped = source.range(value['start'], value['end'], unit);
      const covered = 'problem' in mapped ? '' : source.rawSlice(mapped.rawStart, mapped.rawEnd);
      const mismatch = typeof value['text'] === 'string' && !('problem' in mapped) && value['text'] !== covered;
      if ('problem' in mapped || mismatch) {
        broken.add(regionId);
        return problem(
          'problem' in mapped
            ? `${at}: ${mapped.problem}`
            : `${at}: value.text is ${quote(textOf(value['text']))}, but characters ${value['start']}–${value['end']} of the text are ${quote(covered)}`,
        );
      }
      labels.forEach((label, labelIndex) => {
        const labelProblem = typeof label === 'string' ? nameProblem(label, 'label') : 'a label is not a string';
        if (labelProblem) return problem(`${at}: ${labelProblem}`);
        const annotation: ImportedAnnotation = {
          key: `${keyPrefix}${regionId}${labelIndex > 0 ? `#${labelIndex}` : ''}`,
          label: label as string,
          fragments: [mapped.fragment],
          author,
          origin,
          ...(times.createdAt ? { createdAt: times.createdAt } : {}),
          ...(times.updatedAt ? { updatedAt: times.updatedAt } : {}),
        };
        annotations.push(annotation);
        if (labelIndex === 0) regions.set(regionId, annotation);
      });
    });

    results.forEach((item, resultIndex) => {
      if (!isObject(item) || typeof item.type !== 'string') return;
      const at = `${where}.result[${resultIndex}]`;
      if (item.type === 'relation') {
        const [from, to] = item.direction === 'left' ? [item.to_id, item.from_id] : [item.from_id, item.to_id];
        const source = regions.get(textOf(from));
        const target = regions.get(textOf(to));
        if (broken.has(textOf(from)) || broken.has(textOf(to))) return;
        if (!source || !target) return problem(`${at}: the relation joins ${textOf(item.from_id)} and ${textOf(item.to_id)}, which are not both labelled regions`);
        const types = asList(item.labels).length > 0 ? asList(item.labels).map(textOf) : [UNLABELLED_RELATION];
        for (const type of types) {
          const typeProblem = nameProblem(type, 'relation type');
          if (typeProblem) problem(`${at}: ${typeProblem}`);
          else relations.push({ type, sourceKey: source.key, targetKey: target.key });
        }
        return;
      }
      const read = REGION_VALUES.get(item.type);
      if (!read) return;
      const control = typeof item.from_name === 'string' ? item.from_name : item.type;
      const chosen = read(isObject(item.value) ? item.value : {});
      // A yes/no choice (the true/false choices Parley writes for a boolean attribute) is a boolean again.
      const value = item.type === 'choices' && (chosen === 'true' || chosen === 'false') ? chosen === 'true' : chosen;
      if (value === undefined) return problem(`${at}: a ${item.type} result without its value`);
      const region = item.id === undefined ? undefined : regions.get(textOf(item.id));
      if (!region) {
        classifications.push({ control, value, author });
        return;
      }
      if (control === LABEL_STUDIO_NOTE_CONTROL && typeof value === 'string') {
        region.note = value;
        return;
      }
      const labelPrefix = `${identifierFor(region.label)}${LABEL_STUDIO_ATTRIBUTE_SEPARATOR}`;
      const name = control.startsWith(labelPrefix) && control.length > labelPrefix.length ? control.slice(labelPrefix.length) : control;
      const nameIssue = nameProblem(name, 'attribute name');
      if (nameIssue) return problem(`${at}: ${nameIssue}`);
      region.attributes = { ...region.attributes, [name]: value };
      if (item.type === 'choices' && typeof value === 'string') {
        const byControl = choices.get(region.label) ?? new Map<string, Set<string>>();
        byControl.set(name, (byControl.get(name) ?? new Set()).add(value));
        choices.set(region.label, byControl);
      }
    });
  }

  const { fields, metadata } = recordFields(data, new Set([field]));
  if (task['id'] !== undefined) metadata['labelStudioTask'] = task['id'];
  if (classifications.length > 0) metadata['classifications'] = classifications;
  const schema = [...choices].map(([label, controls]) => ({
    label,
    attributes: [...controls].map(([name, options]): AttributeDef => ({ name, type: 'choice', options: [...options] })),
  }));
  return importedDocument(source, { file, format: 'labelstudio', encoding }, {
    fields: { ...fields, title: fields.title ?? titleFromText(source.text, `${fileTitle(file)} ${taskName}`) },
    metadata,
    annotations,
    relations,
    schema,
  });
}

/** Who made an annotation: Label Studio writes a user id, or a user object in some exports. */
function annotatorOf(completedBy: unknown): string {
  if (isObject(completedBy)) return textOf(completedBy['email'] ?? completedBy['id'] ?? '');
  return completedBy === undefined || completedBy === null ? '' : textOf(completedBy);
}
