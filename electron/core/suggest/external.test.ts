/**
 * The external recommender protocol against a real child process and a real local HTTP server, both written
 * here: each suggests every "Kyiv" of the text as an Actor (code point offsets, as the protocol says).
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { temporaryDir } from '../../test/helpers.ts';
import { externalRecommender } from './external.ts';
import type { SuggestInput } from './suggester.ts';

const dir = temporaryDir('parley-recommender-');

/** The recommender's logic, the same in the process (as its source) and the server. */
function recommend(request: { id: number; document: { text: string } }) {
  const points = [...request.document.text];
  const suggestions = [];
  for (let at = 0; at + 4 <= points.length; at++) {
    if (points.slice(at, at + 4).join('') === 'Kyiv') suggestions.push({ label: 'Actor', start: at, end: at + 4, confidence: 0.5 });
  }
  return { id: request.id, suggestions };
}
const RECOMMEND = recommend.toString();

function input(text: string, documentId = 1): SuggestInput {
  return { documentId, text, labels: ['Actor'], actors: [], tagged: [], annotated: [] };
}

function script(name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, body);
  return path;
}

describe('a recommender command (JSON lines on stdin and stdout)', () => {
  it('answers each document, by code points, and keeps running between them; answers may come in any order', async () => {
    const path = script(
      'recommender.mjs',
      `import { createInterface } from 'node:readline';
${RECOMMEND}
const waiting = [];
createInterface({ input: process.stdin }).on('line', (line) => {
  waiting.push(recommend(JSON.parse(line)));
  // Answers two requests at a time, the second first.
  if (waiting.length === 2) for (const answer of waiting.splice(0).reverse()) process.stdout.write(JSON.stringify(answer) + '\\n');
});`,
    );
    const recommender = externalRecommender({ name: 'lab', command: process.execPath, args: [path] });
    try {
      const [first, second] = await Promise.all([recommender.suggest(input('😀 Kyiv and Kyiv', 1)), recommender.suggest(input('No city.', 2))]);
      assert.deepEqual(first, [
        { label: 'Actor', start: 2, end: 6, confidence: 0.5 },
        { label: 'Actor', start: 11, end: 15, confidence: 0.5 },
      ]);
      assert.deepEqual(second, []);
    } finally {
      recommender.close?.();
    }
  });

  it('fails a document with the recommender’s name when it writes what is not JSON, or dies', async () => {
    const garbled = externalRecommender({ name: 'garbled', command: process.execPath, args: [script('garbled.mjs', `process.stdin.once('data', () => process.stdout.write('oops\\n'));`)] });
    await assert.rejects(garbled.suggest(input('Kyiv')), /recommender garbled: stdout line 1 is not JSON: oops/);
    garbled.close?.();
    const dying = externalRecommender({ name: 'dying', command: process.execPath, args: [script('dying.mjs', `process.stdin.once('data', () => process.exit(3));`)] });
    await assert.rejects(dying.suggest(input('Kyiv')), /recommender dying: exited \(code 3\) before answering/);
    const missing = externalRecommender({ name: 'missing', command: join(dir, 'no-such-program') });
    await assert.rejects(missing.suggest(input('Kyiv')), /recommender missing: cannot run/);
  });

  it('refuses a span outside the text, naming the suggestion', async () => {
    const path = script(
      'wrong.mjs',
      `import { createInterface } from 'node:readline';
createInterface({ input: process.stdin }).on('line', (line) => {
  const { id } = JSON.parse(line);
  process.stdout.write(JSON.stringify({ id, suggestions: [{ label: 'Actor', start: 0, end: 2, confidence: 1 }, { label: 'Actor', start: 3, end: 99, confidence: 1 }] }) + '\\n');
});`,
    );
    const recommender = externalRecommender({ name: 'wrong', command: process.execPath, args: [path] });
    try {
      await assert.rejects(recommender.suggest(input('Kyiv')), /recommender wrong: suggestions\.1\.start\.\.end 3\.\.99 is not a span of the 4-character text/);
    } finally {
      recommender.close?.();
    }
  });
});

describe('a recommender over HTTP', () => {
  let server: Server;
  const requests: unknown[] = [];
  const listening = new Promise<string>((resolve) => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        const parsed = JSON.parse(body) as { id: number; document: { text: string } };
        requests.push(parsed);
        if (parsed.document.text === 'fail') {
          res.writeHead(503).end('busy');
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(recommend(parsed)));
      });
    }).listen(0, '127.0.0.1', () => {
      const address = server.address() as { port: number };
      resolve(`http://127.0.0.1:${address.port}/recommend`);
    });
  });
  after(() => server.close());

  it('POSTs the request and reads the suggestions from the answer', async () => {
    const recommender = externalRecommender({ name: 'spacy', url: await listening });
    assert.deepEqual(await recommender.suggest(input('in Kyiv')), [{ label: 'Actor', start: 3, end: 7, confidence: 0.5 }]);
    assert.deepEqual(requests.at(-1), { id: 1, document: { id: 1, text: 'in Kyiv' }, labels: ['Actor'] });
  });

  it('says which recommender failed and how', async () => {
    const url = await listening;
    await assert.rejects(externalRecommender({ name: 'spacy', url }).suggest(input('fail')), /recommender spacy: .* answered 503/);
    // A port that was just free: nothing listens there.
    const closed = createServer();
    const port = await new Promise<number>((resolve) => closed.listen(0, '127.0.0.1', () => resolve((closed.address() as { port: number }).port)));
    await new Promise((resolve) => closed.close(resolve));
    await assert.rejects(externalRecommender({ name: 'gone', url: `http://127.0.0.1:${port}/` }).suggest(input('Kyiv')), /recommender gone: http:\/\/127\.0\.0\.1:\d+\/: .*ECONNREFUSED/);
  });
});
