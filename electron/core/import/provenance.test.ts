import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { DocumentSummary, OpenDocument } from '../../shared/types.ts';
import { temporaryDir, workspacePath } from '../../test/helpers.ts';
import { openBackend } from '../backend.ts';
import { exportToPath } from '../export/exporter.ts';
import { importPaths } from './importer.ts';

// The analyst's folders: a user name and a client's project, as a real path would carry them.
const dir = temporaryDir('parley-provenance-');
const home = join(dir, 'home', 'jdoe', 'ClientX-secret-project');

function write(path: string, content: string): string {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
  return path;
}

/** Every file an export wrote (a folder's files, or the one file), as text. */
function writtenText(out: string): string {
  try {
    return readdirSync(out, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8'))
      .join('\n');
  } catch {
    return readFileSync(out, 'utf8');
  }
}

describe('where a document came from', () => {
  it('keeps file names, relative to the folder imported, never the local path, and exports carry no local path', async () => {
    write(join(home, 'corpus', 'a.txt'), 'Kyiv said no.');
    write(join(home, 'corpus', 'a.ann'), 'T1\tPlace 0 4\tKyiv\n');
    write(join(home, 'corpus', 'nested', 'b.md'), '# B\n\nA nested note.\n');
    const single = write(join(home, 'inbox', 'statement.txt'), 'A statement read out in Geneva.');
    const lone = write(join(home, 'pairs', 'c.ann'), 'T1\tPlace 0 6\tGeneva\n');
    write(join(home, 'pairs', 'c.txt'), 'Geneva talks.');

    const backend = await openBackend(workspacePath(dir), {});
    const summary = await importPaths(backend.workspace, [join(home, 'corpus'), single, lone]);
    assert.deepEqual([summary.documents, summary.errors], [4, []]);

    const documents = (await backend.dispatch('listDocuments', {})) as DocumentSummary[];
    const provenance = [];
    for (const { id } of documents) {
      const { document } = (await backend.dispatch('openDocument', { id })) as OpenDocument;
      provenance.push([(document.metadata['importedFrom'] as { file: string }).file, document.metadata['annotations'] ?? null]);
    }
    assert.deepEqual(provenance.sort(), [
      ['c.txt', 'c.ann'],
      ['corpus/a.txt', 'corpus/a.ann'],
      ['corpus/nested/b.md', null],
      ['statement.txt', null],
    ]);

    for (const format of ['parley', 'doccano', 'labelstudio', 'w3c', 'csv', 'brat'] as const) {
      const out = join(dir, `export-${format}`);
      await exportToPath(backend.workspace, { format }, out);
      const written = writtenText(out);
      assert.ok(written.includes('Kyiv'), `${format}: the export holds the documents`);
      for (const secret of [dir, 'jdoe', 'ClientX']) assert.ok(!written.includes(secret), `${format} export names ${secret}`);
    }
    await backend.close();
  });

  it('keeps an uploaded file’s relative name, and only the name of one sent with a path', async () => {
    const backend = await openBackend(workspacePath(dir), {});
    const base64 = (text: string) => Buffer.from(text).toString('base64');
    await backend.dispatch('importFiles', {
      files: [
        { name: 'corpus/a.txt', contentBase64: base64('From a dropped folder.') },
        { name: '/home/jdoe/ClientX/b.txt', contentBase64: base64('From a client that sent a path.') },
        { name: 'C:/Users/jdoe/ClientX/c.txt', contentBase64: base64('From a client on Windows.') },
      ],
    });
    const documents = (await backend.dispatch('listDocuments', {})) as DocumentSummary[];
    const files = [];
    for (const { id } of documents) {
      const { document } = (await backend.dispatch('openDocument', { id })) as OpenDocument;
      files.push((document.metadata['importedFrom'] as { file: string }).file);
    }
    assert.deepEqual(files.sort(), ['b.txt', 'c.txt', 'corpus/a.txt']);
    await backend.close();
  });
});
