/**
 * The fuzz harness's worker: imports one case at a time into its workspace, as browser mode's uploads do, and
 * checks what the import did (fuzz-harness.ts starts it, and replaces it when a case outlives its deadline).
 */
import { createHash } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { openBackend } from '../core/backend.ts';
import { filesFromUploads } from '../core/import/files.ts';
import { importFiles } from '../core/import/importer.ts';
import { loneSurrogateAt } from '../core/import/source-text.ts';
import type { FuzzFile } from './fuzz-inputs.ts';

export interface FuzzRequest {
  id: number;
  files: FuzzFile[];
}

export type FuzzOutcome = 'imported' | 'refused' | 'skipped';

export interface FuzzReply {
  id: number;
  outcome: FuzzOutcome;
  violations: string[];
}

/** JavaScript's own error texts, which must never reach a user as a file's problem. */
const RAW_EXCEPTION = /is not a function|Cannot read properties|Cannot convert|Maximum call stack|CHECK constraint|\[xmldom|undefined|\[object Object\]|SQLITE_|at .*\.ts:\d+/;

const { workspace: path } = workerData as { workspace: string };
const port = parentPort!;
const backend = await openBackend(path);
const reader = new Database(path, { readonly: true });
const counts = reader.prepare('SELECT (SELECT count(*) FROM documents) AS documents, (SELECT count(*) FROM annotations) AS annotations, (SELECT count(*) FROM relations) AS relations, (SELECT coalesce(max(id), 0) FROM documents) AS lastDocument');
const newDocuments = reader.prepare('SELECT id, text, content_hash AS hash FROM documents WHERE id > ?');

port.on('message', (request: FuzzRequest) => {
  void (async () => {
    const violations: string[] = [];
    const before = counts.get() as { documents: number; annotations: number; relations: number; lastDocument: number };
    let outcome: FuzzOutcome = 'skipped';
    try {
      const summary = await importFiles(backend.workspace, filesFromUploads(request.files), {});
      const after = counts.get() as typeof before;
      const messages = [...summary.errors, ...summary.warnings].map((problem) => problem.message).concat(summary.skipped.map((skip) => skip.reason));
      for (const message of messages) if (RAW_EXCEPTION.test(message)) violations.push(`a raw exception reached the user: ${message}`);
      const changed = after.documents !== before.documents || after.annotations !== before.annotations || after.relations !== before.relations;
      if (summary.documents + summary.merged > 0) outcome = 'imported';
      else if (summary.errors.length > 0) outcome = 'refused';
      if (outcome !== 'imported' && changed) violations.push(`nothing was imported, yet the workspace changed (${JSON.stringify(before)} → ${JSON.stringify(after)})`);
      if (summary.errors.length > 0 && summary.errors.some((error) => !error.file)) violations.push('an error names no file');
      for (const document of newDocuments.all(before.lastDocument) as { id: number; text: string; hash: string }[]) {
        if (loneSurrogateAt(document.text) >= 0) violations.push(`document ${document.id} holds a lone surrogate`);
        if (createHash('sha256').update(document.text).digest('hex') !== document.hash) violations.push(`document ${document.id}: its hash is not that of its text`);
      }
    } catch (error) {
      violations.push(`the import itself failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    port.postMessage({ id: request.id, outcome, violations } satisfies FuzzReply);
  })();
});
port.postMessage('ready');
