/**
 * Builds UTF-8 output directly in a byte buffer, for formats that write a line per token: joining millions of
 * short strings and encoding them afterwards cost more than all the rest of such an export.
 */
/** Bytes that are appended often (a line ending), kept also as 32-bit words, which copy four at a time. */
export interface PackedBytes {
  readonly bytes: Uint8Array;
  readonly words: Int32Array;
}

export function packBytes(bytes: Uint8Array): PackedBytes {
  const words = new Int32Array(bytes.length >> 2);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let word = 0; word < words.length; word++) words[word] = view.getInt32(word * 4, true);
  return { bytes, words };
}

export class Utf8Builder {
  private buffer: Uint8Array;
  private dataView: DataView;
  /** Bytes written so far. */
  length = 0;

  constructor(capacity = 1 << 16) {
    this.buffer = new Uint8Array(capacity);
    this.dataView = new DataView(this.buffer.buffer);
  }

  /** Appends `text[from, to)` as UTF-8, as `Buffer.from(text.slice(from, to))` encodes it (a lone surrogate as U+FFFD). */
  appendRange(text: string, from: number, to: number): void {
    this.reserve(3 * (to - from));
    this.length = this.encode(text, from, to, this.length);
  }

  /** `appendRange(text, from, to)`, then the packed bytes: what a token line needs, in one call. */
  appendRangeAndPacked(text: string, from: number, to: number, packed: PackedBytes): void {
    const { bytes, words } = packed;
    this.reserve(3 * (to - from) + bytes.length);
    let at = this.encode(text, from, to, this.length);
    const view = this.dataView;
    for (let word = 0; word < words.length; word++, at += 4) view.setInt32(at, words[word]!, true);
    const buffer = this.buffer;
    for (let index = words.length * 4; index < bytes.length; index++) buffer[at++] = bytes[index]!;
    this.length = at;
  }

  /** Encodes `text[from, to)` at `at`, which has room for it; returns where it ends. */
  private encode(text: string, from: number, to: number, at: number): number {
    const buffer = this.buffer;
    for (let unit = from; unit < to; unit++) {
      const code = text.charCodeAt(unit);
      if (code < 0x80) {
        buffer[at++] = code;
      } else if (code < 0x800) {
        buffer[at++] = 0xc0 | (code >> 6);
        buffer[at++] = 0x80 | (code & 0x3f);
      } else if (code < 0xd800 || code > 0xdfff) {
        buffer[at++] = 0xe0 | (code >> 12);
        buffer[at++] = 0x80 | ((code >> 6) & 0x3f);
        buffer[at++] = 0x80 | (code & 0x3f);
      } else {
        const next = unit + 1 < to ? text.charCodeAt(unit + 1) : 0;
        if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          const point = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
          buffer[at++] = 0xf0 | (point >> 18);
          buffer[at++] = 0x80 | ((point >> 12) & 0x3f);
          buffer[at++] = 0x80 | ((point >> 6) & 0x3f);
          buffer[at++] = 0x80 | (point & 0x3f);
          unit++;
        } else {
          buffer[at++] = 0xef;
          buffer[at++] = 0xbf;
          buffer[at++] = 0xbd;
        }
      }
    }
    return at;
  }

  append(text: string): void {
    this.appendRange(text, 0, text.length);
  }

  /** Appends bytes (a short run, such as an encoded line ending, is copied without a native call). */
  appendBytes(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    if (bytes.length > 32) {
      this.buffer.set(bytes, this.length);
      this.length += bytes.length;
      return;
    }
    const buffer = this.buffer;
    let at = this.length;
    for (let index = 0; index < bytes.length; index++) buffer[at++] = bytes[index]!;
    this.length = at;
  }

  appendByte(byte: number): void {
    this.reserve(1);
    this.buffer[this.length++] = byte;
  }

  /** The bytes from `start` to the end, without copying (valid until the next `take`-free append grows the buffer). */
  view(start = 0): Uint8Array {
    return this.buffer.subarray(start, this.length);
  }

  /** Hands over the bytes written so far and starts an empty buffer of the same capacity. */
  take(): Uint8Array {
    const bytes = this.buffer.subarray(0, this.length);
    this.buffer = new Uint8Array(this.buffer.length);
    this.dataView = new DataView(this.buffer.buffer);
    this.length = 0;
    return bytes;
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.buffer.length) return;
    const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.length + extra));
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
    this.dataView = new DataView(grown.buffer);
  }
}
