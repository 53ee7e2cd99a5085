import { countBelow, OffsetIndex } from '../../shared/offsets.ts';
import type { Fragment, OffsetUnit, TextNormalisation } from '../../shared/types.ts';
import { normaliseText } from '../text.ts';
import { ImportFileError } from './problems.ts';

/**
 * A source's text as the file has it (raw) and as Parley stores it (normalised: no BOM, LF line breaks), with
 * the mapping between the two. Formats whose offsets count the raw text (brat counts the CR of a CRLF and a
 * leading BOM; doccano counts UTF-16 units) map them here, so that no annotation moves relative to its text.
 */
export class SourceText {
  readonly raw: string;
  readonly text: string;
  readonly normalisation: TextNormalisation;
  private readonly rawIndex: OffsetIndex;
  private readonly textIndex: OffsetIndex;
  /** Raw code point offsets of the characters normalisation removed (a BOM, the CR of each CRLF), ascending. */
  private readonly removed: Uint32Array;

  constructor(raw: string) {
    // SQLite would store a lone surrogate as invalid UTF-8 and read it back as three characters, moving every
    // later offset: such text is refused, with where the first one is.
    if (loneSurrogateAt(raw) >= 0) {
      throw new ImportFileError(`its text holds a lone UTF-16 surrogate (an escape such as \\ud800 without its pair) at character ${loneSurrogateAt(raw)}, which is no character; repair the file`);
    }
    this.raw = raw;
    const { text, normalisation } = normaliseText(raw);
    this.text = text;
    this.normalisation = normalisation;
    this.rawIndex = new OffsetIndex(raw);
    this.textIndex = text === raw ? this.rawIndex : new OffsetIndex(text);
    this.removed = normalisation.bomRemoved || normalisation.crlfToLf > 0 ? removedCodePoints(raw, normalisation.bomRemoved) : new Uint32Array(0);
  }

  /** Length of the raw text in code points. */
  get rawLength(): number {
    return this.rawIndex.codePointLength;
  }

  /** Length of the normalised text in code points. */
  get length(): number {
    return this.textIndex.codePointLength;
  }

  /**
   * The normalised offset of raw code point offset `offset` (0..rawLength). An offset between the CR and LF of
   * a CRLF lands on the LF, as does one just before the CR: the two are one line break in the stored text.
   */
  fromRaw(offset: number): number {
    if (!Number.isInteger(offset) || offset < 0 || offset > this.rawLength) {
      throw new RangeError(`offset ${offset} is outside the text's ${this.rawLength} characters`);
    }
    return offset - countBelow(this.removed, offset);
  }

  /** The raw code point offset of raw UTF-16 offset `unit`, or undefined when `unit` falls inside a character. */
  rawCodePointOfUtf16(unit: number): number | undefined {
    const codePoint = this.rawIndex.toCodePoint(unit, -1);
    return this.rawIndex.toUtf16(codePoint) === unit ? codePoint : undefined;
  }

  /**
   * The stored-text fragment for a range a source gives over its raw text, counted in `unit`; or why there is
   * none: offsets that are not whole numbers, out of range, reversed, or splitting a character.
   */
  range(start: unknown, end: unknown, unit: OffsetUnit): { fragment: Fragment; rawStart: number; rawEnd: number } | { problem: string } {
    if (start === undefined || end === undefined) {
      return { problem: start === undefined && end === undefined ? 'has no start and end offsets' : `has no ${start === undefined ? 'start' : 'end'} offset` };
    }
    if (!Number.isInteger(start) || !Number.isInteger(end)) {
      return { problem: `offsets ${JSON.stringify(start)} and ${JSON.stringify(end)} are not whole numbers` };
    }
    const [from, to] = [start as number, end as number];
    const length = unit === 'utf16' ? this.raw.length : this.rawLength;
    if (from >= to) return { problem: `the range [${from}, ${to}] is empty or reversed` };
    if (from < 0 || to > length) {
      return { problem: `the range [${from}, ${to}] lies outside the text, which is ${length} ${unit === 'utf16' ? 'UTF-16 units' : 'characters'} long` };
    }
    const rawStart = unit === 'utf16' ? this.rawCodePointOfUtf16(from) : from;
    const rawEnd = unit === 'utf16' ? this.rawCodePointOfUtf16(to) : to;
    if (rawStart === undefined || rawEnd === undefined) {
      return { problem: `[${from}, ${to}] cuts an emoji or other character outside the BMP in half: if the offsets count code points, say so (--offsets codepoints)` };
    }
    const fragment: Fragment = [this.fromRaw(rawStart), this.fromRaw(rawEnd)];
    if (fragment[0] >= fragment[1]) return { problem: `[${from}, ${to}] covers nothing but the CR of a CRLF line break` };
    return { fragment, rawStart, rawEnd };
  }

  /** The raw text between raw code point offsets. */
  rawSlice(start: number, end: number): string {
    return this.raw.slice(this.rawIndex.toUtf16(start), this.rawIndex.toUtf16(end));
  }

  /** The normalised text between normalised code point offsets. */
  slice(start: number, end: number): string {
    return this.text.slice(this.textIndex.toUtf16(start), this.textIndex.toUtf16(end));
  }
}

function removedCodePoints(raw: string, bomRemoved: boolean): Uint32Array {
  const removed: number[] = bomRemoved ? [0] : [];
  let codePoint = 0;
  for (let unit = 0; unit < raw.length; unit++, codePoint++) {
    const code = raw.charCodeAt(unit);
    if (code === 0x0d && raw.charCodeAt(unit + 1) === 0x0a) removed.push(codePoint);
    else if (code >= 0xd800 && code <= 0xdbff) {
      const next = raw.charCodeAt(unit + 1);
      if (next >= 0xdc00 && next <= 0xdfff) unit++;
    }
  }
  return Uint32Array.from(removed);
}

/** The code point offset of the first lone surrogate in `text` (one with no partner), or -1. */
export function loneSurrogateAt(text: string): number {
  let offset = 0;
  for (const character of text) {
    const unit = character.charCodeAt(0);
    if (character.length === 1 && unit >= 0xd800 && unit <= 0xdfff) return offset;
    offset++;
  }
  return -1;
}
