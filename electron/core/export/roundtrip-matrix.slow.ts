/**
 * The round-trip matrix: formats × datasets (the emoji/CRLF fixture, brat's example corpora, PolNeAR dev and
 * the Unicode set). In each cell the workspace is exported in the format, the format's own tool (from
 * `../shared/clients/`) reads the export as written, the export is imported into a fresh workspace with no
 * options, and that workspace's Parley JSONL must equal the first one's, except what the export's `lost`
 * summary lists (each listed loss has one normalisation below, applied to both sides; a loss that is not
 * listed is not forgiven). Compared per text: every annotation (label, fragments, covered text, attributes,
 * with actors by their details, note, author, origin) and relation; ids and timestamps are the workspace's own.
 *
 * Heavy (PolNeAR and the Unicode set take minutes), so it is not a `*.test.ts`: `npm run test:unit` leaves it
 * out, `npm run test:matrix` runs it, and `npm test` runs both; `.ci/run` installs the tools' dependencies and
 * sets LS_DEPS and W3C_NODE_MODULES. Skips with a message when ../shared or a tool's dependencies are absent.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import type { ExportLoss, ExportOptions, Fragment } from '../../shared/types.ts';
import { temporaryDir, workspacePath } from '../../test/helpers.ts';
import { openBackend, type Backend } from '../backend.ts';
import { BRAT_EVENT_ATTRIBUTE, BRAT_NORMALIZATION_ATTRIBUTE, BRAT_NOTES_ATTRIBUTE } from '../import/formats/brat.ts';
import { actorReference } from './formats/brat.ts';
import { importPaths } from '../import/importer.ts';
import { exportToPath } from './exporter.ts';
import { bratAccepts, clientsMissing, doccanoTransformerAccepts, labelStudioAccepts, labelStudioMissing, w3cAccepts, w3cMissing } from './test/clients.ts';
import { buildFixture } from './test/fixture.ts';

const DATA = fileURLToPath(new URL('../../../../shared/data/', import.meta.url));
const dir = temporaryDir('parley-matrix-');

interface JsonlAnnotation {
  id: number;
  label: string;
  fragments: Fragment[];
  text: string;
  attributes: Record<string, unknown>;
  note: string;
  author: string;
  origin: string;
}
interface JsonlRecord {
  text: string;
  annotations: JsonlAnnotation[];
  relations: { type: string; source: number; target: number }[];
  actors: { id: number; name: string; kind: string; aliases: string[]; externalId: string | null; description: string }[];
  schema: { label: string; attributes: { name: string; type: string }[] }[];
}

async function jsonl(backend: Backend): Promise<JsonlRecord[]> {
  const out = join(dir, `jsonl-${Math.random().toString(36).slice(2)}.jsonl`);
  await exportToPath(backend.workspace, { format: 'parley' }, out);
  return readFileSync(out, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as JsonlRecord);
}

type Normalise = (record: JsonlRecord) => JsonlRecord;
const annotationsOf = (transform: (annotation: JsonlAnnotation) => JsonlAnnotation): Normalise => (record) => ({ ...record, annotations: record.annotations.map(transform) });

/** Attributes the brat export writes as lines of their own, never as notes. */
const BRAT_LINE_ATTRIBUTES = new Set([BRAT_EVENT_ATTRIBUTE, BRAT_NORMALIZATION_ATTRIBUTE, BRAT_NOTES_ATTRIBUTE]);

/** Renames what `pick` finds in a record from the loss's first quoted name to the identifier after "written as". */
function renamed(loss: ExportLoss): [from: string, to: string] {
  const [, from, to] = /^\w+ "(.*)" written as (.*)$/.exec(loss.what)!;
  return [from!, to!];
}

/**
 * What each loss an export may list takes away, as a change to a JSONL record, by the loss's `what`; applied in
 * this order (values moved to notes keep their attribute's own name, before attribute names are rewritten).
 */
const LOSS_NORMALISATIONS: [RegExp, (loss: ExportLoss) => Normalise][] = [
  [
    /^text attribute values with spaces$/,
    () => (record) => ({
      ...record,
      annotations: record.annotations.map((a) => {
        const defs = record.schema.find((entry) => entry.label === a.label)?.attributes ?? [];
        const moved = defs.filter((def) => def.type !== 'actor' && !BRAT_LINE_ATTRIBUTES.has(def.name) && typeof a.attributes[def.name] === 'string' && (/\s/.test(a.attributes[def.name] as string) || !(a.attributes[def.name] as string).trim()));
        if (moved.length === 0) return a;
        const attributes = Object.fromEntries(Object.entries(a.attributes).filter(([key]) => !moved.some((def) => def.name === key)));
        const note = [...moved.map((def) => `${def.name}: ${String(a.attributes[def.name])}`), ...(a.note ? [a.note] : [])].join('\n');
        return { ...a, attributes, note };
      }),
    }),
  ],
  [
    /^name ".*" written as /,
    (loss) => {
      const [from, to] = renamed(loss);
      return (record) => ({
        ...record,
        annotations: record.annotations.map((a) => (a.label === from ? { ...a, label: to } : a)),
        relations: record.relations.map((r) => (r.type === from ? { ...r, type: to } : r)),
      });
    },
  ],
  [
    /^attribute ".*" written as /,
    (loss) => {
      const [from, to] = renamed(loss);
      return annotationsOf((a) => ({ ...a, attributes: Object.fromEntries(Object.entries(a.attributes).map(([key, value]) => [key === from ? to : key, value])) }));
    },
  ],
  [/^annotation authors$/, () => annotationsOf((a) => ({ ...a, author: '' }))],
  [/^suggestion marks$/, () => annotationsOf((a) => ({ ...a, origin: 'imported' }))],
  [/^attribute values$/, () => annotationsOf((a) => ({ ...a, attributes: {} }))],
  [/^notes$/, () => annotationsOf((a) => ({ ...a, note: '' }))],
  [/^relations$/, () => (record) => ({ ...record, relations: [] })],
  [/^actor details$/, () => (record) => ({ ...record, actors: record.actors.map((actor) => ({ ...actor, kind: 'person', aliases: [], externalId: null, description: '' })) })],
  [
    /^actors written as names$/,
    () => (record) => {
      const names = new Map(record.actors.map((actor) => [actor.id, actor.name]));
      const actorAttributes = new Map(record.schema.map((entry) => [entry.label, new Set(entry.attributes.filter((def) => def.type === 'actor').map((def) => def.name))]));
      return annotationsOf((a) => ({
        ...a,
        attributes: Object.fromEntries(Object.entries(a.attributes).map(([key, value]) => [key, actorAttributes.get(a.label)?.has(key) && typeof value === 'number' ? names.get(value) : value])),
      }))(record);
    },
  ],
  // brat: an actor is a normalisation, which names the actor of an Actor span and is `normalization` text elsewhere.
  [
    /^actors$/,
    () => (record) => {
      const actors = new Map(record.actors.map((actor) => [actor.id, actor]));
      const actorAttributes = new Map(record.schema.map((entry) => [entry.label, new Set(entry.attributes.filter((def) => def.type === 'actor').map((def) => def.name))]));
      return annotationsOf((a) => {
        const attributes: Record<string, unknown> = {};
        for (const [key, value] of Object.entries(a.attributes)) {
          const actor = actorAttributes.get(a.label)?.has(key) && typeof value === 'number' ? actors.get(value) : undefined;
          if (!actor) attributes[key] = value;
          else if (a.label.toLowerCase() === 'actor') attributes[key] = { name: actor.name, kind: 'other', aliases: [], externalId: actorReference(actor), description: '' };
          else attributes[BRAT_NORMALIZATION_ATTRIBUTE] = `${actorReference(actor)} "${actor.name}"`;
        }
        return { ...a, attributes };
      })(record);
    },
  ],
  // brat: a fragment over a line break is cut into one fragment per line, the breaks left out.
  [
    /^spans across line breaks$/,
    () => (record) => {
      const characters = Array.from(record.text);
      return annotationsOf((a) => {
        const fragments = a.fragments.flatMap(([start, end]) => {
          const pieces: Fragment[] = [];
          let from = start;
          for (let at = start; at < end; at++) {
            if (characters[at] !== '\n') continue;
            if (at > from) pieces.push([from, at]);
            from = at + 1;
          }
          if (end > from) pieces.push([from, end]);
          return pieces;
        });
        return fragments.length === a.fragments.length ? a : { ...a, fragments, text: fragments.map(([start, end]) => characters.slice(start, end).join('')).join(' ') };
      })(record);
    },
  ],
  [/^yes\/no attributes set to no$/, () => annotationsOf((a) => ({ ...a, attributes: Object.fromEntries(Object.entries(a.attributes).filter(([, value]) => value !== false)) }))],
  // A discontinuous span comes back as one annotation per fragment; relations point at the first.
  [
    /^discontinuous annotations$/,
    () => (record) => {
      const first = new Map<number, number>();
      const annotations = record.annotations.flatMap((a) =>
        a.fragments.map((fragment, n) => {
          const id = n === 0 ? a.id : -(a.id * 1000 + n);
          if (n === 0) first.set(a.id, id);
          const text = Array.from(record.text).slice(fragment[0], fragment[1]).join('');
          return n === 0 ? { ...a, fragments: [fragment], text } : { ...a, id, fragments: [fragment], text, attributes: {}, note: '' };
        }),
      );
      return { ...record, annotations };
    },
  ],
];

/** One text's annotations and relations as comparable strings, without ids. */
function canonical(records: JsonlRecord[], normalise: Normalise): Map<string, string[]> {
  const result = new Map<string, string[]>();
  for (const raw of records) {
    const record = normalise(raw);
    const actors = new Map(record.actors.map(({ id, ...actor }) => [id, actor]));
    const described = new Map(
      record.annotations.map((a) => {
        const attributes = Object.entries(a.attributes)
          // bratEvent holds the brat id of the event an annotation came from: an id, renumbered where two merged
          // annotators' files both had an E1, like the ids of annotations.
          .map(([key, value]) => [key, key === BRAT_EVENT_ATTRIBUTE ? 'event' : typeof value === 'number' && actors.has(value) ? actors.get(value) : value])
          .sort(([x], [y]) => String(x).localeCompare(String(y)));
        const origin = a.origin === 'manual' ? 'imported' : a.origin;
        return [a.id, JSON.stringify({ label: a.label, fragments: a.fragments, text: a.text, attributes, note: a.note, author: a.author, origin })];
      }),
    );
    const entries = [...described.values(), ...record.relations.map((r) => `${r.type}: ${described.get(r.source)} -> ${described.get(r.target)}`)];
    result.set(record.text, [...(result.get(record.text) ?? []), ...entries].sort());
  }
  return result;
}

function normalisationFor(lost: ExportLoss[]): Normalise {
  const steps = LOSS_NORMALISATIONS.flatMap(([pattern, make]) => lost.filter((loss) => pattern.test(loss.what)).map(make));
  return (record) => steps.reduce((current, step) => step(current), record);
}

interface Cell {
  format: ExportOptions['format'];
  options?: Partial<ExportOptions>;
  /** The file or folder to import back, in the export at `out`. */
  importPath?: (out: string) => string;
  extension: string;
  /** The format's own tool on the export: its complaint, or null. Undefined: no tool for this format here. */
  tool?: (out: string, first: Backend, texts: Map<string, string>) => string | null;
  /** Why the tool cannot run here, checked before the cell. */
  toolMissing?: () => string | null;
  /** Known gaps in reading the export back: the cell runs and reports, as a test to do, not a pass. */
  gaps?: string;
}

const CELLS: Cell[] = [
  { format: 'parley', extension: '.jsonl' },
  { format: 'brat', extension: '', tool: (out) => bratAccepts(out) },
  { format: 'doccano', options: { doccanoForm: 'label' }, extension: '.jsonl', tool: (out) => doccanoTransformerAccepts(out) },
  { format: 'doccano', options: { doccanoForm: 'relations' }, extension: '.jsonl' },
  { format: 'labelstudio', extension: '', importPath: (out) => join(out, 'tasks.json'), tool: (out) => labelStudioAccepts(out), toolMissing: labelStudioMissing },
  {
    format: 'w3c',
    extension: '.jsonld',
    tool: (out, _first, texts) => w3cAccepts(out, (JSON.parse(readFileSync(out, 'utf8')) as { first: { items: { target: unknown }[] } }).first.items, texts),
    toolMissing: w3cMissing,
    gaps: 'the W3C importer reads attribute bodies into the tags attribute and the note, a multi-target annotation as one annotation per target, and linking annotations not as relations',
  },
  { format: 'spacy', extension: '.jsonl' },
];

async function checkCell(first: Backend, firstRecords: JsonlRecord[], cell: Cell, name: string): Promise<void> {
  const out = join(dir, `${name}-${cell.format}-${cell.options?.doccanoForm ?? ''}${cell.extension}`);
  const summary = await exportToPath(first.workspace, { format: cell.format, ...cell.options }, out);
  if (cell.tool) {
    const texts = new Map<string, string>();
    for (const record of firstRecords as (JsonlRecord & { url: string | null; contentHash: string })[]) {
      texts.set(record.url ?? `ni:///sha-256;${Buffer.from(record.contentHash, 'hex').toString('base64url')}`, record.text);
    }
    assert.equal(cell.tool(out, first, texts), null, `${name}: the ${cell.format} tool accepts the export`);
  }
  const second = await openBackend(workspacePath(dir));
  try {
    if (cell.format === 'w3c') {
      // W3C annotations point at documents: the texts come first (the README lists them as not in the file).
      const texts = join(dir, `${name}-texts.jsonl`);
      writeFileSync(texts, firstRecords.map((record) => JSON.stringify({ ...record, annotations: [], relations: [], actors: [], schema: [] })).join('\n'));
      assert.deepEqual((await importPaths(second.workspace, [texts])).errors, []);
    }
    const imported = await importPaths(second.workspace, [cell.importPath?.(out) ?? out]);
    assert.deepEqual(imported.errors, [], `${name}: the ${cell.format} export imports without errors`);
    const normalise = normalisationFor(summary.lost);
    const expected = canonical(firstRecords, normalise);
    const actual = canonical(await jsonl(second), normalise);
    assert.deepEqual([...actual.keys()].sort(), [...expected.keys()].sort(), `${name}: the same texts come back from ${cell.format}`);
    for (const [text, entries] of expected) {
      assert.deepEqual(actual.get(text), entries, `${name} / ${cell.format}: the annotations of "${text.slice(0, 60)}" come back (lost: ${summary.lost.map((loss) => loss.what).join(', ')})`);
    }
  } finally {
    await second.close();
  }
}

/** A dataset's workspace, built once for all its cells. */
const DATASETS: { name: string; needs?: string; build: (backend: Backend) => Promise<void> }[] = [
  { name: 'emoji-crlf fixture', build: async (backend) => void (await buildFixture(backend)) },
  {
    name: 'brat-examples',
    needs: join(DATA, 'corpora/brat-examples/example-data'),
    build: async (backend) => {
      const summary = await importPaths(backend.workspace, [join(DATA, 'corpora/brat-examples/example-data')]);
      assert.deepEqual(summary.errors, []);
    },
  },
  {
    name: 'PolNeAR dev',
    needs: join(DATA, 'corpora/polnear/dev'),
    build: async (backend) => {
      const summary = await importPaths(backend.workspace, [join(DATA, 'corpora/polnear/dev')], { duplicates: 'merge' });
      assert.deepEqual(summary.errors, []);
    },
  },
  {
    name: 'Unicode set',
    needs: join(DATA, 'unicode'),
    build: async (backend) => {
      // The texts, each with its words outside ASCII annotated: emoji, combining marks, RTL, CJK, zero-width.
      const folders = ['tweets', 'pud_news', 'uk_iu'].map((folder) => join(DATA, 'unicode', folder));
      await importPaths(backend.workspace, folders);
      const documents = (await backend.dispatch('listDocuments', {})) as { id: number }[];
      const [label] = (await backend.dispatch('listLabels', {})) as { id: number }[];
      for (const { id } of documents) {
        const { document } = (await backend.dispatch('openDocument', { id })) as { document: { text: string } };
        const edits = [];
        let offset = 0;
        for (const word of document.text.split(/(\s+)/)) {
          const length = Array.from(word).length;
          if (edits.length < 8 && word.trim() && /[^\x20-\x7e]/.test(word)) edits.push({ op: 'createAnnotation', labelId: label!.id, fragments: [[offset, offset + length]] });
          offset += length;
        }
        if (edits.length > 0) await backend.dispatch('edit', { documentId: id, description: 'matrix', edits });
      }
    },
  },
];

const missing = clientsMissing();
describe('round-trip matrix: each format read by its own tool and back by Parley unchanged', { skip: missing ?? false }, () => {
  for (const dataset of DATASETS) {
    const absent = dataset.needs && !existsSync(dataset.needs) ? `${dataset.needs} is absent` : false;
    describe(dataset.name, { skip: absent }, () => {
      let first: Backend | undefined;
      let records: JsonlRecord[] = [];
      after(() => first?.close());
      for (const cell of CELLS) {
        const toolMissing = cell.toolMissing?.() ?? null;
        it(`${cell.format}${cell.options?.doccanoForm ? ` (${cell.options.doccanoForm})` : ''}`, { skip: toolMissing ?? false, todo: cell.gaps ?? false }, async () => {
          if (!first) {
            first = await openBackend(workspacePath(dir));
            await dataset.build(first);
            records = await jsonl(first);
            assert.ok(records.some((record) => record.annotations.length > 0));
          }
          await checkCell(first!, records, cell, dataset.name.replace(/\W+/g, '-'));
        });
      }
    });
  }
});
