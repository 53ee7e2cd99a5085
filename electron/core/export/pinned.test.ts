/**
 * Pins the exact bytes every format writes for the fixture workspace (emoji, combining marks, right-to-left
 * text, a CRLF-origin text, discontinuous and overlapping spans, every attribute type, relations, actors) plus a
 * text full of what JSON must escape. Exports are rewritten for speed now and then; this test makes sure such a
 * rewrite changes no byte. The expected files are in `test/pinned/`; when a format is changed on purpose,
 * regenerate them with `PARLEY_UPDATE_PINNED=1` and review the difference.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { EXPORT_FORMATS, type DocumentSummary, type ExportFormat, type ExportOptions, type Label } from '../../shared/types.ts';
import { temporaryDir } from '../../test/helpers.ts';
import { openBackend, type Backend } from '../backend.ts';
import { exportToPath } from './exporter.ts';
import { buildFixture, span } from './test/fixture.ts';

const PINNED = fileURLToPath(new URL('./test/pinned/', import.meta.url));
const UPDATE = process.env.PARLEY_UPDATE_PINNED === '1';
const dir = temporaryDir('parley-export-pinned-');
const workspace = join(dir, 'pinned.parley');

/**
 * Every character JSON escapes or JSONL must not leave raw (U+2028, U+2029, U+0085), quotes and backslashes,
 * control characters, DEL, an astral character and a lone combining mark, so the escaping of document text is
 * pinned too.
 */
const ESCAPES_TEXT = 'He said "no" \\ then\ttabbed\u0001\u001f on.\nLine\u2028separator\u2029paragraph\u0085next\u007f end 𝄞 e\u0301.';

/**
 * Timestamps and the author (the user running the test) are all that differs between two builds of the
 * fixture: they are fixed in the file.
 */
function fixVaryingValues(path: string): void {
  const db = new Database(path);
  try {
    db.transaction(() => {
      db.prepare(`UPDATE documents SET created_at = '2024-05-01T10:00:00.000Z', updated_at = '2024-05-02T11:30:00.000Z'`).run();
      // Annotations keep whether they were edited (updated_at differs) or not: both forms are written differently.
      db.prepare(
        `UPDATE annotations SET created_at = '2024-05-01T10:00:0' || (id % 10) || '.000Z',
           updated_at = CASE WHEN id % 3 = 0 THEN '2024-05-03T09:15:00.000Z' ELSE '2024-05-01T10:00:0' || (id % 10) || '.000Z' END`,
      ).run();
      db.prepare(`UPDATE annotations SET author = 'analyst' WHERE author <> ''`).run();
      db.prepare(`UPDATE relations SET created_at = '2024-05-01T12:00:00.000Z'`).run();
    })();
  } finally {
    db.close();
  }
}

/** The files under `folder`, by path relative to it (with `/`), with their bytes. */
function filesUnder(folder: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    files.set(relative(folder, full).split(sep).join('/'), readFileSync(full));
  }
  return files;
}

/** A W3C collection gets a random id on each export: it is replaced by a fixed one before comparing. */
function withoutRandomIds(bytes: Buffer): Buffer {
  const text = bytes.toString('latin1');
  const collection = /^\{"@context": "[^"]*", "id": "(urn:uuid:[0-9a-f-]{36})"/.exec(text)?.[1];
  return collection ? Buffer.from(text.replaceAll(collection, 'urn:uuid:collection'), 'latin1') : bytes;
}

/** Fails at the first differing byte, showing the text around it in both. */
function assertSameBytes(actual: Buffer, expected: Buffer, what: string): void {
  if (actual.equals(expected)) return;
  let at = 0;
  while (at < actual.length && at < expected.length && actual[at] === expected[at]) at++;
  const around = (bytes: Buffer) => JSON.stringify(bytes.subarray(Math.max(0, at - 60), at + 60).toString('utf8'));
  assert.fail(`${what} differs from byte ${at} (lengths ${actual.length} and ${expected.length}):\n  written  ${around(actual)}\n  expected ${around(expected)}`);
}

const CASES: { name: string; options: ExportOptions }[] = [
  ...EXPORT_FORMATS.map((format: ExportFormat) => ({ name: format, options: { format } })),
  { name: 'parley-utf16', options: { format: 'parley', offsets: 'utf16' } },
  { name: 'brat-utf16', options: { format: 'brat', offsets: 'utf16' } },
  { name: 'doccano-relations', options: { format: 'doccano', doccanoForm: 'relations' } },
  { name: 'conll-split', options: { format: 'conll', split: [0.5, 0.25, 0.25], seed: 7 } },
];

describe('export bytes', () => {
  let backend: Backend;

  before(async () => {
    const building = await openBackend(workspace);
    await buildFixture(building);
    const labels = (await building.dispatch('listLabels', {})) as Label[];
    const escapes = (await building.dispatch('createDocument', { title: 'escapes "document"\t\\', text: ESCAPES_TEXT })) as DocumentSummary;
    await building.dispatch('edit', {
      documentId: escapes.id,
      description: 'fixture',
      edits: [
        { op: 'createAnnotation', labelId: labels.find((label) => label.name === 'Quote')!.id, fragments: [span(ESCAPES_TEXT, '"no"')], note: 'a "quoted"\tnote\u2028here' },
        { op: 'createAnnotation', labelId: labels.find((label) => label.name === 'Actor')!.id, fragments: [span(ESCAPES_TEXT, '𝄞'), span(ESCAPES_TEXT, 'e\u0301')] },
      ],
    });
    await building.close();
    fixVaryingValues(workspace);
    backend = await openBackend(workspace);
  });

  after(async () => {
    await backend?.close();
  });

  for (const { name, options } of CASES) {
    it(`${name}: writes exactly the pinned bytes`, async () => {
      const out = join(dir, `out-${name}`);
      const summary = await exportToPath(backend.workspace, options, out);
      // A single-file export is the file at `out`; the others are folders. READMEs are left out: they describe
      // the export (and name the workspace) rather than hold its data.
      const folder = statSync(out).isDirectory();
      const files = new Map<string, Buffer>();
      for (const file of summary.files) {
        if (file === 'README.md' || file.endsWith('.README.md')) continue;
        files.set(file, readFileSync(folder ? join(out, ...file.split('/')) : out));
      }
      const expectedDir = join(PINNED, name);
      if (UPDATE) {
        rmSync(expectedDir, { recursive: true, force: true });
        for (const [file, bytes] of files) {
          mkdirSync(dirname(join(expectedDir, file)), { recursive: true });
          writeFileSync(join(expectedDir, file), bytes);
        }
      }
      const expected = filesUnder(expectedDir);
      assert.deepEqual([...files.keys()].sort(), [...expected.keys()].sort(), 'the same files');
      for (const [file, bytes] of files) assertSameBytes(withoutRandomIds(bytes), withoutRandomIds(expected.get(file)!), `${name}: ${file}`);
    });
  }
});
