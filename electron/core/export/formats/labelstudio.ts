/**
 * Label Studio: a JSON list of tasks (`tasks.json`) and the labeling config that reads them
 * (`labeling-config.xml`). Each task has `data.text` and one annotation whose result holds a `labels` region per
 * span (value start/end/text/labels), the relations between regions, and each attribute as a per-region
 * control (Choices for choice and yes/no attributes, TextArea for text and actors) sharing the region's id.
 * Unreviewed suggestions go into the task's `predictions`, where Label Studio shows pre-annotations.
 */
import type { AttributeDef } from '../../../shared/types.ts';
import type { ExportedAnnotation, ExportedDocument } from '../../workspace.ts';
import type { ExportFormatModule, FormatContext, FormatSession } from '../format.ts';
import { DocumentText } from '../text.ts';
import { actorsById, attributeDefinitions, identifierFor } from './common.ts';

/** Names of the config's tags, which results refer to by `from_name` and `to_name`. */
const TEXT_TAG = 'text';
const LABELS_TAG = 'label';
/** The per-region text area of notes; the importer reads results of this control as the note. */
export const LABEL_STUDIO_NOTE_CONTROL = 'parley_note';
/** Between a label and an attribute in the control name of an attribute that several labels have. */
export const LABEL_STUDIO_ATTRIBUTE_SEPARATOR = '__';

/**
 * Names of the per-region controls, by label and attribute: the attribute's own name, so that Label Studio's
 * results (and Parley's importer, which names attributes after controls) read naturally, unless two labels
 * share an attribute name, which config names cannot: then `Label__attribute`, which the importer reads back
 * as `attribute` on that label. The note's control is `parley_note`.
 */
function controlNames(context: FormatContext): { attribute: (label: string, attribute: string) => string; note: string } {
  const labelsWith = new Map<string, number>();
  for (const label of context.labels) for (const def of label.attributes) labelsWith.set(def.name, (labelsWith.get(def.name) ?? 0) + 1);
  const reserved = new Set([TEXT_TAG, LABELS_TAG, LABEL_STUDIO_NOTE_CONTROL]);
  return {
    attribute: (label, attribute) =>
      labelsWith.get(attribute) === 1 && !reserved.has(attribute) ? attribute : `${identifierFor(label)}${LABEL_STUDIO_ATTRIBUTE_SEPARATOR}${identifierFor(attribute)}`,
    note: LABEL_STUDIO_NOTE_CONTROL,
  };
}

function xml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The labeling config for the exported labels and relation types. */
function labelingConfig(context: FormatContext): string {
  const names = controlNames(context);
  const lines = [
    '<View>',
    `  <Labels name="${LABELS_TAG}" toName="${TEXT_TAG}">`,
    ...context.labels.map((label) => `    <Label value="${xml(label.name)}" background="${label.color}"/>`),
    '  </Labels>',
    `  <Text name="${TEXT_TAG}" value="$text"/>`,
    '  <Relations>',
    ...context.relationTypes.map((type) => `    <Relation value="${xml(type.name)}"/>`),
    '  </Relations>',
  ];
  for (const label of context.labels.filter((candidate) => candidate.attributes.length > 0)) {
    lines.push(`  <View visibleWhen="region-selected" whenTagName="${LABELS_TAG}" whenLabelValue="${xml(label.name)}">`);
    for (const def of label.attributes) {
      const name = xml(names.attribute(label.name, def.name));
      lines.push(`    <Header value="${xml(def.name)}"/>`);
      if (def.type === 'choice' || def.type === 'boolean') {
        const options = def.type === 'choice' ? def.options : ['true', 'false'];
        lines.push(`    <Choices name="${name}" toName="${TEXT_TAG}" perRegion="true" choice="single-radio">`);
        lines.push(...options.map((option) => `      <Choice value="${xml(option)}"/>`));
        lines.push('    </Choices>');
      } else {
        lines.push(`    <TextArea name="${name}" toName="${TEXT_TAG}" perRegion="true" maxSubmissions="1" editable="true"/>`);
      }
    }
    lines.push('  </View>');
  }
  lines.push(
    '  <View visibleWhen="region-selected">',
    '    <Header value="Note"/>',
    `    <TextArea name="${names.note}" toName="${TEXT_TAG}" perRegion="true" maxSubmissions="1" editable="true"/>`,
    '  </View>',
    '</View>',
    '',
  );
  return lines.join('\n');
}

function task(document: ExportedDocument, context: FormatContext): object {
  const { document: doc } = document;
  const text = new DocumentText(doc.text);
  const definitions = attributeDefinitions(context.labels);
  const actors = actorsById(document);
  const names = controlNames(context);
  const { losses } = context;
  const at = (codePoint: number) => text.offset(codePoint, context.offsets);

  const regionId = (annotation: ExportedAnnotation, fragment = 0) => (fragment === 0 ? `a${annotation.id}` : `a${annotation.id}-${fragment + 1}`);
  const regions = (annotation: ExportedAnnotation): object[] => {
    const results: object[] = annotation.fragments.map(([start, end], fragment) => ({
      id: regionId(annotation, fragment),
      from_name: LABELS_TAG,
      to_name: TEXT_TAG,
      type: 'labels',
      value: { start: at(start), end: at(end), text: text.slice(start, end), labels: [annotation.label] },
    }));
    // Per-region controls attach to the first fragment's region, with that region's id, start and end.
    const [start, end] = annotation.fragments[0]!;
    const where = { id: regionId(annotation), to_name: TEXT_TAG };
    const span = { start: at(start), end: at(end) };
    for (const def of definitions.get(annotation.label.toLowerCase()) ?? ([] as AttributeDef[])) {
      const value = annotation.attributes[def.name];
      if (value === undefined || value === null) continue;
      const from_name = names.attribute(annotation.label, def.name);
      if (from_name !== def.name && identifierFor(def.name) !== def.name) {
        losses.add(`attribute "${def.name}" of ${annotation.label} named ${from_name}`, 'Label Studio control names of attributes that several labels share are made of ASCII letters, digits, _ and -', 1);
      }
      if (def.type === 'choice' || def.type === 'boolean') {
        results.push({ ...where, from_name, type: 'choices', value: { ...span, choices: [String(value)] } });
      } else if (def.type === 'actor') {
        const actor = typeof value === 'number' ? actors.get(value) : undefined;
        if (!actor) continue;
        results.push({ ...where, from_name, type: 'textarea', value: { ...span, text: [actor.name] } });
        losses.add('actors written as names', 'Label Studio gets the actor\'s name as text, which comes back as a text attribute; its kind, aliases, external id and description are not written', 1);
      } else {
        results.push({ ...where, from_name, type: 'textarea', value: { ...span, text: [String(value)] } });
      }
    }
    if (annotation.note) results.push({ ...where, from_name: names.note, type: 'textarea', value: { ...span, text: [annotation.note] } });
    return results;
  };

  const reviewed = document.annotations.filter((annotation) => annotation.origin !== 'suggested');
  const suggested = document.annotations.filter((annotation) => annotation.origin === 'suggested');
  const inReviewed = new Set(reviewed.map((annotation) => annotation.id));
  const inSuggested = new Set(suggested.map((annotation) => annotation.id));
  const relationsWithin = (ids: Set<number>) =>
    document.relations
      .filter((relation) => ids.has(relation.sourceId) && ids.has(relation.targetId))
      .map((relation) => ({ type: 'relation', from_id: `a${relation.sourceId}`, to_id: `a${relation.targetId}`, direction: 'right', labels: [relation.type] }));
  const reviewedRelations = relationsWithin(inReviewed);
  const suggestedRelations = relationsWithin(inSuggested);
  losses.add(
    'relations between a suggestion and a reviewed annotation',
    'suggestions are Label Studio predictions and reviewed annotations an annotation: a relation cannot join the two',
    document.relations.length - reviewedRelations.length - suggestedRelations.length,
  );
  losses.add(
    'discontinuous annotations',
    'Label Studio text regions are contiguous: each fragment is a region of its own, and attributes, notes and relations are on the first',
    document.annotations.filter((annotation) => annotation.fragments.length > 1).length,
  );
  losses.add('annotation authors', 'Label Studio records its own users as annotators, not names', document.annotations.filter((a) => a.author !== '').length);

  const data: Record<string, unknown> = { text: doc.text, title: doc.title, parley_document_id: doc.id };
  for (const [key, value] of [['url', doc.url], ['source', doc.source], ['author', doc.author], ['published_at', doc.publishedAt], ['language', doc.language]] as const) {
    if (value !== null) data[key] = value;
  }
  // Label Studio's export shape: the task, its annotation and its prediction each have an id (the converter
  // and Label Studio's importer need them); there is one of each per task, so the document's id serves.
  return {
    id: doc.id,
    data,
    annotations: [{ id: doc.id, result: [...reviewed.flatMap(regions), ...reviewedRelations] }],
    ...(suggested.length > 0 ? { predictions: [{ id: doc.id, model_version: 'parley-suggestions', result: [...suggested.flatMap(regions), ...suggestedRelations] }] } : {}),
  };
}

function session(context: FormatContext): FormatSession {
  return {
    openPart(folder) {
      const file = folder.open('tasks.json');
      let count = 0;
      return {
        async write(document) {
          const record = JSON.stringify(task(document, context));
          await file.write(`${count === 0 ? '[\n' : ',\n'}${record}`);
          count++;
          return record;
        },
        async end() {
          await file.write(count === 0 ? '[]\n' : '\n]\n');
          await file.close();
        },
      };
    },
    async finish(root) {
      const config = root.open('labeling-config.xml');
      await config.write(labelingConfig(context));
      await config.close();
    },
  };
}

export const labelStudioFormat: ExportFormatModule = {
  name: 'labelstudio',
  title: 'Label Studio JSON',
  layout: 'folder',
  extension: '',
  offsets: 'any',
  start: session,
  usage: (context) => `\`tasks.json\` is a JSON list of Label Studio tasks; \`labeling-config.xml\` is the labeling interface that reads them.
Create a project, paste the config under Settings > Labeling Interface > Code, then import \`tasks.json\`. Each task's
annotation holds one \`labels\` region per span (\`value.start\`, \`value.end\`, \`value.text\`, \`value.labels\`), the
relations between regions, and each attribute as a per-region \`choices\` or \`textarea\` result with the region's
id; the note is the per-region \`parley_note\` text area. The task, its annotation and its prediction have ids, as in
Label Studio's own exports, so that its converter reads the file as it is. Unreviewed suggestions are the task's \`predictions\`.
${context.offsets === 'utf16' ? '' : 'Offsets are code points, as current Label Studio versions count them.'}`,
};
