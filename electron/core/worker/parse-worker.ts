/**
 * The parse worker: reads one file at a time with the readers of HTML, Word and PDF files, which run arbitrary
 * markup and compressed containers from the open web through large libraries. Here a runaway (a parse that
 * never ends, or that grows without bound) ends this thread, not the import: see parse-sandbox.ts.
 */
import { parentPort } from 'node:worker_threads';
import { parseDocx } from '../import/formats/docx.ts';
import { parseHtml } from '../import/formats/html.ts';
import { parsePdf } from '../import/formats/pdf.ts';
import type { FileParser } from '../import/parse.ts';
import { ImportFileError } from '../import/problems.ts';
import { transferError } from './transferred-error.ts';
import type { SandboxedFormat } from '../import/parse.ts';
import type { ParseReply, ParseRequest } from './parse-messages.ts';

const port = parentPort!;
const PARSERS = new Map<SandboxedFormat, FileParser>([
  ['html', parseHtml],
  ['docx', parseDocx],
  ['pdf', parsePdf],
]);

function noDocumentsByUrl(): never {
  // Only W3C annotations look documents up, and they are read outside the sandbox.
  throw new Error('the parse worker has no workspace to look documents up in');
}

port.on('message', (request: ParseRequest) => {
  void (async () => {
    let reply: ParseReply;
    try {
      const parser = PARSERS.get(request.format)!;
      const input = { ...request.input, read: async () => request.bytes };
      const result = await parser(input, request.bytes, request.options, { findDocumentsByUrl: noDocumentsByUrl });
      reply = { id: request.id, ok: true, result };
    } catch (error) {
      reply = error instanceof ImportFileError ? { id: request.id, ok: false, problems: error.problems } : { id: request.id, ok: false, error: transferError(error) };
    }
    port.postMessage(reply);
  })();
});
