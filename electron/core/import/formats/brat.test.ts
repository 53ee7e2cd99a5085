import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { ImportedDocument } from '../../workspace.ts';
import type { ImportInput } from '../parse.ts';
import { ImportFileError } from '../problems.ts';
import { DATA } from '../test/support.ts';
import { parseAnnotationConf } from './brat-conf.ts';
import { parseBrat, type BratPair } from './brat.ts';

const encode = (text: string) => new TextEncoder().encode(text);
const input = (name: string): ImportInput => ({ name, storedName: name, size: 0, read: async () => new Uint8Array() });

async function brat(text: string, ann: string, extra: Partial<BratPair> = {}) {
  return parseBrat({ text: input('doc.txt'), ann: input('doc.ann'), ...extra }, encode(text), encode(ann));
}

async function problems(text: string, ann: string) {
  try {
    await brat(text, ann);
  } catch (error) {
    assert.ok(error instanceof ImportFileError);
    return error.problems;
  }
  assert.fail('the .ann should have been refused');
}

/** Each annotation as "Label[covered text]" in the stored text. */
function spans(document: ImportedDocument): string[] {
  const characters = [...document.document.text];
  return document.annotations.map(({ label, fragments }) => `${label}[${fragments.map(([start, end]) => characters.slice(start, end).join('')).join('|')}]`);
}

describe('brat standoff', () => {
  it('maps offsets that count a BOM and CRLFs, keeps discontinuous spans, and checks every text column', async () => {
    const text = '\uFEFFHe said:\r\n“We will 🇺🇦 win,”\r\nthe minister added.';
    const ann = ['T1\tSpeaker 1 3\tHe', 'T2\tQuote 11 28\t“We will 🇺🇦 win,”', 'T3\tCue 4 8;43 48\tsaid added', 'R1\tSaidBy Arg1:T2 Arg2:T1\t', ''].join('\n');
    const { documents, warnings } = await brat(text, ann);
    const [document] = documents;
    assert.deepEqual(warnings, []);
    assert.equal(document!.document.text, 'He said:\n“We will 🇺🇦 win,”\nthe minister added.');
    assert.deepEqual(document!.normalisation, { bomRemoved: true, crlfToLf: 2, crToLf: 0 });
    assert.deepEqual(spans(document!), ['Speaker[He]', 'Quote[“We will 🇺🇦 win,”]', 'Cue[said|added]']);
    assert.deepEqual(document!.relations, [{ type: 'SaidBy', sourceKey: 'T2', targetKey: 'T1' }]);
  });

  it('turns events into trigger annotations with role relations, and keeps A, N, # and * lines', async () => {
    const text = 'Google merged with YouTube. Obama met Merkel and Sarkozy.';
    const ann = [
      'T1\tOrganization 0 6\tGoogle',
      'T2\tMerge-org 7 13\tmerged',
      'T3\tOrganization 19 26\tYouTube',
      'E1\tMerge-org:T2 Org-Arg:T1 Org-Arg2:T3',
      'E2\tMerge-org:T2 Org-Arg:T3',
      'T4\tActor 28 33\tObama',
      'T5\tPerson 38 44\tMerkel',
      'T6\tPerson 49 56\tSarkozy',
      '*\tEquiv T5 T6 T4',
      'A1\tNegation E2',
      'A2\tConfidence E1 High',
      'N1\tReference T4 Wikidata:Q76\tBarack Obama',
      'N2\tReference T5 Wikipedia:72671\tAngela Merkel',
      '#1\tAnnotatorNotes E1\tOne merger, two mentions?',
      '#2\tLemma T5\t Merkel',
      '#3\tAnnotatorNotes R9\tnot here',
    ].join('\n');
    const conf = parseAnnotationConf('[entities]\nOrganization\nPerson\nActor\n[events]\nMerge-org\tOrg-Arg+:Organization\n[attributes]\nNegation\tArg:<EVENT>\nConfidence\tArg:<EVENT>, Value:High|Low\nMention\tArg:<ENTITY>, Value:Name|Nominal\n');
    const { documents, warnings } = await brat(text, ann.replace('#3\tAnnotatorNotes R9\tnot here', 'R9\tRel Arg1:T5 Arg2:T6\n#3\tAnnotatorNotes R9\tnot here'), {
      annotator: 'ab12',
      config: conf,
    });
    const [document] = documents;
    const byKey = new Map(document!.annotations.map((annotation) => [annotation.key, annotation]));
    assert.deepEqual(spans(document!), ['Organization[Google]', 'Merge-org[merged]', 'Organization[YouTube]', 'Actor[Obama]', 'Person[Merkel]', 'Person[Sarkozy]', 'Merge-org[merged]']);
    assert.deepEqual(byKey.get('T2')!.attributes, { bratEvent: 'E1', Confidence: 'High' }, 'the first event takes its trigger’s annotation');
    assert.deepEqual(byKey.get('E2')!.attributes, { bratEvent: 'E2', Negation: true }, 'a second event on the same trigger gets its own');
    assert.equal(byKey.get('T2')!.note, 'One merger, two mentions?');
    assert.deepEqual(byKey.get('T4')!.actors, { actor: { name: 'Barack Obama', externalId: 'Wikidata:Q76' } });
    assert.deepEqual(byKey.get('T5')!.attributes, { normalization: 'Wikipedia:72671 "Angela Merkel"', bratNotes: 'Lemma:  Merkel' }, 'a typed note keeps its type and its text as written');
    assert.equal(byKey.get('T5')!.note, undefined);
    assert.ok(document!.annotations.every((annotation) => annotation.author === 'ab12'));
    assert.deepEqual(document!.relations, [
      { type: 'Org-Arg', sourceKey: 'T2', targetKey: 'T1' },
      { type: 'Org-Arg2', sourceKey: 'T2', targetKey: 'T3' },
      { type: 'Org-Arg', sourceKey: 'E2', targetKey: 'T3' },
      { type: 'Rel', sourceKey: 'T5', targetKey: 'T6' },
      { type: 'Equiv', sourceKey: 'T5', targetKey: 'T6' },
      { type: 'Equiv', sourceKey: 'T6', targetKey: 'T4' },
    ]);
    assert.deepEqual(document!.schema, [
      { label: 'Organization', attributes: [{ name: 'Mention', type: 'choice', options: ['Name', 'Nominal'] }] },
      { label: 'Merge-org', attributes: [{ name: 'Negation', type: 'boolean' }, { name: 'Confidence', type: 'choice', options: ['High', 'Low'] }] },
      { label: 'Actor', attributes: [{ name: 'Mention', type: 'choice', options: ['Name', 'Nominal'] }] },
      { label: 'Person', attributes: [{ name: 'Mention', type: 'choice', options: ['Name', 'Nominal'] }] },
    ]);
    assert.deepEqual(warnings, [{ line: 17, message: '#3: the note of R9 is not kept (Parley keeps notes on annotations only)' }]);
  });

  it('refuses a file whose lines disagree with the text, naming each line and quoting both texts', async () => {
    assert.deepEqual(await problems('The minister said the talks were useful.\n', readFileSync(join(DATA, 'bad-input/brat-bad-offsets.ann'), 'utf8')), [
      { line: 1, message: 'T1: the range [18, 99] lies outside the text, which is 41 characters long' },
      { line: 4, message: 'is not a brat annotation line (“X1 garbage line”)' },
      { line: 3, message: 'R1 refers to T9, which is not a text-bound annotation or event of this file' },
    ]);
    assert.deepEqual(await problems('abc def', 'T1\tX 0 3\tabd\nT1\tX 4 7\tdef\nE1\tY:T1\nT2\tX 0 3;2 5\tabc c d\nR1\tR Arg1:T1\n'), [
      { line: 1, message: 'T1: the .ann gives its text as “abd”, but characters 0–3 of the .txt are “abc”' },
      { line: 2, message: 'the id T1 is used twice' },
      { line: 4, message: 'T2: its fragments overlap' },
      { line: 5, message: 'R1 must read “R1<TAB>Type Arg1:Id Arg2:Id”' },
    ]);
  });

  it('rejoins a line broken by a line break in a text column only when it then matches the text exactly', async () => {
    const text = 'Intro. He said: "One.\n\nTwo." Done.';
    const broken = 'T1\tQuote 16 28\t"One.\n\nTwo."\nT2\tSpeaker 7 9\tHe\n';
    const { documents, warnings } = await brat(text, broken);
    assert.deepEqual(spans(documents[0]!), ['Quote["One.\n\nTwo."]', 'Speaker[He]']);
    assert.deepEqual(warnings, [
      { line: 1, message: "T1's text runs over lines 1–3 (the covered text has line breaks, which break the .ann format); rejoined, it matches the .txt exactly" },
    ]);
    const [mismatch, ...rest] = await problems(text, 'T1\tQuote 16 28\t"One.\n\nThree."\n');
    assert.equal(mismatch!.line, 1);
    assert.match(mismatch!.message, /the \.ann gives its text as “"One\.”/);
    assert.deepEqual(rest, [{ line: 3, message: 'is not a brat annotation line (“Three."”)' }]);
  });
});
