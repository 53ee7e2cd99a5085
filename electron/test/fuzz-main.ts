/** `npm run test:fuzz -- [--cases N] [--seed S]`: the fuzz harness at any size, with the counts and every finding. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runFuzz } from './fuzz-harness.ts';

const { values } = parseArgs({ options: { cases: { type: 'string', default: '10000' }, seed: { type: 'string', default: String(Date.now() % 1e9) } } });
const cases = Number(values.cases);
const seed = Number(values.seed);
if (!Number.isInteger(cases) || cases < 1 || !Number.isInteger(seed)) {
  console.error('usage: npm run test:fuzz -- [--cases N] [--seed S]   (N and S whole numbers)');
  process.exit(2);
}
console.log(`fuzz: ${cases} cases, seed ${seed}`);
const started = performance.now();
const dir = mkdtempSync(join(tmpdir(), 'parley-fuzz-'));
const report = await runFuzz({ cases, seed, dir, log: (line) => console.log(line) }).finally(() => rmSync(dir, { recursive: true, force: true }));
console.log(`${report.cases} cases in ${((performance.now() - started) / 1000).toFixed(0)} s: ${report.outcomes.imported} imported, ${report.outcomes.refused} refused, ${report.outcomes.skipped} skipped; ${report.findings.length} findings`);
console.log(`by format: ${Object.entries(report.formats).map(([format, count]) => `${format} ${count}`).join(', ')}`);
for (const finding of report.findings) console.log(`  ${finding}`);
process.exitCode = report.findings.length === 0 ? 0 : 1;
