/**
 * Bytes to text. A byte-order mark decides (UTF-8, UTF-16 LE or BE); otherwise valid UTF-8 is UTF-8; otherwise
 * a legacy encoding (Windows-1251, Latin-1, KOI8-R, ...) is accepted only when a detection library recognises
 * it with some confidence. Everything else is refused with the place of the first bad byte: binary files, UTF-8
 * with corrupted or truncated characters. The BOM stays in the returned text as U+FEFF, so that offsets a
 * source counts over the raw text still line up; `normaliseText` drops it and records that it did.
 */
import { Buffer, isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import jschardet from 'jschardet';
import { ImportFileError } from './problems.ts';

export interface DecodedText {
  text: string;
  /** The encoding the bytes were read in, e.g. `utf-8`, `utf-16le`, `windows-1251`. */
  encoding: string;
}

export interface DecodeOptions {
  /** An encoding the file itself declares (an HTML page's `<meta charset>`), tried before detection. */
  declaredEncoding?: string;
}

/**
 * Below this, jschardet's guess is noise. Real legacy texts score from about 0.1 (a short Latin-1 sentence with
 * one accented letter) to 0.9 (a Cyrillic article); random or damaged bytes around 0.05.
 */
const MIN_LEGACY_CONFIDENCE = 0.1;

/** Detection reads this much of a file; the statistics settle long before. */
const DETECTION_SAMPLE_BYTES = 256 * 1024;

export function decodeText(bytes: Uint8Array, options: DecodeOptions = {}): DecodedText {
  if (bytes.length === 0) throw new ImportFileError('is empty');

  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return checked(decodeUtf8(bytes), 'utf-8');
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return checked(decodeUtf16(bytes, 'le'), 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return checked(decodeUtf16(bytes, 'be'), 'utf-16be');

  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const at = locateByte(bytes, nul);
    throw new ImportFileError(`is a binary file, not text: it contains a NUL byte (${at.description})`, at.line);
  }

  const utf8 = strictUtf8(bytes);
  if (utf8 !== undefined) return checked(utf8, 'utf-8');

  const declared = options.declaredEncoding?.toLowerCase();
  if (declared && declared !== 'utf-8' && declared !== 'utf8' && isKnownEncoding(declared)) {
    return checked(iconv.decode(Buffer.from(bytes), declared), declared);
  }

  // Not UTF-8: a legacy encoding, or damaged UTF-8, which the proportion of well-formed sequences tells apart.
  const scan = scanUtf8(bytes);
  const at = locateByte(bytes, scan.firstInvalid);
  if (scan.validMultibyte > scan.invalid) {
    // Mostly well-formed UTF-8 with a few bad bytes: a damaged file, not a legacy encoding.
    throw new ImportFileError(
      scan.truncatedAtEnd && scan.invalid === 1
        ? `ends in the middle of a UTF-8 character (${at.description}): the file looks truncated`
        : `is UTF-8 with invalid bytes (the first is ${at.description}); repair it or save it as UTF-8 again`,
      at.line,
    );
  }

  const sample = Buffer.from(bytes.subarray(0, DETECTION_SAMPLE_BYTES));
  const guess = detectLegacyEncoding(sample);
  const encoding = guess?.encoding?.toLowerCase();
  if (!guess || !encoding || guess.confidence < MIN_LEGACY_CONFIDENCE || encoding.startsWith('utf') || !isKnownEncoding(encoding)) {
    throw new ImportFileError(
      `is not valid UTF-8 (the first bad byte is ${at.description}) and not recognisably in a legacy encoding either; save it as UTF-8 and import it again`,
      at.line,
    );
  }
  return checked(iconv.decode(Buffer.from(bytes), encoding), encoding);
}

/**
 * jschardet's guess, or undefined when it has none. It reads a page's `<meta charset>` itself and throws on some
 * (a TypeError for `charset="constructor"`): that is no guess.
 */
function detectLegacyEncoding(sample: Buffer): { encoding: string | null; confidence: number } | undefined {
  try {
    return jschardet.detect(sample);
  } catch {
    return undefined;
  }
}

/**
 * Whether iconv-lite can decode `name`. Its table is a plain object, so a page's `<meta charset="constructor">`
 * would find a prototype property there: only own names of the form encodings have count.
 */
function isKnownEncoding(name: string): boolean {
  return /^[a-z0-9][a-z0-9._:-]*$/.test(name) && !(name in Object.prototype) && iconv.encodingExists(name);
}

/**
 * The bytes as UTF-8 (a BOM kept as U+FEFF), or undefined when they are not valid UTF-8. Validating first and
 * then decoding what is known to be valid is what a fatal TextDecoder does, at a fraction of its cost (both
 * steps are Node's vectorised simdutf), which counts when an import reads thousands of articles.
 */
function strictUtf8(bytes: Uint8Array): string | undefined {
  if (!isUtf8(bytes)) return undefined;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

function decodeUtf8(bytes: Uint8Array): string {
  const text = strictUtf8(bytes);
  if (text === undefined) {
    const at = locateByte(bytes, scanUtf8(bytes).firstInvalid);
    throw new ImportFileError(`starts with a UTF-8 byte-order mark but has invalid UTF-8 (the first bad byte is ${at.description})`, at.line);
  }
  return text;
}

function decodeUtf16(bytes: Uint8Array, order: 'le' | 'be'): string {
  if (bytes.length % 2 !== 0) throw new ImportFileError(`is UTF-16 (${order.toUpperCase()}) with an odd number of bytes: the file looks truncated`);
  let units = bytes;
  if (order === 'be') {
    units = new Uint8Array(bytes.length);
    for (let index = 0; index < bytes.length; index += 2) {
      units[index] = bytes[index + 1]!;
      units[index + 1] = bytes[index]!;
    }
  }
  try {
    return new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true }).decode(units);
  } catch {
    throw new ImportFileError(`is UTF-16 (${order.toUpperCase()}) with a broken surrogate pair: the file is damaged`);
  }
}

/** C0 controls and DEL, except tab, line feed, vertical tab, form feed and carriage return. */
// eslint-disable-next-line no-control-regex -- finding control characters is what this expression is for
const STRAY_CONTROL = /[\x00-\x08\x0e-\x1f\x7f]/;

/** Refuses decoded text that is really binary: control characters no text has, in more than a trace amount. */
function checked(text: string, encoding: string): DecodedText {
  // Most texts have none: a native search says so faster than counting character by character.
  if (!STRAY_CONTROL.test(text)) return { text, encoding };
  let stray = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    // C0 controls and DEL, except tab, line feed, vertical tab, form feed and carriage return.
    if ((code < 0x20 && (code < 0x09 || code > 0x0d)) || code === 0x7f) stray++;
  }
  if (stray > Math.max(8, text.length / 1000)) {
    throw new ImportFileError(`is a binary file, not text: it has ${stray} control characters no text contains`);
  }
  return { text, encoding };
}

interface Utf8Scan {
  /** Byte offset of the first byte that is not part of a well-formed UTF-8 sequence, or -1. */
  firstInvalid: number;
  /** Well-formed sequences of two to four bytes. */
  validMultibyte: number;
  /** Ill-formed sequences. */
  invalid: number;
  /** The last sequence is a well-formed start cut short by the end of the file. */
  truncatedAtEnd: boolean;
}

/** Validates UTF-8 as the Unicode standard defines it (table 3-7), counting good and bad multi-byte sequences. */
function scanUtf8(bytes: Uint8Array): Utf8Scan {
  const scan: Utf8Scan = { firstInvalid: -1, validMultibyte: 0, invalid: 0, truncatedAtEnd: false };
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index]!;
    if (lead < 0x80) {
      index++;
      continue;
    }
    const [length, secondLow, secondHigh] = sequenceShape(lead);
    let valid = length > 0;
    let available = 1;
    for (let offset = 1; valid && offset < length; offset++) {
      const next = bytes[index + offset];
      if (next === undefined) {
        valid = false;
        if (offset === available) scan.truncatedAtEnd = true;
        break;
      }
      const [low, high] = offset === 1 ? [secondLow, secondHigh] : [0x80, 0xbf];
      if (next < low || next > high) valid = false;
      else available++;
    }
    if (valid) {
      scan.validMultibyte++;
      index += length;
    } else {
      if (scan.firstInvalid < 0) scan.firstInvalid = index;
      scan.invalid++;
      index++;
    }
  }
  return scan;
}

/** Sequence length and the allowed range of the second byte for a lead byte; length 0 for bytes that never lead. */
function sequenceShape(lead: number): [length: number, secondLow: number, secondHigh: number] {
  if (lead >= 0xc2 && lead <= 0xdf) return [2, 0x80, 0xbf];
  if (lead === 0xe0) return [3, 0xa0, 0xbf];
  if (lead === 0xed) return [3, 0x80, 0x9f];
  if (lead >= 0xe1 && lead <= 0xef) return [3, 0x80, 0xbf];
  if (lead === 0xf0) return [4, 0x90, 0xbf];
  if (lead >= 0xf1 && lead <= 0xf3) return [4, 0x80, 0xbf];
  if (lead === 0xf4) return [4, 0x80, 0x8f];
  return [0, 0, 0];
}

/** The line of a byte, and "byte 14 of the line (0xFF)": where it is, in terms a person can find in an editor. */
function locateByte(bytes: Uint8Array, offset: number): { line: number; description: string } {
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < offset; index++) {
    if (bytes[index] === 0x0a) {
      line++;
      lineStart = index + 1;
    }
  }
  const value = bytes[offset]!.toString(16).toUpperCase().padStart(2, '0');
  return { line, description: `byte ${offset - lineStart + 1} of the line (0x${value})` };
}
