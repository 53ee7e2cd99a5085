/**
 * Krippendorff's alpha against the worked example of K. Krippendorff, "Computing Krippendorff's
 * Alpha-Reliability" (2011, Annenberg School for Communication, https://repository.upenn.edu/asc_papers/43),
 * section C: four observers, twelve units, missing values. The paper reports alpha = 0.743 nominal, 0.815
 * ordinal, 0.849 interval and 0.797 ratio (the same values the `krippendorff` Python package's doctest checks).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { alphaOf, Coincidences, krippendorffAlpha } from './alpha.ts';

const _ = null;
/** Observers A–D (rows of the paper's reliability data matrix), units 1–12. */
const OBSERVERS = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
  [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
];
const UNITS = OBSERVERS[0]!.map((_value, unit) => OBSERVERS.map((observer) => observer[unit]!));
const round3 = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 1000);

describe('Krippendorff’s alpha', () => {
  it('reproduces the published nominal, ordinal, interval and ratio alphas, missing values included', () => {
    assert.equal(round3(krippendorffAlpha(UNITS, 'nominal')), 0.743);
    assert.equal(round3(krippendorffAlpha(UNITS, 'ordinal')), 0.815);
    assert.equal(round3(krippendorffAlpha(UNITS, 'interval')), 0.849);
    assert.equal(round3(krippendorffAlpha(UNITS, 'ratio')), 0.797);
  });

  it('counts the paper’s n = 40 pairable values: unit 12, coded once, does not count', () => {
    const coincidences = new Coincidences();
    for (const unit of UNITS) coincidences.addUnit(unit.filter((value) => value !== null));
    let n = 0;
    for (const row of coincidences.cells.values()) for (const value of row.values()) n += value;
    assert.equal(Math.round(n * 1e9) / 1e9, 40);
    assert.equal(coincidences.units, 11);
  });

  it('adds up over parts: the alpha of two halves’ summed coincidences is the alpha of the whole', () => {
    const [first, second] = [new Coincidences(), new Coincidences()];
    UNITS.forEach((unit, index) => (index < 6 ? first : second).addUnit(unit.filter((value) => value !== null)));
    first.addAll(second);
    assert.equal(round3(alphaOf(first, 'ordinal')), 0.815);
  });

  it('is 1 for perfect agreement, undefined with one value only, and refuses words on an interval scale', () => {
    assert.equal(krippendorffAlpha([['a', 'a'], ['b', 'b']], 'nominal'), 1);
    assert.equal(krippendorffAlpha([['a', 'a'], ['a', 'a']], 'nominal'), null);
    assert.equal(krippendorffAlpha([['a'], [null, 'b']], 'nominal'), null);
    assert.throws(() => krippendorffAlpha([['low', 'high']], 'interval'), /interval alpha needs numbers; “low”/);
  });
});
