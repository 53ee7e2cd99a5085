/**
 * A zip archive's size once inflated, measured by inflating it in small steps and stopping at the cap, before
 * any reader holds a part of it whole: a 700 KB .docx can inflate to gigabytes, and its compressed size, which
 * the file cap checks, says nothing about that.
 */
import { Unzip, UnzipInflate } from 'fflate';
import { MAX_INFLATED_BYTES } from './limits.ts';
import { ImportFileError } from './problems.ts';

/** The archive is fed in steps this large, so that no step inflates to more than about 16 MiB (deflate's ratio is at most 1:1032). */
const STEP_BYTES = 16 * 1024;

/**
 * Throws an ImportFileError when the parts of the zip archive `bytes` inflate to more than `MAX_INFLATED_BYTES`
 * together, or when it is no readable zip archive. `kind` names the file's kind in the message ("Word document").
 */
export function checkInflatedSize(bytes: Uint8Array, kind: string): void {
  let total = 0;
  let largest = { name: '', bytes: 0 };
  let overCap = false;
  const unzip = new Unzip((file) => {
    let inflated = 0;
    file.ondata = (error, chunk) => {
      if (error || overCap) return;
      inflated += chunk.length;
      total += chunk.length;
      if (inflated > largest.bytes) largest = { name: file.name, bytes: inflated };
      if (total > MAX_INFLATED_BYTES) {
        overCap = true;
        file.terminate();
      }
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    for (let at = 0; at < bytes.length && !overCap; at += STEP_BYTES) {
      unzip.push(bytes.subarray(at, at + STEP_BYTES), at + STEP_BYTES >= bytes.length);
    }
  } catch {
    if (!overCap) throw new ImportFileError(`is not a readable ${kind}: its zip archive is damaged`);
  }
  if (overCap) {
    throw new ImportFileError(
      `is a ${kind} that inflates to more than ${MAX_INFLATED_BYTES / 1024 / 1024} MiB (its part “${largest.name}” alone to more than ${Math.floor(largest.bytes / 1024 / 1024)} MiB), more than Parley reads from one file`,
    );
  }
}
