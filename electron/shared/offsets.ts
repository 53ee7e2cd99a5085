/**
 * Conversion between Unicode code point offsets (what Parley stores and exports, as Python slices strings)
 * and UTF-16 code unit offsets (what JavaScript strings and CodeMirror use).
 *
 * The two differ only after astral characters (outside the Basic Multilingual Plane: most emoji, some CJK),
 * each of which is one code point but two UTF-16 units. The index records where those characters are, so each
 * conversion is a binary search: O(log a) for a astral characters, with no rescans of the text.
 */
export class OffsetIndex {
  /** Code point index of each astral character, ascending. */
  private readonly astralCodePoints: Uint32Array;
  /** UTF-16 index of each astral character's high surrogate, ascending. */
  private readonly astralUnits: Uint32Array;
  /** Length of the text in UTF-16 units. */
  readonly utf16Length: number;
  /** Length of the text in code points. */
  readonly codePointLength: number;

  constructor(text: string) {
    const codePoints: number[] = [];
    const units: number[] = [];
    let astral = 0;
    // Most texts have no astral character at all: a native search says so at a fraction of the loop's cost.
    const first = text.search(HIGH_SURROGATE);
    for (let unit = first < 0 ? text.length : first; unit < text.length; unit++) {
      const code = text.charCodeAt(unit);
      if (code >= 0xd800 && code <= 0xdbff && unit + 1 < text.length) {
        const next = text.charCodeAt(unit + 1);
        if (next >= 0xdc00 && next <= 0xdfff) {
          units.push(unit);
          codePoints.push(unit - astral);
          astral++;
          unit++;
        }
      }
    }
    this.astralCodePoints = Uint32Array.from(codePoints);
    this.astralUnits = Uint32Array.from(units);
    this.utf16Length = text.length;
    this.codePointLength = text.length - astral;
  }

  /** True when every character is in the BMP, so both offset systems agree. */
  get isIdentity(): boolean {
    return this.astralUnits.length === 0;
  }

  /** The UTF-16 offset of code point offset `cp` (0 <= cp <= codePointLength). */
  toUtf16(cp: number): number {
    if (cp < 0 || cp > this.codePointLength || !Number.isInteger(cp)) {
      throw new RangeError(`Code point offset ${cp} is outside 0..${this.codePointLength}`);
    }
    return cp + countBelow(this.astralCodePoints, cp);
  }

  /**
   * The code point offset of UTF-16 offset `unit`. An offset inside a surrogate pair is moved to the start of
   * that character (`bias` -1) or past its end (`bias` 1), so no conversion ever splits a character.
   */
  toCodePoint(unit: number, bias: -1 | 1 = -1): number {
    if (unit < 0 || unit > this.utf16Length || !Number.isInteger(unit)) {
      throw new RangeError(`UTF-16 offset ${unit} is outside 0..${this.utf16Length}`);
    }
    const before = countBelow(this.astralUnits, unit);
    if (before > 0 && this.astralUnits[before - 1] === unit - 1) {
      // Inside a surrogate pair: the pair before `unit` starts at unit - 1.
      return bias < 0 ? unit - 1 - (before - 1) : unit + 1 - before;
    }
    return unit - before;
  }
}

const HIGH_SURROGATE = /[\ud800-\udbff]/;

/** Number of entries of the ascending array `sorted` that are strictly less than `value`. */
export function countBelow(sorted: Uint32Array, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Length of `text` in code points. */
export function codePointLength(text: string): number {
  let length = 0;
  for (let unit = 0; unit < text.length; unit++) {
    const code = text.charCodeAt(unit);
    if (code >= 0xd800 && code <= 0xdbff && unit + 1 < text.length) {
      const next = text.charCodeAt(unit + 1);
      if (next >= 0xdc00 && next <= 0xdfff) unit++;
    }
    length++;
  }
  return length;
}
