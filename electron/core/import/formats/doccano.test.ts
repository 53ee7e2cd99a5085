import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DATA, parse, problemsOf } from '../test/support.ts';
import { parseJsonRecords } from './doccano.ts';

/** What each annotation of a parse covers in its document's stored text. */
function covered(result: Awaited<ReturnType<typeof parseJsonRecords>>): string[][] {
  return result.documents.map(({ document, annotations }) =>
    annotations.map(({ label, fragments }) => `${label}:${[...document.text].slice(fragments[0]![0], fragments[0]![1]).join('')}`),
  );
}

describe('doccano and other JSON records', () => {
  it('read the label form, counting offsets in UTF-16 units by default and in code points on request', async () => {
    const text = 'Biden 🇺🇸 said “no” to Putin 😀.\r\nNext line';
    const utf16 = JSON.stringify({ text, label: [[16, 20, 'Quote'], [24, 29, 'Actor'], [0, 5, 'Actor']], meta: { url: 'https://x.org/1', source: 'Wire' } });
    const result = await parse(parseJsonRecords, 'a.jsonl', `${utf16}\n`);
    assert.deepEqual(covered(result), [['Quote:“no”', 'Actor:Putin', 'Actor:Biden']]);
    assert.equal(result.documents[0]!.document.url, 'https://x.org/1');
    assert.equal(result.documents[0]!.document.source, 'Wire');
    const codepoints = JSON.stringify({ text, label: [[14, 18, 'Quote'], [32, 36, 'Place']] });
    assert.deepEqual(covered(await parse(parseJsonRecords, 'b.jsonl', codepoints, { offsets: 'codepoints' })), [['Quote:“no”', 'Place:Next']]);
    assert.deepEqual(covered(await parse(parseJsonRecords, 'b.jsonl', JSON.stringify({ text, label: [[35, 39, 'Place']] }))), [['Place:Next']], 'the CR of the CRLF is mapped away');
  });

  it('read a file Parley wrote in the unit its stamp gives; a foreign file with non-BMP text warns where the units differ', async () => {
    const text = '😀 Putin said no.';
    const stamped = JSON.stringify({ id: 7, text, labels: [[2, 7, 'Actor']], parley_export: { version: '0.1.0', offsets: 'codepoints' } });
    const own = await parse(parseJsonRecords, 'own.jsonl', `${stamped}\n`);
    assert.deepEqual(covered(own), [['Actor:Putin']]);
    assert.deepEqual(own.warnings, []);
    assert.deepEqual(Object.keys(own.documents[0]!.document.metadata ?? {}), ['importedFrom'], 'the id and the stamp are not metadata');

    const foreign = await parse(parseJsonRecords, 'foreign.jsonl', `${JSON.stringify({ text, label: [[3, 8, 'Actor'], [14, 16, 'Said']] })}\n`);
    assert.deepEqual(covered(foreign), [['Actor:Putin', 'Said:no']], 'read as UTF-16 units, doccano\'s default');
    assert.equal(foreign.warnings.length, 1);
    assert.match(foreign.warnings[0]!.message, /read as UTF-16 code units/);
    assert.match(foreign.warnings[0]!.message, /2 span\(s\) cover other text when read as code points/);
    assert.match(foreign.warnings[0]!.message, /line 1 \[3, 8\]: “Putin” as UTF-16, “utin ” as code points/);
    const asked = await parse(parseJsonRecords, 'foreign.jsonl', `${JSON.stringify({ text, label: [[2, 7, 'Actor']] })}\n`, { offsets: 'codepoints' });
    assert.deepEqual(asked.warnings, [], 'a unit the user gave is no assumption');

    const spacy = await parse(parseJsonRecords, 'spacy.jsonl', `${JSON.stringify({ text, entities: [[2, 7, 'Actor']], spans: { sc: [[2, 7, 'Actor'], [2, 12, 'Claim']] } })}\n`);
    assert.deepEqual(covered(spacy), [['Actor:Putin', 'Claim:Putin said']], 'spans.sc, every span, in code points');
  });

  it('read the entities and relations form, the old annotations form with users, and custom field names', async () => {
    const relations = await parse(parseJsonRecords, 'r.jsonl', readFileSync(join(DATA, 'formats/doccano/backend/data_import/tests/data/relation_extraction/example.jsonl')));
    assert.deepEqual(covered(relations), [['ORG:Google', 'DATE:September 4, 1998', 'PERSON:Larry Page', 'PERSON:Sergey Brin']]);
    assert.deepEqual(relations.documents[0]!.relations, [
      { type: 'foundedAt', sourceKey: '0', targetKey: '1' },
      { type: 'foundedBy', sourceKey: '0', targetKey: '2' },
      { type: 'foundedBy', sourceKey: '0', targetKey: '3' },
    ]);
    const old = await parse(parseJsonRecords, 'old.jsonl', readFileSync(join(DATA, 'formats/doccano/doccano-transformer-testdata/labeling/labeling.jsonl')));
    assert.deepEqual([...new Set(old.documents.flatMap((document) => document.annotations.map((annotation) => annotation.author)))], ['1', '2']);
    const custom = await parse(parseJsonRecords, 'c.jsonl', '{"column_data": "EU rejects German call", "column_label": [[0, 2, "ORG"]]}\n{"body": "x", "column_data": "Peter Blackburn", "column_label": [[0, 15, "PER"]]}\n');
    assert.deepEqual(covered(custom), [['ORG:EU'], ['PER:Peter Blackburn']]);
    assert.deepEqual(covered(await parse(parseJsonRecords, 'd.jsonl', '{"body": "Hello world", "spans": [[6, 11, "X"]]}', { textField: 'body' })), [['X:world']]);
  });

  it('read a pretty-printed JSON array as well as JSON Lines, and keep other fields as metadata', async () => {
    const result = await parse(parseJsonRecords, 'e.json', readFileSync(join(DATA, 'formats/doccano/backend/data_export/pipeline/examples/text_classification/example.json')));
    assert.deepEqual(result.documents.map((document) => [document.document.text, document.document.metadata!['label']]), [
      ['Terrible customer service.', ['negative']],
      ['Really great transaction.', ['positive']],
      ['Great price.', ['positive']],
    ]);
  });

  it('report every broken line of a file with its line number, and import none of it', async () => {
    const problems = await problemsOf(parse(parseJsonRecords, 'doccano-broken.jsonl', readFileSync(join(DATA, 'bad-input/doccano-broken.jsonl'))));
    assert.deepEqual(problems, [
      { line: 2, message: 'is not valid JSON (Unterminated string in JSON at position 54)' },
      { line: 3, message: 'span #1: the range [4, 999] lies outside the text, which is 35 UTF-16 units long' },
      { line: 4, message: 'span #1: the range [10, 3] is empty or reversed' },
    ]);
    const emoji = await problemsOf(parse(parseJsonRecords, 'e.jsonl', '{"text": "a😀b", "label": [[1, 2, "E"]]}'));
    assert.match(emoji[0]!.message, /cuts an emoji or other character outside the BMP in half: if the offsets count code points, say so/);
    const missing = await problemsOf(parse(parseJsonRecords, 'f.jsonl', '{"filename": "cat.png", "label": ["cat"]}\n{"filename": "dog.png", "label": ["dog"]}\n'));
    assert.deepEqual(missing, [
      { line: 1, message: 'has no “text” field: name the one that holds the text (and so do 1 more)', fix: { option: 'textField', choices: ['filename', 'label'] } },
    ]);
    const relation = await problemsOf(parse(parseJsonRecords, 'g.jsonl', '{"text": "ab", "entities": [{"id": 1, "start_offset": 0, "end_offset": 1, "label": "A"}], "relations": [{"from_id": 1, "to_id": 7, "type": "r"}]}'));
    assert.deepEqual(relation, [{ line: 1, message: 'relation 1: there is no entity with id 7' }]);
  });
});
