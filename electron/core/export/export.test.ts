import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { parse as parseCsv } from 'csv-parse/sync';
import { unzipSync, strFromU8 } from 'fflate';
import { OffsetIndex } from '../../shared/offsets.ts';
import type { DocumentSummary, ExportedData, ExportFormat, ExportPreview, ExportSummary, Fragment, Label, OffsetUnit } from '../../shared/types.ts';
import { temporaryDir, workspacePath } from '../../test/helpers.ts';
import { openBackend, type Backend } from '../backend.ts';
import { exportToPath, previewFirstRecord } from './exporter.ts';
import { splitDocuments } from './split.ts';
import { buildFixture, workspaceContent, type Fixture } from './test/fixture.ts';

const dir = temporaryDir('parley-export-test-');

/** A span as an export wrote it: the document's text (as the export has it), label, fragments and covered text if given. */
interface WrittenSpan {
  text: string;
  label: string;
  fragments: Fragment[];
  covered?: string;
}

/** Slices with code point semantics, as Python does: the point of exporting code point offsets. */
function codePointSlice(text: string, [start, end]: Fragment): string {
  return Array.from(text).slice(start, end).join('');
}

function utf16Slice(text: string, [start, end]: Fragment): string {
  return text.slice(start, end);
}

function lines(path: string): unknown[] {
  return readFileSync(path, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as unknown);
}

/** The spans each offset-carrying format wrote, read back from its files. */
const readers: Record<Exclude<ExportFormat, 'conll'>, (out: string, texts: Map<string, string>) => WrittenSpan[]> = {
  parley: (out) =>
    (lines(out) as { text: string; annotations: { label: string; fragments: Fragment[]; text: string }[] }[]).flatMap((record) =>
      record.annotations.map((a) => ({ text: record.text, label: a.label, fragments: a.fragments, covered: a.text })),
    ),
  doccano: (out) =>
    (lines(out) as { text: string; labels: [number, number, string][] }[]).flatMap((record) =>
      record.labels.map(([start, end, label]) => ({ text: record.text, label, fragments: [[start, end] as Fragment] })),
    ),
  spacy: (out) =>
    (lines(out) as { text: string; spans: { sc: [number, number, string][] } }[]).flatMap((record) =>
      record.spans.sc.map(([start, end, label]) => ({ text: record.text, label, fragments: [[start, end] as Fragment] })),
    ),
  brat: (out) => {
    // Type names brat cannot take are rewritten; visual.conf shows each under the workspace's name.
    const visual = readFileSync(join(out, 'visual.conf'), 'utf8');
    const names = new Map([...visual.matchAll(/^(\S+) \| (.+)$/gm)].map((match) => [match[1]!, match[2]!]));
    return readdirSync(out)
      .filter((name) => name.endsWith('.ann'))
      .flatMap((name) => {
        const text = readFileSync(join(out, name.replace(/\.ann$/, '.txt')), 'utf8');
        return readFileSync(join(out, name), 'utf8')
          .split('\n')
          .filter((line) => line.startsWith('T'))
          .map((line) => {
            const [, head, covered] = line.split('\t') as [string, string, string];
            const [label, offsets] = head.split(/ (.*)/s) as [string, string];
            return { text, label: names.get(label) ?? label, fragments: offsets.split(';').map((pair) => pair.split(' ').map(Number) as Fragment), covered };
          });
      });
  },
  labelstudio: (out) =>
    (JSON.parse(readFileSync(join(out, 'tasks.json'), 'utf8')) as { data: { text: string }; annotations: { result: unknown[] }[]; predictions?: { result: unknown[] }[] }[]).flatMap((task) =>
      [...task.annotations, ...(task.predictions ?? [])].flatMap((set) =>
        (set.result as { type: string; value: { start: number; end: number; text: string; labels: string[] } }[])
          .filter((result) => result.type === 'labels')
          .map((result) => ({ text: task.data.text, label: result.value.labels[0]!, fragments: [[result.value.start, result.value.end] as Fragment], covered: result.value.text })),
      ),
    ),
  w3c: (out, texts) => {
    type Selector = { type: string; start: number; end: number; exact: string };
    type Target = { source: string; selector: Selector[] };
    const collection = JSON.parse(readFileSync(out, 'utf8')) as { first: { items: { motivation: string; body: { purpose?: string; value?: string }[]; target: Target | Target[] }[] } };
    return collection.first.items
      .filter((item) => item.motivation === 'tagging')
      .map((item) => {
        const targets = Array.isArray(item.target) ? item.target : [item.target];
        const positions = targets.map((target) => target.selector.find((selector) => selector.type === 'TextPositionSelector')!);
        const quotes = targets.map((target) => target.selector.find((selector) => selector.type === 'TextQuoteSelector')!.exact);
        return {
          text: texts.get(targets[0]!.source)!,
          label: item.body.find((body) => body.purpose === 'tagging')!.value!,
          fragments: positions.map((position) => [position.start, position.end] as Fragment),
          covered: quotes.join(' '),
        };
      });
  },
  csv: (out, texts) =>
    (parseCsv(readFileSync(out, 'utf8'), { columns: true, bom: true }) as Record<string, string>[]).map((row) => ({
      text: texts.get(row.document_id!)!,
      label: row.label!,
      fragments: row.fragments!.split(';').map((pair) => pair.split('-').map(Number) as Fragment),
      covered: row.text!,
    })),
};

let backend: Backend;
let fixture: Fixture;
let content: Awaited<ReturnType<typeof workspaceContent>>;

async function exported(format: ExportFormat, options: Partial<Parameters<typeof exportToPath>[1]> = {}, name = `${format}-${Math.random().toString(36).slice(2)}`) {
  const out = join(dir, name);
  const summary = await exportToPath(backend.workspace, { format, ...options }, out);
  return { out, summary };
}

/** For each annotation, the slices of the fragments an export wrote for it, joined, must be its text. */
function assertSpansMatchAnnotations(format: string, spans: WrittenSpan[], unit: OffsetUnit, splitsLines = false) {
  const slice = unit === 'utf16' ? utf16Slice : codePointSlice;
  const remaining = [...spans];
  for (const document of content) {
    const index = new OffsetIndex(document.document.text);
    for (const annotation of document.annotations) {
      const fragments = annotation.fragments.map(([start, end]) => (unit === 'utf16' ? [index.toUtf16(start), index.toUtf16(end)] : [start, end]));
      const mine = remaining.filter(
        (written) => written.text === document.document.text && written.label === annotation.label && written.fragments.every((fragment) => fragments.some(([start, end]) => start! <= fragment[0] && fragment[1] <= end!)),
      );
      assert.ok(mine.length > 0, `${format}: ${annotation.label} “${annotation.text}” was not written`);
      const slices = mine.flatMap((written) => written.fragments.map((fragment) => slice(written.text, fragment)));
      const expected = splitsLines ? annotation.text.replace(/\n+/g, ' ') : annotation.text;
      assert.equal(slices.join(' '), expected, `${format}: the written offsets of ${annotation.label} slice “${slices.join(' ')}”`);
      for (const written of mine) {
        if (written.covered !== undefined) assert.equal(written.covered, written.fragments.map((fragment) => slice(written.text, fragment)).join(' '), `${format}: covered text`);
        remaining.splice(remaining.indexOf(written), 1);
      }
    }
  }
  assert.deepEqual(remaining, [], `${format}: every span written belongs to an annotation`);
}

describe('export', () => {
  before(async () => {
    backend = await openBackend(workspacePath(dir));
    fixture = await buildFixture(backend);
    content = await workspaceContent(backend);
  });

  const texts = () => {
    const map = new Map<string, string>();
    for (const document of content) {
      map.set(String(document.document.id), document.document.text);
      map.set(`ni:///sha-256;${Buffer.from(document.document.contentHash, 'hex').toString('base64url')}`, document.document.text);
      if (document.document.url) map.set(document.document.url, document.document.text);
    }
    return map;
  };

  for (const format of ['parley', 'doccano', 'spacy', 'brat', 'labelstudio', 'w3c', 'csv'] as const) {
    it(`${format}: every exported span, sliced by code points, is its annotation's text`, async () => {
      const { out, summary } = await exported(format);
      assert.equal(summary.offsets, 'codepoints');
      assert.equal(summary.documents, content.length);
      assertSpansMatchAnnotations(format, readers[format](out, texts()), 'codepoints', format === 'brat');
    });
  }

  for (const format of ['parley', 'doccano', 'spacy', 'brat', 'labelstudio', 'csv'] as const) {
    it(`${format}: with --offsets utf16, JavaScript's slice gives each annotation's text`, async () => {
      const { out, summary } = await exported(format, { offsets: 'utf16' });
      assert.equal(summary.offsets, 'utf16');
      assertSpansMatchAnnotations(format, readers[format](out, texts()), 'utf16', format === 'brat');
    });
  }

  it('refuses UTF-16 offsets for W3C Web Annotation, whose model fixes code points', async () => {
    await assert.rejects(exported('w3c', { offsets: 'utf16' }), /code points/);
  });

  it('Parley JSONL keeps everything, and records its offset unit on every line', async () => {
    const { out, summary } = await exported('parley');
    assert.deepEqual(summary.lost, []);
    const records = lines(out) as { offsets: OffsetUnit; status: string; annotations: { note: string; origin: string; attributes: Record<string, unknown> }[]; relations: unknown[]; actors: { name: string; aliases: string[]; externalId: string | null }[]; normalisation: { crlfToLf: number } }[];
    assert.ok(records.every((record) => record.offsets === 'codepoints'));
    const [emoji, rtl, crlf] = records;
    assert.equal(crlf!.status, 'done');
    assert.equal(crlf!.normalisation.crlfToLf, 3);
    assert.equal(rtl!.status, 'in_progress');
    assert.ok(emoji!.annotations.some((a) => a.note === 'Said twice.\nOnce on TV.'));
    assert.ok(emoji!.annotations.some((a) => a.origin === 'suggested'));
    assert.equal(emoji!.relations.length, 2);
    assert.deepEqual(emoji!.actors.map((actor) => [actor.name, actor.externalId, actor.aliases]), [['Joe Biden', 'Q6279', ['Biden', 'POTUS']]]);
  });

  it('counts what each format cannot hold instead of dropping it silently', async () => {
    const lost = (summary: ExportSummary) => Object.fromEntries(summary.lost.map((loss) => [loss.what, loss.count]));
    const doccano = lost((await exported('doccano')).summary);
    assert.equal(doccano['relations'], 4);
    assert.equal(doccano['discontinuous annotations'], 1);
    assert.equal(doccano['notes'], 1);
    assert.equal(doccano['suggestion marks'], 2);
    const relationsForm = lost((await exported('doccano', { doccanoForm: 'relations' })).summary);
    assert.equal(relationsForm['relations'], undefined, 'the entities + relations form keeps relations');

    const spacy = lost((await exported('spacy')).summary);
    assert.equal(spacy['overlapping spans left out of entities'], 1);
    assert.equal(spacy['relations'], 4);

    const conll = (await exported('conll')).summary;
    assert.equal(lost(conll)['relations'], 4);
    const unaligned = conll.lost.find((loss) => loss.what === 'spans not aligned to tokens')!;
    assert.equal(unaligned.count, 1);
    assert.match(unaligned.examples![0]!, /plain document”: Claim \[\d+, \d+\) “man, called”/);

    const brat = lost((await exported('brat')).summary);
    assert.equal(brat['spans across line breaks'], 1);
    assert.equal(brat['name "Direct quote" written as Direct_quote'], 1);
    assert.equal(brat['text attribute values with spaces'], 3, 'topic “the war”, target “the plan”, and the choice “not sure”');

    assert.deepEqual((await exported('csv')).summary.lost, [], 'CSV has a column for everything');
  });

  it('writes a README beside the export with the format, offsets, counts and losses', async () => {
    const { out } = await exported('conll');
    const readme = readFileSync(`${out}.README.md`, 'utf8');
    assert.match(readme, /Format: CoNLL-2003 \(IOB2\)/);
    assert.match(readme, /Offsets: none/);
    assert.match(readme, /\| relations \| 4 \|/);
    assert.match(readme, /### spans not aligned to tokens\n\n- document \d+ “plain document”: Claim \[19, 30\) “man, called”\n/);
    const folder = (await exported('brat')).out;
    assert.match(readFileSync(join(folder, 'README.md'), 'utf8'), /Offsets: Unicode code points/);
  });

  it('CoNLL: IOB2 in the CoNLL-2003 layout, one more tag column per level of overlap, the same on every line', async () => {
    const { out } = await exported('conll');
    const text = readFileSync(out, 'utf8');
    const rows = text.split('\n').filter(Boolean);
    assert.ok(rows.every((row) => row.split(' ').length === 5), 'token _ _ and two tag columns on every line');
    assert.equal(rows.filter((row) => row.startsWith('-DOCSTART- -X- -X- O O')).length, 4);
    // The quote over two lines of the CRLF document stays in one sentence and is one chunk.
    assert.match(text, /\n“ _ _ B-Quote O\nIt _ _ I-Quote O\nis _ _ I-Quote O\na _ _ I-Quote O\ngiveaway _ _ I-Quote O\n\. _ _ I-Quote O\nNobody _ _ I-Quote O\n/);
    assert.match(text, /\n« _ _ B-Quote O\nسننتصر _ _ I-Quote O\n» _ _ I-Quote O\n/, 'a right-to-left mark after » is not part of the token');
    assert.match(text, /\nSen\. _ _ B-Actor O\nWarren _ _ I-Actor O\n/, 'one token "Sen.", and no sentence break after it');
    assert.match(text, /\n👩‍👩‍👧 _ _ I-Actor O\n/, 'an emoji ZWJ sequence is one token');
    assert.match(text, /\nnot _ _ I-Quote B-Claim\n/, 'the overlapping claim is in the second column');
  });

  it('filters documents by status and search, annotations by label and origin', async () => {
    const done = (await exported('parley', { filter: { statuses: ['done'] } })).out;
    assert.deepEqual((lines(done) as { title: string }[]).map((record) => record.title), ['crlf document']);
    const search = (await exported('parley', { filter: { search: 'giveaway Warren' } })).out;
    assert.deepEqual((lines(search) as { title: string }[]).map((record) => record.title), ['crlf document']);
    const quotes = await exported('parley', { filter: { labels: ['quote'], origins: ['manual'] } });
    const records = lines(quotes.out) as { annotations: { label: string; origin: string }[] }[];
    assert.equal(records.length, 4, 'documents stay even without matching annotations');
    const annotations = records.flatMap((record) => record.annotations);
    assert.ok(annotations.length > 0 && annotations.every((a) => a.label === 'Quote' && a.origin === 'manual'));
    assert.equal(quotes.summary.lost.find((loss) => loss.what === 'relations to annotations left out by the filter')?.count, 4);
    await assert.rejects(exported('parley', { filter: { labels: ['Nonsense'] } }), /there is no label "Nonsense"/);
  });

  it('splits by document, reproducibly, into separate files', async () => {
    const first = await exported('doccano', { split: [0.5, 0.25, 0.25], seed: 7 });
    const second = await exported('doccano', { split: [0.5, 0.25, 0.25], seed: 7 });
    assert.deepEqual(first.summary.parts, { train: 2, dev: 1, test: 1 });
    const titles = (out: string) => ['train', 'dev', 'test'].map((part) => (lines(join(out, `${part}.jsonl`)) as { title: string }[]).map((record) => record.title));
    assert.deepEqual(titles(first.out), titles(second.out));
    assert.deepEqual(titles(first.out).flat().sort(), ['crlf document', 'emoji document', 'plain document', 'rtl document']);
    assert.ok(existsSync(join(first.out, 'README.md')));

    const ids = Array.from({ length: 1000 }, (_, i) => i + 1);
    const parts = [...splitDocuments(ids, [0.8, 0.1, 0.1], 42).values()];
    assert.deepEqual(['train', 'dev', 'test'].map((part) => parts.filter((p) => p === part).length), [800, 100, 100]);
    assert.notDeepEqual([...splitDocuments(ids, [0.8, 0.1, 0.1], 43)], [...splitDocuments(ids, [0.8, 0.1, 0.1], 42)]);

    const brat = await exported('brat', { split: [0.5, 0.25, 0.25] });
    assert.deepEqual(readdirSync(brat.out).sort(), ['README.md', 'annotation.conf', 'dev', 'test', 'train', 'visual.conf']);
  });

  it('packs an export into a zip with --zip', async () => {
    const { out, summary } = await exported('brat', { zip: true }, 'corpus.zip');
    const entries = unzipSync(readFileSync(out));
    assert.deepEqual(Object.keys(entries).sort(), [...summary.files].sort());
    assert.ok(Object.keys(entries).some((name) => name.endsWith('.ann')));
    assert.match(strFromU8(entries['annotation.conf']!), /\[entities\]\nQuote\n/);
    const single = await exported('conll', { zip: true }, 'tokens.zip');
    assert.deepEqual(Object.keys(unzipSync(readFileSync(single.out))).sort(), ['README.md', 'tokens.conll']);
  });

  it('writes nothing at the destination when an export is cancelled or fails', async () => {
    const parent = join(dir, 'atomic');
    const controller = new AbortController();
    await assert.rejects(
      exportToPath(backend.workspace, { format: 'brat' }, join(parent, 'nested', 'out'), {
        signal: controller.signal,
        onProgress: ({ documentsDone }) => {
          if (documentsDone === 2) controller.abort();
        },
      }),
      { name: 'AbortError' },
    );
    assert.equal(existsSync(parent), false, 'not even the folders made for the destination are left');

    const busy = join(dir, 'busy');
    await exportToPath(backend.workspace, { format: 'brat' }, busy);
    const before = readdirSync(dir).sort();
    await assert.rejects(exportToPath(backend.workspace, { format: 'brat' }, busy), /not empty/);
    assert.deepEqual(readdirSync(dir).sort(), before, 'no staging folder is left behind');
  });

  it('lets the workspace be edited while an export runs: no read stays open between documents', async () => {
    const busy = await openBackend(workspacePath(dir));
    const labels = (await busy.dispatch('listLabels', {})) as Label[];
    const ids: number[] = [];
    for (let n = 0; n < 70; n++) ids.push(((await busy.dispatch('createDocument', { title: `Article ${n}`, text: `Text number ${n} of the corpus.` })) as DocumentSummary).id);
    const edits: Promise<unknown>[] = [];
    const summary = await exportToPath(busy.workspace, { format: 'parley' }, join(dir, 'while-editing.jsonl'), {
      onProgress: ({ documentsDone }) => {
        if (documentsDone % 10 === 0) {
          edits.push(busy.dispatch('edit', { documentId: ids[(documentsDone + 20) % 70]!, description: 'Tag', edits: [{ op: 'createAnnotation', labelId: labels[0]!.id, fragments: [[0, 4]] }] }));
        }
      },
    });
    await Promise.all(edits);
    assert.equal(summary.documents, 70);
    assert.equal(((await busy.dispatch('stats', {})) as { annotations: number }).annotations, 7);
    await busy.close();
  });

  it('previews the first record as the export writes it, with the counts the filter takes', async () => {
    const preview: ExportPreview = await previewFirstRecord(backend.workspace, { format: 'doccano' });
    const { out } = await exported('doccano');
    assert.equal(preview.record, `${readFileSync(out, 'utf8').split('\n')[0]}\n`);
    assert.equal(preview.documents, 4);
    assert.equal(preview.annotations, content.reduce((n, document) => n + document.annotations.length, 0));
    const brat = await previewFirstRecord(backend.workspace, { format: 'brat', filter: { statuses: ['done'] } });
    assert.match(brat.record, /^T1\tActor \d+ \d+\tSen\. Warren\n/);
    assert.equal(brat.documents, 1);
  });

  it('answers exportPreview and exportData through the validated API', async () => {
    const data = (await backend.dispatch('exportData', { format: 'csv' })) as ExportedData;
    assert.equal(data.fileName, `${backend.workspace.name}.csv`);
    assert.match(Buffer.from(data.contentBase64, 'base64').toString('utf8'), /^\ufeffdocument_id,document_title,annotation_id,label/);
    const zipped = (await backend.dispatch('exportData', { format: 'labelstudio' })) as ExportedData;
    assert.match(zipped.fileName, /-labelstudio\.zip$/);
    assert.deepEqual(Object.keys(unzipSync(Buffer.from(zipped.contentBase64, 'base64'))).sort(), ['README.md', 'labeling-config.xml', 'tasks.json']);
    await assert.rejects(backend.dispatch('exportPreview', { format: 'xml' }), /format/);
    await assert.rejects(backend.dispatch('exportData', { format: 'csv', split: [0.5, 0.5, 0.5] }), /add up to 1/);
  });

  it('Label Studio: the config declares every label, attribute control and relation the tasks use', async () => {
    const { out } = await exported('labelstudio');
    const config = readFileSync(join(out, 'labeling-config.xml'), 'utf8');
    const tasks = JSON.parse(readFileSync(join(out, 'tasks.json'), 'utf8')) as { annotations: { result: { from_name?: string; type: string; labels?: string[] }[] }[]; predictions?: unknown[] }[];
    const results = tasks.flatMap((task) => task.annotations.flatMap((annotation) => annotation.result));
    for (const name of new Set(results.flatMap((result) => (result.from_name ? [result.from_name] : [])))) assert.ok(config.includes(`name="${name}"`), name);
    for (const type of new Set(results.flatMap((result) => (result.type === 'relation' ? result.labels! : [])))) assert.ok(config.includes(`<Relation value="${type}"/>`), type);
    assert.ok(results.some((result) => result.type === 'choices' && result.from_name === 'kind'));
    assert.equal(tasks.filter((task) => task.predictions).length, 2, 'the two documents with suggestions have predictions');
    assert.ok(fixture.labels.has('Direct quote'));
  });

  it('W3C: annotations name their document by URL or text hash, relations are linking annotations', async () => {
    const { out } = await exported('w3c');
    const collection = JSON.parse(readFileSync(out, 'utf8')) as { '@context': string; type: string; total: number; first: { items: { id: string; motivation: string; target: unknown; body: unknown }[] } };
    assert.equal(collection['@context'], 'http://www.w3.org/ns/anno.jsonld');
    assert.equal(collection.type, 'AnnotationCollection');
    assert.equal(collection.total, collection.first.items.length);
    assert.ok(collection.first.items.every((item) => /^urn:uuid:[0-9a-f-]{36}$/.test(item.id)));
    const linking = collection.first.items.filter((item) => item.motivation === 'linking');
    assert.equal(linking.length, 4);
    const ids = new Set(collection.first.items.map((item) => item.id));
    assert.ok(linking.every((item) => ids.has(item.target as string)));
    const sources = new Set(collection.first.items.flatMap((item) => (item.motivation === 'tagging' ? [JSON.stringify(item.target).match(/"source":"([^"]+)"/)![1]] : [])));
    assert.equal(sources.size, 4);
    assert.ok(sources.has('https://example.com/report'), 'a document with a URL is named by it');
    assert.equal([...sources].filter((source) => source!.startsWith('ni:///sha-256;')).length, 3, 'the others by the hash of their text');
  });

  it('reads UTF-16 and code point offsets the same way OffsetIndex converts them', () => {
    const text = content[0]!.document.text;
    const index = new OffsetIndex(text);
    for (const annotation of content[0]!.annotations) {
      for (const fragment of annotation.fragments) {
        assert.equal(codePointSlice(text, fragment), utf16Slice(text, [index.toUtf16(fragment[0]), index.toUtf16(fragment[1])]));
      }
    }
  });
});
