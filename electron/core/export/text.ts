import { OffsetIndex } from '../../shared/offsets.ts';
import type { OffsetUnit } from '../../shared/types.ts';

/**
 * A document's text as the formats read it: slices by code point offsets, and offsets converted to the unit
 * the export writes. Built once per document, so no format rescans the text for each annotation.
 */
export class DocumentText {
  readonly index: OffsetIndex;

  constructor(readonly text: string) {
    this.index = new OffsetIndex(text);
  }

  get length(): number {
    return this.index.codePointLength;
  }

  /** The text between code point offsets `start` and `end`. */
  slice(start: number, end: number): string {
    return this.text.slice(this.index.toUtf16(start), this.index.toUtf16(end));
  }

  /** Code point offset `codePoint` in `unit`. */
  offset(codePoint: number, unit: OffsetUnit): number {
    return unit === 'utf16' ? this.index.toUtf16(codePoint) : codePoint;
  }
}
