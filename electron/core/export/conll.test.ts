import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import type { Annotation, ChangeResult, DocumentSummary } from '../../shared/types.ts';
import { openInFull, temporaryDir, workspacePath } from '../../test/helpers.ts';
import { openBackend, type Backend } from '../backend.ts';
import { importPaths } from '../import/importer.ts';
import { exportToPath } from './exporter.ts';
import { tokenize } from './tokenize.ts';

const TESTDATA = fileURLToPath(new URL('../../../../shared/data/formats/doccano/doccano-transformer-testdata/labeling/', import.meta.url));
const dir = temporaryDir('parley-conll-');

async function conllOf(backend: Backend): Promise<string> {
  const out = join(dir, `${Math.random().toString(36).slice(2)}.conll`);
  await exportToPath(backend.workspace, { format: 'conll' }, out);
  return readFileSync(out, 'utf8');
}

/** Deletes every annotation not made by `author`, and the documents left without annotations. */
async function keepOnly(backend: Backend, author: string): Promise<void> {
  for (const summary of (await backend.dispatch('listDocuments', {})) as DocumentSummary[]) {
    const open = await openInFull(backend, summary.id);
    const others = open.annotations.filter((annotation: Annotation) => annotation.author !== author);
    if (others.length === open.annotations.length) {
      await backend.dispatch('deleteDocument', { id: summary.id });
    } else if (others.length > 0) {
      (await backend.dispatch('edit', {
        documentId: summary.id,
        description: 'keep one annotator',
        edits: others.map((annotation) => ({ op: 'deleteAnnotation', id: annotation.id })),
      })) as ChangeResult;
    }
  }
}

describe('CoNLL export against doccano-transformer', () => {
  // doccano-transformer splits sentences at line breaks and tokens at spaces. Parley follows Unicode's rules
  // (UAX #29), under which "AL-AIN" and "1996-12-06" would be three and five tokens; Parley keeps a hyphen
  // between word characters inside the token, as CoNLL-2003 does, and on this data the two agree exactly.
  it('reproduces labeling_text_label.conll2003.user0 from labeling_text_label.jsonl', async () => {
    const backend = await openBackend(workspacePath(dir));
    const summary = await importPaths(backend.workspace, [join(TESTDATA, 'labeling_text_label.jsonl')], {});
    assert.deepEqual(summary.errors, []);
    assert.equal(await conllOf(backend), readFileSync(join(TESTDATA, 'labeling_text_label.conll2003.user0'), 'utf8'));
    await backend.close();
  });

  // labeling.jsonl holds two users' annotations (the importer makes the user the author); doccano-transformer
  // writes one file per user, with only the documents that user annotated.
  for (const user of ['1', '2']) {
    it(`reproduces labeling.conll2003.user${user} from user ${user}'s annotations in labeling.jsonl`, async () => {
      const backend = await openBackend(workspacePath(dir));
      assert.deepEqual((await importPaths(backend.workspace, [join(TESTDATA, 'labeling.jsonl')], {})).errors, []);
      await keepOnly(backend, user);
      assert.equal(await conllOf(backend), readFileSync(join(TESTDATA, `labeling.conll2003.user${user}`), 'utf8'));
      await backend.close();
    });
  }
});

describe('tokenize', () => {
  const words = (text: string, language: string | null = 'en') => tokenize(text, language).map((sentence) => sentence.tokens.map((token) => token.text));

  it('keeps hyphenated words, dates and abbreviations whole, and splits punctuation off', () => {
    assert.deepEqual(words('AL-AIN , United Arab Emirates 1996-12-06\nThe U.S. e-mail, said Sen. Warren.'), [
      ['AL-AIN', ',', 'United', 'Arab', 'Emirates', '1996-12-06'],
      ['The', 'U.S.', 'e-mail', ',', 'said', 'Sen.', 'Warren', '.'],
    ]);
  });

  it('ends sentences at line breaks and full stops, but not after a title', () => {
    assert.deepEqual(words('Mr. Smith left. He was tired.'), [['Mr.', 'Smith', 'left', '.'], ['He', 'was', 'tired', '.']]);
    assert.deepEqual(words('He said no. Then he left.'), [['He', 'said', 'no', '.'], ['Then', 'he', 'left', '.']]);
  });

  it('keeps emoji sequences whole and leaves direction marks out of tokens', () => {
    assert.deepEqual(words('Family 👩‍👩‍👧 and 🇺🇦 flag 👍🏽'), [['Family', '👩‍👩‍👧', 'and', '🇺🇦', 'flag', '👍🏽']]);
    assert.deepEqual(words('قال \u200f«سننتصر»\u200f.', 'ar'), [['قال', '«', 'سننتصر', '»', '.']]);
  });

  it('gives code point offsets, which slice the text as Python does', () => {
    const text = 'Go 👩‍👩‍👧 now.';
    for (const token of tokenize(text, 'en').flatMap((sentence) => sentence.tokens)) {
      assert.equal(Array.from(text).slice(token.start, token.end).join(''), token.text);
    }
  });

  it('splits scripts without spaces by dictionary', () => {
    assert.deepEqual(words('我们在北京工作。', 'zh'), [['我们', '在', '北京', '工作', '。']]);
  });

  it('keeps a sentence whole where a span crosses its boundary', () => {
    const text = 'He said: “It fails. Nobody wins.” Then silence.';
    const quote = [text.indexOf('“'), text.indexOf('”') + 1] as const;
    const sentences = tokenize(text, 'en', (boundary) => quote[0] < boundary && boundary < quote[1]);
    assert.deepEqual(sentences.map((sentence) => sentence.tokens.map((token) => token.text).join(' ')), ['He said : “ It fails . Nobody wins . ”', 'Then silence .']);
  });
});
