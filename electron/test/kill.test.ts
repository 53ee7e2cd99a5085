/**
 * Kills Parley's processes while they write (kill-harness.ts): 20 kills in `npm test`, alternating between
 * `parley import` and browser mode's server under a client that uploads and tags. More with
 * `npm run test:kill -- --kills 200 [--seed S]`.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { temporaryDir } from './helpers.ts';
import { runKillHarness } from './kill-harness.ts';

describe('killed while writing', () => {
  it('after each of 20 SIGKILLs the workspace opens whole, with every acknowledged write and no half-stored file', async (t) => {
    const report = await runKillHarness({ kills: 20, seed: 20261207, dir: temporaryDir('parley-kill-'), log: (line) => t.diagnostic(line) });
    assert.deepEqual(report.violations, []);
    assert.equal(report.rounds.length, 20);
    // The kills landed while there was work: documents were stored and writes acknowledged before them.
    const last = report.rounds.at(-1)!;
    assert.ok(last.documents > 40, `${last.documents} documents at the end`);
    assert.ok(report.rounds.filter((round) => round.kind === 'serve').reduce((sum, round) => sum + round.acknowledged, 0) > 50, 'the client got writes acknowledged');
  });
});
