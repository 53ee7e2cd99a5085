/**
 * CoNLL-2003 layout with IOB2 tags: `-DOCSTART- -X- -X- O` opens each document, then one token per line as
 * `token _ _ tag` (the two `_` stand for the part-of-speech and chunk columns Parley does not have), and a blank
 * line after each sentence. Where spans overlap, each further layer of overlap gets a tag column of its own, so
 * nothing overlapping is dropped; every line of the file has as many tag columns as the deepest overlap needs.
 *
 * Tokens and sentences come from `tokenize.ts`. A span whose ends do not fall on token boundaries (after
 * trimming white space) cannot be tagged: it is left out and listed in the README.
 */
import type { ExportedDocument } from '../../store.ts';
import type { ExportFormatModule, FormatContext, FormatSession } from '../format.ts';
import type { OutputFolder } from '../output.ts';
import { DocumentText } from '../text.ts';
import { tokenize, type Sentence } from '../tokenize.ts';
import { countUncarriedProvenance } from './common.ts';

const DOCSTART = '-DOCSTART- -X- -X-';

interface Chunk {
  /** Token indexes into the document's token list, end-exclusive. */
  first: number;
  last: number;
  label: string;
}

/** A tag set label has no white space: CoNLL readers split lines on it. */
function tagLabel(label: string): string {
  return label.replace(/\s+/g, '_');
}

/** True when some fragment starts before `boundary` and ends after it, using fragments sorted by start. */
function crossingTest(fragments: [number, number][]): (boundary: number) => boolean {
  fragments.sort((a, b) => a[0] - b[0]);
  const furthestEnd: number[] = [];
  let furthest = -1;
  for (const [, end] of fragments) furthestEnd.push((furthest = Math.max(furthest, end)));
  return (boundary) => {
    let low = 0;
    let high = fragments.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (fragments[mid]![0] < boundary) low = mid + 1;
      else high = mid;
    }
    return low > 0 && furthestEnd[low - 1]! > boundary;
  };
}

/** The fragment without white space at either end; null when nothing but white space is left. */
function trimmed(text: DocumentText, start: number, end: number): [number, number] | null {
  const covered = Array.from(text.slice(start, end));
  let first = 0;
  let last = covered.length;
  while (first < last && /\s/u.test(covered[first]!)) first++;
  while (last > first && /\s/u.test(covered[last - 1]!)) last--;
  return first < last ? [start + first, start + last] : null;
}

/** Spreads chunks over as few layers as keep each layer free of overlaps: earliest first, longer first. */
function layered(chunks: Chunk[]): Chunk[][] {
  const layers: { chunks: Chunk[]; end: number }[] = [];
  for (const chunk of [...chunks].sort((a, b) => a.first - b.first || b.last - a.last)) {
    const layer = layers.find((candidate) => candidate.end <= chunk.first);
    if (layer) {
      layer.chunks.push(chunk);
      layer.end = chunk.last;
    } else {
      layers.push({ chunks: [chunk], end: chunk.last });
    }
  }
  return layers.map((layer) => layer.chunks);
}

/** The CoNLL block of one document and the number of tag columns it needed. */
function conllBlock(document: ExportedDocument, context: FormatContext): { block: string; layers: number } {
  const { document: doc } = document;
  const text = new DocumentText(doc.text);
  const { losses } = context;
  losses.add('relations', 'CoNLL tags tokens one by one and has no way to link two spans', document.relations.length);
  losses.add('attribute values', 'CoNLL tags carry only a label', document.annotations.reduce((n, a) => n + Object.keys(a.attributes).length, 0));
  losses.add('notes', 'CoNLL tags carry only a label', document.annotations.filter((a) => a.note !== '').length);
  losses.add(
    'discontinuous annotations',
    'IOB2 has no gaps: each fragment was tagged as a chunk of its own',
    document.annotations.filter((a) => a.fragments.length > 1).length,
  );
  countUncarriedProvenance(document.annotations, losses, 'CoNLL');
  for (const annotation of document.annotations) {
    const tag = tagLabel(annotation.label);
    if (tag !== annotation.label) {
      losses.add(`label "${annotation.label}" written as ${tag}`, 'tags cannot contain white space', 1);
    }
  }

  const fragments = document.annotations.flatMap((annotation) =>
    annotation.fragments.map((fragment) => ({ annotation, fragment: trimmed(text, fragment[0], fragment[1]) })),
  );
  const spans = fragments.flatMap(({ fragment }) => (fragment ? [fragment] : []));
  const sentences: Sentence[] = tokenize(doc.text, doc.language, crossingTest(spans.map(([s, e]): [number, number] => [s, e])));

  const tokens = sentences.flatMap((sentence) => sentence.tokens);
  const tokenStarting = new Map(tokens.map((token, position) => [token.start, position]));
  const tokenEnding = new Map(tokens.map((token, position) => [token.end, position]));
  const chunks: Chunk[] = [];
  for (const { annotation, fragment } of fragments) {
    const first = fragment ? tokenStarting.get(fragment[0]) : undefined;
    const last = fragment ? tokenEnding.get(fragment[1]) : undefined;
    if (first !== undefined && last !== undefined && first <= last) {
      chunks.push({ first, last: last + 1, label: tagLabel(annotation.label) });
    } else {
      const [start, end] = fragment ?? annotation.fragments[0]!;
      losses.addInstance(
        'spans not aligned to tokens',
        'a span that starts or ends inside a token cannot be tagged; these were left out',
        `document ${doc.id} “${doc.title}”: ${annotation.label} [${start}, ${end}) “${text.slice(start, end)}”`,
      );
    }
  }

  const layers = layered(chunks);
  const columns = Math.max(1, layers.length);
  const tags: string[][] = Array.from({ length: columns }, () => new Array<string>(tokens.length).fill('O'));
  layers.forEach((layer, column) => {
    for (const chunk of layer) {
      for (let position = chunk.first; position < chunk.last; position++) {
        tags[column]![position] = `${position === chunk.first ? 'B' : 'I'}-${chunk.label}`;
      }
    }
  });

  const lines: string[] = [`${DOCSTART}${' O'.repeat(columns)}`, ''];
  let position = 0;
  for (const sentence of sentences) {
    for (const token of sentence.tokens) {
      const row = tags.map((column) => column[position]!).join(' ');
      lines.push(`${token.text.replace(/\s/gu, '_')} _ _ ${row}`);
      position++;
    }
    lines.push('');
  }
  return { block: `${lines.join('\n')}\n`, layers: columns };
}

/** Pads a line with `O` columns up to `columns` tag columns. */
function padded(line: string, columns: number): string {
  if (line === '') return line;
  let fields = 1;
  for (let at = line.indexOf(' '); at >= 0; at = line.indexOf(' ', at + 1)) fields++;
  const have = fields - 3;
  return have < columns ? `${line}${' O'.repeat(columns - have)}` : line;
}

function session(context: FormatContext): FormatSession {
  const parts: { folder: OutputFolder; fileName: string }[] = [];
  let fewest = Infinity;
  let most = 1;
  return {
    openPart(folder, fileName) {
      const file = folder.open(fileName);
      parts.push({ folder, fileName });
      return {
        async write(document) {
          const { block, layers } = conllBlock(document, context);
          fewest = Math.min(fewest, layers);
          most = Math.max(most, layers);
          await file.write(block);
          return block;
        },
        end: () => file.close(),
      };
    },
    async finish() {
      // Overlaps found late mean earlier documents have fewer tag columns: pad them, so every line has the same.
      if (fewest >= most) return;
      for (const { folder, fileName } of parts) await folder.rewriteLines(fileName, (line) => padded(line, most));
    },
  };
}

export const conllFormat: ExportFormatModule = {
  name: 'conll',
  title: 'CoNLL-2003 (IOB2)',
  layout: 'file',
  extension: '.conll',
  offsets: 'none',
  start: session,
  usage: () => `CoNLL-2003 layout, IOB2 tags. Each document starts with \`-DOCSTART- -X- -X- O\` and a blank line; then one token per
line, \`token _ _ tag\` (the \`_\` columns stand for the part-of-speech and chunk tags of CoNLL-2003, which Parley
does not have), with a blank line after each sentence. When spans overlap, each further level of overlap has a
tag column of its own after the first (the first column holds as many spans as it can without overlaps, earliest
and longest first); every line has the same number of columns.

Sentences and tokens follow Unicode's segmentation rules (UAX #29, ICU's dictionaries for Chinese, Japanese and
Thai), with a hyphen inside a word kept in it ("AL-AIN", "1996-12-06") and, in English, no sentence break after
a title such as "Mr." or "Sen.". A sentence is never split inside an annotated span. A span whose ends fall inside
a token cannot be tagged and is listed below.

Hugging Face \`datasets\`, \`seqeval\` and spaCy's \`spacy convert --converter conll\` (\`-n 10\` groups sentences into
documents) read this layout; with more than one tag column, tell them which column to use.`,
};
