/**
 * Cohen's and Fleiss' kappa against textbook examples:
 * - Cohen: the worked example of Wikipedia's "Cohen's kappa" (after Cohen 1960): 50 grant proposals read by
 *   A and B, both yes 20, A yes / B no 5, A no / B yes 10, both no 15: p_o = 0.7, p_e = 0.5, kappa = 0.4.
 * - Fleiss: the worked example of Wikipedia's "Fleiss' kappa" (after Fleiss 1971): 10 subjects, 14 raters, 5
 *   categories: P̄ = 0.378, P̄e = 0.213, kappa = 0.210.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cohenKappa, Confusion, FleissTally, fleissKappa } from './kappa.ts';

const FLEISS_EXAMPLE = [
  [0, 0, 0, 0, 14],
  [0, 2, 6, 4, 2],
  [0, 0, 3, 5, 6],
  [0, 3, 9, 2, 0],
  [2, 2, 8, 1, 1],
  [7, 7, 0, 0, 0],
  [3, 2, 6, 3, 0],
  [2, 5, 3, 2, 2],
  [6, 5, 2, 1, 0],
  [0, 2, 2, 3, 7],
];

describe('kappa', () => {
  it('Cohen’s kappa of the grant proposals is 0.4', () => {
    const confusion = new Confusion();
    confusion.add('yes', 'yes', 20);
    confusion.add('yes', 'no', 5);
    confusion.add('no', 'yes', 10);
    confusion.add('no', 'no', 15);
    assert.equal(Math.round(cohenKappa(confusion)! * 1e12) / 1e12, 0.4);
  });

  it('Fleiss’ kappa of the ten subjects is 0.210, P̄ 0.378', () => {
    const tally = new FleissTally(14);
    for (const row of FLEISS_EXAMPLE) tally.addUnit(new Map(row.map((count, category) => [String(category + 1), count])));
    assert.equal(Math.round((tally.agreement / tally.units) * 1000) / 1000, 0.378);
    assert.equal(Math.round(fleissKappa(tally)! * 1000) / 1000, 0.21);
  });

  it('is undefined without units, and refuses a unit with the wrong number of ratings', () => {
    assert.equal(cohenKappa(new Confusion()), null);
    assert.equal(fleissKappa(new FleissTally(3)), null);
    assert.throws(() => new FleissTally(3).addUnit(new Map([['a', 2]])), /has 2 ratings, not 3/);
  });
});
