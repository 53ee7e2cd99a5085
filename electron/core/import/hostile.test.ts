/**
 * Hostile files (issue 20): the reproductions kept in ../shared/data/hostile/, and generated inputs of the same
 * kinds, each imported by the `parley` command as users run it, with the V8 heap capped at 512 MB, so that a
 * runaway shows as a crash and not as a slow test. Each must be imported or refused (exit 0 or 1), with a plain
 * message naming the file, and leave nothing in the workspace that is not exactly its content. How long each
 * took and how much memory it used is reported beside the test (`# hostile …` lines).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { Deflate, strToU8, Zip, ZipDeflate } from 'fflate';
import { temporaryDir } from '../../test/helpers.ts';
import { loneSurrogateAt } from './source-text.ts';
import { DATA } from './test/support.ts';

const CLI = fileURLToPath(new URL('../../cli/bin.mjs', import.meta.url));
const HOSTILE = join(DATA, 'hostile');
const dir = temporaryDir('parley-hostile-');

/** JavaScript's own error texts, which must never reach a user as a file's problem. */
const RAW_EXCEPTION = /is not a function|Cannot read properties|Cannot convert|Maximum call stack|CHECK constraint|\[xmldom|undefined|\[object Object\]/;

/** What each kept reproduction must give: imported, or refused with a message saying why. */
const EXPECTED: Record<string, { outcome: 'imported' | 'skipped' | 'refused'; message?: RegExp }> = {
  'docx-inflates-to-200MB': { outcome: 'refused', message: /inflates to more than 64 MiB/ },
  'drift-lone-surrogate': { outcome: 'refused', message: /lone UTF-16 surrogate .* at character 6/ },
  'lone-surrogate-escapes': { outcome: 'refused', message: /lone UTF-16 surrogate .* at character 5/ },
  'timeout-html-30k-entities': { outcome: 'imported' },
  'slow-html-1000-unclosed-divs': { outcome: 'imported', message: /too deep to look for the article in/ },
  'slow-html-2000-unclosed-divs': { outcome: 'imported', message: /too deep to look for the article in/ },
  'slow-html-100k-unclosed-inline': { outcome: 'imported', message: /too deep to look for the article in/ },
  'soft-html-nested-b-3000': { outcome: 'imported', message: /too deep to look for the article in/ },
  'soft-html-readability-typeerror': { outcome: 'refused', message: /has no readable text/ },
  'soft-html-charset-constructor': { outcome: 'refused', message: /not valid UTF-8/ },
  'soft-docx-tagName': { outcome: 'refused', message: /is not a readable Word document/ },
  'soft-ls-type-valueOf': { outcome: 'imported' },
  'soft-ls-type-hasOwnProperty': { outcome: 'imported' },
  'soft-ls-type-proto': { outcome: 'imported' },
  'soft-w3c-to-primitive': { outcome: 'skipped', message: /none of its 1 annotation selects text/ },
  'soft-doccano-object-id': { outcome: 'refused', message: /there is no entity with id \{"toString":1,"valueOf":1\}/ },
};

interface Run {
  status: number | null;
  output: string;
  seconds: number;
  maxRssMb: number;
  documents: { id: number; text: string; hash: string }[];
}

/** Imports `path` into a fresh workspace with the command, and reads back what was stored. */
function importWithCli(name: string, path: string, options: string[] = []): Run {
  const workspace = join(dir, `${name}.parley`);
  assert.equal(spawnSync(process.execPath, [CLI, 'init', workspace], { encoding: 'utf8' }).status, 0);
  const storedDocuments = (sql: string) => {
    const database = new Database(workspace, { readonly: true });
    const rows = database.prepare(sql).all() as { id: number; text: string; hash: string }[];
    database.close();
    return rows;
  };
  // A new workspace holds the sample documents: what the import stored is what came after them.
  const before = Math.max(0, ...storedDocuments('SELECT id FROM documents').map((row) => row.id));
  const started = performance.now();
  // GNU time reports the peak memory of the command and everything it started.
  const result = spawnSync('/usr/bin/time', ['-f', 'maxrss %M', process.execPath, CLI, 'import', workspace, path, ...options], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=512' },
  });
  const seconds = (performance.now() - started) / 1000;
  const maxRssMb = Number(/maxrss (\d+)/.exec(result.stderr)?.[1] ?? 0) / 1024;
  const documents = storedDocuments(`SELECT id, text, content_hash AS hash FROM documents WHERE id > ${before}`);
  return { status: result.status, output: `${result.stdout}${result.stderr}`, seconds, maxRssMb, documents };
}

function assertHandled(name: string, run: Run, expected: { outcome: 'imported' | 'skipped' | 'refused'; message?: RegExp }, t: { diagnostic(message: string): void }) {
  t.diagnostic(`hostile ${name}: exit ${run.status}, ${run.seconds.toFixed(1)} s, ${run.maxRssMb.toFixed(0)} MB peak`);
  assert.equal(run.status, expected.outcome === 'refused' ? 1 : 0, run.output);
  assert.doesNotMatch(run.output, RAW_EXCEPTION);
  if (expected.message) assert.match(run.output, expected.message);
  if (expected.outcome !== 'imported') assert.equal(run.documents.length, 0, 'a refused or skipped file stores nothing');
  else assert.ok(run.documents.length > 0, 'the file was imported');
  for (const document of run.documents) {
    assert.ok(loneSurrogateAt(document.text) < 0, 'the stored text is valid Unicode');
    assert.equal(document.hash, createHash('sha256').update(document.text).digest('hex'), 'the stored hash is that of the stored text');
  }
}

describe('hostile files kept in ../shared/data/hostile', { skip: existsSync(HOSTILE) ? false : `no ${HOSTILE}: the shared data is not beside the repository` }, () => {
  const folders = existsSync(HOSTILE) ? readdirSync(HOSTILE, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name) : [];
  it('has an expectation for every kept reproduction', () => {
    assert.deepEqual(folders.filter((name) => !(name in EXPECTED)), []);
  });
  for (const name of folders) {
    it(`${name}: ${EXPECTED[name]?.outcome ?? 'unknown'}, plainly`, (t) => {
      assertHandled(name, importWithCli(name, join(HOSTILE, name)), EXPECTED[name]!, t);
    });
  }
});

/** JSON nested `depth` levels deep: `{"a": {"a": … 1}}`. */
function nested(depth: number): string {
  return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

/** A folder holding one generated file. */
function generated(name: string, file: string, content: string): string {
  const folder = join(dir, `generated-${name}`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, file), content);
  return folder;
}

describe('generated hostile inputs', () => {
  const cases: { name: string; file: string; content: string; options?: string[] }[] = [
    { name: 'doccano meta nested 10,000 deep', file: 'd.jsonl', content: `{"text": "Alice met Bob.", "meta": ${nested(10_000)}}\n` },
    { name: 'Label Studio data nested 10,000 deep', file: 'tasks.json', content: `[{"data": {"text": "Alice met Bob.", "extra": ${nested(10_000)}}}]`, options: ['--format', 'labelstudio'] },
    {
      name: 'W3C refinedBy nested 10,000 deep',
      file: 'anno.json',
      content: JSON.stringify({ type: 'Annotation', target: { source: 'http://example.org/a', selector: { type: 'TextQuoteSelector', exact: 'Alice' } } }).replace(
        '"exact":"Alice"',
        `"exact":"Alice","refinedBy":${'{"type":"TextQuoteSelector","exact":"A","refinedBy":'.repeat(10_000)}null${'}'.repeat(10_000)}`,
      ),
    },
    { name: 'a record field nested 1,001 deep', file: 'd.jsonl', content: `{"text": "Alice met Bob.", "source_info": ${nested(1_001)}}\n` },
  ];
  for (const { name, file, content, options } of cases) {
    it(`${name}: refused, plainly`, (t) => {
      const slug = name.replace(/\W+/g, '-');
      assertHandled(name, importWithCli(slug, generated(slug, file, content), options), { outcome: 'refused', message: /nested more than 100 levels deep/ }, t);
    });
  }
});

/** A .docx whose docProps/core.xml inflates to 2 GB of spaces (20 s to build: deflate runs over all of it). */
function docxWithHugeCoreProperties(): Uint8Array {
  const parts: Uint8Array[] = [];
  const zip = new Zip((_error, chunk) => parts.push(chunk));
  const document = new ZipDeflate('word/document.xml', { level: 1 });
  zip.add(document);
  document.push(strToU8('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Alice met Bob.</w:t></w:r></w:p></w:body></w:document>'), true);
  const core = new ZipDeflate('docProps/core.xml', { level: 1 });
  zip.add(core);
  const spaces = new Uint8Array(16 * 1024 * 1024).fill(0x20);
  for (let step = 0; step < 128; step++) core.push(spaces, step === 127);
  zip.end();
  return Buffer.concat(parts);
}

describe('a generated zip bomb', () => {
  it('a .docx whose core properties inflate to 2 GB: refused while inflating, plainly', (t) => {
    const folder = join(dir, 'generated-docx-2GB');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'huge.docx'), docxWithHugeCoreProperties());
    assertHandled('docx part inflating to 2 GB', importWithCli('docx-2GB', folder), { outcome: 'refused', message: /inflates to more than 64 MiB/ }, t);
  });
});

/** A PDF file of `objects` (numbered from 1, the first the catalog), with a correct cross-reference table. */
function pdfFile(objects: (string | Uint8Array)[]): Uint8Array {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n')];
  let size = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(size);
    const part = Buffer.concat([Buffer.from(`${index + 1} 0 obj\n`), Buffer.from(object), Buffer.from('\nendobj\n')]);
    parts.push(part);
    size += part.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`, ...offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`)].join('');
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${size}\n%%EOF\n`));
  return Buffer.concat(parts);
}

const FONT = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>';
const page = (contents: number) => `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${contents} 0 R >>`;
const stream = (content: string) => `<< /Length ${Buffer.byteLength(content)} >>\nstream\n${content}\nendstream`;

/** A PDF of `count` pages, each saying its number. */
function pdfWithPages(count: number): Uint8Array {
  const objects: string[] = ['<< /Type /Catalog /Pages 2 0 R >>', '', FONT];
  const kids: string[] = [];
  for (let number = 1; number <= count; number++) {
    const at = objects.length + 1;
    kids.push(`${at} 0 R`);
    objects.push(page(at + 1), stream(`BT /F1 12 Tf 72 720 Td (Page ${number} of the report.) Tj ET`));
  }
  objects[1] = `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${count} >>`;
  return pdfFile(objects);
}

/** A one-page PDF whose content stream inflates to `gibibytes` GiB of spaces around one line of text. */
function pdfWithHugeStream(gibibytes: number): Uint8Array {
  const compressed: Uint8Array[] = [];
  const deflate = new Deflate({ level: 1 }, (chunk) => compressed.push(chunk));
  deflate.push(strToU8('BT /F1 12 Tf 72 720 Td (Alice met Bob.) Tj ET\n'));
  const spaces = new Uint8Array(16 * 1024 * 1024).fill(0x20);
  const steps = gibibytes * 64;
  for (let step = 0; step < steps; step++) deflate.push(spaces, step === steps - 1);
  const data = Buffer.concat(compressed);
  const content = Buffer.concat([Buffer.from(`<< /Length ${data.length} /Filter /FlateDecode >>\nstream\n`), data, Buffer.from('\nendstream')]);
  return pdfFile(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [4 0 R] /Count 1 >>', FONT, page(5), content]);
}

describe('generated hostile PDFs', () => {
  const write = (name: string, bytes: Uint8Array) => {
    const folder = join(dir, `generated-${name}`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `${name}.pdf`), bytes);
    return folder;
  };

  it('a PDF of 3 pages is read whole (the generator makes real PDFs)', (t) => {
    const run = importWithCli('pdf-3-pages', write('pdf-3-pages', pdfWithPages(3)));
    assertHandled('a 3-page PDF', run, { outcome: 'imported' }, t);
    assert.match(run.documents[0]!.text, /Page 1 of the report\.[\s\S]*Page 3 of the report\./);
  });

  it('a PDF of 20,000 pages: refused by its page count, plainly', (t) => {
    assertHandled('a 20,000-page PDF', importWithCli('pdf-20000-pages', write('pdf-20000-pages', pdfWithPages(20_000))), { outcome: 'refused', message: /has 20,000 pages; Parley reads PDFs of up to 5,000 pages/ }, t);
  });

  it('a 1 MB PDF whose content stream inflates to 1 GiB: refused while inflating, plainly', (t) => {
    const bytes = pdfWithHugeStream(1);
    assert.ok(bytes.length < 2 * 1024 * 1024, `the file is ${bytes.length} bytes`);
    assertHandled('a PDF stream inflating to 1 GiB', importWithCli('pdf-1GiB-stream', write('pdf-1GiB-stream', bytes)), { outcome: 'refused', message: /compressed streams inflate to more than 64 MiB/ }, t);
  });
});
