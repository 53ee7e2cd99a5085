import type { Annotation, Fragment } from '../../../../electron/shared/types.ts';
import { OffsetIndex } from '../../../../electron/shared/offsets.ts';
import type { Span } from './spans.ts';

/**
 * The one place where the store's offsets (Unicode code points) meet the editor's (UTF-16 code units).
 * Everything above this module speaks code points; everything below it speaks UTF-16.
 */
export class OffsetBoundary {
  readonly index: OffsetIndex;

  constructor(text: string) {
    this.index = new OffsetIndex(text);
  }

  /** The editor spans of an annotation: one per fragment. */
  spansOf(annotation: Pick<Annotation, 'id' | 'labelId' | 'fragments'>): Span[] {
    return annotation.fragments.map(([start, end]) => ({
      id: annotation.id,
      labelId: annotation.labelId,
      from: this.index.toUtf16(start),
      to: this.index.toUtf16(end),
    }));
  }

  /** The editor range of a fragment. */
  toEditor([start, end]: Fragment): { from: number; to: number } {
    return { from: this.index.toUtf16(start), to: this.index.toUtf16(end) };
  }

  /**
   * The fragment of an editor range. An end that falls inside a surrogate pair is pushed outward, so the
   * fragment covers whole characters rather than losing half of one.
   */
  toFragment(from: number, to: number): Fragment {
    return [this.index.toCodePoint(from, -1), this.index.toCodePoint(to, 1)];
  }

  /** A code point offset as an editor position. */
  toEditorPos(codePoint: number): number {
    return this.index.toUtf16(codePoint);
  }
}
