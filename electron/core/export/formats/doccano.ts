/**
 * doccano JSONL, in either of the forms its importer reads for sequence labelling: `{"id", "text", "labels": [[s,
 * e, "L"], ...]}`, or (for projects with relations) `{"id", "text", "entities": [...], "relations": [...]}`. Spans
 * are contiguous in doccano, so a discontinuous annotation becomes one span per fragment. Every record has an
 * `id` (the document's), which doccano-transformer requires, and `labels` rather than the newer `label`,
 * the layout doccano-transformer reads (doccano reads it too, with `labels` as the label column). The
 * `parley_export` field says which Parley wrote the file and the offset unit, so that Parley reads it back
 * in that unit.
 */
import type { ExportedDocument } from '../../workspace.ts';
import type { ExportFormatModule, FormatContext } from '../format.ts';
import { EXPORT_STAMP_FIELD, exportStamp } from '../stamp.ts';
import { DocumentText } from '../text.ts';
import { countUncarriedProvenance } from './common.ts';
import { jsonLinesSession } from './json.ts';

/** Document fields that doccano keeps as the example's metadata (any key besides the text and labels; `meta` is read as metadata too). */
function metadata(document: ExportedDocument): Record<string, unknown> {
  const doc = document.document;
  const fields: Record<string, unknown> = { title: doc.title };
  for (const [key, value] of [['url', doc.url], ['source', doc.source], ['author', doc.author], ['published_at', doc.publishedAt], ['language', doc.language]] as const) {
    if (value !== null) fields[key] = value;
  }
  if (Object.keys(doc.metadata).length > 0) fields.meta = doc.metadata;
  return fields;
}

function record(document: ExportedDocument, context: FormatContext): unknown {
  const text = new DocumentText(document.document.text);
  const { losses } = context;
  const at = (codePoint: number) => text.offset(codePoint, context.offsets);
  const discontinuous = document.annotations.filter((annotation) => annotation.fragments.length > 1).length;
  losses.add('discontinuous annotations', 'doccano spans are contiguous: each fragment was written as a span of its own', discontinuous);
  losses.add('attribute values', 'doccano spans have no attributes', document.annotations.reduce((n, a) => n + Object.keys(a.attributes).length, 0));
  losses.add('notes', 'doccano spans have no notes', document.annotations.filter((a) => a.note !== '').length);
  countUncarriedProvenance(document.annotations, losses, 'doccano');

  if (context.doccanoForm === 'label') {
    losses.add('relations', 'the `label` form of doccano JSONL has no relations; export with the `relations` form to keep them', document.relations.length);
    const labels = document.annotations.flatMap((annotation) =>
      annotation.fragments.map(([start, end]) => [at(start), at(end), annotation.label] as const),
    );
    return { id: document.document.id, text: document.document.text, labels, ...metadata(document), [EXPORT_STAMP_FIELD]: exportStamp(context.offsets) };
  }
  // Entities are numbered within the document; a relation points at the first fragment of a discontinuous span.
  const entities: { id: number; label: string; start_offset: number; end_offset: number }[] = [];
  const firstEntity = new Map<number, number>();
  for (const annotation of document.annotations) {
    annotation.fragments.forEach(([start, end], position) => {
      if (position === 0) firstEntity.set(annotation.id, entities.length);
      entities.push({ id: entities.length, label: annotation.label, start_offset: at(start), end_offset: at(end) });
    });
  }
  const relations = document.relations.map((relation, id) => ({
    id,
    from_id: firstEntity.get(relation.sourceId)!,
    to_id: firstEntity.get(relation.targetId)!,
    type: relation.type,
  }));
  return { id: document.document.id, text: document.document.text, entities, relations, ...metadata(document), [EXPORT_STAMP_FIELD]: exportStamp(context.offsets) };
}

export const doccanoFormat: ExportFormatModule = {
  name: 'doccano',
  title: 'doccano JSONL',
  layout: 'file',
  extension: '.jsonl',
  offsets: 'any',
  start: (context) => jsonLinesSession((document) => record(document, context)),
  usage: (context) =>
    context.doccanoForm === 'label'
      ? `One JSON object per line: \`{"id": ..., "text": ..., "labels": [[start, end, "Label"], ...], "title": ...}\`. In doccano,
create a Sequence Labeling project and import the file as JSONL with the label column \`labels\`; doccano-transformer
reads it as it is. Keys other than \`id\`, \`text\` and \`labels\` become the example's metadata; \`parley_export\`
says which Parley version wrote the file and its offset unit. doccano's editor counts offsets in UTF-16 code units:
export with \`--offsets utf16\` when a text has emoji or other characters outside the Basic Multilingual Plane.`
      : `One JSON object per line: \`{"id": ..., "text": ..., "entities": [{"id", "label", "start_offset", "end_offset"}], "relations":
[{"id", "from_id", "to_id", "type"}], "title": ...}\`; \`parley_export\` says which Parley version wrote the file and its
offset unit. In doccano, create a Sequence Labeling project with
"Use relation labeling" and import the file as JSONL (relation). doccano's editor counts offsets in UTF-16 code
units: export with \`--offsets utf16\` when a text has characters outside the Basic Multilingual Plane.`,
};
