import { test } from 'node:test';
import assert from 'node:assert/strict';
import { carriesFiles, readDropped, type EntryLike } from './drop.ts';

/** A fake file-system tree as `webkitGetAsEntry()` gives it: folders hand out their entries in batches of two. */
function entry(fullPath: string, children?: EntryLike[], unreadable = false): EntryLike {
  const name = fullPath.slice(fullPath.lastIndexOf('/') + 1);
  if (!children) {
    return {
      name,
      fullPath,
      isFile: true,
      isDirectory: false,
      file: (ok: (file: File) => void, fail: (error: unknown) => void) =>
        unreadable ? fail(new Error('denied')) : setTimeout(() => ok(new File([fullPath], name)), 0),
    } as EntryLike;
  }
  return {
    name,
    fullPath,
    isFile: false,
    isDirectory: true,
    createReader: () => {
      let at = 0;
      return {
        readEntries: (ok: (entries: EntryLike[]) => void) => {
          const batch = children.slice(at, at + 2);
          at += batch.length;
          setTimeout(() => ok(batch), 0);
        },
      };
    },
  } as EntryLike;
}

test('a dropped folder is walked recursively in name order, keeping paths and leaving hidden files out', async () => {
  const corpus = entry('/corpus', [
    entry('/corpus/b.txt'),
    entry('/corpus/.DS_Store'),
    entry('/corpus/annotation.conf'),
    entry('/corpus/a.txt'),
    entry('/corpus/a.ann'),
    entry('/corpus/.git', [entry('/corpus/.git/HEAD')]),
    entry('/corpus/sub', [entry('/corpus/sub/c.ann'), entry('/corpus/sub/c.txt')]),
  ]);
  const loose = new File(['x'], 'notes.csv');
  const dropped = await readDropped([{ entry: corpus }, { entry: entry('/single.txt') }, { file: loose }]);
  assert.deepEqual(
    dropped.files.map((f) => f.name),
    ['corpus/a.ann', 'corpus/a.txt', 'corpus/annotation.conf', 'corpus/b.txt', 'corpus/sub/c.ann', 'corpus/sub/c.txt', 'single.txt', 'notes.csv'],
  );
  assert.equal(await dropped.files[0]!.file.text(), '/corpus/a.ann');
  assert.equal(dropped.files.at(-1)!.file, loose);
  assert.deepEqual(dropped.unreadable, []);
});

test('a file that cannot be read is reported, the rest still come', async () => {
  const dropped = await readDropped([{ entry: entry('/d', [entry('/d/locked.txt', undefined, true), entry('/d/ok.txt')]) }]);
  assert.deepEqual(dropped.files.map((f) => f.name), ['d/ok.txt']);
  assert.deepEqual(dropped.unreadable, ['d/locked.txt']);
});

test('only drags that carry files count', () => {
  assert.equal(carriesFiles({ types: ['Files'] } as unknown as DataTransfer), true);
  assert.equal(carriesFiles({ types: ['text/plain', 'text/html'] } as unknown as DataTransfer), false);
  assert.equal(carriesFiles(null), false);
});
