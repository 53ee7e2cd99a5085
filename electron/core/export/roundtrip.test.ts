/**
 * import -> export -> import with Parley's own importers: the annotations (label, fragments, text, attributes,
 * relations, notes) that come back must be those that went out. brat exports are also compared with the
 * original .ann files as sets of lines up to their ids.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import type { Actor, ExportOptions, ImportSummary, Label, Target } from '../../shared/types.ts';
import { temporaryDir, workspacePath } from '../../test/helpers.ts';
import { openBackend, type Backend } from '../backend.ts';
import { importPaths, type ImportRunOptions } from '../import/importer.ts';
import { exportToPath } from './exporter.ts';
import { bratPairs, canonicalAnn, importBratPairs, textColumnsMatch } from './test/brat-corpus.ts';
import { buildFixture, workspaceContent } from './test/fixture.ts';

const DATA = fileURLToPath(new URL('../../../../shared/data/', import.meta.url));
const dir = temporaryDir('parley-roundtrip-');

/** What an annotation is, for comparing two workspaces: everything but ids and timestamps of the workspace. */
async function annotationSet(backend: Backend, options: { timestamps?: boolean } = {}): Promise<string[]> {
  const actors = new Map(((await backend.dispatch('listActors', {})) as Actor[]).map((actor) => [actor.id, actor]));
  const targets = new Map(((await backend.dispatch('listTargets', {})) as Target[]).map((target) => [target.id, target]));
  const labels = new Map(((await backend.dispatch('listLabels', {})) as Label[]).map((label) => [label.name, label]));
  const result: string[] = [];
  for (const { document, annotations, relations } of await workspaceContent(backend)) {
    const byId = new Map(annotations.map((annotation) => [annotation.id, annotation]));
    const name = (id: number) => {
      const annotation = byId.get(id)!;
      return `${annotation.label}${JSON.stringify(annotation.fragments)}`;
    };
    for (const annotation of annotations) {
      const attributes = Object.entries(annotation.attributes)
        .map(([key, value]) => {
          const type = labels.get(annotation.label)?.attributes.find((def) => def.name === key)?.type;
          // A target travels as its name: the entry an import finds or creates for it.
          if (type === 'target') return [key, { target: targets.get(value as number)?.name }];
          const actor = type === 'actor' && typeof value === 'number' ? actors.get(value) : undefined;
          return [key, actor ? { actor: actor.name, kind: actor.kind, externalId: actor.externalId, aliases: actor.aliases, description: actor.description } : value];
        })
        .sort(([a], [b]) => String(a).localeCompare(String(b)));
      result.push(
        JSON.stringify({
          text: document.text,
          label: annotation.label,
          fragments: annotation.fragments,
          covered: annotation.text,
          attributes,
          note: annotation.note,
          author: annotation.author,
          origin: annotation.origin,
          ...(options.timestamps ? { createdAt: annotation.createdAt, updatedAt: annotation.updatedAt } : {}),
        }),
      );
    }
    for (const relation of relations) result.push(JSON.stringify({ text: document.text, relation: relation.type, source: name(relation.sourceId), target: name(relation.targetId) }));
  }
  return result.sort();
}

async function roundTrip(first: Backend, exportOptions: ExportOptions, importOptions: ImportRunOptions, prepare?: (second: Backend) => Promise<void>) {
  const out = join(dir, `${exportOptions.format}-${Math.random().toString(36).slice(2)}${exportOptions.format === 'w3c' ? '.jsonld' : exportOptions.format === 'labelstudio' || exportOptions.format === 'brat' ? '' : '.jsonl'}`);
  const summary = await exportToPath(first.workspace, exportOptions, out);
  const second = await openBackend(workspacePath(dir));
  await prepare?.(second);
  const imported = await importPaths(second.workspace, [statSync(out).isDirectory() ? join(out, exportOptions.format === 'labelstudio' ? 'tasks.json' : '') : out], importOptions);
  assert.deepEqual(imported.errors, [], 'the export imports without errors');
  return { second, summary, imported };
}

function assertImported(summary: ImportSummary): void {
  assert.deepEqual(summary.errors, []);
  assert.ok(summary.annotations > 0);
}

describe('round trips', () => {
  it('Parley JSONL gives back the workspace: emoji, RTL and CRLF-origin texts, every attribute, notes, actors, statuses', async () => {
    const first = await openBackend(workspacePath(dir));
    await buildFixture(first);
    const { second, imported } = await roundTrip(first, { format: 'parley', offsets: 'utf16' }, {});
    assert.equal(imported.documents, 4);
    assert.deepEqual(await annotationSet(second, { timestamps: true }), await annotationSet(first, { timestamps: true }));
    const documents = async (backend: Backend) =>
      (await workspaceContent(backend)).map(({ document }) => ({ ...document, id: 0, createdAt: '', updatedAt: '' }));
    assert.deepEqual(await documents(second), await documents(first), 'titles, texts, statuses, metadata and normalisation records');
    assert.deepEqual(((await second.dispatch('listTargets', {})) as Target[]).map((target) => target.name), ['the plan'], 'the target comes back as an entry of the registry');
    await Promise.all([first.close(), second.close()]);
  });

  it('Parley JSONL finds a target the importing workspace has, by an alias ignoring case, instead of creating a twin', async () => {
    const first = await openBackend(workspacePath(dir));
    await buildFixture(first);
    let existing: Target | undefined;
    const { second } = await roundTrip(first, { format: 'parley' }, {}, async (backend) => {
      existing = (await backend.dispatch('createTarget', { name: 'Warren’s proposal', aliases: ['THE PLAN'] })) as Target;
    });
    assert.deepEqual(((await second.dispatch('listTargets', {})) as Target[]).map((target) => target.id), [existing!.id]);
    const position = (await workspaceContent(second)).flatMap(({ annotations }) => annotations).find((annotation) => annotation.label === 'Position')!;
    assert.equal(position.attributes['target'], existing!.id);
    await Promise.all([first.close(), second.close()]);
  });

  it('doccano (code point and UTF-16 offsets) gives back the labels, spans and relations of the emoji/RTL/CRLF workspace', async () => {
    const first = await openBackend(workspacePath(dir));
    await buildFixture(first);
    // doccano spans have only a label: compare what the format carries.
    const spans = async (backend: Backend) =>
      (await workspaceContent(backend)).flatMap(({ document, annotations }) =>
        annotations.flatMap((annotation) => annotation.fragments.map((fragment) => `${document.text.length}:${annotation.label}:${fragment.join('-')}`)),
      ).sort();
    for (const offsets of ['codepoints', 'utf16'] as const) {
      const { second } = await roundTrip(first, { format: 'doccano', offsets, doccanoForm: 'relations' }, { offsets });
      assert.deepEqual(await spans(second), await spans(first));
      await second.close();
    }
    await first.close();
  });

  it('brat example corpora: every .ann comes back as the same set of lines, up to ids', async () => {
    const root = join(DATA, 'corpora/brat-examples/example-data');
    const folders: string[] = [];
    const walk = (folder: string) => {
      for (const name of readdirSync(folder).sort()) if (statSync(join(folder, name)).isDirectory()) walk(join(folder, name));
      if (bratPairs(folder).length > 0) folders.push(folder);
    };
    walk(root);
    let compared = 0;
    for (const folder of folders) {
      const backend = await openBackend(workspacePath(dir));
      const { files, refused } = await importBratPairs(backend.workspace, folder, bratPairs(folder));
      assert.deepEqual(refused, [], 'the importer takes every file');
      const out = join(dir, `brat-${compared}`);
      await exportToPath(backend.workspace, { format: 'brat' }, out);
      for (const file of files) {
        const ann = readFileSync(join(out, `${file.stem}.ann`), 'utf8');
        const text = readFileSync(join(out, `${file.stem}.txt`), 'utf8');
        assert.equal(text, readFileSync(join(folder, `${file.stem}.txt`), 'utf8'), `${file.stem}.txt is written exactly as it was`);
        assert.deepEqual(textColumnsMatch(ann, text), [], `${file.stem}.ann: every T's text column is its text`);
        assert.deepEqual(canonicalAnn(ann), canonicalAnn(file.ann, file.dropped), `${folder}/${file.stem}.ann`);
        compared++;
      }
      await backend.close();
    }
    assert.equal(compared, 172);
  });

  it('PolNeAR dev: every annotator\'s .ann comes back as the same set of lines, up to ids', async () => {
    const root = join(DATA, 'corpora/polnear/dev');
    const byAnnotator = new Map<string, { txt: string; ann: string; annotator: string }[]>();
    for (const name of readdirSync(join(root, 'attributions')).sort()) {
      const [, article, annotator] = /^(.*)_([0-9a-f]{4})\.ann$/.exec(name)!;
      byAnnotator.set(annotator!, [...(byAnnotator.get(annotator!) ?? []), { txt: join(root, 'text', `${article}.txt`), ann: join(root, 'attributions', name), annotator: annotator! }]);
    }
    let compared = 0;
    for (const [annotator, pairs] of byAnnotator) {
      // One workspace per annotator: two annotators' files of one article are the same text.
      const backend = await openBackend(workspacePath(dir));
      const { files, refused } = await importBratPairs(backend.workspace, root, pairs);
      assert.deepEqual(refused, []);
      const out = join(dir, `polnear-${annotator}`);
      const summary = await exportToPath(backend.workspace, { format: 'brat' }, out);
      assert.deepEqual(summary.lost.map((loss) => loss.what), ['annotation authors'], 'only the annotator, which brat keeps in the file name');
      for (const file of files) {
        const ann = readFileSync(join(out, `${file.stem}.ann`), 'utf8');
        assert.deepEqual(textColumnsMatch(ann, readFileSync(join(out, `${file.stem}.txt`), 'utf8')), []);
        assert.deepEqual(canonicalAnn(ann), canonicalAnn(file.ann, file.dropped), file.ann);
        compared++;
      }
      await backend.close();
    }
    assert.equal(compared, 94);
  });

  it('doccano examples: import -> doccano export -> import gives the same spans and relations', async () => {
    const doccano = join(DATA, 'formats/doccano');
    // Not data_import/tests/data/sequence_labeling/example.jsonl: one of its records has no text (doccano's test
    // of that error), so the importer refuses the file.
    const files = [
      'backend/data_import/pipeline/examples/sequence_labeling/example.jsonl',
      'backend/data_import/pipeline/examples/relation_extraction/example.jsonl',
      'backend/data_import/tests/data/sequence_labeling/example_overlapping.jsonl',
      'backend/data_import/tests/data/relation_extraction/example.jsonl',
      'backend/data_export/pipeline/examples/sequence_labeling/example.jsonl',
      'doccano-transformer-testdata/labeling/labeling.jsonl',
      'doccano-transformer-testdata/labeling/labeling_text_label.jsonl',
    ];
    for (const file of files) {
      const first = await openBackend(workspacePath(dir));
      assertImported(await importPaths(first.workspace, [join(doccano, file)], {}));
      const { second } = await roundTrip(first, { format: 'doccano', offsets: 'utf16', doccanoForm: 'relations' }, {});
      const comparable = async (backend: Backend) => (await annotationSet(backend)).map((entry) => JSON.stringify({ ...JSON.parse(entry), author: undefined, attributes: undefined }));
      assert.deepEqual(await comparable(second), await comparable(first), file);
      await Promise.all([first.close(), second.close()]);
    }
  });

  it('W3C correct samples: import -> W3C export -> import gives the same annotations', async () => {
    const samples = join(DATA, 'formats/w3c-web-annotation/correct');
    // W3C annotations point into documents by URL: the samples' documents, with text where their selectors are.
    const ebook = `${'Chapter one 📖 '.repeat(60)}…`;
    const documents = [
      { url: 'http://example.org/page1', text: 'Notes: this is an anotation that has some typos. Here is the text before the Selected Text and text after it.' },
      { url: 'http://example.org/ebook1', text: ebook },
      { url: 'http://example.com/document1', text: 'Intro paragraph with a phrase worth a comment, and more.' },
    ];
    const withDocuments = async (backend: Backend) => {
      for (const document of documents) await backend.dispatch('createDocument', { title: document.url, ...document });
    };
    for (const sample of ['anno26.json', 'anno27.json', 'anno32.json', 'anno41-example44.json', 'collection1.json']) {
      const first = await openBackend(workspacePath(dir));
      await withDocuments(first);
      assertImported(await importPaths(first.workspace, [join(samples, sample)], {}));
      const { second } = await roundTrip(first, { format: 'w3c' }, {}, withDocuments);
      assert.deepEqual(await annotationSet(second, { timestamps: true }), await annotationSet(first, { timestamps: true }), sample);
      await Promise.all([first.close(), second.close()]);
    }
  });

  it('W3C: Parley reads its own export, finding documents without a URL by their text IRI; every quote is unique in its text', async () => {
    const first = await openBackend(workspacePath(dir));
    // A period of 12 characters: a 32-character prefix and suffix match at several places.
    const repeated = 'He said no. '.repeat(12).trim();
    const document = (await first.dispatch('createDocument', { title: 'repeats', text: repeated })) as { id: number };
    const labelId = ((await first.dispatch('listLabels', {})) as Label[])[0]!.id;
    await first.dispatch('edit', { documentId: document.id, description: 'test', edits: [48, 72].map((start) => ({ op: 'createAnnotation', labelId, fragments: [[start + 3, start + 10]] })) });
    const out = join(dir, `w3c-${Math.random().toString(36).slice(2)}.jsonld`);
    await exportToPath(first.workspace, { format: 'w3c' }, out);
    const items = (JSON.parse(readFileSync(out, 'utf8')) as { first: { items: { target: { source: string; selector: { type: string; exact?: string; prefix?: string; suffix?: string }[] } }[] } }).first.items;
    for (const { target } of items) {
      const quote = target.selector.find((selector) => selector.type === 'TextQuoteSelector')!;
      const whole = `${quote.prefix}${quote.exact}${quote.suffix}`;
      assert.equal(repeated.indexOf(whole), repeated.lastIndexOf(whole), `"${quote.exact}" with its prefix and suffix occurs once`);
      assert.match(target.source, /^ni:\/\/\/sha-256;/);
    }
    const second = await openBackend(workspacePath(dir));
    await second.dispatch('createDocument', { title: 'the same text, elsewhere', text: repeated });
    assertImported(await importPaths(second.workspace, [out], {}));
    const spans = async (backend: Backend) => (await workspaceContent(backend)).flatMap(({ annotations }) => annotations.map((annotation) => annotation.fragments));
    assert.deepEqual(await spans(second), await spans(first));
    await Promise.all([first.close(), second.close()]);
  });

  it('Label Studio: import -> export -> import gives the same regions, per-region choices and relations', async () => {
    const first = await openBackend(workspacePath(dir));
    const tasks = join(dir, 'label-studio-tasks.json');
    writeFileSync(
      tasks,
      JSON.stringify([
        {
          data: { text: 'Biden 👍🏽 said “we will win” in Kyiv.' },
          annotations: [
            {
              completed_by: 1,
              result: [
                { id: 'r1', from_name: 'label', to_name: 'text', type: 'labels', value: { start: 0, end: 5, text: 'Biden', labels: ['Speaker'] } },
                { id: 'r2', from_name: 'label', to_name: 'text', type: 'labels', value: { start: 14, end: 27, text: '“we will win”', labels: ['Quote'] } },
                { id: 'r2', from_name: 'certainty', to_name: 'text', type: 'choices', value: { start: 14, end: 27, choices: ['high'] } },
                { type: 'relation', from_id: 'r2', to_id: 'r1', direction: 'right', labels: ['said_by'] },
              ],
            },
          ],
        },
      ]),
    );
    assertImported(await importPaths(first.workspace, [tasks], {}));
    const { second } = await roundTrip(first, { format: 'labelstudio' }, {});
    // Label Studio's own annotator ids are not Parley authors: the export has no `completed_by` to give back.
    const comparable = async (backend: Backend) => (await annotationSet(backend)).map((entry) => JSON.stringify({ ...JSON.parse(entry), author: undefined }));
    assert.deepEqual(await comparable(second), await comparable(first));
    await Promise.all([first.close(), second.close()]);
  });
});
