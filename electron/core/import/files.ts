/**
 * The files an import reads: paths the user named (files, or folders walked recursively) or uploaded contents.
 * Each keeps the name to show in messages, which is also what brat's files are paired by.
 */
import { readFileSync, statSync } from 'node:fs';
import { lstat, readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, posix, resolve } from 'node:path';
import type { ImportProblem } from '../../shared/types.ts';
import type { ImportInput } from './parse.ts';

export interface InputFile extends ImportInput {
  /** The file's name without its folders. */
  base: string;
  /** Found inside a folder the user gave (rather than named): a file of unknown type is skipped, not an error. */
  inFolder: boolean;
  /** Read from disk, where its siblings can be looked for; an upload has none to look at. */
  onDisk: boolean;
  /** Looks for a sibling file the user did not give (a brat .txt, .ann or annotation.conf next to a named one). */
  sibling(base: string): Promise<InputFile | undefined>;
}

const toPosix = (path: string) => path.replace(/\\/g, '/');

/**
 * Files up to this size are read synchronously. An asynchronous read is four round trips through the thread
 * pool (open, stat, read, close), five times the cost of reading an article-sized file at once, and an import
 * of thousands of articles spent a fifth of its time on them; a read this small never holds the event loop up
 * noticeably. Larger files are read asynchronously, so progress and cancellation keep working meanwhile.
 */
const SMALL_FILE_BYTES = 1024 * 1024;

/** The files at `paths`, folders expanded (in name order, hidden files and symbolic links to folders left out). */
export async function filesFromPaths(paths: string[]): Promise<{ files: InputFile[]; errors: ImportProblem[] }> {
  const files: InputFile[] = [];
  const errors: ImportProblem[] = [];
  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch {
      errors.push({ file: path, message: 'does not exist or cannot be read' });
      continue;
    }
    // A folder's files keep its name before theirs, as a folder picker gives them ("corpus/a.ann").
    if (info.isDirectory()) await walk(path, files, basename(resolve(path)));
    else files.push(diskFile(path, basename(path), info.size, false));
  }
  return { files, errors };
}

async function walk(folder: string, files: InputFile[], storedFolder: string): Promise<void> {
  const entries = (await readdir(folder, { withFileTypes: true })).filter((entry) => !entry.name.startsWith('.')).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    const path = join(folder, entry.name);
    const stored = storedFolder ? `${storedFolder}/${entry.name}` : entry.name;
    if (entry.isDirectory()) await walk(path, files, stored);
    // Synchronous: a folder of thousands of articles is a stat each, and the asynchronous call's round trip
    // through the thread pool costs many times the stat itself.
    else if (entry.isFile()) files.push(diskFile(path, stored, statSync(path).size, true));
    else if (entry.isSymbolicLink()) {
      const target = await stat(path).catch(() => undefined);
      if (target?.isFile()) files.push(diskFile(path, stored, target.size, true));
    }
  }
}

function diskFile(path: string, storedName: string, size: number, inFolder: boolean): InputFile {
  const name = toPosix(path);
  const dir = posix.dirname(name);
  return {
    name,
    storedName,
    size,
    base: basename(name),
    inFolder,
    onDisk: true,
    read: async () => new Uint8Array(size <= SMALL_FILE_BYTES ? readFileSync(path) : await readFile(path)),
    sibling: async (base) => {
      const siblingPath = join(dir, base);
      const info = await lstat(siblingPath).catch(() => undefined);
      return info?.isFile() ? diskFile(siblingPath, base, info.size, false) : undefined;
    },
  };
}

/**
 * Uploaded files (browser mode, or contents the Electron shell read). A name with a folder part came from a
 * dropped folder, so it pairs with files of the same folder and counts as found in a folder.
 */
export function filesFromUploads(uploads: { name: string; bytes: Uint8Array }[]): InputFile[] {
  const byName = new Map<string, InputFile>();
  for (const upload of uploads) {
    const name = toPosix(upload.name);
    const dir = posix.dirname(name);
    byName.set(name, {
      name,
      // The renderer sends names relative to a dropped or picked folder; another client might send a path.
      storedName: posix.isAbsolute(name) || /^[A-Za-z]:\//.test(name) ? posix.basename(name) : name,
      size: upload.bytes.length,
      base: posix.basename(name),
      inFolder: dir !== '.',
      onDisk: false,
      read: async () => upload.bytes,
      sibling: async () => undefined,
    });
  }
  return [...byName.values()];
}
