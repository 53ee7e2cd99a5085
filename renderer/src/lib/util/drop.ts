/**
 * Files dragged onto the window from outside: telling them from the page's own drags, and reading a drop,
 * folders included, into the same relative names a folder picker gives ("corpus/text/a.txt"), so that brat's
 * .txt, .ann and annotation.conf pair up as `importBatches` (shared/import-pairing.ts) expects. The same code
 * runs in Electron and in the browser: it uses only the DOM's drag-and-drop and File System Entry APIs.
 */
import type { PickedFile } from './files.ts';

/** True when a drag carries files (from the desktop or a file manager), not text, a link or an image of the page. */
export function carriesFiles(transfer: DataTransfer | null | undefined): boolean {
  return !!transfer && Array.prototype.includes.call(transfer.types, 'Files');
}

/** What `webkitGetAsEntry()` gives, reduced to what the walk uses (so tests can fake it). */
export interface EntryLike {
  readonly name: string;
  readonly fullPath: string;
  readonly isFile: boolean;
  readonly isDirectory: boolean;
}

interface FileEntryLike extends EntryLike {
  file(success: (file: File) => void, failure?: (error: unknown) => void): void;
}

interface DirectoryEntryLike extends EntryLike {
  createReader(): { readEntries(success: (entries: EntryLike[]) => void, failure?: (error: unknown) => void): void };
}

/** A dropped item: a file-system entry when the platform gives one (always for real drops), otherwise the bare file. */
export type DroppedItem = { entry: EntryLike } | { file: File };

export interface DroppedFiles {
  files: PickedFile[];
  /** Names of files or folders that could not be read (permissions, vanished while reading). */
  unreadable: string[];
}

/**
 * Takes a drop's items. Call it inside the `drop` handler, before any `await`: the browser empties the
 * DataTransfer when the handler returns, while the entries taken here stay readable afterwards.
 */
export function dropItems(transfer: DataTransfer): DroppedItem[] {
  const items: DroppedItem[] = [];
  for (const item of Array.from(transfer.items ?? [])) {
    if (item.kind !== 'file') continue;
    const entry = typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null;
    if (entry) {
      items.push({ entry });
      continue;
    }
    const file = item.getAsFile();
    if (file) items.push({ file });
  }
  // Some platforms give `files` without `items`.
  if (items.length === 0) for (const file of Array.from(transfer.files ?? [])) items.push({ file });
  return items;
}

/**
 * Reads dropped items into files to import: a folder is walked recursively, in name order and without hidden
 * files and folders, as `parley import` walks one on disk; every file keeps its path from the dropped folder.
 */
export async function readDropped(items: readonly DroppedItem[]): Promise<DroppedFiles> {
  const result: DroppedFiles = { files: [], unreadable: [] };
  for (const item of items) {
    if ('file' in item) result.files.push({ name: item.file.webkitRelativePath || item.file.name, file: item.file });
    else await walk(item.entry, result, true);
  }
  return result;
}

function pathOf(entry: EntryLike): string {
  return entry.fullPath.replace(/^\/+/, '') || entry.name;
}

async function walk(entry: EntryLike, into: DroppedFiles, dropped: boolean): Promise<void> {
  if (!dropped && entry.name.startsWith('.')) return;
  if (entry.isFile) {
    try {
      const file = await new Promise<File>((resolve, reject) => (entry as FileEntryLike).file(resolve, reject));
      into.files.push({ name: pathOf(entry), file });
    } catch {
      into.unreadable.push(pathOf(entry));
    }
    return;
  }
  if (!entry.isDirectory) return;
  let children: EntryLike[];
  try {
    children = await readAll(entry as DirectoryEntryLike);
  } catch {
    into.unreadable.push(`${pathOf(entry)}/`);
    return;
  }
  children.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const child of children) await walk(child, into, false);
}

/** A folder's entries: `readEntries` hands them out in batches (of 100 in Chromium) until it gives an empty one. */
async function readAll(directory: DirectoryEntryLike): Promise<EntryLike[]> {
  const reader = directory.createReader();
  const all: EntryLike[] = [];
  for (;;) {
    const batch = await new Promise<EntryLike[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}
