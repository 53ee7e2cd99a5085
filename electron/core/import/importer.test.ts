import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { ImportSummary, WorkspaceStats } from '../../shared/types.ts';
import { temporaryDir, workspacePath } from '../../test/helpers.ts';
import { openBackend, type Backend } from '../backend.ts';
import { ParleyError } from '../errors.ts';
import { importPaths, type ImportProgress } from './importer.ts';
import { DATA, storedAnnotations } from './test/support.ts';

const dir = temporaryDir('parley-import-');

/** A folder of files for one test. */
function folder(files: Record<string, string | Uint8Array>): string {
  const root = join(dir, `input-${Math.random().toString(36).slice(2)}`);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), content);
  }
  return root;
}

const stats = async (backend: Backend) => (await backend.dispatch('stats', {})) as WorkspaceStats;

describe('importPaths', () => {
  it('imports a mixed folder, pairs brat files by name and by PolNeAR prefix, reports progress and a summary', async () => {
    const root = folder({
      'notes.md': '# Notes\n\nSome notes.\n',
      'articles.csv': 'title,text\nOne,First article.\nTwo,Second article.\n',
      'photo.png': Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]),
      'brat/doc.txt': 'Obama met Merkel.',
      'brat/doc.ann': 'T1\tPerson 0 5\tObama\nT2\tPerson 10 16\tMerkel\nR1\tMet Arg1:T1 Arg2:T2\n',
      'brat/annotation.conf': '[entities]\nPerson\n[attributes]\nFamous\tArg:Person\n',
      'polnear/text/art_2016.txt': 'He said it was over.',
      'polnear/attributions/art_2016_ab12.ann': 'T1\tSource 0 2\tHe\nT2\tCue 3 7\tsaid\nT3\tAttribution 3 7\tsaid\nE1\tAttribution:T3 Source:T1 Cue:T2\n',
      'polnear/attributions/art_2016_cd34.ann': 'T1\tSource 0 2\tHe\n',
      'polnear/text/lonely.txt': 'No annotations here.',
    });
    const backend = await openBackend(workspacePath(dir));
    const progress: ImportProgress[] = [];
    const summary = await importPaths(backend.workspace, [root], { onProgress: (update) => progress.push(update) });
    assert.deepEqual(summary, {
      documents: 6,
      merged: 1,
      annotations: 2 + 3 + 1,
      relations: 1 + 2,
      filesTotal: 7,
      filesDone: 7,
      skipped: [{ file: join(root, 'photo.png'), reason: 'not a file type Parley imports' }],
      errors: [],
      warnings: [],
      cancelled: false,
    } satisfies ImportSummary);
    assert.deepEqual(
      progress.map((update) => [update.filesDone, update.filesTotal, update.currentFile?.slice(root.length + 1) ?? null]),
      [
        [0, 7, 'articles.csv'],
        [1, 7, 'brat/doc.ann'],
        [2, 7, 'notes.md'],
        [3, 7, 'photo.png'],
        [4, 7, 'polnear/attributions/art_2016_ab12.ann'],
        [5, 7, 'polnear/attributions/art_2016_cd34.ann'],
        [6, 7, 'polnear/text/lonely.txt'],
        [7, 7, null],
      ],
      'a brat .txt is part of its .ann’s job; a .txt no .ann claims is a job of its own',
    );
    const annotations = storedAnnotations(backend.path);
    assert.deepEqual(
      annotations.filter((annotation) => annotation.title === 'He said it was over.').map((annotation) => [annotation.label, annotation.covered, annotation.author]),
      [
        ['Source', 'He', 'ab12'],
        ['Cue', 'said', 'ab12'],
        ['Attribution', 'said', 'ab12'],
        ['Source', 'He', 'cd34'],
      ],
      'both annotators of the article, each as the author of their annotations',
    );
    const labels = (await backend.dispatch('listLabels', {})) as { name: string; attributes: unknown[] }[];
    assert.deepEqual(labels.find((label) => label.name === 'Person')!.attributes, [{ name: 'Famous', type: 'boolean' }], 'annotation.conf was read');
    await backend.close();
  });

  it('adds another annotator’s file of a text as that annotator’s layer, and skips what adds nobody new unless duplicates: merge', async () => {
    const root = folder({
      'a.txt': 'Same text.',
      'a.ann': 'T1\tX 0 4\tSame\n',
      'b.txt': 'Same text.',
      'text/art.txt': 'Same text.',
      'attributions/art_ann1.ann': 'T1\tX 5 9\ttext\n',
      'attributions/art_ann2.ann': 'T1\tX 0 4\tSame\nT2\tY 5 9\ttext\n',
    });
    const backend = await openBackend(workspacePath(dir));
    const first = await importPaths(backend.workspace, [root]);
    assert.deepEqual([first.documents, first.merged, first.annotations], [1, 2, 1 + 1 + 2], 'one document, with three annotators’ layers');
    assert.deepEqual(first.skipped, [{ file: join(root, 'b.txt'), reason: 'same text as document 1 (“Same text.”)' }], 'a text without annotations adds nothing');
    assert.deepEqual(
      storedAnnotations(backend.path).map((annotation) => [annotation.documentId, annotation.author, annotation.label, annotation.covered]),
      [
        [1, '', 'X', 'Same'],
        [1, 'ann1', 'X', 'text'],
        [1, 'ann2', 'X', 'Same'],
        [1, 'ann2', 'Y', 'text'],
      ],
    );
    const before = await stats(backend);
    const again = await importPaths(backend.workspace, [root]);
    assert.deepEqual([again.documents, again.merged, again.annotations, again.errors], [0, 0, 0, []]);
    const sameText = 'same text as document 1 (“Same text.”)';
    assert.deepEqual(
      again.skipped.map((skipped) => [skipped.file.slice(root.length + 1), skipped.reason]),
      [
        ['a.ann', `${sameText}, which already has annotations by an unnamed annotator`],
        ['attributions/art_ann1.ann', `${sameText}, which already has annotations by “ann1”`],
        ['attributions/art_ann2.ann', `${sameText}, which already has annotations by “ann2”`],
        ['b.txt', sameText],
      ],
      'the same annotator’s file again is a duplicate',
    );
    assert.deepEqual(await stats(backend), before);
    const merged = await importPaths(backend.workspace, [join(root, 'a.ann')], { duplicates: 'merge' });
    assert.deepEqual([merged.documents, merged.merged, merged.annotations], [0, 1, 1]);
    await backend.close();
  });

  it('refuses huge files by their size, binary files named .txt and unknown named files, leaving the workspace as it was', async () => {
    const root = folder({ 'notes.bin': 'plain words', 'table.csv': 'title,text\nA,fine\nB,"never closed\n' });
    const huge = join(root, 'huge.txt');
    writeFileSync(huge, '');
    truncateSync(huge, 200 * 1024 * 1024);
    copyFileSync(join(DATA, 'bad-input/binary.bin'), join(root, 'binary.txt'));
    const backend = await openBackend(workspacePath(dir));
    const before = await stats(backend);
    const summary = await importPaths(backend.workspace, ['missing.txt', huge, join(root, 'binary.txt'), join(root, 'notes.bin'), join(root, 'table.csv')]);
    assert.deepEqual(
      summary.errors.map(({ file, line, message }) => [file.replace(root, ''), line, message.replace(/ \(.*/, '')]),
      [
        ['missing.txt', undefined, 'does not exist or cannot be read'],
        ['/huge.txt', undefined, 'is 200 MiB; Parley imports files of up to 64 MiB: split it into smaller files'],
        ['/binary.txt', 1, 'is a binary file, not text: it contains a NUL byte'],
        ['/notes.bin', undefined, 'is of a type Parley does not recognise'],
        ['/table.csv', 3, 'is not a well-formed CSV file: Quote Not Closed: the parsing is finished with an opening quote at line 3'],
      ],
    );
    assert.deepEqual(await stats(backend), before);
    await backend.close();
  });

  it('pairs a single named .ann with the .txt and annotation.conf next to it, and puts W3C annotations on documents by URL', async () => {
    const root = folder({
      'x_ann7.ann': 'T1\tQuote 4 8\tsaid\nA1\tConfidence T1 High\n',
      'x.txt': 'She said so.',
      'annotation.conf': '[entities]\nQuote\n[attributes]\nConfidence\tArg:Quote, Value:High|Low\n',
      'notes.jsonld': JSON.stringify({
        '@context': 'http://www.w3.org/ns/anno.jsonld',
        id: 'urn:1',
        type: 'Annotation',
        body: { type: 'TextualBody', purpose: 'tagging', value: 'Claim' },
        target: { source: 'https://example.org/so', selector: { type: 'TextQuoteSelector', exact: 'so' } },
      }),
    });
    const backend = await openBackend(workspacePath(dir));
    const brat = await importPaths(backend.workspace, [join(root, 'x_ann7.ann')]);
    assert.deepEqual([brat.documents, brat.annotations, brat.errors], [1, 1, []]);
    const labels = (await backend.dispatch('listLabels', {})) as { name: string; attributes: unknown[] }[];
    assert.deepEqual(labels.find((label) => label.name === 'Quote')!.attributes.at(-1), { name: 'Confidence', type: 'choice', options: ['High', 'Low'] });
    await backend.dispatch('updateDocument', { id: 1, patch: { url: 'https://example.org/so' } });
    const w3c = await importPaths(backend.workspace, [join(root, 'notes.jsonld')]);
    assert.deepEqual([w3c.documents, w3c.merged, w3c.annotations, w3c.errors], [0, 1, 1, []]);
    assert.deepEqual(
      storedAnnotations(backend.path).map((annotation) => [annotation.label, annotation.covered, annotation.author, annotation.attributes]),
      [
        ['Quote', 'said', 'ann7', { Confidence: 'High' }],
        ['Claim', 'so', '', {}],
      ],
    );
    await backend.close();
  });

  it('pairs a .txt named without its .ann (a shell’s *.txt) with the .ann and annotation.conf next to it', async () => {
    const root = folder({
      'a.txt': 'She said so.',
      'a.ann': 'T1\tQuote 4 8\tsaid\nA1\tConfidence T1 Low\n',
      'annotation.conf': '[entities]\nQuote\n[attributes]\nConfidence\tArg:Quote, Value:High|Low\n',
      'b.txt': 'Just a text, with no annotations.',
      'c.txt': 'It said nothing.',
      'c.ann': 'T1\tQuote 3 7\tsaid\nT2\tQuote 40 44\tgone\n',
    });
    const backend = await openBackend(workspacePath(dir));
    const summary = await importPaths(backend.workspace, ['a.txt', 'b.txt', 'c.txt'].map((name) => join(root, name)));
    assert.deepEqual([summary.documents, summary.annotations], [2, 1]);
    assert.deepEqual(
      storedAnnotations(backend.path).map((annotation) => [annotation.title, annotation.label, annotation.covered, annotation.attributes]),
      [['She said so.', 'Quote', 'said', { Confidence: 'Low' }]],
    );
    // c.txt's .ann is broken: the error names the .ann and its line, and c.txt is not imported as plain text either.
    assert.deepEqual(
      summary.errors.map((error) => [error.file, error.line]),
      [[join(root, 'c.ann'), 2]],
    );
    await backend.close();
  });
});

describe('importPaths in batches', () => {
  /** The titles of the documents whose text has `word`, through the full-text index. */
  const search = async (backend: Backend, word: string) => {
    const { documentIds } = await backend.workspace.selectExportDocuments({ search: word });
    const documents = (await backend.dispatch('listDocuments', {})) as { id: number; title: string }[];
    return documents.filter((document) => documentIds.includes(document.id)).map((document) => document.title).sort();
  };

  it('stores the files of a batch each whole or not at all: a malformed third of five names its line, the other four are imported', async () => {
    const root = folder({
      '1.txt': 'First article about talks.',
      '2.txt': 'Second article about talks.',
      '3.ann': 'T1\tQuote 0 5\tThird\nT2\tQuote 6 99\tarticle\n',
      '3.txt': 'Third article about talks.',
      '4.txt': 'Fourth article about talks.',
      '5.txt': 'Fifth article about talks.',
    });
    const backend = await openBackend(workspacePath(dir));
    const progress: number[] = [];
    const summary = await importPaths(backend.workspace, [root], { onProgress: ({ filesDone }) => progress.push(filesDone) });
    assert.deepEqual(
      summary.errors.map(({ file, line, message }) => [file.slice(root.length + 1), line, message]),
      [['3.ann', 2, 'T2: the range [6, 99] lies outside the text, which is 26 characters long']],
    );
    assert.deepEqual([summary.documents, summary.annotations, summary.filesDone, summary.filesTotal, summary.cancelled], [4, 0, 5, 5, false]);
    assert.deepEqual(progress, [0, 1, 2, 3, 4, 5]);
    assert.deepEqual(await search(backend, 'talks'), ['Fifth article about talks.', 'First article about talks.', 'Fourth article about talks.', 'Second article about talks.']);
    assert.deepEqual((await stats(backend)).labels['Quote'], 0, 'nothing of the third file was stored');
    await backend.close();
  });

  it('stops inside a long file when cancelled: stores the files parsed before it, nothing of that file and none after it', async () => {
    const rows = Array.from({ length: 3000 }, (_, index) => `Row ${index} of a long table.`).join('\n');
    const root = folder({ 'a.txt': 'First file.', 'b.txt': 'Second file.', 'c.csv': `text\n${rows}\n`, 'd.txt': 'Never reached.' });
    const backend = await openBackend(workspacePath(dir));
    const controller = new AbortController();
    const summary = await importPaths(backend.workspace, [root], {
      signal: controller.signal,
      // Cancel while the table is being read: its parser looks at the signal every few hundred rows.
      onProgress: ({ currentFile }) => {
        if (currentFile?.endsWith('c.csv')) setImmediate(() => controller.abort());
      },
    });
    assert.deepEqual([summary.cancelled, summary.filesDone, summary.filesTotal, summary.documents, summary.errors], [true, 2, 4, 2, []]);
    assert.deepEqual(((await backend.dispatch('listDocuments', {})) as { title: string }[]).map((document) => document.title), ['First file.', 'Second file.']);
    assert.deepEqual(await search(backend, 'file'), ['First file.', 'Second file.'], 'and indexed them for search');
    await backend.close();
  });

  it('stops a file that takes longer than its deadline, reports it by name, and imports the files after it', async () => {
    const paragraphs = '<p>Ushakov said the talks in Moscow would go on, and the delegations met again.</p>'.repeat(400_000);
    const root = folder({
      'a.txt': 'First file about talks.',
      'b-slow.html': `<!doctype html><html><head><title>Slow</title></head><body><article>${paragraphs}</article></body></html>`,
      'c.txt': 'Third file about talks.',
    });
    const backend = await openBackend(workspacePath(dir));
    const summary = await importPaths(backend.workspace, [root], { parseLimits: { deadlineMs: 2000, heapMb: 2048 } });
    assert.deepEqual(
      summary.errors.map(({ file, message }) => [file.slice(root.length + 1), message]),
      [['b-slow.html', 'took longer than 2 s to read, so Parley stopped reading it']],
    );
    assert.deepEqual([summary.documents, summary.filesDone, summary.filesTotal, summary.cancelled], [2, 3, 3, false]);
    assert.deepEqual(await search(backend, 'talks'), ['First file about talks.', 'Third file about talks.']);
    await backend.close();
  });

  it('stores the files before one that looks documents up (W3C annotations by URL) first, so it finds them', async () => {
    const root = folder({
      'a-page.html': readFileSync(join(import.meta.dirname, 'fixtures/saved-news-page.html'), 'utf8'),
      'b-notes.jsonld': JSON.stringify({
        '@context': 'http://www.w3.org/ns/anno.jsonld',
        id: 'urn:2',
        type: 'Annotation',
        body: { type: 'TextualBody', purpose: 'tagging', value: 'Quote' },
        target: { source: 'https://news.example.org/2025/11/20/ceasefire-talks', selector: { type: 'TextQuoteSelector', exact: 'There is no compromise on territory' } },
      }),
    });
    const backend = await openBackend(workspacePath(dir));
    const summary = await importPaths(backend.workspace, [root]);
    assert.deepEqual([summary.documents, summary.merged, summary.annotations, summary.errors], [1, 1, 1, []]);
    await backend.close();
  });
});

describe('the importFiles API method', () => {
  it('imports uploaded files (a brat pair by folder name) and validates its parameters', async () => {
    const backend = await openBackend(workspacePath(dir));
    const base64 = (text: string) => Buffer.from(text).toString('base64');
    const summary = (await backend.dispatch('importFiles', {
      files: [
        { name: 'corpus/a.txt', contentBase64: base64('Kyiv 🇺🇦 said no.') },
        { name: 'corpus/a.ann', contentBase64: base64('T1\tPlace 0 4\tKyiv\nT2\tFlag 5 7\t🇺🇦\n') },
        { name: 'articles.tsv', contentBase64: base64('id\tbody\n1\tOne.\n2\tTwo.\n') },
      ],
      textField: 'body',
    })) as ImportSummary;
    assert.deepEqual([summary.documents, summary.annotations, summary.errors], [3, 2, []]);
    assert.deepEqual(storedAnnotations(backend.path).map((annotation) => annotation.covered), ['Kyiv', '🇺🇦']);
    await assert.rejects(backend.dispatch('importFiles', { files: [{ name: 'a.txt', contentBase64: '' }], format: 'excel' }), (error: unknown) => {
      assert.ok(error instanceof ParleyError);
      assert.equal(error.code, 'invalid_params');
      assert.match(error.message, /^importFiles: format: /);
      return true;
    });
    await backend.close();
  });
});

describe('the importFiles API method with a lone brat .txt', () => {
  it('imports an uploaded .txt without its .ann as plain text, and says how to import both', async () => {
    const backend = await openBackend(workspacePath(dir));
    const base64 = (text: string) => Buffer.from(text).toString('base64');
    const summary = (await backend.dispatch('importFiles', {
      files: [
        { name: 'a.txt', contentBase64: base64('She said so.') },
        { name: 'b.txt', contentBase64: base64('He said no.') },
        { name: 'b.ann', contentBase64: base64('T1\tQuote 3 7\tsaid\n') },
      ],
    })) as ImportSummary;
    assert.deepEqual([summary.documents, summary.annotations, summary.errors], [2, 1, []]);
    assert.deepEqual(
      summary.warnings.map((warning) => [warning.file, warning.message]),
      [['a.txt', 'was imported as plain text: no a.ann came with it. If it has brat annotations, import a.txt together with a.ann (both files, or their folder)']],
    );
    await backend.close();
  });
});
