import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ParseContext } from '../parse.ts';
import { parse, problemsOf } from '../test/support.ts';
import { parseW3c } from './w3c.ts';

const ARTICLE = 'The minister said “no compromise”. Later, the minister said it again: “no compromise”. 🇺🇦 ends it.';
const workspace: ParseContext = {
  findDocumentsByUrl: async (url) => (url === 'https://news.example.org/talks' ? [{ id: 12, text: ARTICLE }] : []),
};
const annotation = (selector: unknown, extra: Record<string, unknown> = {}) => ({
  '@context': 'http://www.w3.org/ns/anno.jsonld',
  id: 'urn:a1',
  type: 'Annotation',
  motivation: 'commenting',
  target: { source: 'https://news.example.org/talks', selector },
  ...extra,
});

describe('W3C Web Annotation', () => {
  it('places text position and quote selectors on the document with the target’s URL, with their bodies', async () => {
    const page = {
      type: 'AnnotationPage',
      items: [
        annotation({ type: 'TextPositionSelector', start: 87, end: 89 }, { body: [{ type: 'TextualBody', purpose: 'tagging', value: 'Flag' }, 'https://www.wikidata.org/wiki/Q212'] }),
        annotation(
          { type: 'TextQuoteSelector', exact: 'no compromise', prefix: 'again: “', suffix: '”' },
          { body: { type: 'TextualBody', value: 'Repeated for emphasis.' }, creator: { type: 'Person', name: 'Ana' }, created: '2025-11-20T10:00:00Z' },
        ),
        annotation({ type: 'FragmentSelector', value: 'para1', refinedBy: { type: 'TextPositionSelector', start: 4, end: 12 } }, { motivation: 'highlighting' }),
        { id: 'urn:image', type: 'Annotation', target: 'https://example.org/photo.jpg' },
      ],
    };
    const { documents, warnings, annotatesExisting } = await parse(parseW3c, 'notes.jsonld', JSON.stringify(page), {}, workspace);
    assert.equal(annotatesExisting, true);
    assert.equal(documents.length, 1);
    assert.equal(documents[0]!.existingDocumentId, 12);
    const characters = [...ARTICLE];
    assert.deepEqual(
      documents[0]!.annotations.map((item) => [item.label, characters.slice(...item.fragments[0]!).join(''), item.note ?? '', item.author ?? '', item.attributes ?? {}]),
      [
        ['Flag', '🇺🇦', '', '', { body: 'https://www.wikidata.org/wiki/Q212' }],
        ['commenting', 'no compromise', 'Repeated for emphasis.', 'Ana', {}],
        ['highlighting', 'minister', '', '', {}],
      ],
    );
    assert.deepEqual(warnings, [{ message: 'urn:image: it targets the whole resource https://example.org/photo.jpg, not a span of its text; left out' }]);
  });

  it('refuses a quote that disagrees with its position, an ambiguous or missing quote, and an unknown document', async () => {
    const problems = await problemsOf(
      parse(
        parseW3c,
        'bad.json',
        JSON.stringify([
          annotation([{ type: 'TextPositionSelector', start: 0, end: 3 }, { type: 'TextQuoteSelector', exact: 'A' }]),
          annotation({ type: 'TextQuoteSelector', exact: 'no compromise' }),
          annotation({ type: 'TextQuoteSelector', exact: 'absent' }),
          { ...annotation({ type: 'TextPositionSelector', start: 0, end: 3 }), target: { source: 'https://elsewhere.example', selector: { type: 'TextPositionSelector', start: 0, end: 1 } } },
        ]),
        {},
        workspace,
      ),
    );
    assert.deepEqual(problems.map((problem) => problem.message), [
      'urn:a1: its TextQuoteSelector says “A”, but characters 0–3 of the document are “The”',
      'urn:a1: its TextQuoteSelector “no compromise” matches 2 places in the document; its prefix and suffix do not tell them apart',
      'urn:a1: its TextQuoteSelector “absent” (with its prefix and suffix) is not in the document',
      'urn:a1: no document in this workspace has the URL https://elsewhere.example; import the article it annotates first',
    ]);
  });

  it('skips a file with nothing that selects text', async () => {
    const result = await parse(parseW3c, 'anno1.json', JSON.stringify({ '@context': 'http://www.w3.org/ns/anno.jsonld', id: 'x', type: 'Annotation', body: 'http://b', target: 'http://t' }), {}, workspace);
    assert.deepEqual(result.documents, []);
    assert.deepEqual(result.skipped, [{ where: '', reason: 'none of its 1 annotation selects text' }]);
  });
});
