import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type {
  AnnotationPage,
  AnnotationQuery,
  AnnotationSortKey,
  AnnotationTableRow,
  Label,
} from '../../shared/types.ts';
import { ANNOTATION_ROW_TEXT_MAX, ANNOTATION_SORT_KEYS } from '../../shared/types.ts';
import { temporaryDir, typedApi as api, workspacePath } from '../../test/helpers.ts';
import { openBackend, type Backend } from '../backend.ts';
import { ParleyError } from '../errors.ts';
import { seededRandom } from '../../bench/measure.ts';
import { importFile, type ImportedDocument } from '../workspace.ts';
import { normaliseText } from '../text.ts';
import { caseInsensitiveGlob } from './annotation-query.ts';

const dir = temporaryDir();


const codePoints = (text: string) => Array.from(text).length;

/** Where `needle` starts in `text`, in code points. */
const at = (text: string, needle: string) => codePoints(text.slice(0, text.indexOf(needle)));

describe('queryAnnotations', () => {
  let backend: Backend;
  let call: ReturnType<typeof api>;
  let labels: Map<string, Label>;
  const ids: Record<string, number> = {};

  before(async () => {
    backend = await openBackend(workspacePath(dir));
    call = api(backend);
    labels = new Map((await call('listLabels', {})).map((label) => [label.name, label]));
  });

  it('answers an empty workspace with no rows', async () => {
    assert.deepEqual(await call('queryAnnotations', {}), { total: 0, all: 0, offset: 0, rows: [] });
    assert.deepEqual(await call('queryAnnotations', { text: 'anything', labelIds: [1], sort: 'actor', offset: 10 }), { total: 0, all: 0, offset: 10, rows: [] });
  });

  describe('on a small workspace', () => {
    const kyiv = 'Zelenskyy said: «ми не здамося» 👩‍👩‍👧 and the ЗЕЛЕНСЬКИЙ office agreed. 100% of_them.';
    const moscow = 'Ushakov said there is no compromise version. Café talk follows.';

    before(async () => {
      const quote = labels.get('Quote')!;
      const claim = labels.get('Claim')!;
      const actor = labels.get('Actor')!;
      const zelenskyy = await call('createActor', { name: 'Volodymyr Zelenskyy' });
      const ushakov = await call('createActor', { name: 'Юрий Ушаков' });
      const first = await call('createDocument', { title: 'Kyiv briefing', text: kyiv });
      const second = await call('createDocument', { title: 'Talks in Moscow', text: moscow });
      const tag = async (documentId: number, text: string, needle: string, labelId: number, attributes?: Record<string, number | string>) => {
        const start = at(text, needle);
        const change = await call('edit', {
          documentId,
          description: 'Tag',
          edits: [{ op: 'createAnnotation', labelId, fragments: [[start, start + codePoints(needle)]], ...(attributes ? { attributes } : {}) }],
        });
        return change.upsertedAnnotations[0]!.id;
      };
      ids['family'] = await tag(first.id, kyiv, '👩‍👩‍👧', actor.id);
      ids['ukrainian'] = await tag(first.id, kyiv, '«ми не здамося»', quote.id, { speaker: zelenskyy.id, kind: 'direct' });
      ids['office'] = await tag(first.id, kyiv, 'ЗЕЛЕНСЬКИЙ office', claim.id);
      ids['percent'] = await tag(first.id, kyiv, '100% of_them', claim.id, { claimant: ushakov.id });
      ids['compromise'] = await tag(second.id, moscow, 'no compromise version', quote.id, { speaker: ushakov.id });
      ids['cafe'] = await tag(second.id, moscow, 'Café', actor.id, { actor: ushakov.id });
      ids['ushakov'] = await tag(second.id, moscow, 'Ushakov', actor.id);
    });

    const idsOf = (page: AnnotationPage) => page.rows.map((row) => row.id);
    const named = (...names: string[]) => names.map((name) => ids[name]!);

    it('lists every annotation, most recently updated first, with what the table shows', async () => {
      const page = await call('queryAnnotations', {});
      assert.equal(page.total, 7);
      assert.deepEqual(idsOf(page), named('ushakov', 'cafe', 'compromise', 'percent', 'office', 'ukrainian', 'family'));
      const ukrainian = page.rows.find((row) => row.id === ids['ukrainian'])!;
      const start = at(kyiv, '«');
      assert.deepEqual(ukrainian, {
        id: ids['ukrainian']!,
        documentId: ukrainian.documentId,
        documentTitle: 'Kyiv briefing',
        labelId: labels.get('Quote')!.id,
        fragments: [[start, start + codePoints('«ми не здамося»')]],
        text: '«ми не здамося»',
        textTruncated: false,
        actor: { id: ukrainian.actor!.id, name: 'Volodymyr Zelenskyy', role: 'speaker' },
        author: ukrainian.author,
        updatedAt: ukrainian.updatedAt,
      } satisfies AnnotationTableRow);
      assert.equal(Array.from(kyiv).slice(start, start + codePoints('«ми не здамося»')).join(''), ukrainian.text, 'fragments are code points');
      assert.equal(page.rows.find((row) => row.id === ids['family'])!.actor, null);
    });

    it('filters on covered text, document title and actor name, ignoring case in any script', async () => {
      const filter = async (text: string) => idsOf(await call('queryAnnotations', { text, sort: 'text' })).sort((a, b) => a - b);
      assert.deepEqual(await filter('COMPROMISE'), named('compromise'));
      assert.deepEqual(await filter('café'), named('cafe'));
      assert.deepEqual(await filter('CAFÉ'), named('cafe'), 'non-ASCII letters fold too');
      assert.deepEqual(await filter('зеленський'), named('office'));
      assert.deepEqual(await filter('  Ми Не  '.trim()), named('ukrainian'));
      assert.deepEqual(await filter('👩‍👩‍👧'), named('family'));
      assert.deepEqual(await filter('kyiv BRIEF'), named('family', 'ukrainian', 'office', 'percent'), 'by document title');
      assert.deepEqual(await filter('ушаков'), named('percent', 'compromise', 'cafe'), 'by actor name, in Cyrillic');
      assert.deepEqual(await filter('ushakov'), named('ushakov'), 'the actor is named in Cyrillic, only the text matches');
      assert.deepEqual(await filter('100%'), named('percent'), '% is literal');
      assert.deepEqual(await filter('f_t'), named('percent'), '_ is literal');
      assert.deepEqual(await filter('0%_'), [], 'and matches only itself');
      assert.deepEqual(await filter('[*?]'), []);
      const moscow = await call('queryAnnotations', { text: 'moscow' });
      assert.deepEqual([moscow.total, moscow.all], [3, 7]);
    });

    it('filters by label, alone and with text', async () => {
      const actor = labels.get('Actor')!.id;
      const claim = labels.get('Claim')!.id;
      assert.deepEqual(idsOf(await call('queryAnnotations', { labelIds: [actor], sort: 'updated', direction: 'asc' })), named('family', 'cafe', 'ushakov'));
      assert.deepEqual(idsOf(await call('queryAnnotations', { labelIds: [actor, claim], text: 'kyiv', direction: 'asc' })), named('family', 'office', 'percent'));
      assert.deepEqual(await call('queryAnnotations', { labelIds: [labels.get('Position')!.id] }), { total: 0, all: 7, offset: 0, rows: [] });
      assert.equal((await call('queryAnnotations', { labelIds: [] })).total, 7, 'an empty list keeps every label');
    });

    it('sorts by each column both ways, breaking ties by id', async () => {
      const sorted = async (sort: AnnotationSortKey, direction: 'asc' | 'desc') => idsOf(await call('queryAnnotations', { sort, direction }));
      // Labels by name: Actor, Claim, Quote; each label's annotations by id.
      assert.deepEqual(await sorted('label', 'asc'), named('family', 'cafe', 'ushakov', 'office', 'percent', 'ukrainian', 'compromise'));
      assert.deepEqual(await sorted('label', 'desc'), named('family', 'cafe', 'ushakov', 'office', 'percent', 'ukrainian', 'compromise').reverse());
      // Actor names ignoring case, then id; annotations without an actor last in both directions.
      assert.deepEqual(await sorted('actor', 'asc'), named('ukrainian', 'percent', 'compromise', 'cafe', 'family', 'office', 'ushakov'));
      assert.deepEqual(await sorted('actor', 'desc'), named('cafe', 'compromise', 'percent', 'ukrainian', 'ushakov', 'office', 'family'));
      // Titles, then reading order in the document.
      assert.deepEqual(await sorted('document', 'asc'), named('ukrainian', 'family', 'office', 'percent', 'ushakov', 'compromise', 'cafe'));
      assert.deepEqual(await sorted('document', 'desc'), named('ukrainian', 'family', 'office', 'percent', 'ushakov', 'compromise', 'cafe').reverse());
      const texts = (await call('queryAnnotations', { sort: 'text' })).rows.map((row) => row.text);
      assert.deepEqual(texts, ['100% of_them', 'Café', 'no compromise version', 'Ushakov', '«ми не здамося»', 'ЗЕЛЕНСЬКИЙ office', '👩‍👩‍👧']);
      // Every annotation has the same author: the order is by id alone.
      assert.deepEqual(await sorted('author', 'asc'), Object.values(ids).sort((a, b) => a - b));
      assert.deepEqual(await sorted('author', 'desc'), Object.values(ids).sort((a, b) => b - a));
    });

    it('pages through every order, windows spanning the parts of label and actor orders', async () => {
      for (const sort of ANNOTATION_SORT_KEYS) {
        for (const direction of ['asc', 'desc'] as const) {
          for (const query of [{}, { text: 'o' }, { labelIds: [labels.get('Actor')!.id, labels.get('Quote')!.id] }]) {
            const whole = await call('queryAnnotations', { ...query, sort, direction });
            for (const limit of [1, 2, 3]) {
              const paged: number[] = [];
              for (let offset = 0; offset < whole.total; offset += limit) {
                const page = await call('queryAnnotations', { ...query, sort, direction, offset, limit });
                assert.equal(page.total, whole.total);
                assert.equal(page.offset, offset);
                paged.push(...idsOf(page));
              }
              assert.deepEqual(paged, idsOf(whole), `${sort} ${direction} ${JSON.stringify(query)} by ${limit}`);
            }
          }
        }
      }
      assert.deepEqual(await call('queryAnnotations', { offset: 7 }), { total: 7, all: 7, offset: 7, rows: [] });
    });

    it('follows actor changes made by edits, undo and label changes', async () => {
      const document = (await call('queryAnnotations', { text: 'Kyiv' })).rows[0]!.documentId;
      const actorOf = async (id: number) => (await call('queryAnnotations', { limit: 500 })).rows.find((row) => row.id === id)!.actor?.name ?? null;
      const lavrov = await call('createActor', { name: 'Sergei Lavrov' });
      await call('edit', { documentId: document, description: 'Set speaker', edits: [{ op: 'updateAnnotation', id: ids['ukrainian']!, attributes: { speaker: lavrov.id } }] });
      assert.equal(await actorOf(ids['ukrainian']!), 'Sergei Lavrov');
      await call('undo', { documentId: document });
      assert.equal(await actorOf(ids['ukrainian']!), 'Volodymyr Zelenskyy');
      await call('edit', { documentId: document, description: 'Relabel', edits: [{ op: 'updateAnnotation', id: ids['ukrainian']!, labelId: labels.get('Actor')!.id }] });
      assert.equal(await actorOf(ids['ukrainian']!), null, 'a relabel drops the speaker');
      await call('undo', { documentId: document });
      assert.equal(await actorOf(ids['ukrainian']!), 'Volodymyr Zelenskyy');
      await call('edit', { documentId: document, description: 'Clear', edits: [{ op: 'updateAnnotation', id: ids['ukrainian']!, attributes: { speaker: null } }] });
      assert.equal(await actorOf(ids['ukrainian']!), null, 'clearing the attributes drops the speaker');
      await call('undo', { documentId: document });
      await call('edit', { documentId: document, description: 'Delete', edits: [{ op: 'deleteAnnotation', id: ids['ukrainian']! }] });
      await call('undo', { documentId: document });
      assert.equal(await actorOf(ids['ukrainian']!), 'Volodymyr Zelenskyy', 'undoing a delete writes the annotation back with its speaker');
      const quote = labels.get('Quote')!;
      await call('updateLabel', { id: quote.id, patch: { attributes: quote.attributes.filter((def) => def.type !== 'actor') } });
      assert.equal(await actorOf(ids['ukrainian']!), null, 'the label no longer has an actor attribute');
      await call('updateLabel', { id: quote.id, patch: { attributes: quote.attributes } });
      assert.equal(await actorOf(ids['ukrainian']!), 'Volodymyr Zelenskyy');
      await call('updateActor', { id: lavrov.id, patch: { name: 'S. Lavrov' } });
      await call('deleteActor', { id: lavrov.id });
    });

    it('sends at most a line of a long covered text', async () => {
      const text = `${'👩‍👩‍👧 '.repeat(200)}end`;
      const document = await call('createDocument', { title: 'Long', text });
      await call('edit', { documentId: document.id, description: 'Tag', edits: [{ op: 'createAnnotation', labelId: labels.get('Claim')!.id, fragments: [[0, codePoints(text)]] }] });
      const row = (await call('queryAnnotations', { text: 'long' })).rows[0]!;
      assert.equal(codePoints(row.text), ANNOTATION_ROW_TEXT_MAX);
      assert.ok(text.startsWith(row.text));
      assert.equal(row.textTruncated, true);
      await call('deleteDocument', { id: document.id });
    });
  });

  it('rejects invalid parameters, naming the field', async () => {
    const rejects = (params: unknown, field: string) =>
      assert.rejects(backend.dispatch('queryAnnotations', params), (error: unknown) => {
        assert.ok(error instanceof ParleyError);
        assert.equal(error.code, 'invalid_params');
        assert.equal(error.field, field);
        assert.ok(error.message.startsWith(`queryAnnotations: ${field}: `), error.message);
        return true;
      });
    await rejects({ sort: 'colour' }, 'sort');
    await rejects({ direction: 'up' }, 'direction');
    await rejects({ limit: 0 }, 'limit');
    await rejects({ limit: 501 }, 'limit');
    await rejects({ offset: -1 }, 'offset');
    await rejects({ offset: 1.5 }, 'offset');
    await rejects({ labelIds: [1, 'Quote'] }, 'labelIds[1]');
    await rejects({ text: 'x'.repeat(501) }, 'text');
    await rejects({ colour: 'red' }, '(parameters)');
  });
});

describe('queryAnnotations against a reference', () => {
  // More matches than the query collects before walking (10,000), so both of its plans are compared.
  const ARTICLES = 300;
  const PER_ARTICLE = 40;
  const WORDS = ['Alpha', 'beta', 'GAMMA', 'delta', 'Ёлка', 'ёлка', 'straße', 'zeta', 'eta', 'theta', 'iota', 'kappa'];
  let backend: Backend;
  let reference: AnnotationTableRow[];
  let labelNames: Map<number, string>;

  before(async () => {
    backend = await openBackend(workspacePath(dir));
    const random = seededRandom(99);
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
    const roles: Record<string, string> = { Quote: 'speaker', Claim: 'claimant', Position: 'holder', Actor: 'actor' };
    const actors = ['Ana', 'ana', 'Ben', 'Зоя', 'Émile'];
    const documents: ImportedDocument[] = [];
    for (let article = 0; article < ARTICLES; article++) {
      const words = Array.from({ length: 400 }, () => pick(WORDS));
      const { text, normalisation } = normaliseText(words.join(' '));
      const starts = words.map((_, index) => words.slice(0, index).join(' ').length + (index > 0 ? 1 : 0));
      const annotations: ImportedDocument['annotations'] = [];
      for (let index = 0; index < PER_ARTICLE; index++) {
        const first = Math.floor(random() * 390);
        const last = first + Math.floor(random() * 3);
        const label = pick(['Quote', 'Claim', 'Position', 'Actor']);
        annotations.push({
          key: `T${index}`,
          label,
          fragments: [[starts[first]!, starts[last]! + words[last]!.length]],
          ...(random() < 0.6 ? { actors: { [roles[label]!]: { name: pick(actors) } } } : {}),
          author: pick(['x', 'Y', 'z', '']),
          updatedAt: `2026-01-0${1 + Math.floor(random() * 3)}T00:00:00.000Z`,
        });
      }
      documents.push({ document: { title: `${pick(WORDS)} ${article % 7}`, text }, normalisation, annotations, relations: [] });
    }
    await importFile(backend.workspace, documents, { duplicates: 'merge' });
    reference = [];
    for (let offset = 0; ; offset += 500) {
      const page = (await backend.dispatch('queryAnnotations', { sort: 'updated', offset, limit: 500 })) as AnnotationPage;
      reference.push(...page.rows);
      if (page.rows.length < 500) break;
    }
    assert.equal(reference.length, ARTICLES * PER_ARTICLE);
    // The import records the actor of every annotation that names one (in bulk, see annotation-actors.ts).
    const withActors = documents.flatMap((document) => document.annotations).filter((annotation) => annotation.actors).length;
    assert.ok(withActors > 0);
    assert.equal(reference.filter((row) => row.actor).length, withActors);
    labelNames = new Map(((await backend.dispatch('listLabels', {})) as Label[]).map((label) => [label.id, label.name]));
  });

  /** SQLite's NOCASE: ASCII letters folded, then UTF-8 bytes (code points) compared. */
  const nocase = (a: string, b: string) => Buffer.compare(Buffer.from(a.replace(/[A-Z]/g, (c) => c.toLowerCase())), Buffer.from(b.replace(/[A-Z]/g, (c) => c.toLowerCase())));
  const byId = (a: AnnotationTableRow, b: AnnotationTableRow) => a.id - b.id;

  function expected(query: AnnotationQuery): number[] {
    const needle = query.text?.trim().toLowerCase() ?? '';
    const kept = reference.filter(
      (row) =>
        (!query.labelIds?.length || query.labelIds.includes(row.labelId)) &&
        (!needle || [row.text, row.documentTitle, row.actor?.name ?? ''].some((field) => field.toLowerCase().includes(needle))),
    );
    const sign = (query.direction ?? (query.sort === 'updated' ? 'desc' : 'asc')) === 'asc' ? 1 : -1;
    const compare: Record<AnnotationSortKey, (a: AnnotationTableRow, b: AnnotationTableRow) => number> = {
      label: (a, b) => sign * (nocase(labelNames.get(a.labelId)!, labelNames.get(b.labelId)!) || a.labelId - b.labelId || byId(a, b)),
      text: (a, b) => sign * (nocase(a.text, b.text) || byId(a, b)),
      author: (a, b) => sign * (nocase(a.author, b.author) || byId(a, b)),
      updated: (a, b) => sign * (a.updatedAt.localeCompare(b.updatedAt) || byId(a, b)),
      document: (a, b) =>
        sign * (nocase(a.documentTitle, b.documentTitle) || a.documentId - b.documentId || a.fragments[0]![0] - b.fragments[0]![0] || a.fragments.at(-1)![1] - b.fragments.at(-1)![1] || byId(a, b)),
      actor: (a, b) =>
        !a.actor || !b.actor ? Number(!a.actor) - Number(!b.actor) || sign * byId(a, b) : sign * (nocase(a.actor.name, b.actor.name) || a.actor.id - b.actor.id || byId(a, b)),
    };
    return kept.sort(compare[query.sort ?? 'updated']).map((row) => row.id);
  }

  it('returns exactly what filtering and sorting every row would, for every column, filter and window', async () => {
    const filters: AnnotationQuery[] = [{}, { text: 'a' }, { text: 'ALPHA' }, { text: 'ёлк' }, { text: 'STRASSE' }, { text: 'straße' }, { text: 'zoя' }, { text: 'émile' }, { labelIds: [1, 3] }, { labelIds: [1, 2, 3, 4] }, { text: 'eta', labelIds: [2] }, { text: 'kappa 3' }];
    for (const filter of filters) {
      for (const sort of ANNOTATION_SORT_KEYS) {
        for (const direction of ['asc', 'desc'] as const) {
          const want = expected({ ...filter, sort, direction });
          for (const offset of [0, 4321, Math.max(0, want.length - 50)]) {
            const page = (await backend.dispatch('queryAnnotations', { ...filter, sort, direction, offset, limit: 120 })) as AnnotationPage;
            const label = `${JSON.stringify(filter)} ${sort} ${direction} from ${offset}`;
            assert.equal(page.total, want.length, label);
            assert.deepEqual(page.rows.map((row) => row.id), want.slice(offset, offset + 120), label);
          }
        }
      }
    }
  });
});

describe('caseInsensitiveGlob', () => {
  it('lists the cases of each letter and escapes what GLOB treats specially', () => {
    assert.equal(caseInsensitiveGlob('Ёл'), '*[Ёё][лЛ]*');
    assert.equal(caseInsensitiveGlob('a*?[]1 '), '*[aA][*][?][[][]]1 *');
    assert.equal(caseInsensitiveGlob('ß'), '*ß*', 'only single-character case forms: ß upper-cases to SS');
  });
});
