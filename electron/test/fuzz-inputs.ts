/**
 * The fuzz harness's inputs: one valid file set per import format (each imports cleanly as it is), and the
 * mutations applied to them. Byte mutations work on any file; text mutations splice in what has broken parsers
 * before (lone surrogates, prototype names as keys, deep nesting, huge and negative numbers, markup); zip-level
 * mutations rewrite one part of a .docx. Everything is derived from a seeded generator, so a failing case is
 * found again with its seed and number.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { makeDocx, makePdf } from '../core/import/test/documents.ts';

export interface FuzzFile {
  name: string;
  bytes: Uint8Array;
}

export interface FuzzSeed {
  format: string;
  files: FuzzFile[];
}

export type Random = () => number;

const text = (name: string, content: string): FuzzFile => ({ name, bytes: strToU8(content) });
const TEXT = 'Ushakov 😀 said “no compromise” on Pokrovsk; e\u0301 مرحبا 你好.';

export function fuzzSeeds(): FuzzSeed[] {
  const ann = 'T1\tPerson 0 7\tUshakov\nT2\tCue 10 14\tsaid\nA1\tNegated T2\nR1\tSpeaks Arg1:T1 Arg2:T2\n#1\tAnnotatorNotes T1\tthe aide\n';
  return [
    { format: 'brat', files: [text('doc.txt', TEXT), text('doc.ann', ann), text('annotation.conf', '[entities]\nPerson\nCue\n[relations]\nSpeaks Arg1:Person, Arg2:Cue\n[events]\n[attributes]\nNegated Arg:Cue\n')] },
    { format: 'doccano', files: [text('records.jsonl', `${JSON.stringify({ text: TEXT, label: [[0, 7, 'Person'], [10, 14, 'Cue']], meta: { source: 'wire' } })}\n${JSON.stringify({ text: 'Second record.', label: [] })}\n`)] },
    {
      format: 'labelstudio',
      files: [
        text(
          'tasks.json',
          JSON.stringify([
            {
              id: 1,
              data: { text: TEXT },
              annotations: [{ completed_by: 3, result: [{ id: 'a', from_name: 'label', to_name: 'text', type: 'labels', value: { start: 0, end: 7, text: 'Ushakov', labels: ['Person'] } }] }],
            },
          ]),
        ),
      ],
    },
    {
      format: 'w3c',
      files: [
        text('page.txt', TEXT),
        text(
          'annotations.json',
          JSON.stringify({ type: 'Annotation', body: { type: 'TextualBody', value: 'Person', purpose: 'tagging' }, target: { source: 'page.txt', selector: { type: 'TextQuoteSelector', exact: 'Ushakov' } } }),
        ),
      ],
    },
    { format: 'conll', files: [text('tokens.conll', '-DOCSTART- O\n\nUshakov B-PER\nsaid O\nno O\ncompromise O\n.\tO\n\nPutin B-PER\nagreed O\n')] },
    { format: 'csv', files: [text('articles.csv', `title,text,url\nTalks,"${TEXT.replace(/"/g, '""')}",https://example.org/a\nOther,"A second, quoted ""row"".",\n`)] },
    { format: 'tsv', files: [text('articles.tsv', `title\ttext\nTalks\t${TEXT}\nOther\tA second row.\n`)] },
    {
      format: 'parley',
      files: [
        text(
          'export.jsonl',
          `${JSON.stringify({ parley: 1, type: 'schema', labels: [{ name: 'Quote', color: '#2f7ed8', attributes: [] }] })}\n${JSON.stringify({ type: 'document', title: 'Talks', text: TEXT, annotations: [{ label: 'Quote', fragments: [[0, 7]], text: 'Ushakov' }] })}\n`,
        ),
      ],
    },
    {
      format: 'html',
      files: [text('page.html', `<!doctype html><html><head><title>Talks</title><meta charset="utf-8"></head><body><nav>Menu</nav><article><h1>Talks</h1><p>${TEXT}</p><p>Second <b>paragraph</b> &amp; more.</p></article><script>alert(1)</script></body></html>`)],
    },
    { format: 'docx', files: [{ name: 'talks.docx', bytes: makeDocx([TEXT, 'A **bold** second paragraph.'], { title: 'Talks', creator: 'Desk' }) }] },
    { format: 'pdf', files: [{ name: 'talks.pdf', bytes: makePdf([[[72, 720, 'Ushakov said there is no compromise.'], [72, 700, 'Talks go on in Moscow.']]], { Title: 'Talks' }) }] },
    { format: 'text', files: [text('plain.txt', `${TEXT}\r\nSecond line.\r\n`)] },
  ];
}

/** What has broken parsers before, spliced into text at random places. */
const TOKENS = [
  '\\ud800', '\ud800', '\udc00', '__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', '{"__proto__":{"x":1}}',
  '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[', '{"a":'.repeat(200), '-1', '1e308', '9007199254740993', 'NaN', 'null', '""', '\u0000', '\t', '\n\n\n',
  '"', "'", '\\', '<script>alert(1)</script>', '<b>'.repeat(500), '&amp;'.repeat(200), '<!--', ']]>', '😀', '\u202e', 'e\u0301', 'T99\tPerson 5 2\tx',
  'R9\tSpeaks Arg1:T99 Arg2:T1', '*\tSpeaks T1 T2', 'A9\tNegated T77', '[attributes]', 'label', 'text', '"text":', '"start":', '"end":',
];

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/** One mutation of `bytes`, chosen by `random`. */
export function mutateBytes(bytes: Uint8Array, random: Random): Uint8Array {
  const at = Math.floor(random() * (bytes.length + 1));
  const choice = Math.floor(random() * 8);
  switch (choice) {
    case 0: {
      // Flip a few bits.
      const copy = bytes.slice();
      for (let n = 0; n < 1 + Math.floor(random() * 8) && copy.length > 0; n++) copy[Math.floor(random() * copy.length)]! ^= 1 << Math.floor(random() * 8);
      return copy;
    }
    case 1:
      return bytes.slice(0, at); // truncated
    case 2: {
      const length = Math.floor(random() * 64);
      return concat(bytes.slice(0, at), bytes.slice(Math.min(bytes.length, at + length)));
    }
    case 3: {
      // A piece of the file repeated many times.
      const piece = bytes.slice(at, at + 1 + Math.floor(random() * 40));
      return concat(bytes.slice(0, at), ...Array.from({ length: 1 + Math.floor(random() * 200) }, () => piece), bytes.slice(at));
    }
    case 4:
      return concat(bytes.slice(0, at), Uint8Array.from({ length: 1 + Math.floor(random() * 32) }, () => Math.floor(random() * 256)), bytes.slice(at));
    default: {
      const token = strToU8(pick(random, TOKENS));
      return concat(bytes.slice(0, at), token, bytes.slice(at));
    }
  }
}

/** Replaces one part of a zip (a .docx) by a mutation of it, keeping the archive readable. */
function mutateZipPart(bytes: Uint8Array, random: Random): Uint8Array {
  let parts: Record<string, Uint8Array>;
  try {
    parts = unzipSync(bytes);
  } catch {
    return mutateBytes(bytes, random);
  }
  const names = Object.keys(parts);
  const name = pick(random, names);
  return zipSync({ ...parts, [name]: strToU8(strFromU8(mutateBytes(parts[name]!, random))) });
}

function concat(...arrays: Uint8Array[]): Uint8Array {
  const result = new Uint8Array(arrays.reduce((sum, array) => sum + array.length, 0));
  let offset = 0;
  for (const array of arrays) {
    result.set(array, offset);
    offset += array.length;
  }
  return result;
}

/** Case `index`: a seed's files with one to three mutations in one of them, or random bytes under a format's name. */
export function fuzzCase(seeds: FuzzSeed[], random: Random): { format: string; files: FuzzFile[] } {
  const seed = pick(random, seeds);
  if (random() < 0.05) {
    const file = pick(random, seed.files);
    return { format: `${seed.format} (random bytes)`, files: [{ name: file.name, bytes: Uint8Array.from({ length: Math.floor(random() * 4096) }, () => Math.floor(random() * 256)) }] };
  }
  const files = seed.files.map((file) => ({ ...file }));
  const target = files[Math.floor(random() * files.length)]!;
  const rounds = 1 + Math.floor(random() * 3);
  for (let round = 0; round < rounds; round++) {
    target.bytes = target.name.endsWith('.docx') && random() < 0.7 ? mutateZipPart(target.bytes, random) : mutateBytes(target.bytes, random);
  }
  return { format: seed.format, files };
}
