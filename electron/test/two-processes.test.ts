/**
 * Two processes writing one workspace (issue 13): browser mode's server, tagged over HTTP as the window does,
 * while the CLI imports into the same file again and again. For 20 seconds neither may see "database is
 * locked" (each waits its turn), and afterwards every write either was told succeeded is there.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import type { ChangeResult, DocumentSummary, ImportSummary, Label } from '../shared/types.ts';
import { startServer } from '../server/server.ts';
import { temporaryDir, workspacePath } from './helpers.ts';

const CLI = fileURLToPath(new URL('../cli/bin.mjs', import.meta.url));
const dir = temporaryDir('parley-two-');
const staticDir = join(dir, 'renderer');
mkdirSync(staticDir, { recursive: true });
writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Parley</title>');

const DURATION_MS = 20_000;

/** A folder of 40 brat pairs, each text different (`round` in it), 10 annotations each. */
function bratFolder(round: number): string {
  const folder = join(dir, `import-${round}`);
  mkdirSync(folder, { recursive: true });
  for (let index = 0; index < 40; index++) {
    const text = Array.from({ length: 10 }, (_, n) => `Ushakov said ${round}-${index}-${n}.`).join(' ');
    const lines = Array.from({ length: 10 }, (_, n) => {
      const start = text.indexOf(`Ushakov said ${round}-${index}-${n}.`);
      return `T${n + 1}\tPerson ${start} ${start + 7}\tUshakov`;
    });
    writeFileSync(join(folder, `a-${index}.txt`), text);
    writeFileSync(join(folder, `a-${index}.ann`), `${lines.join('\n')}\n`);
  }
  return folder;
}

function cliImport(workspace: string, folder: string): Promise<{ code: number | null; output: string; summary: ImportSummary | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, 'import', workspace, folder, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => {
      let summary: ImportSummary | null = null;
      try {
        summary = JSON.parse(stdout) as ImportSummary;
      } catch {
        // Reported below with the output.
      }
      resolve({ code, output: stdout + stderr, summary });
    });
  });
}

describe('two processes on one workspace', () => {
  it('the server tags while the CLI imports, for 20 s: nobody is told the workspace is locked, and no write is lost', async () => {
    const workspace = workspacePath(dir);
    const server = await startServer({ workspacePath: workspace, staticDir, seedSamples: true });
    const call = async <T>(method: string, params: unknown): Promise<T> => {
      const response = await fetch(`http://127.0.0.1:${server.port}/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
        body: JSON.stringify(params),
      });
      const body = await response.text();
      assert.equal(response.status, 200, `${method}: ${body}`);
      return JSON.parse(body) as T;
    };
    try {
      const [label] = await call<Label[]>('listLabels', {});
      const documents = await call<DocumentSummary[]>('listDocuments', {});
      const tagged: { id: number; documentId: number; start: number }[] = [];
      const imports: ImportSummary[] = [];
      const until = performance.now() + DURATION_MS;
      const tagger = async () => {
        for (let n = 0; performance.now() < until; n++) {
          const document = documents[n % documents.length]!;
          const start = (n * 7) % Math.max(1, document.length - 4);
          const result = await call<ChangeResult>('edit', { documentId: document.id, description: 'Tag', edits: [{ op: 'createAnnotation', ref: 'a', labelId: label!.id, fragments: [[start, start + 3]] }] });
          tagged.push({ id: result.createdIds['a']!, documentId: document.id, start });
        }
      };
      const importer = async () => {
        for (let round = 0; performance.now() < until; round++) {
          const run = await cliImport(workspace, bratFolder(round));
          assert.equal(run.code, 0, run.output);
          assert.doesNotMatch(run.output, /locked|busy/i);
          imports.push(run.summary!);
        }
      };
      await Promise.all([tagger(), importer()]);

      assert.ok(tagged.length > 100, `${tagged.length} tags acknowledged`);
      assert.ok(imports.length >= 2, `${imports.length} imports ran`);
      const db = new Database(workspace, { readonly: true });
      const find = db.prepare('SELECT document_id AS documentId, start FROM annotations WHERE id = ?');
      for (const tag of tagged) assert.deepEqual(find.get(tag.id), { documentId: tag.documentId, start: tag.start }, `tag ${tag.id}`);
      const imported = imports.reduce((sum, summary) => sum + summary.documents, 0);
      assert.equal(imported, imports.length * 40, 'every file of every import was stored');
      assert.equal((db.prepare(`SELECT count(*) AS n FROM annotations WHERE origin = 'imported'`).get() as { n: number }).n, imported * 10);
      assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
      db.close();
    } finally {
      await server.close();
    }
  });
});
