/** The agreement report over documents: figures worked out by hand for a small case, documents left out, the seeded bootstrap. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NO_SPAN } from '../../shared/agreement.ts';
import { agreementReport, type AgreementDocument, type AgreementSpan } from './report.ts';

let nextId = 1;
function span(annotator: string, label: string, start: number, end: number, attributes: AgreementSpan['attributes'] = {}): AgreementSpan {
  return { id: nextId++, annotator, label, start, end, exactKey: `${label} ${start}-${end}`, attributes };
}

const DOCUMENT: AgreementDocument = {
  id: 1,
  title: 'One',
  length: 20,
  spans: [
    span('ann', 'Quote', 0, 5, { kind: 'direct' }),
    span('ann', 'Claim', 10, 15),
    span('bob', 'Quote', 0, 5, { kind: 'indirect' }),
    span('bob', 'Claim', 11, 15),
    span('bob', 'Quote', 16, 19),
  ],
};
const round = (value: number | null) => (value === null ? null : Math.round(value * 1e9) / 1e9);

describe('agreementReport', () => {
  it('works out F1, Cohen’s and Fleiss’ kappa and label alpha of a small case as by hand', () => {
    const report = agreementReport([DOCUMENT], { samples: 0, seed: 1 });
    assert.deepEqual(report.annotators, ['ann', 'bob']);
    assert.deepEqual(report.labels, ['Claim', 'Quote']);
    const [pair] = report.pairs;
    assert.deepEqual([pair!.first, pair!.second], ['ann', 'bob']);
    assert.equal(pair!.f1Exact.value, (2 * 1) / (2 + 3), 'one exact match of 2 and 3 spans');
    assert.equal(pair!.f1Overlap.value, (2 * 2) / (2 + 3), 'the Claims overlap');
    // Groups: both Quotes, both Claims (Jaccard 4/5), bob's lone Quote. p_o = 2/3, p_e = 1/3.
    assert.equal(round(pair!.cohenKappa.value), 0.5);
    assert.equal(pair!.cohenKappa.units, 3);
    // Fleiss: P̄ = 2/3, P̄e = (3/6)² + (2/6)² + (1/6)² = 7/18: (12/18 − 7/18) / (11/18) = 5/11.
    assert.equal(round(report.overall.fleissKappa.value), round(5 / 11));
    assert.equal(report.overall.labelAlpha.value, 1, 'matched spans never differ in label');
    assert.equal(report.overall.labelAlpha.units, 2);
    const quote = report.byLabel.find((figures) => figures.label === 'Quote')!;
    assert.equal(quote.spans, 3);
    assert.equal(quote.f1Exact.value, (2 * 1) / (1 + 2));
    assert.deepEqual(quote.attributes.map((attribute) => [attribute.name, attribute.alpha.value, attribute.alpha.units]), [['kind', 0, 1]], 'one unit, two different values: alpha is 0');
    assert.deepEqual(
      report.labelConfusion.filter((cell) => cell.first === NO_SPAN || cell.second === NO_SPAN),
      [
        { first: NO_SPAN, second: 'Quote', count: 1 },
        { first: 'Quote', second: NO_SPAN, count: 1 },
      ],
    );
    assert.equal(report.byDocument[0]!.f1Overlap.value, pair!.f1Overlap.value);
    const unitizing = report.overall.unitizingAlpha.value!;
    assert.ok(unitizing > 0 && unitizing < 1, `uα ${unitizing} is between chance and perfect`);
  });

  it('leaves out documents without a layer of every chosen annotator, and compares only the labels asked for', () => {
    const lonely: AgreementDocument = { id: 2, title: 'Two', length: 10, spans: [span('ann', 'Quote', 0, 3)] };
    const report = agreementReport([DOCUMENT, lonely], { labels: ['Claim'], samples: 0, seed: 1 });
    assert.deepEqual(report.leftOut, [{ id: 2, title: 'Two', reason: 'no annotations by “bob”' }]);
    assert.equal(report.documents, 1);
    assert.deepEqual(report.labels, ['Claim']);
    assert.equal(report.pairs[0]!.f1Overlap.value, 1);
    assert.equal(report.pairs[0]!.f1Exact.value, 0);
  });

  it('bootstraps over documents with a seed: the same seed gives the same intervals, and each holds its figure', () => {
    const documents = Array.from({ length: 12 }, (_unused, index): AgreementDocument => ({
      id: index + 1,
      title: `D${index}`,
      length: 100,
      spans: [span('ann', 'Quote', 0, 10 + index), span('bob', 'Quote', index % 3, 10 + index), span('bob', 'Claim', 50, 60 + (index % 4)), span('ann', 'Claim', 50, 60)],
    }));
    const first = agreementReport(documents, { samples: 100, seed: 7 });
    const again = agreementReport(documents, { samples: 100, seed: 7 });
    const other = agreementReport(documents, { samples: 100, seed: 8 });
    assert.deepEqual(first.overall, again.overall);
    assert.notDeepEqual(first.overall.unitizingAlpha.interval, other.overall.unitizingAlpha.interval);
    for (const figure of [first.overall.unitizingAlpha, first.overall.f1Exact, first.pairs[0]!.cohenKappa]) {
      const [low, high] = figure.interval!;
      assert.ok(low <= figure.value! && figure.value! <= high, `${figure.value} in [${low}, ${high}]`);
    }
  });
});
