/**
 * CoNLL-2003 layout with IOB2 tags: `-DOCSTART- -X- -X- O` opens each document, then one token per line as
 * `token _ _ tag` (the two `_` stand for the part-of-speech and chunk columns Parley does not have), and a blank
 * line after each sentence. Where spans overlap, each further layer of overlap gets a tag column of its own, so
 * nothing overlapping is dropped; every line of the file has as many tag columns as the deepest overlap needs.
 *
 * Tokens and sentences come from `tokenize.ts`. A span whose ends do not fall on token boundaries (after
 * trimming white space) cannot be tagged: it is left out and listed in the README.
 */
import type { ExportedDocument } from '../../workspace.ts';
import type { ExportFormatModule, FormatContext, FormatSession } from '../format.ts';
import type { OutputFolder } from '../output.ts';
import { DocumentText } from '../text.ts';
import { tokenList } from '../tokenize.ts';
import { isSpace } from '../segment.ts';
import { packBytes, Utf8Builder, type PackedBytes } from '../utf8.ts';
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
  // White space is one UTF-16 unit and one code point, so trimming counts the same in both.
  const from = text.index.toUtf16(start);
  const to = text.index.toUtf16(end);
  let first = from;
  let last = to;
  while (first < last && isSpace(text.text.charCodeAt(first))) first++;
  while (last > first && isSpace(text.text.charCodeAt(last - 1))) last--;
  return first < last ? [start + (first - from), end - (to - last)] : null;
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

/** Position of the token starting (or ending) at each code point offset, -1 where none does; reused. */
let tokenAt = new Int32Array(0);

const NEWLINE = 0x0a;

/**
 * Appends the CoNLL block of one document to `out`, with `width` tag columns or more if its overlaps need
 * more, and returns how many they need.
 */
function conllBlock(document: ExportedDocument, context: FormatContext, width: number, out: Utf8Builder): number {
  const { document: doc } = document;
  const text = new DocumentText(doc.text);
  const { losses } = context;
  losses.add('relations', 'CoNLL tags tokens one by one and has no way to link two spans', document.relations.length);
  let attributeValues = 0;
  let notes = 0;
  let discontinuous = 0;
  for (const annotation of document.annotations) {
    attributeValues += Object.keys(annotation.attributes).length;
    if (annotation.note !== '') notes++;
    if (annotation.fragments.length > 1) discontinuous++;
  }
  losses.add('attribute values', 'CoNLL tags carry only a label', attributeValues);
  losses.add('notes', 'CoNLL tags carry only a label', notes);
  losses.add('discontinuous annotations', 'IOB2 has no gaps: each fragment was tagged as a chunk of its own', discontinuous);
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
  const spans = fragments.flatMap(({ fragment }) => (fragment ? [[fragment[0], fragment[1]] as [number, number]] : []));
  const tokens = tokenList(doc.text, doc.language, crossingTest(spans));
  const count = tokens.starts.length;

  const chunks: Chunk[] = [];
  if (fragments.length > 0) {
    // Which token starts, and which ends, at each offset (tokens never share a start or an end).
    const length = text.length + 1;
    if (tokenAt.length < 2 * length) tokenAt = new Int32Array(2 * length);
    tokenAt.fill(-1, 0, 2 * length);
    for (let position = 0; position < count; position++) {
      tokenAt[tokens.starts[position]!] = position;
      tokenAt[length + tokens.ends[position]!] = position;
    }
    for (const { annotation, fragment } of fragments) {
      const first = fragment ? tokenAt[fragment[0]]! : -1;
      const last = fragment ? tokenAt[length + fragment[1]]! : -1;
      if (first >= 0 && last >= 0 && first <= last) {
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
  }

  // What follows each token on its line: " _ _ ", its tags, and O for the columns beyond its spans' layers.
  const layers = layered(chunks);
  const columns = Math.max(1, layers.length);
  const padding = ' O'.repeat(Math.max(0, width - columns));
  out.append(`${DOCSTART}${' O'.repeat(columns)}${padding}\n\n`);
  const outside = encodePacked(` _ _ ${new Array<string>(columns).fill('O').join(' ')}${padding}\n`);
  const { unitStarts, unitEnds } = tokens;
  if (layers.length === 0) {
    // Token texts never hold white space (tokens are parts of runs without it), so they are written as they are.
    for (const { first, last } of tokens.sentences) {
      for (let position = first; position < last; position++) out.appendRangeAndPacked(doc.text, unitStarts[position]!, unitEnds[position]!, outside);
      out.appendByte(NEWLINE);
    }
    return columns;
  }
  // Each column's tag for each token, as an index into `tagBytes` (0 for O, then B- and I- of each label).
  const tagBytes: Uint8Array[] = [SPACE_O];
  const tagIndex = new Map<string, number>();
  const tags = layers.map(() => new Uint16Array(count));
  const inside = new Uint8Array(count);
  layers.forEach((layer, column) => {
    for (const chunk of layer) {
      let index = tagIndex.get(chunk.label);
      if (index === undefined) {
        tagIndex.set(chunk.label, (index = tagBytes.length));
        tagBytes.push(encode(` B-${chunk.label}`), encode(` I-${chunk.label}`));
      }
      for (let position = chunk.first; position < chunk.last; position++) {
        tags[column]![position] = position === chunk.first ? index : index + 1;
        inside[position] = 1;
      }
    }
  });
  const ending = encode(`${padding}\n`);
  for (const { first, last } of tokens.sentences) {
    for (let position = first; position < last; position++) {
      if (inside[position] === 0) {
        out.appendRangeAndPacked(doc.text, unitStarts[position]!, unitEnds[position]!, outside);
        continue;
      }
      out.appendRangeAndPacked(doc.text, unitStarts[position]!, unitEnds[position]!, UNDERSCORES);
      for (let column = 0; column < columns; column++) out.appendBytes(tagBytes[tags[column]![position]!]!);
      out.appendBytes(ending);
    }
    out.appendByte(NEWLINE);
  }
  return columns;
}

const encoder = new TextEncoder();
/** Line endings and tags recur from document to document: each is encoded once. */
const encoded = new Map<string, Uint8Array>();
function encode(text: string): Uint8Array {
  let bytes = encoded.get(text);
  if (!bytes) {
    bytes = encoder.encode(text);
    if (encoded.size < 10_000) encoded.set(text, bytes);
  }
  return bytes;
}
const SPACE_O = encode(' O');
/** Packed encodings, for what is appended once per token. */
const packed = new Map<string, PackedBytes>();
function encodePacked(text: string): PackedBytes {
  let bytes = packed.get(text);
  if (!bytes) {
    bytes = packBytes(encoder.encode(text));
    if (packed.size < 10_000) packed.set(text, bytes);
  }
  return bytes;
}
const UNDERSCORES = encodePacked(' _ _');

/** A stretch of a part's file: how many bytes of it were written with how many tag columns. */
interface Stretch {
  bytes: number;
  columns: number;
}

/** Stretches to pad are at most about this long, so that padding a large export never holds it whole. */
const STRETCH_BYTES = 1 << 20;
/** Bytes of blocks gathered before they go to the file. */
const WRITE_BYTES = 1 << 19;

function session(context: FormatContext): FormatSession {
  const parts: { folder: OutputFolder; fileName: string; stretches: Stretch[] }[] = [];
  // The most tag columns any document has needed so far. Documents are written with at least that many, so
  // only those written before the last increase need padding at the end.
  let most = 1;
  return {
    openPart(folder, fileName) {
      const file = folder.open(fileName);
      const stretches: Stretch[] = [];
      const out = new Utf8Builder(WRITE_BYTES * 2);
      parts.push({ folder, fileName, stretches });
      return {
        async write(document) {
          const start = out.length;
          const width = most;
          most = Math.max(most, conllBlock(document, context, width, out));
          const block = out.view(start);
          const columns = Math.max(width, most);
          const last = stretches[stretches.length - 1];
          if (last && last.columns === columns && last.bytes + block.length <= STRETCH_BYTES) last.bytes += block.length;
          else stretches.push({ bytes: block.length, columns });
          if (out.length >= WRITE_BYTES) await file.writeBytes(out.take());
          return block;
        },
        end: async () => {
          if (out.length > 0) await file.writeBytes(out.take());
          await file.close();
        },
      };
    },
    async finish() {
      // Overlaps found late mean earlier documents have fewer tag columns: pad them, so every line has the same.
      if (parts.every(({ stretches }) => stretches.every(({ columns }) => columns === most))) return;
      for (const { folder, fileName, stretches } of parts) {
        await folder.rewritePieces(
          fileName,
          stretches.map(({ bytes, columns }) => ({ bytes, rewrite: columns === most ? null : (text: string) => padLines(text, most - columns) })),
        );
      }
    },
  };
}

/**
 * Adds `missing` O columns to each line of whole blocks that is not empty. A block's empty lines are single
 * (after its -DOCSTART- line and after each sentence), so each one is the second of two line breaks in a row.
 */
function padLines(text: string, missing: number): string {
  const padding = ' O'.repeat(missing);
  return text.replaceAll('\n', `${padding}\n`).replaceAll(`\n${padding}\n`, '\n\n');
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
