import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse, problemsOf } from '../test/support.ts';
import { tableParser } from './table.ts';

const csv = tableParser('csv');
const tsv = tableParser('tsv');

describe('tables of articles', () => {
  it('make one document per row; title, URL, date, source and author recognised by name, the rest metadata', async () => {
    const file = [
      'Headline,Body,Published At,URL,Outlet,byline,section',
      '"Talks end","Negotiators left Geneva.\r\n“No deal,” an aide said.",2025-11-20,https://example.org/a,Daily Example,Jane Reporter,World',
      '',
      'Second,"Short text, with a comma",,,,,Politics',
    ].join('\r\n');
    const { documents, skipped } = await parse(csv, 'articles.csv', file, { textField: 'Body' });
    assert.deepEqual(skipped, []);
    assert.equal(documents.length, 2);
    const [first, second] = documents;
    assert.deepEqual(first!.document, {
      title: 'Talks end',
      text: 'Negotiators left Geneva.\n“No deal,” an aide said.',
      publishedAt: '2025-11-20',
      url: 'https://example.org/a',
      source: 'Daily Example',
      author: 'Jane Reporter',
      // No language column, and too few letters to detect one.
      language: null,
      metadata: { section: 'World', importedFrom: { file: 'articles.csv', format: 'csv', encoding: 'utf-8', line: 2 } },
    });
    assert.deepEqual(first!.normalisation, { bomRemoved: false, crlfToLf: 1, crToLf: 0 }, 'a CRLF inside a quoted field is normalised and recorded');
    assert.equal(second!.document.text, 'Short text, with a comma');
    assert.equal((second!.document.metadata!['importedFrom'] as { line: number }).line, 5, 'lines count the multi-line record and the blank line');
  });

  it('use the text column by default, skip empty rows, and read TSV quotes as characters', async () => {
    const file = 'id\ttext\n1\t"Quoted" at the start 🇺🇦\n2\t\n3\tThird\n';
    const { documents, skipped } = await parse(tsv, 'tweets.tsv', file);
    assert.deepEqual(documents.map((document) => document.document.text), ['"Quoted" at the start 🇺🇦', 'Third']);
    assert.deepEqual(skipped, [{ where: 'line 3', reason: 'the “text” column is empty' }]);
    assert.deepEqual(documents[0]!.document.metadata!['id'], '1');
  });

  it('name the file’s columns when the text column is missing, and the line of a broken row', async () => {
    assert.deepEqual(await problemsOf(parse(csv, 'a.csv', 'title,body\nA,B\n')), [
      { line: 1, message: 'has no “text” column: name the one that holds the text', fix: { option: 'textField', choices: ['title', 'body'] } },
    ]);
    assert.deepEqual(await problemsOf(parse(csv, 'a.csv', 'title,body\nA,B\n', { textField: 'content' })), [
      { line: 1, message: 'has no column named “content”', fix: { option: 'textField', choices: ['title', 'body'] } },
    ]);
    const [broken] = await problemsOf(parse(csv, 'a.csv', 'title,text\nA,B\nC,D,E\n'));
    assert.equal(broken!.line, 3);
    assert.match(broken!.message, /^is not a well-formed CSV file: Invalid Record Length/);
    assert.deepEqual(await problemsOf(parse(csv, 'a.csv', 'text,text\nA,B\n')), [{ line: 1, message: 'the header row names two columns “text”' }]);
    const [unclosed] = await problemsOf(parse(csv, 'a.csv', 'title,text\nA,"never closed\n'));
    assert.match(unclosed!.message, /Quote Not Closed/);
  });
});
