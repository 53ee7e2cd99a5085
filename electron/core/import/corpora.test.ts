/**
 * Imports every file of the shared corpora (except PolNeAR, in polnear.test.ts) into temporary workspaces and
 * compares what was stored with the sources: counts computed from the files themselves (test/expected.ts), and
 * every stored annotation's covered text with the text the source gives for it.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { describe, it } from 'node:test';
import type { ImportSummary, WorkspaceStats } from '../../shared/types.ts';
import { temporaryDir, workspacePath } from '../../test/helpers.ts';
import { openBackend } from '../backend.ts';
import { importPaths, type ImportRunOptions } from './importer.ts';
import { addBratPair, addConll, addDoccanoRecords, emptyExpectation, filesUnder, normalised, type ExpectedCorpus } from './test/expected.ts';
import { DATA, storedAnnotations, storedTexts } from './test/support.ts';

const dir = temporaryDir('parley-corpora-');

async function importInto(paths: string[], options: ImportRunOptions = {}) {
  const backend = await openBackend(workspacePath(dir));
  const summary = await importPaths(backend.workspace, paths, options);
  const stats = (await backend.dispatch('stats', {})) as WorkspaceStats;
  await backend.close();
  return { summary, stats, annotations: storedAnnotations(backend.path), texts: storedTexts(backend.path), path: backend.path };
}

/** The stored side of an ExpectedCorpus, and the check that each annotation's recorded text is what it covers. */
function assertMatches(stored: Awaited<ReturnType<typeof importInto>>, expected: ExpectedCorpus): void {
  assert.deepEqual(new Set(stored.texts.values()), expected.texts, 'the documents are the source texts, normalised');
  assert.equal(stored.summary.annotations, expected.annotations);
  assert.equal(stored.summary.relations, expected.relations);
  assert.equal(stored.stats.annotations, expected.annotations);
  assert.equal(stored.stats.relations, expected.relations);
  for (const annotation of stored.annotations) assert.equal(annotation.text, annotation.covered, `${annotation.label} in “${annotation.title}”`);
  // Label names ignore case in Parley (brat's TDT corpus has both `Adv` and `adv`): compared in lower case.
  const lower = (span: string) => span.replace(/^[^|]*/, (label) => label.toLowerCase());
  assert.deepEqual(stored.annotations.map((annotation) => lower(`${annotation.label}|${annotation.covered}`)).sort(), expected.spans.map(lower).sort());
}

describe('shared corpora', () => {
  it('brat example corpora: every .ann with its .txt and annotation.conf', async () => {
    const root = join(DATA, 'corpora/brat-examples');
    const expected = emptyExpectation();
    const files = filesUnder(root);
    for (const ann of files.filter((file) => file.endsWith('.ann'))) addBratPair(expected, ann.replace(/\.ann$/, '.txt'), ann);
    const lonelyTexts = files.filter((file) => file.endsWith('.txt') && !files.includes(file.replace(/\.txt$/, '.ann')));
    for (const text of lonelyTexts) expected.texts.add(normalised(readFileSync(text, 'utf8')));

    const stored = await importInto([root], { duplicates: 'merge' });
    assert.deepEqual(stored.summary.errors, []);
    assert.equal(stored.summary.documents, expected.texts.size);
    assert.equal(stored.summary.documents + stored.summary.merged, files.filter((file) => file.endsWith('.ann')).length + lonelyTexts.length);
    assertMatches(stored, expected);
    const isCaseWarning = (message: string) => message.endsWith('label names ignore case');
    const caseWarnings = stored.summary.warnings.filter((warning) => isCaseWarning(warning.message));
    const otherWarnings = stored.summary.warnings.filter((warning) => !isCaseWarning(warning.message));
    assert.deepEqual(
      otherWarnings.map((warning) => `${basename(warning.file)}:${warning.line}`),
      ['PMC2858072-02-Results_and_Discussion-01.ann:103', '110-note_annotation.ann:12', '110-note_annotation.ann:12'],
      'the one `* Equiv T63 T63` and the two notes on relations are reported',
    );
    assert.ok(caseWarnings.length > 0 && caseWarnings.every((warning) => warning.file.includes('/TDT/')), 'TDT’s `adv` beside `Adv` is reported');
    assert.deepEqual(new Set(stored.summary.skipped.map((entry) => extname(entry.file) || basename(entry.file))), new Set(['.conf', 'LICENSE', 'README']));
    const events = stored.annotations.filter((annotation) => typeof annotation.attributes['bratEvent'] === 'string');
    const eventLines = files.filter((file) => file.endsWith('.ann')).flatMap((file) => readFileSync(file, 'utf8').split('\n').filter((line) => /^E\S*\t/.test(line)));
    assert.equal(events.length, eventLines.length, 'every E line is one annotation marked with its event id');
  });

  it('CheckThat! derived brat and doccano files: the same claims, once from each', async () => {
    const expected = emptyExpectation();
    const paths = ['derived_train', 'derived_test'].map((part) => join(DATA, 'corpora/checkthat', part));
    for (const path of paths) {
      for (const ann of filesUnder(path).filter((file) => file.endsWith('.ann'))) addBratPair(expected, ann.replace(/\.ann$/, '.txt'), ann);
      const lines = readFileSync(join(path, 'doccano_claims.jsonl'), 'utf8').split('\n').filter(Boolean);
      addDoccanoRecords(expected, lines.map((line) => JSON.parse(line) as Record<string, unknown>));
    }
    const stored = await importInto(paths, { duplicates: 'merge' });
    assert.deepEqual(stored.summary.errors, []);
    assert.equal(stored.summary.documents, 26);
    assertMatches(stored, expected);
  });

  it('doccano examples: every form doccano reads and writes; files of other tasks are refused or skipped, by name', async () => {
    const root = join(DATA, 'formats/doccano');
    const expected = emptyExpectation();
    const refused = new Set<string>();
    let documents = 0;
    for (const file of filesUnder(root)) {
      const name = file.slice(root.length + 1);
      const extension = extname(file);
      if (extension === '.jsonl' || extension === '.json') {
        const content = readFileSync(file, 'utf8');
        // JSON Lines, or (doccano's pretty-printed examples) one JSON value: an array of records or a record.
        const parseable = (parse: () => unknown[]) => {
          try {
            return parse();
          } catch {
            return undefined;
          }
        };
        const records =
          (extension === '.jsonl' ? parseable(() => content.split('\n').filter((line) => line.trim()).map((line) => JSON.parse(line))) : undefined) ??
          parseable(() => [JSON.parse(content)].flat());
        if (!records) {
          refused.add(name);
          continue;
        }
        const withText = records.filter((record) => typeof record === 'object' && record !== null && ('text' in record || 'column_data' in record));
        if (withText.length < records.length) refused.add(name);
        else {
          addDoccanoRecords(expected, records as Record<string, unknown>[]);
          documents += records.length;
        }
      } else if (extension === '.txt') {
        expected.texts.add(normalised(readFileSync(file, 'utf8')));
        documents++;
      } else if (extension === '.csv') {
        const rows = normalised(readFileSync(file, extension === '.csv' && name.includes('utf16') ? 'utf16le' : 'utf8')).split('\n').filter(Boolean);
        if (!rows[0]!.split(',').some((column) => column === 'text' || column === 'column_data')) refused.add(name);
        else {
          for (const row of rows.slice(1)) expected.texts.add(row.split(',')[0]!.replace(/^"|"$/g, ''));
          documents += rows.length - 1;
        }
      } else if (/\.conll(2003\.user\d)?$/.test(file) || /conll2003\.user\d$/.test(file)) {
        if (readFileSync(file, 'utf8').split('\n').some((line) => line.trim() && !/(^|\s)(O|[BIESLU]-\S+)$/.test(line.trim()))) refused.add(name);
        else documents += addConll(expected, file);
      }
    }
    const stored = await importInto([root], { duplicates: 'merge' });
    assert.deepEqual(new Set(stored.summary.errors.map((error) => error.file.slice(root.length + 1))), refused);
    assert.deepEqual(
      [...refused].sort(),
      [
        'backend/data_export/pipeline/examples/bounding_box/example.jsonl',
        'backend/data_export/pipeline/examples/image_captioning/example.jsonl',
        'backend/data_export/pipeline/examples/image_classification/example.jsonl',
        'backend/data_export/pipeline/examples/segmentation/example.jsonl',
        'backend/data_export/pipeline/examples/speech_to_text/example.jsonl',
        'backend/data_import/tests/data/sequence_labeling/example.jsonl',
        'backend/data_import/tests/data/sequence_labeling/labeling.invalid.conll',
      ],
      'image and audio examples (no text), and the two broken test files',
    );
    assert.deepEqual(new Set(stored.summary.skipped.map((entry) => basename(entry.file))), new Set(['LICENSE', 'labeling.spacy.user1', 'labeling.spacy.user2', 'labeling_text_label.spacy.user0']));
    assert.equal(stored.summary.documents + stored.summary.merged, documents);
    assertMatches(stored, expected);
  });

  it('W3C Web Annotation samples: text selections land on the documents with those URLs; the rest is skipped', async () => {
    const root = join(DATA, 'formats/w3c-web-annotation/correct');
    const documents = new Map([
      ['http://example.org/page1', 'Notes: this is an anotation that has some typos. Here is the text before the Selected Text and text after it.'],
      ['http://example.org/ebook1', `${'Chapter one 📖 of the ebook. '.repeat(40)}The end.`],
      ['http://example.com/document1', 'Intro paragraph with a phrase worth a comment, and more.'],
    ]);
    // Every target of every annotation (a collection's embedded page included) with a text selector.
    const expectedSpans: string[] = [];
    const selections = (value: unknown): void => {
      if (Array.isArray(value)) return value.forEach(selections);
      if (typeof value !== 'object' || value === null) return;
      const record = value as Record<string, unknown>;
      if (record['type'] === 'Annotation') {
        const targets = Array.isArray(record['target']) ? record['target'] : [record['target']];
        for (const target of targets as Record<string, unknown>[]) {
          let selector = target?.['selector'] as Record<string, unknown> | undefined;
          while (selector && !['TextPositionSelector', 'TextQuoteSelector'].includes(String(selector['type']))) selector = selector['refinedBy'] as Record<string, unknown> | undefined;
          if (!selector) continue;
          const text = [...documents.get(String(target['source']))!];
          const covered = selector['type'] === 'TextQuoteSelector' ? String(selector['exact']) : text.slice(Number(selector['start']), Number(selector['end'])).join('');
          const tag = (Array.isArray(record['body']) ? record['body'] : [record['body']]).find((body) => (body as Record<string, unknown>)?.['purpose'] === 'tagging') as Record<string, unknown> | undefined;
          expectedSpans.push(`${tag?.['value'] ?? record['motivation'] ?? 'Annotation'}|${covered}`);
        }
        return;
      }
      Object.values(record).forEach(selections);
    };
    const files = filesUnder(root).filter((file) => file.endsWith('.json'));
    for (const file of files) selections(JSON.parse(readFileSync(file, 'utf8')));

    const backend = await openBackend(workspacePath(dir));
    for (const [url, text] of documents) await backend.dispatch('createDocument', { title: url, text, url });
    const summary = await importPaths(backend.workspace, [root]);
    await backend.close();
    assert.deepEqual(summary.errors, []);
    assert.equal(summary.documents, 0);
    assert.equal(summary.annotations, expectedSpans.length);
    assert.equal(expectedSpans.length, 8, 'anno26, anno27, anno32, anno41 and their copies in collection1');
    assert.deepEqual(
      storedAnnotations(backend.path).map((annotation) => `${annotation.label}|${annotation.covered}`).sort(),
      expectedSpans.sort(),
    );
    assert.equal(summary.skipped.length, files.length - 5, 'every file without a text selection is skipped, with its reason');
  });

  it('Unicode sets: emoji, RTL, CJK and zero-width characters are kept, and so are offsets over CRLF text', async () => {
    const root = join(DATA, 'unicode');
    const files = filesUnder(root);
    const texts = new Set<string>();
    let textFiles = 0;
    for (const file of files.filter((name) => /\.(txt|md)$/.test(name))) {
      texts.add(normalised(readFileSync(file, 'utf8')));
      textFiles++;
    }
    const stress = readFileSync(join(root, 'tweets/emoji_stress_subset.tsv'), 'utf8').split('\n').slice(1).filter(Boolean).map((line) => line.split('\t'));
    for (const row of stress) texts.add(row[6]!);
    const stored = await importInto([root]);
    assert.deepEqual(
      stored.summary.errors.map((error) => basename(error.file)),
      ['index.tsv', 'index.tsv', 'index.tsv', 'index.tsv', 'index.tsv', 'index.tsv'],
      'the index tables have no text column',
    );
    assert.deepEqual(new Set(stored.texts.values()), texts);
    assert.equal(stored.summary.documents, texts.size);
    assert.equal(stored.summary.skipped.length, textFiles + stress.length - texts.size, 'each repeated text is skipped as a duplicate');
    const byText = new Map([...stored.texts.values()].map((text) => [text, text]));
    for (const [, , , codePoints, utf16Units, , text] of stress) {
      const document = byText.get(text!)!;
      assert.equal([...document].length, Number(codePoints), text);
      assert.equal(document.length, Number(utf16Units), text);
    }

    // The same tweets annotated: one CRLF text, every token with a character outside the BMP or in an RTL
    // script tagged, by brat (code points, counting each CR) and doccano (UTF-16 units).
    const tweets = stress.map((row) => row[6]!.trim());
    const raw = tweets.join('\r\n');
    const tokens: { start: number; end: number; unitStart: number; unitEnd: number; text: string }[] = [];
    let codePoint = 0;
    let unit = 0;
    for (const tweet of tweets) {
      for (const token of tweet.split(' ')) {
        if ([...token].some((character) => character.codePointAt(0)! > 0xffff || (character >= '\u0590' && character <= '\u08ff'))) {
          tokens.push({ start: codePoint, end: codePoint + [...token].length, unitStart: unit, unitEnd: unit + token.length, text: token });
        }
        codePoint += [...token].length + 1;
        unit += token.length + 1;
      }
      // The loop counted a space after the last token; a CRLF follows it instead.
      codePoint += 1;
      unit += 1;
    }
    const pair = join(dir, 'tweets-crlf');
    writeFileSync(`${pair}.txt`, raw);
    writeFileSync(`${pair}.ann`, tokens.map((token, index) => `T${index + 1}\tTweetToken ${token.start} ${token.end}\t${token.text}`).join('\n'));
    writeFileSync(`${pair}.jsonl`, JSON.stringify({ text: raw, label: tokens.map((token) => [token.unitStart, token.unitEnd, 'Emoji']) }));
    const annotated = await importInto([`${pair}.ann`, `${pair}.jsonl`], { duplicates: 'merge' });
    assert.deepEqual([annotated.summary.errors, annotated.summary.documents, annotated.summary.merged], [[], 1, 1]);
    assert.ok(tokens.length > 150);
    assert.deepEqual(
      annotated.annotations.map((annotation) => annotation.covered),
      [...tokens.map((token) => token.text), ...tokens.map((token) => token.text)],
    );
  });

  it('UKP argument essays in CoNLL: text rebuilt from tokens, one annotation per tagged run', async () => {
    const root = join(DATA, 'corpora/ukp-argument-essays-conll');
    const expected = emptyExpectation();
    for (const file of filesUnder(root)) {
      if (file.endsWith('.dat')) addConll(expected, file);
      else expected.texts.add(normalised(readFileSync(file, 'utf8')));
    }
    const stored = await importInto([root]);
    assert.deepEqual([stored.summary.errors, stored.summary.skipped], [[], []]);
    assertMatches(stored, expected);
    const claims = stored.annotations.filter((annotation) => annotation.label === 'Claim');
    const details = new Set(claims.map((claim) => claim.attributes['detail']));
    assert.ok(details.has('For') && details.has('Against'), 'a claim’s stance is kept');
  });

  it('bad input: a clear error naming the file and the line, and the workspace unchanged', async () => {
    const bad = (name: string) => join(DATA, 'bad-input', name);
    const backend = await openBackend(workspacePath(dir));
    const before = await backend.dispatch('stats', {});
    const failures: [string, [number | undefined, RegExp][]][] = [
      ['binary.bin', [[1, /^is a binary file, not text: it contains a NUL byte/]]],
      ['brat-bad-offsets.ann', [[1, /^T1: the range \[18, 99\] lies outside the text/], [4, /^is not a brat annotation line/], [3, /^R1 refers to T9/]]],
      ['doccano-broken.jsonl', [[2, /^is not valid JSON/], [3, /lies outside the text/], [4, /is empty or reversed/]]],
      ['empty.txt', [[undefined, /^is empty$/]]],
      ['invalid-utf8.txt', [[1, /^is not valid UTF-8/]]],
      ['labelstudio-xss-label.json', [[undefined, /value\.text is “WRONG”, but characters 2–7 of the text are “short”/]]],
    ];
    for (const [name, problems] of failures) {
      const summary: ImportSummary = await importPaths(backend.workspace, [bad(name)]);
      assert.equal(summary.errors.length, problems.length, name);
      summary.errors.forEach((error, index) => {
        assert.equal(error.file, bad(name));
        assert.equal(error.line, problems[index]![0], `${name}: ${error.message}`);
        assert.match(error.message, problems[index]![1]);
      });
      assert.deepEqual(await backend.dispatch('stats', {}), before, `${name} left nothing behind`);
    }
    const labels = (await backend.dispatch('listLabels', {})) as { name: string }[];
    assert.ok(!labels.some((label) => label.name.includes('<img')), 'the markup label of the refused Label Studio file was not added');

    const fine = await importPaths(backend.workspace, [bad('bom-crlf.txt'), bad('script-injection.html')]);
    assert.deepEqual([fine.documents, fine.errors], [2, []]);
    const documents = (await backend.dispatch('listDocuments', {})) as { id: number }[];
    const opened = await Promise.all(documents.map(({ id }) => backend.dispatch('openDocument', { id }) as Promise<{ document: { text: string; normalisation: unknown } }>));
    assert.deepEqual(opened.map(({ document }) => document.normalisation), [
      { bomRemoved: true, crlfToLf: 3, crToLf: 0 },
      { bomRemoved: false, crlfToLf: 0, crToLf: 0 },
    ]);
    assert.ok(opened.every(({ document }) => !/alert|<script|onerror/.test(document.text)));
    await backend.close();
  });
});
