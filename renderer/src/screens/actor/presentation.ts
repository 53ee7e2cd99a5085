import type { Label } from '../../../../electron/shared/types.ts';

/** The values an actor's items can be filtered by: each choice attribute of the labels, with its options. */
export function attributeChoices(labels: readonly Label[]): { name: string; values: string[] }[] {
  const byName = new Map<string, string[]>();
  for (const label of labels) {
    for (const def of label.attributes) {
      if (def.type !== 'choice') continue;
      const values = byName.get(def.name) ?? [];
      for (const option of def.options) if (!values.includes(option)) values.push(option);
      byName.set(def.name, values);
    }
  }
  return [...byName].map(([name, values]) => ({ name, values }));
}

/** Code points of the sentence before a span that a row shows, so that the span itself is in view. */
export const LEAD_IN = 160;

/** The end of the text before a span as a row shows it: its last `LEAD_IN` code points, from a word on, after "…". */
export function leadIn(before: string): string {
  const points = Array.from(before);
  if (points.length <= LEAD_IN) return before;
  const tail = points.slice(-LEAD_IN).join('');
  const word = tail.search(/\s\S/u);
  return `…${word >= 0 ? tail.slice(word + 1) : tail}`;
}

const SHORT = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
const FULL = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeZone: 'UTC' });

/** A publication date (a day, or a time whose day is taken) as a row shows it; null for none or one unreadable. */
export function publicationDay(publishedAt: string | null): { iso: string; short: string; full: string } | null {
  const day = publishedAt?.slice(0, 10) ?? '';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return null;
  return { iso: day, short: SHORT.format(date), full: FULL.format(date) };
}
