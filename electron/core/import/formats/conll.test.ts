import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ImportedDocument } from '../../workspace.ts';
import { parse, problemsOf } from '../test/support.ts';
import { parseConll } from './conll.ts';

function spans(document: ImportedDocument): string[] {
  const characters = [...document.document.text];
  return document.annotations.map(({ label, fragments, attributes }) => `${label}${attributes ? JSON.stringify(attributes) : ''}:${characters.slice(...fragments[0]!).join('')}`);
}

describe('CoNLL / IOB / BILUO', () => {
  it('reads every tag column after the chunk column, as Parley writes overlapping spans, each layer its own runs', async () => {
    const file = '-DOCSTART- -X- -X- O O\n\nBiden _ _ B-Actor B-Quote\nsaid _ _ O I-Quote\n“no” _ _ B-Quote I-Quote\n\n';
    const { documents } = await parse(parseConll, 'export.conll', file);
    assert.deepEqual(spans(documents[0]!), ['Actor:Biden', 'Quote:“no”', 'Quote:Biden said “no”']);
  });

  it('rebuilds the text from tokens, one sentence per line, with IOB2 spans; -DOCSTART- starts a document', async () => {
    const file = '-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\nGerman JJ B-NP B-MISC\ncall NN I-NP O\n. . O O\n\nPeter NNP B-NP B-PER\nBlackburn NNP I-NP I-PER\n\n-DOCSTART- -X- -X- O\n\nKyiv NNP B-NP B-LOC\n🇺🇦 SYM O O\n';
    const { documents } = await parse(parseConll, 'train.conll', file);
    assert.equal(documents.length, 2);
    assert.equal(documents[0]!.document.text, 'EU rejects German call .\nPeter Blackburn\n');
    assert.deepEqual(spans(documents[0]!), ['ORG:EU', 'MISC:German', 'PER:Peter Blackburn']);
    assert.deepEqual(spans(documents[1]!), ['LOC:Kyiv']);
    assert.equal(documents[1]!.document.text, 'Kyiv 🇺🇦\n');
  });

  it('reads indexed columns, BIOES and BILUO tags, IOB1 runs, and keeps the part of a tag type after a colon', async () => {
    const ukp = '1\tCars\t_\t_\tB-Claim:For\n2\tpollute\t_\t_\tI-Claim:For\n3\t,\t_\t_\tO\n4\tclearly\t_\t_\tB-Premise:-1:Support\n';
    assert.deepEqual(spans((await parse(parseConll, 'essays.dat', ukp)).documents[0]!), ['Claim{"detail":"For"}:Cars pollute', 'Premise{"detail":"-1:Support"}:clearly']);
    const bioes = 'New S-LOC\nYork B-LOC\nCity E-LOC\nis O\nbig U-ADJ\nand O\nvery B-ADJ\nloud L-ADJ\nAnd I-X\nmore I-X\n';
    assert.deepEqual(spans((await parse(parseConll, 'b.bioes', bioes)).documents[0]!), ['LOC:New', 'LOC:York City', 'ADJ:big', 'ADJ:very loud', 'X:And more']);
  });

  it('names the line of a bad tag or a line without one', async () => {
    assert.deepEqual(await problemsOf(parse(parseConll, 'bad.conll', 'SOCCERO SOCCERO SOCCERO\n-\tO\nJAPAN\n')), [
      { line: 1, message: '“SOCCERO” is not an IOB, BIOES or BILUO tag (O, B-X, I-X, E-X, S-X, L-X or U-X)' },
      { line: 3, message: 'has no tag: a token line needs at least a token and a tag (“JAPAN”)' },
    ]);
  });
});
