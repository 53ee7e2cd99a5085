/**
 * Unitizing alpha against Krippendorff's published examples:
 * - Krippendorff, Content Analysis: An Introduction to Its Methodology, 2nd ed. (Sage 2004), p. 254: two
 *   observers unitize the continuum 150–450 into categories c and k: c uD_o = 0.0144, uD_e = 0.0532, uα_c = 0.7286;
 *   k uα = 1; uα over both 0.8591 (as DKPro Agreement's Krippendorff2004Test reproduces them).
 * - Krippendorff, "On the reliability of unitizing continuous data", Sociological Methodology 25 (1995), p. 57:
 *   pairs of observers over a continuum of 24; observed disagreement of A (Bertha, Bill) 0.03125, B (John, Jill)
 *   2.26736, C (Gerret, Gill) 0.02777, D (Heather, Hill) 0.38715.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { joinedUnits, unitizingAlpha, unitizingAlphaOverall, UnitizingSampler, UnitizingTally, type Interval } from './unitized.ts';

const round4 = (value: number | null) => (value === null ? null : Math.round(value * 10000) / 10000);
/** Units given as (begin, length) on a continuum that begins at `origin`. */
const at = (origin: number, units: [number, number][]): Interval[] => units.map(([begin, length]) => [begin - origin, begin - origin + length]);

function tally(length: number, byAnnotator: Interval[][]): UnitizingTally {
  const result = new UnitizingTally(byAnnotator.length);
  result.addContinuum(length, byAnnotator);
  return result;
}

describe('unitizing alpha', () => {
  it('reproduces Krippendorff 2004’s example: uα_c 0.7286, uα_k 1, uα 0.8591', () => {
    const c = tally(300, [at(150, [[225, 70], [370, 30]]), at(150, [[220, 80], [355, 20], [400, 20]])]);
    const k = tally(300, [at(150, [[180, 60], [300, 50]]), at(150, [[180, 60], [300, 50]])]);
    assert.equal(round4(c.disagreement()!.observed), 0.0144);
    assert.equal(round4(c.disagreement()!.expected), 0.0532);
    assert.equal(round4(unitizingAlpha(c.disagreement())), 0.7286);
    assert.equal(round4(k.disagreement()!.expected), 0.049);
    assert.equal(unitizingAlpha(k.disagreement()), 1);
    // The book divides its rounded disagreements, 1 − 0.0144 / (0.0532 + 0.0490) = 0.8591; unrounded it is 0.8587.
    assert.equal(round4(1 - round4(c.disagreement()!.observed)! / (round4(c.disagreement()!.expected)! + round4(k.disagreement()!.expected)!)), 0.8591);
    assert.equal(round4(unitizingAlphaOverall([c.disagreement(), k.disagreement()])), 0.8587);
  });

  it('reproduces the observed disagreements of Krippendorff 1995’s four pairs of observers', () => {
    const pairs: [string, [number, number][], [number, number][], number][] = [
      ['A', [[2, 8], [14, 6]], [[4, 4], [15, 2]], 0.03125],
      ['B', [[0, 18]], [[0, 2], [2, 1], [3, 1], [4, 1], [5, 1], [6, 3], [9, 1]], 2.26736],
      ['C', [[2, 6], [10, 2], [14, 4], [20, 2]], [[0, 2], [4, 4], [10, 4], [16, 2], [20, 2]], 0.02777],
      ['D', [[0, 2], [2, 8], [10, 4], [14, 6], [20, 4]], [[0, 4], [4, 4], [8, 7], [15, 2], [17, 7]], 0.38715],
    ];
    for (const [name, first, second, observed] of pairs) {
      // The 1995 units abut without joining: each is its own unit, so they go in unjoined.
      assert.equal(Math.floor(tally(24, [at(0, first), at(0, second)]).disagreement()!.observed * 1e5) / 1e5, observed, name);
    }
  });

  it('adds continua up: two documents’ tallies summed are the tally of both', () => {
    const both = new UnitizingTally(2);
    both.addAll(tally(10, [[[0, 4]], [[1, 4]]]));
    both.addAll(tally(20, [[[5, 9]], []]));
    const whole = new UnitizingTally(2);
    whole.addContinuum(10, [[[0, 4]], [[1, 4]]]);
    whole.addContinuum(20, [[[5, 9]], []]);
    assert.deepEqual([both.observed, both.length, [...both.units], [...both.gaps]], [whole.observed, whole.length, [...whole.units], [...whole.gaps]]);
    assert.equal(unitizingAlpha(both.disagreement()), unitizingAlpha(whole.disagreement()));
    const sampler = new UnitizingSampler([tally(10, [[[0, 4]], [[1, 4]]]), tally(20, [[[5, 9]], []])]);
    assert.deepEqual(sampler.disagreement([1, 1]), whole.disagreement(), 'the sampler sums as the tallies do');
    const twice = new UnitizingTally(2);
    twice.addAll(tally(20, [[[5, 9]], []]));
    twice.addAll(tally(20, [[[5, 9]], []]));
    assert.deepEqual(sampler.disagreement([0, 2]), twice.disagreement());
  });

  it('joins one annotator’s overlapping spans, and is undefined without units', () => {
    assert.deepEqual(joinedUnits([[5, 9], [0, 3], [2, 4], [9, 12]], 10), [[0, 4], [5, 10]]);
    assert.equal(unitizingAlpha(tally(10, [[], []]).disagreement()), null);
  });
});
