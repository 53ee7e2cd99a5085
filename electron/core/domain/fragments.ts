/**
 * The one check of an annotation's fragments, for edits and imports alike, and the text they cover. Offsets are
 * code points; `index` converts them to the UTF-16 positions JavaScript strings slice by, in O(log n).
 */
import type { OffsetIndex } from '../../shared/offsets.ts';
import type { Fragment } from '../../shared/types.ts';

/** Why fragments were refused: the position of the offending fragment (or none) and a plain message. */
export class FragmentError extends Error {
  constructor(
    readonly position: number | null,
    message: string,
  ) {
    super(message);
    this.name = 'FragmentError';
  }
}

/**
 * The fragments sorted by start, or a FragmentError when there are none, or one is empty, not whole numbers,
 * outside a text of `length` code points, or overlapping another. O(n log n) in the fragments. `within` names
 * the text in the message ("the document's 7 code points").
 */
export function checkFragments(fragments: readonly Fragment[], length: number, within: 'document' | 'text'): Fragment[] {
  if (fragments.length === 0) throw new FragmentError(null, 'an annotation needs at least one fragment');
  const sorted = fragments.length === 1 ? [[fragments[0]![0], fragments[0]![1]] as Fragment] : fragments.map(([start, end]) => [start, end] as Fragment).sort((a, b) => a[0] - b[0]);
  for (let position = 0; position < sorted.length; position++) {
    const [start, end] = sorted[position]!;
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > length || start >= end) {
      throw new FragmentError(position, `[${start}, ${end}] is not a non-empty range within the ${within}'s ${length} code points`);
    }
    const previous = sorted[position - 1];
    if (previous && start < previous[1]) {
      throw new FragmentError(position, `fragments [${previous.join(', ')}] and [${start}, ${end}] overlap`);
    }
  }
  return sorted;
}

/** The text `fragments` cover in `text`: the pieces joined by a single space (brat's convention). */
export function coveredText(text: string, index: OffsetIndex, fragments: readonly Fragment[]): string {
  if (fragments.length === 1) return text.slice(index.toUtf16(fragments[0]![0]), index.toUtf16(fragments[0]![1]));
  return fragments.map(([start, end]) => text.slice(index.toUtf16(start), index.toUtf16(end))).join(' ');
}
