import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { SearchResults } from '../../shared/types.ts';
import { temporaryDir, typedApi as api, workspacePath } from '../../test/helpers.ts';
import { openBackend, type Backend } from '../backend.ts';
import { ParleyError } from '../errors.ts';

const dir = temporaryDir();

/** Each hit as the text it covers, cut from the stored text by its code point offsets (as Python would). */
function hitTexts(results: SearchResults, texts: Map<number, string>): string[] {
  return results.documents.flatMap((document) => {
    const points = Array.from(texts.get(document.documentId)!);
    return document.hits.map((hit) => points.slice(hit.start, hit.end).join(''));
  });
}

const titles = (results: SearchResults) => results.documents.map((document) => document.title);

describe('corpus search', () => {
  let backend: Backend;
  let call: ReturnType<typeof api>;
  const texts = new Map<number, string>();
  const ids: Record<string, number> = {};
  let labels: Map<string, number>;

  const add = async (title: string, text: string) => {
    const id = (await call('createDocument', { title, text })).id;
    texts.set(id, text);
    ids[title] = id;
    return id;
  };
  const search = (query: string, extra: { limit?: number; labelIds?: number[]; actorId?: number } = {}) => call('searchCorpus', { query, ...extra });

  before(async () => {
    backend = await openBackend(workspacePath(dir));
    call = api(backend);
    labels = new Map((await call('listLabels', {})).map((label) => [label.name, label.id]));
    await add('English', '👩‍👩‍👧 Russian forces near Pokrovsk. The peace plan was discussed in Moscow; Muscovites watched. Pokrovsk again.');
    await add('Russian', 'Ушаков заявил: 🇷🇺 Покровск окружён. Приве\u0301т из Москвы, Москва молчит.');
    await add('Ukrainian', 'Зеленський сказав, що Покровськ тримається. Їжак і ґанок.');
    await add('Arabic', 'قال المتحدث إن السلام في أوكرانيا ممكن. الرئيس زيلينسكي في كييف.');
    await add('Chinese', '😀普京会见特朗普特使威特科夫。普京说，和平计划可以讨论。泽连斯基在基辅。');
    await add('Diacritics', 'President Zelenskýy met Zelenskyy’s advisers; Zelensky\u0301y was written with a combining accent. Kyiv, Kyïv.');
  });

  it('finds a word in English, with code point offsets after an emoji, ranked by bm25', async () => {
    const results = await search('pokrovsk');
    assert.deepEqual(titles(results), ['English']);
    assert.equal(results.total, 1);
    const [document] = results.documents;
    assert.equal(document!.hitCount, 2);
    assert.deepEqual(hitTexts(results, texts), ['Pokrovsk', 'Pokrovsk']);
    // "👩‍👩‍👧" is 5 code points and 8 UTF-16 units: the hit starts after "👩‍👩‍👧 Russian forces near ".
    assert.equal(document!.hits[0]!.start, 5 + ' Russian forces near '.length);
    assert.deepEqual(document!.hits[0]!.snippet, { before: '👩‍👩‍👧 Russian forces near ', match: 'Pokrovsk', after: '. The peace plan was discussed in Moscow; Muscovites' });
  });

  it('finds Russian, Ukrainian and Arabic words, case folded, combining accents ignored', async () => {
    assert.deepEqual(hitTexts(await search('покровск'), texts), ['Покровск']);
    assert.deepEqual(hitTexts(await search('Покровськ'), texts), ['Покровськ']);
    assert.deepEqual(hitTexts(await search('привет'), texts), ['Приве\u0301т']);
    assert.deepEqual(hitTexts(await search('їжак'), texts), ['Їжак']);
    assert.deepEqual(hitTexts(await search('زيلينسكي'), texts), ['زيلينسكي']);
    assert.deepEqual(hitTexts(await search('"في أوكرانيا"'), texts), ['في أوكرانيا']);
  });

  it('finds Chinese inside unspaced text, two characters or more, with exact offsets after an emoji', async () => {
    const twoCharacters = await search('普京');
    assert.deepEqual(titles(twoCharacters), ['Chinese']);
    assert.deepEqual(hitTexts(twoCharacters, texts), ['普京', '普京']);
    assert.equal(twoCharacters.documents[0]!.hits[0]!.start, 1, '😀 is one code point');
    assert.deepEqual(hitTexts(await search('和平计划'), texts), ['和平计划']);
    assert.deepEqual(hitTexts(await search('特朗普 AND 泽连斯基'), texts), ['特朗普', '泽连斯基']);
    assert.deepEqual(titles(await search('普京 NOT 基辅')), []);
    assert.deepEqual(titles(await search('普京 OR Pokrovsk')), ['English', 'Chinese'].sort((a, b) => (a === 'Chinese' ? -1 : b === 'Chinese' ? 1 : 0)));
  });

  it('ignores Latin diacritics both ways (Zelenskýy, Zelenskyy, a combining accent)', async () => {
    for (const query of ['Zelenskyy', 'Zelenskýy', 'ZELENSKÝY']) {
      const results = await search(query);
      assert.deepEqual(titles(results), ['Diacritics'], query);
      assert.deepEqual(hitTexts(results, texts), ['Zelenskýy', 'Zelenskyy', 'Zelensky\u0301y'], query);
    }
    assert.deepEqual(hitTexts(await search('kyiv'), texts), ['Kyiv', 'Kyïv']);
  });

  it('takes phrases, prefixes, AND, OR, NOT and brackets', async () => {
    assert.deepEqual(hitTexts(await search('"peace plan"'), texts), ['peace plan']);
    assert.deepEqual(titles(await search('"plan peace"')), []);
    assert.deepEqual(hitTexts(await search('mosc*'), texts), ['Moscow']);
    assert.deepEqual(hitTexts(await search('"peace pl"*'), texts), ['peace plan']);
    assert.deepEqual(titles(await search('pokrovsk AND moscow')), ['English']);
    assert.deepEqual(titles(await search('pokrovsk moscow')), ['English']);
    assert.deepEqual(titles(await search('pokrovsk AND kyiv')), []);
    assert.deepEqual(titles(await search('pokrovsk OR kyiv')).sort(), ['Diacritics', 'English']);
    assert.deepEqual(titles(await search('(pokrovsk OR kyiv) NOT moscow')), ['Diacritics']);
    const excluded = await search('pokrovsk OR kyiv NOT advisers');
    assert.deepEqual(titles(excluded), ['English'], 'NOT binds tighter than OR');
    assert.deepEqual(hitTexts(await search('moscow NOT kyiv'), texts), ['Moscow'], 'what a NOT leaves out is no hit');
    assert.deepEqual(titles(await search('U.S.')), [], 'punctuation inside a word is no FTS5 syntax');
  });

  it('ranks documents by relevance and limits them', async () => {
    await add('Many mentions', 'Pokrovsk Pokrovsk Pokrovsk Pokrovsk.');
    const results = await search('pokrovsk');
    assert.deepEqual(titles(results), ['Many mentions', 'English']);
    assert.deepEqual(results.documents.map((document) => document.hitCount), [4, 2]);
    const limited = await search('pokrovsk', { limit: 1 });
    assert.equal(limited.total, 2);
    assert.deepEqual(titles(limited), ['Many mentions']);
  });

  it('answers bad syntax with a plain message on the field query', async () => {
    const cases: [string, RegExp][] = [
      ['"peace plan', /the quote at character 1 is never closed/],
      ['AND', /AND at character 1 needs a word or phrase before it/],
      ['NOT', /NOT at character 1 needs a word or phrase before it/],
      ['NOT pokrovsk', /NOT at character 1 needs a word or phrase before it/],
      ['pokrovsk OR', /OR at the end needs a word or phrase after it/],
      ['(pokrovsk', /the bracket opened at character 1 is never closed/],
      ['pokrovsk)', /the closing bracket at character 9 has no opening one/],
      ['   ', /type a word or "a phrase" to search for/],
      ['—', /— has no letters or digits to search for/],
    ];
    for (const [query, message] of cases) {
      await assert.rejects(search(query), (error: unknown) => {
        assert.ok(error instanceof ParleyError, query);
        assert.equal(error.code, 'invalid_params', query);
        assert.equal(error.field, 'query', query);
        assert.match(error.message, message, query);
        assert.doesNotMatch(error.message, /fts5|sqlite/i, query);
        return true;
      });
    }
  });

  it('searches annotations: quotes containing a word, claims by an actor containing a word', async () => {
    const ushakov = (await call('createActor', { name: 'Yuri Ushakov' })).id;
    const witkoff = (await call('createActor', { name: 'Steve Witkoff' })).id;
    const text = texts.get(ids['English']!)!;
    const at = (phrase: string): [number, number] => {
      const start = Array.from(text.slice(0, text.indexOf(phrase))).length;
      return [start, start + Array.from(phrase).length];
    };
    const quote = labels.get('Quote')!;
    const claim = labels.get('Claim')!;
    const change = await call('edit', {
      documentId: ids['English']!,
      description: 'Tag',
      edits: [
        { op: 'createAnnotation', ref: 'q1', labelId: quote, fragments: [at('Russian forces near Pokrovsk')], attributes: { speaker: ushakov } },
        { op: 'createAnnotation', ref: 'q2', labelId: quote, fragments: [at('The peace plan was discussed in Moscow')], attributes: { speaker: witkoff } },
        { op: 'createAnnotation', ref: 'c1', labelId: claim, fragments: [at('Pokrovsk again')], attributes: { claimant: ushakov } },
      ],
    });
    const [q1, q2, c1] = ['q1', 'q2', 'c1'].map((ref) => change.createdIds[ref]!);
    const annotationIds = (results: SearchResults) => results.documents.flatMap((document) => document.annotations.map((annotation) => annotation.id));

    const quotes = await search('pokrovsk', { labelIds: [quote] });
    assert.deepEqual(annotationIds(quotes), [q1]);
    assert.deepEqual(quotes.documents[0]!.annotations[0], { id: q1, labelId: quote, start: at('Russian')[0], end: at('Pokrovsk')[1], text: 'Russian forces near Pokrovsk' });
    assert.deepEqual(hitTexts(quotes, texts), ['Pokrovsk']);
    assert.equal(quotes.documents[0]!.hits[0]!.start, at('Pokrovsk')[0]);
    assert.deepEqual(annotationIds(await search('pokrovsk', { labelIds: [quote, claim] })), [q1, c1]);
    assert.deepEqual(annotationIds(await search('pokrovsk', { actorId: ushakov })), [q1, c1]);
    assert.deepEqual(annotationIds(await search('pokrovsk', { labelIds: [claim], actorId: ushakov })), [c1]);
    assert.deepEqual(annotationIds(await search('pokrovsk', { actorId: witkoff })), []);
    // The query is matched in the covered text: this document has Moscow, but not in Ushakov's quote.
    assert.deepEqual(annotationIds(await search('pokrovsk NOT moscow', { labelIds: [quote] })), [q1]);
    assert.deepEqual(annotationIds(await search('pokrovsk AND moscow', { labelIds: [quote] })), []);
    assert.deepEqual(annotationIds(await search('"peace plan" OR forces', { labelIds: [quote] })), [q1, q2]);
    await assert.rejects(search('pokrovsk', { actorId: 999 }), /Actor 999 does not exist/);
    await assert.rejects(search('pokrovsk', { labelIds: [999] }), /Label 999 does not exist/);
  });

  it('stays in step with edits, undo, actor merges, document deletes and their undo', async () => {
    const quote = labels.get('Quote')!;
    const document = await add('Kept in step', 'Ushakov said Huliaipole held; Witkoff said nothing.');
    const speaker = (await call('createActor', { name: 'Ushakov (duplicate)' })).id;
    const survivor = (await call('createActor', { name: 'Yuri V. Ushakov' })).id;
    const quotesBy = async (actorId: number) =>
      (await search('huliaipole', { actorId })).documents.flatMap((found) => found.annotations.map((annotation) => annotation.id));

    const created = await call('edit', {
      documentId: document,
      description: 'Tag Quote',
      edits: [{ op: 'createAnnotation', ref: 'q', labelId: quote, fragments: [[0, 29]], attributes: { speaker } }],
    });
    const id = created.createdIds['q']!;
    assert.deepEqual(await quotesBy(speaker), [id]);
    await call('edit', { documentId: document, description: 'Narrow', edits: [{ op: 'updateAnnotation', id, fragments: [[0, 12]] }] });
    assert.deepEqual(await quotesBy(speaker), [], 'the narrowed quote no longer covers the word');
    await call('undo', { documentId: document });
    assert.deepEqual(await quotesBy(speaker), [id], 'undo widens it again');

    const merge = await call('mergeActors', { survivorId: survivor, mergedId: speaker });
    assert.deepEqual(await quotesBy(survivor), [id], 'the quote follows the survivor');
    await call('undoRemoval', { id: merge.removal.id });
    assert.deepEqual(await quotesBy(speaker), [id], 'and comes back to the merged actor with the undo');
    assert.deepEqual(await quotesBy(survivor), []);

    assert.deepEqual(titles(await search('huliaipole')), ['Kept in step']);
    const removed = await call('deleteDocument', { id: document });
    assert.deepEqual(titles(await search('huliaipole')), [], 'a deleted document is out of the index');
    await call('undoRemoval', { id: removed.removal.id });
    assert.deepEqual(hitTexts(await search('huliaipole'), texts), ['Huliaipole'], 'and back in with its undo');
    assert.deepEqual(await quotesBy(speaker), [id]);

    const chinese = await add('Chinese, removed', '会谈在莫斯科举行。');
    assert.deepEqual(titles(await search('莫斯科')), ['Chinese, removed']);
    const gone = await call('deleteDocument', { id: chinese });
    assert.deepEqual(titles(await search('莫斯科')), [], 'the trigram index too');
    await call('undoRemoval', { id: gone.removal.id });
    assert.deepEqual(titles(await search('莫斯科')), ['Chinese, removed']);
  });

  it('finds what a bulk import stored, in both indexes', async () => {
    const lines = [
      { title: 'Imported English', text: 'Avdiivka was discussed.' },
      { title: 'Imported Chinese', text: '阿夫季伊夫卡被讨论。' },
    ].map((record) => JSON.stringify(record));
    const summary = await call('importFiles', { files: [{ name: 'batch.jsonl', contentBase64: Buffer.from(lines.join('\n')).toString('base64') }] });
    assert.equal(summary.documents, 2);
    assert.deepEqual(titles(await search('avdiivka')), ['Imported English']);
    assert.deepEqual(titles(await search('阿夫季伊夫卡')), ['Imported Chinese']);
    assert.deepEqual(titles(await search('伊夫')), ['Imported Chinese'], 'two characters: looked for in the texts the trigram index holds');
  });
});
