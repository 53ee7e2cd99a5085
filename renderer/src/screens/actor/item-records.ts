/**
 * An actor's page as a table for other tools: one record per item with its article, label, the attribute that
 * names the actor, the covered text and its sentence, then one column per other attribute its labels define (a
 * Claim's verdict, a Position's stance and target), then ids and code point offsets for scripts. "Copy" writes it
 * as tab-separated lines (what a spreadsheet takes from the clipboard), "Export CSV" as an RFC 4180 file.
 */
import { CSV_BYTE_ORDER_MARK, csvRow } from '../../../../electron/shared/csv.ts';
import type { ActorItem, AttributeValue, Label } from '../../../../electron/shared/types.ts';

/** A header row, then one row per item, every row as long as the header. */
export type Records = string[][];

export function itemRecords(items: readonly ActorItem[], labels: readonly Label[]): Records {
  const byId = new Map(labels.map((label) => [label.id, label]));
  // The attributes of the labels the items carry, but the actor-typed ones (the page's actor is the role's).
  const columns: string[] = [];
  for (const labelId of new Set(items.map((item) => item.labelId))) {
    for (const def of byId.get(labelId)?.attributes ?? []) if (def.type !== 'actor' && !columns.includes(def.name)) columns.push(def.name);
  }
  const header = ['published', 'article', 'label', 'role', 'text', 'context', ...columns, 'document_id', 'annotation_id', 'start', 'end'];
  const rows = items.map((item) => [
    item.publishedAt ?? '',
    item.documentTitle,
    byId.get(item.labelId)?.name ?? '',
    item.role,
    item.context.span,
    `${item.context.before}${item.context.span}${item.context.after}`,
    ...columns.map((name) => formatValue(item.attributes[name])),
    String(item.documentId),
    String(item.id),
    String(item.start),
    String(item.end),
  ]);
  return [header, ...rows];
}

function formatValue(value: AttributeValue | undefined): string {
  return value === undefined || value === null ? '' : String(value);
}

/** Tab-separated lines: a tab or line break inside a field becomes a space (TSV has no quoting that every tool reads). */
export function toTsv(records: Records): string {
  return records.map((row) => row.map((field) => field.replace(/[\t\r\n]+/g, ' ')).join('\t')).join('\n') + '\n';
}

export function toCsv(records: Records): string {
  return CSV_BYTE_ORDER_MARK + records.map(csvRow).join('');
}
