/**
 * The kill harness (issue 13): Parley's processes are SIGKILLed at random moments while they write, and after
 * every kill the workspace must hold everything that was acknowledged and nothing half-written. Two kinds of
 * round, alternating on one workspace that accumulates across rounds, as an analyst's does:
 *
 * - `serve`: browser mode's server (`parley serve`, as users run it) while a client uploads brat pairs and large
 *   texts and tags, untags and undoes over HTTP; killed between 0.3 and 2.5 s after it started listening.
 * - `import`: `parley import` of a folder of brat pairs and large texts; killed between 0.2 and 3 s after its start.
 *
 * After each kill: the workspace opens (through the backend, as the app opens it); `PRAGMA integrity_check` is
 * `ok` and no foreign key dangles; every document's stored hash is that of its text; every document that came
 * from a source file holds exactly that file's annotations (whole or absent); every write whose call got a 2xx
 * is there (a tag) or gone (an untag); and the undo history of every document tagged in the round replays: undone
 * to its start and redone to its end, it gives back exactly the annotations it had.
 *
 * Seeded: the same seed makes the same files, choices and kill times (the moments the kills land on differ with
 * the machine's speed). Used by kill.test.ts (a few rounds in `npm test`) and `npm run test:kill -- --kills N`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { openBackend } from '../core/backend.ts';
import { mulberry32 } from '../core/export/split.ts';
import type { ChangeResult, DocumentSummary, Label, OpenDocument } from '../shared/types.ts';

const CLI = fileURLToPath(new URL('../cli/bin.mjs', import.meta.url));

export interface KillOptions {
  kills: number;
  seed: number;
  /** A folder of its own for the workspace and the generated files. */
  dir: string;
  log?: (line: string) => void;
}

export interface KillReport {
  rounds: { kind: 'serve' | 'import'; killedAfterMs: number; acknowledged: number; documents: number; annotations: number }[];
  /** What did not hold, each naming the round and what was wrong; empty when every check held. */
  violations: string[];
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

interface SourceFile {
  name: string;
  text: string;
  /** The brat .ann beside it, if it is a brat pair. */
  ann?: string;
  annotations: number;
}

/**
 * Brat pairs of news text with emoji, combining marks and right-to-left text, each with 20 entities; and large
 * plain texts. Every text is different, so a stored document is matched to its file by its hash.
 */
function sourceFiles(next: () => number): SourceFile[] {
  const files: SourceFile[] = [];
  for (let index = 0; index < 40; index++) {
    const sentences = Array.from({ length: 20 }, (_, n) => `Sentence ${n} of pair ${index}: Ushakov 😀 said Pokrovsk e\u0301tait calme, مرحبا ${Math.floor(next() * 1e6)}.`);
    const text = sentences.join(' ') + '\n';
    const lines: string[] = [];
    let offset = 0;
    sentences.forEach((sentence, n) => {
      // "Ushakov" in each sentence, in code points (the emoji after it is one code point, two UTF-16 units).
      const start = offset + [...sentence].indexOf('U');
      lines.push(`T${n + 1}\tPerson ${start} ${start + 7}\tUshakov`);
      offset += [...sentence].length + 1;
    });
    files.push({ name: `pair-${index}.txt`, text, ann: lines.join('\n') + '\n', annotations: lines.length });
  }
  for (let index = 0; index < 4; index++) {
    const paragraph = `Large text ${index}: the delegations met again in Moscow and talked until late. `;
    files.push({ name: `large-${index}.txt`, text: paragraph.repeat(20_000) + `${Math.floor(next() * 1e9)}\n`, annotations: 0 });
  }
  return files;
}

function writeFolder(dir: string, files: SourceFile[]): void {
  mkdirSync(dir, { recursive: true });
  for (const file of files) {
    writeFileSync(join(dir, file.name), file.text);
    if (file.ann !== undefined) writeFileSync(join(dir, file.name.replace(/\.txt$/, '.ann')), file.ann);
  }
}

function started(child: ChildProcess, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`printed nothing that matched ${pattern} in 30 s:\n${output}`)), 30_000);
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      const match = pattern.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before it was ready:\n${output}`));
    });
  });
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What the client of a `serve` round was told: each tag's last acknowledged state, and the uploads stored. */
interface Acknowledged {
  /** Annotation id → where it was tagged, and whether its last acknowledged write left it there (false after an untag). */
  annotations: Map<number, { documentId: number; start: number; end: number; present: boolean }>;
  /** Annotation ids with a write in flight when the server died: either outcome is right. */
  uncertain: Set<number>;
  /** Hashes of uploaded texts the server said it stored. */
  uploads: Set<string>;
  /** Documents tagged, untagged or undone in the round: their history is replayed afterwards. */
  touched: Set<number>;
  count: number;
}

async function serveRound(workspace: string, configDir: string, files: SourceFile[], next: () => number, killAfterMs: number): Promise<Acknowledged> {
  // The client speaks to the API only: a stand-in page lets the server start in a checkout whose renderer is not built.
  const rendererDir = join(configDir, 'renderer');
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Parley</title>');
  const child = spawn(process.execPath, [CLI, 'serve', workspace], {
    env: { ...process.env, PARLEY_CONFIG_DIR: configDir, PARLEY_RENDERER_DIR: `${rendererDir}/` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const acknowledged: Acknowledged = { annotations: new Map(), uncertain: new Set(), uploads: new Set(), touched: new Set(), count: 0 };
  let alive = true;
  try {
    const [, origin, token] = await started(child, /Open (http:\/\/127\.0\.0\.1:\d+)\/\?token=(\S+)/);
    child.once('exit', () => {
      alive = false;
    });
    /** The call's answer; undefined once the server is gone, null for a refusal with status `refusal` (nothing done). */
    const call = async <T>(method: string, params: unknown, refusal?: number): Promise<T | null | undefined> => {
      try {
        const response = await fetch(`${origin}/api/${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify(params),
        });
        if (response.status === refusal) return null;
        if (!response.ok) throw new Error(`${method} answered ${response.status}: ${await response.text()}`);
        return (await response.json()) as T;
      } catch (error) {
        // The server's death ends the round; anything else is a failure of the harness itself.
        if (!alive) return undefined;
        throw error;
      }
    };
    const labels = (await call<Label[]>('listLabels', {})) ?? [];
    const documents = (await call<DocumentSummary[]>('listDocuments', {})) ?? [];
    const deadline = performance.now() + killAfterMs;

    const uploader = async () => {
      while (alive && performance.now() < deadline + 5000) {
        const file = files[Math.floor(next() * files.length)]!;
        const upload = [{ name: file.name, contentBase64: Buffer.from(file.text).toString('base64') }];
        if (file.ann !== undefined) upload.push({ name: file.name.replace(/\.txt$/, '.ann'), contentBase64: Buffer.from(file.ann).toString('base64') });
        const summary = await call<{ documents: number; errors: unknown[] }>('importFiles', { files: upload });
        if (summary && summary.documents === 1) {
          acknowledged.uploads.add(sha256(file.text));
          acknowledged.count++;
        }
      }
    };
    const tagger = async () => {
      const mine: number[] = [];
      while (alive && performance.now() < deadline + 5000 && documents.length > 0 && labels.length > 0) {
        const document = documents[Math.floor(next() * documents.length)]!;
        const choice = next();
        if (choice < 0.2 && mine.length > 0) {
          const id = mine.splice(Math.floor(next() * mine.length), 1)[0]!;
          acknowledged.uncertain.add(id);
          const done = await call<ChangeResult>('edit', { documentId: acknowledged.annotations.get(id)!.documentId, description: 'Delete', edits: [{ op: 'deleteAnnotation', id }] });
          if (!done) return;
          acknowledged.uncertain.delete(id);
          acknowledged.annotations.get(id)!.present = false;
          acknowledged.count++;
        } else if (choice < 0.25) {
          // An undo changes what is there in ways the client does not follow: the document's tags become uncertain.
          for (const [id, state] of acknowledged.annotations) {
            if (state.documentId !== document.id) continue;
            acknowledged.uncertain.add(id);
            if (mine.includes(id)) mine.splice(mine.indexOf(id), 1);
          }
          acknowledged.touched.add(document.id);
          const undone = await call<ChangeResult>('undo', { documentId: document.id }, 409);
          if (undone === undefined) return;
          if (undone) acknowledged.count++;
        } else if (document.length > 10) {
          const start = Math.floor(next() * (document.length - 8));
          const fragment = { start, end: start + 1 + Math.floor(next() * 6) };
          acknowledged.touched.add(document.id);
          const label = labels[Math.floor(next() * labels.length)]!;
          const done = await call<ChangeResult>('edit', { documentId: document.id, description: 'Tag', edits: [{ op: 'createAnnotation', ref: 'new', labelId: label.id, fragments: [[fragment.start, fragment.end]] }] });
          if (!done) return;
          const id = done.createdIds['new']!;
          acknowledged.annotations.set(id, { documentId: document.id, ...fragment, present: true });
          mine.push(id);
          acknowledged.count++;
        }
      }
    };
    const work = Promise.all([uploader(), tagger()]);
    await sleep(killAfterMs);
    // From here a failed call is the kill's doing.
    alive = false;
    await killed(child);
    await work;
    return acknowledged;
  } finally {
    await killed(child);
  }
}

async function importRound(workspace: string, configDir: string, folder: string, killAfterMs: number): Promise<void> {
  const child = spawn(process.execPath, [CLI, 'import', workspace, folder], { env: { ...process.env, PARLEY_CONFIG_DIR: configDir }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.resume();
  child.stderr!.resume();
  await Promise.race([sleep(killAfterMs), new Promise((resolve) => child.once('exit', resolve))]);
  await killed(child);
}

/** The checks after a kill; what failed, each as a sentence. */
async function verify(workspace: string, files: Map<string, SourceFile>, acknowledged: Acknowledged | null): Promise<{ violations: string[]; documents: number; annotations: number }> {
  const violations: string[] = [];
  // Opening it as the app does first: that is what must work after a crash (and it recovers the WAL).
  const backend = await openBackend(workspace);
  await backend.close();

  const db = new Database(workspace);
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') violations.push(`integrity_check says ${String(integrity)}`);
    const dangling = db.pragma('foreign_key_check') as unknown[];
    if (dangling.length > 0) violations.push(`${dangling.length} rows point at rows that do not exist`);
    const documents = db.prepare('SELECT id, text, content_hash AS hash FROM documents').all() as { id: number; text: string; hash: string }[];
    const imported = new Map(
      (db.prepare(`SELECT document_id AS id, count(*) AS n FROM annotations WHERE origin = 'imported' GROUP BY document_id`).all() as { id: number; n: number }[]).map((row) => [row.id, row.n]),
    );
    const stored = new Set<string>();
    for (const document of documents) {
      if (sha256(document.text) !== document.hash) violations.push(`document ${document.id}: its hash is not that of its text`);
      stored.add(document.hash);
      const source = files.get(document.hash);
      if (source && (imported.get(document.id) ?? 0) !== source.annotations) {
        violations.push(`document ${document.id} (${source.name}) holds ${imported.get(document.id) ?? 0} of its file's ${source.annotations} annotations`);
      }
    }
    if (acknowledged) {
      for (const hash of acknowledged.uploads) if (!stored.has(hash)) violations.push(`an upload the server said it stored (${files.get(hash)?.name}) is missing`);
      const find = db.prepare('SELECT document_id AS documentId, start, "end" FROM annotations WHERE id = ?');
      for (const [id, expected] of acknowledged.annotations) {
        if (acknowledged.uncertain.has(id)) continue;
        const row = find.get(id) as { documentId: number; start: number; end: number } | undefined;
        if (expected.present && !row) violations.push(`annotation ${id}, whose tag was acknowledged, is missing`);
        else if (expected.present && (row!.start !== expected.start || row!.end !== expected.end || row!.documentId !== expected.documentId)) {
          violations.push(`annotation ${id} is at [${row!.start}, ${row!.end}], not where it was tagged [${expected.start}, ${expected.end}]`);
        } else if (!expected.present && row) violations.push(`annotation ${id}, whose removal was acknowledged, is there`);
      }
    }
    const annotations = (db.prepare('SELECT count(*) AS n FROM annotations').get() as { n: number }).n;
    db.close();
    if (acknowledged) violations.push(...(await replayHistory(workspace, [...acknowledged.touched])));
    return { violations, documents: documents.length, annotations };
  } finally {
    if (db.open) db.close();
  }
}

/** Undoes each document's history to its start and redoes it to its end: it must give back what was there. */
async function replayHistory(workspace: string, documentIds: number[]): Promise<string[]> {
  const violations: string[] = [];
  const backend = await openBackend(workspace);
  const reader = new Database(workspace, { readonly: true });
  const annotationsOf = reader.prepare('SELECT id, label_id, fragments, attributes FROM annotations WHERE document_id = ? ORDER BY id');
  const fingerprint = (documentId: number) => JSON.stringify(annotationsOf.all(documentId));
  try {
    for (const documentId of documentIds) {
      const before = fingerprint(documentId);
      let history = ((await backend.dispatch('openDocument', { id: documentId })) as OpenDocument).history;
      let steps = 0;
      for (; history.canUndo && steps < 500; steps++) history = ((await backend.dispatch('undo', { documentId })) as ChangeResult).history;
      for (let redone = 0; history.canRedo && redone < steps; redone++) history = ((await backend.dispatch('redo', { documentId })) as ChangeResult).history;
      if (fingerprint(documentId) !== before) violations.push(`document ${documentId}: undoing ${steps} steps and redoing them did not give back its annotations`);
    }
  } finally {
    reader.close();
    await backend.close();
  }
  return violations;
}

export async function runKillHarness(options: KillOptions): Promise<KillReport> {
  const next = mulberry32(options.seed);
  const workspace = join(options.dir, 'killed.parley');
  const configDir = join(options.dir, 'config');
  const sources = sourceFiles(next);
  const byHash = new Map(sources.map((file) => [sha256(file.text), file]));
  const init = spawn(process.execPath, [CLI, 'init', workspace], { stdio: 'ignore' });
  const code = await new Promise((resolve) => init.once('exit', resolve));
  if (code !== 0) throw new Error(`parley init ${workspace} exited with ${String(code)}`);
  const report: KillReport = { rounds: [], violations: [] };
  for (let round = 0; round < options.kills; round++) {
    const kind = round % 2 === 0 ? 'import' : 'serve';
    let acknowledged: Acknowledged | null = null;
    let killAfterMs: number;
    if (kind === 'import') {
      // A different slice of the files each time: some new, some already stored (skipped as duplicates).
      const folder = join(options.dir, `import-${round}`);
      writeFolder(folder, sources.filter(() => next() < 0.4));
      killAfterMs = Math.round(200 + next() * 2800);
      await importRound(workspace, configDir, folder, killAfterMs);
    } else {
      killAfterMs = Math.round(300 + next() * 2200);
      acknowledged = await serveRound(workspace, configDir, sources, next, killAfterMs);
    }
    const { violations, documents, annotations } = await verify(workspace, byHash, acknowledged);
    report.rounds.push({ kind, killedAfterMs: killAfterMs, acknowledged: acknowledged?.count ?? 0, documents, annotations });
    report.violations.push(...violations.map((violation) => `round ${round + 1} (${kind}, killed after ${killAfterMs} ms): ${violation}`));
    options.log?.(`kill ${round + 1}/${options.kills}: ${kind} killed after ${killAfterMs} ms; ${acknowledged ? `${acknowledged.count} writes acknowledged; ` : ''}${documents} documents, ${annotations} annotations; ${violations.length === 0 ? 'every check held' : violations.join('; ')}`);
  }
  return report;
}
