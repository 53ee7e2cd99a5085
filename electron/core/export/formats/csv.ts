/**
 * CSV for spreadsheets: one row per annotation with its document, label, offsets, text, one column per
 * attribute (actor attributes give the actor's name and external id), note, provenance, outgoing relations
 * and some text on either side. RFC 4180 quoting; a byte-order mark so that Excel reads the file as UTF-8.
 */
import { CSV_BYTE_ORDER_MARK, csvRow } from '../../../shared/csv.ts';
import type { AttributeValue } from '../../../shared/types.ts';
import type { ExportedAnnotation, ExportedDocument } from '../../workspace.ts';
import type { ExportFormatModule, FormatContext, FormatSession } from '../format.ts';
import { DocumentText } from '../text.ts';
import { actorsById } from './common.ts';

/** Code points of context on each side of an annotation. */
const CONTEXT_LENGTH = 60;

interface AttributeColumn {
  name: string;
  /** Some label defines this attribute as an actor: the column holds the actor's name, and a second one its id. */
  actor: boolean;
}

/** One column per attribute name across the exported labels, in the order the labels define them. */
function attributeColumns(context: FormatContext): AttributeColumn[] {
  const columns = new Map<string, AttributeColumn>();
  for (const label of context.labels) {
    for (const def of label.attributes) {
      const column = columns.get(def.name) ?? { name: def.name, actor: false };
      column.actor ||= def.type === 'actor';
      columns.set(def.name, column);
    }
  }
  return [...columns.values()];
}

function formatValue(value: AttributeValue | undefined): string {
  return value === undefined || value === null ? '' : String(value);
}

function session(context: FormatContext): FormatSession {
  const columns = attributeColumns(context);
  const header = [
    'document_id',
    'document_title',
    'annotation_id',
    'label',
    'start',
    'end',
    'fragments',
    'text',
    ...columns.flatMap((column) => (column.actor ? [column.name, `${column.name}_external_id`] : [column.name])),
    'note',
    'author',
    'origin',
    'relations',
    'context_before',
    'context_after',
  ];

  function rows(document: ExportedDocument): string {
    const text = new DocumentText(document.document.text);
    const actors = actorsById(document);
    const at = (codePoint: number) => String(text.offset(codePoint, context.offsets));
    const outgoing = new Map<number, string[]>();
    for (const relation of document.relations) {
      const list = outgoing.get(relation.sourceId) ?? [];
      list.push(`${relation.type}->${relation.targetId}`);
      outgoing.set(relation.sourceId, list);
    }
    const row = (annotation: ExportedAnnotation) => {
      const start = annotation.fragments[0]![0];
      const end = annotation.fragments[annotation.fragments.length - 1]![1];
      const attributeFields = columns.flatMap((column) => {
        const value = annotation.attributes[column.name];
        if (!column.actor) return [formatValue(value)];
        const actor = typeof value === 'number' ? actors.get(value) : undefined;
        return actor ? [actor.name, actor.externalId ?? ''] : [formatValue(value), ''];
      });
      return csvRow([
        String(document.document.id),
        document.document.title,
        String(annotation.id),
        annotation.label,
        at(start),
        at(end),
        annotation.fragments.map(([s, e]) => `${at(s)}-${at(e)}`).join(';'),
        annotation.text,
        ...attributeFields,
        annotation.note,
        annotation.author,
        annotation.origin,
        (outgoing.get(annotation.id) ?? []).join('; '),
        text.slice(Math.max(0, start - CONTEXT_LENGTH), start),
        text.slice(end, Math.min(text.length, end + CONTEXT_LENGTH)),
      ]);
    };
    return document.annotations.map(row).join('');
  }

  return {
    openPart(folder, fileName) {
      const file = folder.open(fileName);
      let headerWritten = false;
      const writeHeader = async () => {
        if (headerWritten) return;
        headerWritten = true;
        await file.write(`${CSV_BYTE_ORDER_MARK}${csvRow(header)}`);
      };
      return {
        async write(document) {
          await writeHeader();
          const text = rows(document);
          await file.write(text);
          return text;
        },
        async end() {
          await writeHeader();
          await file.close();
        },
      };
    },
    finish: async () => undefined,
  };
}

export const csvFormat: ExportFormatModule = {
  name: 'csv',
  title: 'CSV',
  layout: 'file',
  extension: '.csv',
  offsets: 'any',
  start: session,
  usage: (context) => `One row per annotation, comma-separated, quoted as RFC 4180 says, UTF-8 with a byte-order mark (Excel and
LibreOffice open it directly; in pandas use \`pd.read_csv(path, encoding="utf-8-sig", keep_default_na=False)\`).

Columns: \`document_id\`, \`document_title\`, \`annotation_id\`, \`label\`, \`start\` and \`end\` (of the whole span),
\`fragments\` (\`start-end\` pairs separated by \`;\`, more than one for a discontinuous span), \`text\`, one column per
attribute${attributeColumns(context).some((column) => column.actor) ? ' (for actor attributes the actor\'s name, then `<attribute>_external_id`)' : ''},
\`note\`, \`author\`, \`origin\` (manual, imported or suggested), \`relations\` (\`type->annotation_id\` for each relation
from this annotation), and ${CONTEXT_LENGTH} characters of \`context_before\` and \`context_after\`.`,
};
