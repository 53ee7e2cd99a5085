/**
 * Token-per-line files: CoNLL-2003 (`token POS chunk TAG`), two-column IOB (`token TAG`), and indexed columns
 * (`1<TAB>token<TAB>…<TAB>TAG`, as the UKP argument essays). The tag is the last column; the token the first,
 * or the second when the first is a running index. In the CoNLL-2003 layout (`token POS chunk TAG…`, four
 * columns or more) every column after the chunk is a tag column: Parley's export writes one per level of
 * overlap, and each column's runs become annotations of their own. Tags may be IOB1, IOB2, BIOES or BILUO.
 *
 * The text is rebuilt from the tokens, joined by one space, with a line break at each blank line (a sentence
 * boundary); `-DOCSTART-` starts a new document. The original spacing is not in the file, so it cannot be kept.
 * Each tagged run of tokens becomes an annotation over those tokens. A tag type with colons (`Claim:For`,
 * `Premise:-1:Support`) gives the label before the first colon and keeps the rest in the attribute `detail`.
 */
import type { Fragment } from '../../../shared/types.ts';
import type { ImportedAnnotation, ImportedDocument } from '../../workspace.ts';
import { decodeText } from '../decode.ts';
import { fileTitle, importedDocument, nameProblem, titleFromText } from '../document.ts';
import { checkpoint, type FileParser } from '../parse.ts';
import { ImportFileError, ProblemList, quote } from '../problems.ts';
import { SourceText } from '../source-text.ts';

/** The attribute that keeps what follows the label in a tag type such as `Claim:For`. */
export const CONLL_DETAIL_ATTRIBUTE = 'detail';

const LINES_PER_CHECKPOINT = 20000;

/** `O`, or a position prefix (B, I, E, S, L, U) and a type: `B-PER`, `I_ORG`. */
const TAG = /^(?:O|([BIESLU])[-_](.+))$/;

interface OpenSpan {
  type: string;
  start: number;
  end: number;
}

interface DocumentBuilder {
  line: number;
  text: string;
  /** Length of `text` in code points. */
  length: number;
  annotations: ImportedAnnotation[];
  /** The span each tag column has open. */
  open: (OpenSpan | null)[];
  /** The previous line was a token (not a blank line or the start). */
  inSentence: boolean;
}

export const parseConll: FileParser = async (input, bytes, options) => {
  const { text: raw, encoding } = decodeText(bytes);
  const lines = raw.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const problems = new ProblemList();
  const builders: DocumentBuilder[] = [];
  let current: DocumentBuilder | null = null;
  let indexed: boolean | undefined;

  for (const [index, text] of lines.entries()) {
    if (index % LINES_PER_CHECKPOINT === LINES_PER_CHECKPOINT - 1) await checkpoint(options.signal);
    const line = index + 1;
    if (!text.trim()) {
      if (current) endSentence(current);
      continue;
    }
    const columns = text.includes('\t') ? text.split('\t').map((column) => column.trim()) : text.trim().split(/\s+/);
    if (columns[0] === '-DOCSTART-') {
      current = null;
      continue;
    }
    const last = TAG.exec(columns[columns.length - 1]!);
    if (text.startsWith('#') && (!last || columns.length < 2)) continue; // a comment (CoNLL-U's "# text = …")
    if (columns.length < 2) {
      problems.add(line, `has no tag: a token line needs at least a token and a tag (${quote(text, 40)})`);
      continue;
    }
    indexed ??= columns.length >= 3 && /^\d+$/.test(columns[0]!);
    const tags = (!indexed && columns.length >= 4 ? columns.slice(3) : columns.slice(-1)).map((tag) => ({ tag, match: TAG.exec(tag) }));
    const bad = tags.find(({ match }) => !match);
    if (bad) {
      problems.add(line, `${quote(bad.tag, 40)} is not an IOB, BIOES or BILUO tag (O, B-X, I-X, E-X, S-X, L-X or U-X)`);
      continue;
    }
    const token = columns[indexed ? 1 : 0]!;
    if (!current) {
      current = { line, text: '', length: 0, annotations: [], open: [], inSentence: false };
      builders.push(current);
    }
    addToken(current, token, tags.map(({ match }) => ({ position: match![1], type: match![2] })), line, problems);
  }
  const documents: ImportedDocument[] = [];
  for (const [position, builder] of builders.entries()) {
    closeSpans(builder);
    if (builder.length === 0) continue;
    const name = builders.length > 1 ? `${fileTitle(input.name)} ${position + 1}` : fileTitle(input.name);
    const source = new SourceText(builder.text);
    documents.push(
      importedDocument(source, { file: input.storedName, format: 'conll', encoding, line: builder.line }, {
        fields: { title: titleFromText(source.text, name) },
        annotations: builder.annotations,
      }),
    );
  }
  problems.throwIfAny();
  if (documents.length === 0) throw new ImportFileError('has no tokens');
  return { documents, warnings: [], skipped: [] };
};

function addToken(builder: DocumentBuilder, token: string, tags: { position: string | undefined; type: string | undefined }[], line: number, problems: ProblemList): void {
  if (builder.inSentence) {
    builder.text += ' ';
    builder.length += 1;
  }
  const start = builder.length;
  builder.text += token;
  builder.length += [...token].length;
  builder.inSentence = true;
  const end = builder.length;
  tags.forEach(({ position, type }, column) => {
    if (position === undefined || type === undefined) {
      closeSpan(builder, column);
      return;
    }
    const labelProblem = nameProblem(type.split(':')[0]!, 'label');
    if (labelProblem) {
      problems.add(line, labelProblem);
      return;
    }
    const open = builder.open[column];
    if (open?.type === type && (position === 'I' || position === 'E' || position === 'L')) open.end = end;
    else {
      closeSpan(builder, column);
      builder.open[column] = { type, start, end };
    }
    if (position === 'E' || position === 'L' || position === 'S' || position === 'U') closeSpan(builder, column);
  });
}

function endSentence(builder: DocumentBuilder): void {
  closeSpans(builder);
  if (builder.inSentence) {
    builder.text += '\n';
    builder.length += 1;
    builder.inSentence = false;
  }
}

function closeSpans(builder: DocumentBuilder): void {
  builder.open.forEach((_, column) => closeSpan(builder, column));
}

function closeSpan(builder: DocumentBuilder, column: number): void {
  const span = builder.open[column];
  if (!span) return;
  builder.open[column] = null;
  const [label, ...detail] = span.type.split(':');
  const fragment: Fragment = [span.start, span.end];
  builder.annotations.push({
    key: `#${builder.annotations.length + 1}`,
    label: label!,
    fragments: [fragment],
    ...(detail.length > 0 ? { attributes: { [CONLL_DETAIL_ATTRIBUTE]: detail.join(':') } } : {}),
  });
}
