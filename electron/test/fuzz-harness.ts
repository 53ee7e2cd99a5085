/**
 * The seeded fuzz harness (issue 13): mutated files of every import format (fuzz-inputs.ts) imported one case
 * at a time in a worker with a heap limit, each case under a deadline. The importer must never crash, hang or
 * run out of memory, and every case must end as a valid import or a plain refusal with the workspace as it was
 * (fuzz-worker.ts checks each). A case that outlives its deadline or kills the worker is a finding; the harness
 * starts a new worker and goes on. At the end the workspace must pass `PRAGMA integrity_check`.
 */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { openBackend } from '../core/backend.ts';
import { mulberry32 } from '../core/export/split.ts';
import { fuzzCase, fuzzSeeds } from './fuzz-inputs.ts';
import type { FuzzOutcome, FuzzReply, FuzzRequest } from './fuzz-worker.ts';

export interface FuzzOptions {
  cases: number;
  seed: number;
  dir: string;
  /** How long one case may take. */
  deadlineMs?: number;
  /** The worker's heap limit. */
  heapMb?: number;
  log?: (line: string) => void;
}

export interface FuzzReport {
  cases: number;
  outcomes: Record<FuzzOutcome, number>;
  /** Cases per seed format. */
  formats: Record<string, number>;
  /** Each finding with the case's number, its format and what went wrong. */
  findings: string[];
}

const BOOTSTRAP = fileURLToPath(new URL('../core/worker/tsx-entry.mjs', import.meta.url));
const WORKER = new URL('./fuzz-worker.ts', import.meta.url).href;

function startWorker(workspace: string, heapMb: number): Promise<Worker> {
  const worker = new Worker(BOOTSTRAP, { workerData: { entry: WORKER, workspace }, resourceLimits: { maxOldGenerationSizeMb: heapMb } });
  return new Promise((resolve, reject) => {
    worker.once('message', () => resolve(worker));
    worker.once('error', reject);
  });
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const deadlineMs = options.deadlineMs ?? 20_000;
  const heapMb = options.heapMb ?? 1024;
  const workspace = join(options.dir, 'fuzz.parley');
  await (await openBackend(workspace)).close();
  const random = mulberry32(options.seed);
  const seeds = fuzzSeeds();
  const report: FuzzReport = { cases: 0, outcomes: { imported: 0, refused: 0, skipped: 0 }, formats: {}, findings: [] };
  let worker = await startWorker(workspace, heapMb);
  try {
    for (let index = 1; index <= options.cases; index++) {
      const { format, files } = fuzzCase(seeds, random);
      report.cases++;
      report.formats[format] = (report.formats[format] ?? 0) + 1;
      const where = `case ${index} (${format}: ${files.map((file) => `${file.name} ${file.bytes.length} B`).join(', ')})`;
      const reply = await new Promise<FuzzReply | string>((resolve) => {
        const timer = setTimeout(() => resolve(`took longer than ${deadlineMs} ms`), deadlineMs);
        const settle = (answer: FuzzReply | string) => {
          clearTimeout(timer);
          worker.off('message', onMessage);
          worker.off('error', onError);
          worker.off('exit', onExit);
          resolve(answer);
        };
        const onMessage = (answer: FuzzReply) => answer.id === index && settle(answer);
        const onError = (error: Error) => settle(`crashed the importer's thread: ${error.message}`);
        const onExit = (code: number) => settle(`ended the importer's thread (exit ${code})`);
        worker.on('message', onMessage);
        worker.on('error', onError);
        worker.on('exit', onExit);
        worker.postMessage({ id: index, files } satisfies FuzzRequest);
      });
      if (typeof reply === 'string') {
        report.findings.push(`${where}: ${reply}`);
        await worker.terminate();
        worker = await startWorker(workspace, heapMb);
        continue;
      }
      report.outcomes[reply.outcome]++;
      for (const violation of reply.violations) report.findings.push(`${where}: ${violation}`);
      if (index % 500 === 0) options.log?.(`${index} cases, ${report.findings.length} findings`);
    }
  } finally {
    await worker.terminate();
  }
  const db = new Database(workspace, { readonly: true });
  const integrity = db.pragma('integrity_check', { simple: true });
  db.close();
  if (integrity !== 'ok') report.findings.push(`the workspace fails integrity_check: ${String(integrity)}`);
  return report;
}
