/**
 * An actor's page as a table for other tools: one record per item with its article, label, the attribute that
 * names the actor, the covered text and its sentence, then one column per other attribute its labels define (a
 * Claim's verdict, a Position's stance and target), then ids and code point offsets for scripts. "Copy" writes it
 * as tab-separated lines (what a spreadsheet takes from the clipboard), "Export CSV" as an RFC 4180 file.
 */
import { CSV_BYTE_ORDER_MARK, csvRow } from '../../../../electron/shared/csv.ts';
import type { ActorItem, AttributeDef, AttributeValue, Label } from '../../../../electron/shared/types.ts';

/** A header row, then one row per item, every row as long as the header. */
export type Records = string[][];

export function itemRecords(items: readonly ActorItem[], labels: readonly Label[], targetName: TargetName): Records {
  const byId = new Map(labels.map((label) => [label.id, label]));
  // The attributes of the labels the items carry, but the actor-typed ones (the page's actor is the role's).
  const columns: string[] = [];
  for (const labelId of new Set(items.map((item) => item.labelId))) {
    for (const def of byId.get(labelId)?.attributes ?? []) if (def.type !== 'actor' && !columns.includes(def.name)) columns.push(def.name);
  }
  const header = ['published', 'article', 'label', 'role', 'text', 'context', ...columns, 'document_id', 'annotation_id', 'start', 'end'];
  const defs = new Map(labels.flatMap((label) => label.attributes.map((def) => [def.name, def] as const)));
  const rows = items.map((item) => [
    item.publishedAt ?? '',
    item.documentTitle,
    byId.get(item.labelId)?.name ?? '',
    item.role,
    item.context.span,
    `${item.context.before}${item.context.span}${item.context.after}`,
    ...columns.map((name) => attributeText(defs.get(name), item.attributes[name], targetName)),
    String(item.documentId),
    String(item.id),
    String(item.start),
    String(item.end),
  ]);
  return [header, ...rows];
}

/** The name of a target of the registry, by id (undefined for one deleted since). */
export type TargetName = (id: number) => string | undefined;

/** An attribute's value as text: a target by its name (its id held in the attribute), anything else as it is. */
export function attributeText(def: AttributeDef | undefined, value: AttributeValue | undefined, targetName: TargetName): string {
  if (value === undefined || value === null) return '';
  if (def?.type === 'target' && typeof value === 'number') return targetName(value) ?? `target ${value}`;
  return String(value);
}

/** Tab-separated lines: a tab or line break inside a field becomes a space (TSV has no quoting that every tool reads). */
export function toTsv(records: Records): string {
  return records.map((row) => row.map((field) => field.replace(/[\t\r\n]+/g, ' ')).join('\t')).join('\n') + '\n';
}

export function toCsv(records: Records): string {
  return CSV_BYTE_ORDER_MARK + records.map(csvRow).join('');
}
