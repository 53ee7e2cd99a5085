/** The fuzz harness (fuzz-harness.ts) at a few hundred cases; `npm run test:fuzz -- --cases 10000 --seed S` for more. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { temporaryDir } from './helpers.ts';
import { runFuzz } from './fuzz-harness.ts';

describe('the importer under mutated files', () => {
  it('imports or plainly refuses each of 300 mutated files of every format, never crashing, hanging or changing the workspace for a refusal', async (t) => {
    const report = await runFuzz({ cases: 300, seed: 20261208, dir: temporaryDir('parley-fuzz-') });
    t.diagnostic(`${report.cases} cases: ${JSON.stringify(report.outcomes)}; by format ${JSON.stringify(report.formats)}`);
    assert.deepEqual(report.findings, []);
    // The mutations reach both ends: some files still import, others are refused.
    assert.ok(report.outcomes.imported > 30 && report.outcomes.refused > 30, JSON.stringify(report.outcomes));
    assert.ok(Object.keys(report.formats).length >= 12, 'every format is fuzzed');
  });
});
