import { OffsetIndex } from '../../shared/offsets.ts';
import type { OffsetUnit } from '../../shared/types.ts';

/**
 * A document's text as the formats read it: slices by code point offsets, and offsets converted to the unit
 * the export writes. Built once per document, so no format rescans the text for each annotation; the offset
 * index is made on first use, since a format writing code point offsets and no slices never needs it.
 */
export class DocumentText {
  private offsetIndex: OffsetIndex | undefined;

  constructor(readonly text: string) {}

  get index(): OffsetIndex {
    return (this.offsetIndex ??= new OffsetIndex(this.text));
  }

  get length(): number {
    return this.index.codePointLength;
  }

  /** The text between code point offsets `start` and `end`. */
  slice(start: number, end: number): string {
    const index = this.index;
    return this.text.slice(index.toUtf16(start), index.toUtf16(end));
  }

  /** Code point offset `codePoint` in `unit`. */
  offset(codePoint: number, unit: OffsetUnit): number {
    return unit === 'utf16' ? this.index.toUtf16(codePoint) : codePoint;
  }
}
