/**
 * What a PDF's compressed streams inflate to, measured before pdf.js reads the file: a 2 MB PDF can hold a
 * content stream that inflates to a gigabyte, and pdf.js inflates each stream whole. Every stream whose
 * dictionary names FlateDecode is inflated here in small steps, counting, and the file is refused once all of
 * them together pass the cap. Streams it cannot inflate (other filters first, damaged data) are left to pdf.js,
 * which reports them; the parse worker's heap limit and deadline bound what this does not foresee.
 *
 * Linear in the file's size: one scan for the `stream` keywords, one inflate of each Flate stream.
 */
import { Inflate } from 'fflate';
import { MAX_INFLATED_BYTES } from './limits.ts';
import { ImportFileError } from './problems.ts';

/** Fed in steps this large, no step inflates to more than about 16 MiB (deflate's ratio is at most 1:1032). */
const STEP_BYTES = 16 * 1024;
/** How far before a `stream` keyword its dictionary is looked for. */
const DICTIONARY_WINDOW = 2048;

const STREAM = Buffer.from('stream');
const END_STREAM = Buffer.from('endstream');

const mebibytes = (bytes: number) => `${Math.floor(bytes / 1024 / 1024)} MiB`;

export function checkPdfStreams(bytes: Uint8Array): void {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let total = 0;
  let at = 0;
  while ((at = buffer.indexOf(STREAM, at)) >= 0) {
    const keyword = at;
    at += STREAM.length;
    // The keyword opens a stream when it follows its dictionary and is followed by an end of line.
    if (keyword >= 3 && buffer.toString('latin1', keyword - 3, keyword) === 'end') continue;
    let start = at;
    if (buffer[start] === 0x0d) start++;
    if (buffer[start] !== 0x0a && start === at) continue;
    if (buffer[start] === 0x0a) start++;
    const dictionary = buffer.toString('latin1', Math.max(0, keyword - DICTIONARY_WINDOW), keyword);
    const opened = dictionary.lastIndexOf('obj');
    if (!/\/(?:FlateDecode|Fl)\b/.test(opened >= 0 ? dictionary.slice(opened) : dictionary)) continue;
    const end = buffer.indexOf(END_STREAM, start);
    const stop = end < 0 ? buffer.length : end;
    total += inflatedSize(buffer.subarray(start, stop), MAX_INFLATED_BYTES - total);
    if (total > MAX_INFLATED_BYTES) {
      throw new ImportFileError(`is a PDF whose compressed streams inflate to more than ${mebibytes(MAX_INFLATED_BYTES)}, more than Parley reads from one file`);
    }
    at = stop;
  }
}

/** How many bytes `data` inflates to, counted up to just past `limit`; what cannot be inflated counts as far as it went. */
function inflatedSize(data: Uint8Array, limit: number): number {
  let size = 0;
  let ended = false;
  const inflate = new Inflate((chunk, final) => {
    size += chunk.length;
    if (final) ended = true;
  });
  try {
    for (let at = 0; at < data.length && size <= limit && !ended; at += STEP_BYTES) {
      inflate.push(data.subarray(at, at + STEP_BYTES), at + STEP_BYTES >= data.length);
    }
  } catch {
    // Damaged or not Flate after all: pdf.js has the last word on it.
  }
  return size;
}
