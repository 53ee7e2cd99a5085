/** `npm run test:kill -- [--kills N] [--seed S]`: the kill harness at any size, with a line per kill and the totals. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runKillHarness } from './kill-harness.ts';

const { values } = parseArgs({ options: { kills: { type: 'string', default: '200' }, seed: { type: 'string', default: String(Date.now() % 1e9) } } });
const kills = Number(values.kills);
const seed = Number(values.seed);
if (!Number.isInteger(kills) || kills < 1 || !Number.isInteger(seed)) {
  console.error('usage: npm run test:kill -- [--kills N] [--seed S]   (N and S whole numbers)');
  process.exit(2);
}
console.log(`kill harness: ${kills} kills, seed ${seed}`);
const started = performance.now();
const dir = mkdtempSync(join(tmpdir(), 'parley-kill-'));
const report = await runKillHarness({ kills, seed, dir, log: (line) => console.log(line) }).finally(() => rmSync(dir, { recursive: true, force: true }));
const serve = report.rounds.filter((round) => round.kind === 'serve');
console.log(
  `${report.rounds.length} kills in ${((performance.now() - started) / 1000).toFixed(0)} s (${serve.length} of the server under a client, ${report.rounds.length - serve.length} of an import); ` +
    `${serve.reduce((sum, round) => sum + round.acknowledged, 0)} writes acknowledged; ${report.violations.length} violations`,
);
for (const violation of report.violations) console.log(`  ${violation}`);
process.exitCode = report.violations.length === 0 ? 0 : 1;
