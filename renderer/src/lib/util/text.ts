/** Lower-cases and strips diacritics, so "Zelenskyy" finds "Zelenskyy" and "Élysée" finds "elysee". */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** A short form of a long text for lists and labels: at most `max` code points, never splitting one. */
export function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const chars = Array.from(flat.slice(0, max * 2));
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}

/** "1 annotation", "3 annotations". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString()} ${count === 1 ? one : many}`;
}

/** The relation that ties an actor-typed attribute's annotation to the mention of that actor. */
export function relationForAttribute(attribute: string, labelName: string): string | null {
  const byAttribute: Record<string, string> = { speaker: 'said_by', claimant: 'claimed_by', holder: 'held_by' };
  const byLabel: Record<string, string> = { quote: 'said_by', claim: 'claimed_by', position: 'held_by' };
  return byAttribute[attribute.toLowerCase()] ?? byLabel[labelName.toLowerCase()] ?? null;
}

/**
 * Opening and closing quotation marks of any kind: straight and curly double and single quotes, low-9 and
 * reversed-9 quotes, guillemets (double and single), CJK corner brackets, the prime forms and full-width quotes.
 */
const QUOTE_MARKS = /^["'`\u00AB\u00BB\u2018-\u201F\u2039\u203A\u2032\u2033\u2035\u2036\u300C-\u300F\u301D-\u301F\uFF02\uFF07]$/u;

/**
 * The text as a quotation for a tooltip: in “curly quotes”, unless it already starts and ends with quotation
 * marks (of any kind), which would give ““doubled”” ones. `shorten` shortens it, after the marks are judged on
 * the whole text (a shortened quotation ends in “…”, not its closing mark).
 */
export function quoted(text: string, shorten: (text: string) => string = (whole) => whole): string {
  const trimmed = text.trim();
  return isQuoted(trimmed) ? shorten(trimmed) : `“${shorten(trimmed)}”`;
}

/** The text (trimmed) starts and ends with quotation marks of any kind. */
export function isQuoted(text: string): boolean {
  const chars = Array.from(text.trim());
  const first = chars[0];
  const last = chars[chars.length - 1];
  return chars.length >= 2 && first !== undefined && last !== undefined && QUOTE_MARKS.test(first) && QUOTE_MARKS.test(last);
}
