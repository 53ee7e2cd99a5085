import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DATA, parse, problemsOf } from '../test/support.ts';
import { parseLabelStudio } from './labelstudio.ts';

const text = 'Zelensky 🇺🇦 said: “We will not give up.”\nKremlin denied it.';

function task(start: number, end: number, covered: string) {
  return [
    {
      id: 7,
      data: { text, title: 'Kyiv briefing', url: 'https://example.org/kyiv' },
      annotations: [
        {
          id: 1,
          completed_by: 3,
          created_at: '2025-11-20T10:00:00.000Z',
          result: [
            { id: 'q1', from_name: 'label', to_name: 'text', type: 'labels', value: { start, end, text: covered, labels: ['Quote'] } },
            { id: 's1', from_name: 'label', to_name: 'text', type: 'labels', value: { start: 0, end: 8, text: 'Zelensky', labels: ['Source'] } },
            { id: 'q1', from_name: 'kind', to_name: 'text', type: 'choices', value: { choices: ['direct'] } },
            { id: 'q1', from_name: 'comment', to_name: 'text', type: 'textarea', value: { text: ['strong', 'wording'] } },
            { type: 'relation', from_id: 's1', to_id: 'q1', direction: 'left', labels: ['said_by'] },
            { id: 'doc', from_name: 'topic', to_name: 'text', type: 'choices', value: { choices: ['war'] } },
          ],
        },
        { id: 2, completed_by: 4, was_cancelled: true, result: [] },
      ],
      predictions: [{ model_version: 'ner-v2', result: [{ id: 'p1', type: 'labels', value: { start: 41, end: 48, labels: ['Actor'] } }] }],
    },
  ];
}

describe('Label Studio exports', () => {
  it('turn regions into annotations (code points), per-region choices into attributes, relations and predictions too', async () => {
    const { documents, warnings } = await parse(parseLabelStudio, 'export.json', JSON.stringify(task(18, 40, '“We will not give up.”')));
    const [document] = documents;
    assert.equal(document!.document.title, 'Kyiv briefing');
    assert.equal(document!.document.url, 'https://example.org/kyiv');
    assert.deepEqual(document!.document.metadata!['classifications'], [{ control: 'topic', value: 'war', author: '3' }]);
    assert.equal(document!.document.metadata!['labelStudioTask'], 7);
    const characters = [...document!.document.text];
    assert.deepEqual(
      document!.annotations.map((annotation) => [annotation.label, characters.slice(...annotation.fragments[0]!).join(''), annotation.author, annotation.origin, annotation.attributes]),
      [
        ['Quote', '“We will not give up.”', '3', 'imported', { kind: 'direct', comment: 'strong\nwording' }],
        ['Source', 'Zelensky', '3', 'imported', undefined],
        ['Actor', 'Kremlin', 'ner-v2', 'suggested', undefined],
      ],
    );
    assert.equal(document!.annotations[0]!.createdAt, '2025-11-20T10:00:00.000Z');
    assert.deepEqual(document!.relations, [{ type: 'said_by', sourceKey: 'a0:q1', targetKey: 'a0:s1' }], 'direction left runs from to_id to from_id');
    assert.deepEqual(document!.schema, [{ label: 'Quote', attributes: [{ name: 'kind', type: 'choice', options: ['direct'] }] }]);
    assert.deepEqual(warnings, [{ message: 'task 7: annotations[1] was cancelled by its annotator and is left out' }]);
  });

  it('read UTF-16 offsets of older exports on request', async () => {
    const { documents } = await parse(parseLabelStudio, 'old.json', JSON.stringify(task(20, 42, '“We will not give up.”')), { offsets: 'utf16' });
    assert.equal([...documents[0]!.document.text].slice(...documents[0]!.annotations[0]!.fragments[0]!).join(''), '“We will not give up.”');
  });

  it('refuse a region whose text is not the text at its offsets, whatever its label', async () => {
    assert.deepEqual(await problemsOf(parse(parseLabelStudio, 'old.json', JSON.stringify(task(20, 42, '“We will not give up.”')))), [
      { message: 'task 7: annotations[0].result[0]: value.text is ““We will not give up.””, but characters 20–42 of the text are “e will not give up.”\\nK”' },
    ]);
    assert.deepEqual(await problemsOf(parse(parseLabelStudio, 'x.json', readFileSync(join(DATA, 'bad-input/labelstudio-xss-label.json')))), [
      { message: 'task 1: annotations[0].result[0]: value.text is “WRONG”, but characters 2–7 of the text are “short”' },
    ]);
    assert.deepEqual(await problemsOf(parse(parseLabelStudio, 'x.json', '[{"id": 1, "data": {"image": 5}}]')), [
      { message: 'task 1: its data has no “text” field: name the one that holds the text', fix: { option: 'textField', choices: [] } },
    ]);
    assert.deepEqual(await problemsOf(parse(parseLabelStudio, 'x.json', '[{"id": 1, "data": \n{"text": "a"}')), [
      { line: 2, message: 'is not valid JSON (Expected \',\' or \'}\' after property value in JSON at position 33)' },
    ]);
  });
});
