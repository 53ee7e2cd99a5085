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
