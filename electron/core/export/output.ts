/**
 * Where an export writes. Everything goes first into a staging folder beside the destination (same file
 * system, so the final `rename` is atomic); only a finished export is moved into place, and a failed or
 * cancelled one is removed with its staging folder, leaving nothing behind.
 */
import { createReadStream, mkdirSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, open, readdir, rename, rm, rmdir, stat, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { Zip, ZipDeflate } from 'fflate';
import { conflict } from '../errors.ts';

export interface OutputFile {
  write(text: string): Promise<void>;
  /** Writes UTF-8 bytes, which the file keeps (the caller must not change them afterwards). */
  writeBytes(bytes: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

/** A folder of the export that formats write into, with paths relative to it and separated by `/`. */
export interface OutputFolder {
  open(path: string): OutputFile;
  /** Writes a whole small file at once (brat's per-document .txt and .ann), from text or UTF-8 bytes. */
  writeFile(path: string, content: string | Uint8Array): Promise<void>;
  folder(name: string): OutputFolder;
  /**
   * Rewrites a closed file piece by piece (streaming), for formats that learn only at the end what some lines
   * need: `pieces` gives, in order, the length in bytes of each piece of the file (each whole UTF-8 text) and
   * what to make of its text (null: leave it as it is, which copies it without decoding).
   */
  rewritePieces(path: string, pieces: RewritePiece[]): Promise<void>;
}

export interface RewritePiece {
  bytes: number;
  rewrite: ((text: string) => string) | null;
}

/** Text is gathered up to this many UTF-16 units (or bytes) before one write, so formats can write record by record. */
const FLUSH_THRESHOLD = 1 << 20;

class DiskFile implements OutputFile {
  private handle: FileHandle | null = null;
  private pending: (string | Uint8Array)[] = [];
  private pendingLength = 0;

  constructor(private readonly path: string) {}

  async write(text: string): Promise<void> {
    this.pending.push(text);
    this.pendingLength += text.length;
    if (this.pendingLength >= FLUSH_THRESHOLD) await this.flush();
  }

  async writeBytes(bytes: Uint8Array): Promise<void> {
    this.pending.push(bytes);
    this.pendingLength += bytes.length;
    if (this.pendingLength >= FLUSH_THRESHOLD) await this.flush();
  }

  async close(): Promise<void> {
    await this.flush();
    // A file that was opened but never written still exists in the export (an empty part, say).
    this.handle ??= await this.create();
    await this.handle.close();
  }

  /** Releases the file without finishing it; its content is discarded with the staging folder. */
  async abandon(): Promise<void> {
    await this.handle?.close().catch(() => undefined);
  }

  private async flush(): Promise<void> {
    if (this.pendingLength === 0) return;
    this.handle ??= await this.create();
    // Consecutive texts are joined and encoded at once; bytes go as they are, all in one system call.
    const chunks: Uint8Array[] = [];
    let texts: string[] = [];
    for (const piece of this.pending) {
      if (typeof piece === 'string') {
        texts.push(piece);
        continue;
      }
      if (texts.length > 0) chunks.push(Buffer.from(texts.join(''), 'utf8'));
      texts = [];
      chunks.push(piece);
    }
    if (texts.length > 0) chunks.push(Buffer.from(texts.join(''), 'utf8'));
    this.pending = [];
    this.pendingLength = 0;
    await this.handle.writev(chunks);
  }

  private async create(): Promise<FileHandle> {
    await mkdir(dirname(this.path), { recursive: true });
    return open(this.path, 'wx');
  }
}

/** The staging folder of one export: files written so far, and how to publish or discard them. */
export class Staging implements OutputFolder {
  /** Relative paths of the files opened, in the order they were opened. */
  readonly files: string[] = [];
  private readonly openFiles: DiskFile[] = [];
  /** Folders known to exist, so that writing many small files does not ask the file system each time. */
  private readonly folders = new Set<string>();

  private constructor(
    /** The temporary folder, beside the destination. */
    private readonly dir: string,
    /** Where the export's own files go inside it. */
    readonly root: string,
    /** The first folder that `create` had to make for the destination, removed again if the export fails. */
    private readonly createdParent: string | null,
  ) {}

  /** A staging folder in the folder that will hold `destination` (created, with its parents, if missing). */
  static async create(destination: string): Promise<Staging> {
    const parent = dirname(resolve(destination));
    const createdParent = await mkdir(parent, { recursive: true });
    const dir = await mkdtemp(join(parent, `.${basename(destination)}.parley-export-`));
    return new Staging(dir, join(dir, 'content'), createdParent ?? null);
  }

  open(path: string): OutputFile {
    const file = new DiskFile(join(this.root, ...path.split('/')));
    this.files.push(path);
    this.openFiles.push(file);
    return file;
  }

  folder(name: string): OutputFolder {
    return prefixed(this, name);
  }

  async writeFile(path: string, content: string | Uint8Array): Promise<void> {
    const target = this.path(path);
    const folder = dirname(target);
    if (!this.folders.has(folder)) {
      mkdirSync(folder, { recursive: true });
      this.folders.add(folder);
    }
    // One synchronous call: for a file of a few kilobytes, the thread-pool round trips of an asynchronous
    // open, write and close cost several times the write itself, and the event loop waits only microseconds.
    // (Writing in the background, a few files at a time, was measured slower still on two loaded cores.)
    writeFileSync(target, content, { flag: 'wx' });
    this.files.push(path);
  }

  async rewritePieces(path: string, pieces: RewritePiece[]): Promise<void> {
    const source = this.path(path);
    const target = `${source}.rewrite`;
    const file = new DiskFile(target);
    // Bytes read but not yet written, and how many bytes of the current piece came before them.
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let next = 0;
    let done = 0;
    const take = (bytes: number): Buffer => {
      const all = pending.length === 1 ? pending[0]! : Buffer.concat(pending);
      pending = bytes < all.length ? [all.subarray(bytes)] : [];
      pendingBytes -= bytes;
      return all.subarray(0, bytes);
    };
    for await (const chunk of createReadStream(source, { highWaterMark: FLUSH_THRESHOLD })) {
      pending.push(chunk as Buffer);
      pendingBytes += (chunk as Buffer).length;
      while (next < pieces.length) {
        const { bytes, rewrite } = pieces[next]!;
        if (rewrite === null) {
          // Copied as it comes, however long.
          const copied = Math.min(bytes - done, pendingBytes);
          if (copied > 0) await file.writeBytes(take(copied));
          done += copied;
          if (done < bytes) break;
        } else {
          if (pendingBytes < bytes) break;
          await file.write(rewrite(take(bytes).toString('utf8')));
        }
        next++;
        done = 0;
      }
    }
    // A file longer than its pieces keeps the rest as it is.
    if (pendingBytes > 0) await file.writeBytes(take(pendingBytes));
    await file.close();
    await rename(target, source);
  }

  /** The absolute path of a staged file. */
  path(relative: string): string {
    return join(this.root, ...relative.split('/'));
  }

  /** Moves the staged file `relative` to `target`, replacing a file there. */
  async publishFile(relative: string, target: string): Promise<void> {
    await rename(this.path(relative), target);
  }

  /** Moves the whole staged folder to `target`, which must not exist or be an empty folder. */
  async publishFolder(target: string): Promise<void> {
    await ensureFreeFolder(target);
    await rename(this.root, target);
  }

  /** Packs the staged files (in the order written) into a zip at `target`, replacing a file there. */
  async publishZip(target: string): Promise<void> {
    await rename(await this.zipInPlace(), target);
  }

  /** Packs the staged files, in the order written, into a zip inside the staging folder and returns its path. */
  async zipInPlace(): Promise<string> {
    const zipPath = join(this.dir, 'export.zip');
    await zipFiles(this.root, this.files, zipPath);
    return zipPath;
  }

  /** Removes the staging folder after a successful publish. */
  async remove(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }

  /** Removes everything this export wrote, including destination folders it created. */
  async discard(): Promise<void> {
    await Promise.all(this.openFiles.map((file) => file.abandon()));
    await rm(this.dir, { recursive: true, force: true });
    if (this.createdParent) await rm(this.createdParent, { recursive: true, force: true });
  }
}

function prefixed(base: OutputFolder, prefix: string): OutputFolder {
  return {
    open: (path) => base.open(`${prefix}/${path}`),
    writeFile: (path, content) => base.writeFile(`${prefix}/${path}`, content),
    folder: (name) => prefixed(base, `${prefix}/${name}`),
    rewritePieces: (path, pieces) => base.rewritePieces(`${prefix}/${path}`, pieces),
  };
}

/** A folder that writes nowhere: the preview runs a format on one document and keeps only its record. */
export const NOWHERE: OutputFolder = {
  open: () => ({ write: async () => undefined, writeBytes: async () => undefined, close: async () => undefined }),
  writeFile: async () => undefined,
  folder: () => NOWHERE,
  rewritePieces: async () => undefined,
};

async function ensureFreeFolder(target: string): Promise<void> {
  const existing = await stat(target).catch(() => null);
  if (!existing) return;
  if (!existing.isDirectory()) throw conflict(`${target} exists and is not a folder; this export writes a folder (or use --zip)`);
  if ((await readdir(target)).length > 0) throw conflict(`${target} is a folder that is not empty; choose a new or empty folder`);
  // An empty folder: renaming onto it is not portable (Windows refuses), so it is replaced.
  await rmdir(target);
}

/** Streams the files into a zip one after the other, so memory holds one chunk, not the archive. */
async function zipFiles(root: string, files: readonly string[], zipPath: string): Promise<void> {
  const out = await open(zipPath, 'wx');
  try {
    let writing: Promise<unknown> = Promise.resolve();
    let failure: Error | null = null;
    let finished!: () => void;
    const done = new Promise<void>((resolveDone) => (finished = resolveDone));
    const zip = new Zip((error, chunk, final) => {
      if (error) failure = error;
      else writing = writing.then(() => out.write(chunk));
      if (final || error) finished();
    });
    for (const file of files) {
      const entry = new ZipDeflate(file, { level: 6 });
      zip.add(entry);
      for await (const chunk of createReadStream(join(root, ...file.split('/')))) {
        entry.push(chunk as Buffer);
        await writing;
      }
      entry.push(new Uint8Array(0), true);
    }
    zip.end();
    await done;
    await writing;
    if (failure) throw failure;
  } finally {
    await out.close();
  }
}
