/**
 * What importing the shared corpora must give, computed from the source files with a few lines of counting
 * each (T, E, R and * lines; JSON span lists; IOB tags) rather than with the importers under test.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';

/** The files under `root`, recursively, in name order, hidden ones left out. */
export function filesUnder(root: string): string[] {
  return readdirSync(root)
    .filter((name) => !name.startsWith('.'))
    .sort()
    .flatMap((name) => (statSync(join(root, name)).isDirectory() ? filesUnder(join(root, name)) : [join(root, name)]));
}

/** A text as Parley stores it: no BOM, LF line breaks. */
export function normalised(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

export interface ExpectedCorpus {
  /** Distinct document texts. */
  texts: Set<string>;
  annotations: number;
  relations: number;
  /** `label|covered text`, one entry per annotation, sorted. */
  spans: string[];
  /** Annotators named by `<article>_<annotator>.ann` files. */
  authors: Set<string>;
}

export function emptyExpectation(): ExpectedCorpus {
  return { texts: new Set(), annotations: 0, relations: 0, spans: [], authors: new Set() };
}

/**
 * brat: an annotation per T line, plus one per event that shares its trigger with an earlier event; a relation
 * per event argument, per R line, and per consecutive pair of distinct members of a * line.
 */
export function addBratPair(expected: ExpectedCorpus, txtPath: string, annPath: string): void {
  const characters = [...readFileSync(txtPath, 'utf8')];
  expected.texts.add(normalised(characters.join('')));
  const covered = new Map<string, string>();
  const triggers = new Set<string>();
  for (const line of readFileSync(annPath, 'utf8').split('\n')) {
    const textBound = /^(T\S*)\t(\S+) ([\d ;]+)\t/.exec(line);
    if (textBound) {
      const fragments = textBound[3]!.split(';').map((part) => part.split(' ').map(Number) as [number, number]).sort((a, b) => a[0] - b[0]);
      const text = fragments.map(([start, end]) => characters.slice(start, end).join('')).join(' ');
      covered.set(textBound[1]!, text);
      expected.annotations++;
      expected.spans.push(`${textBound[2]}|${text}`);
      continue;
    }
    if (/^E\S*\t/.test(line)) {
      const [head, ...args] = line.split('\t')[1]!.trim().split(' ');
      const [type, trigger] = head!.split(':') as [string, string];
      if (triggers.has(trigger)) {
        expected.annotations++;
        expected.spans.push(`${type}|${covered.get(trigger)}`);
      }
      triggers.add(trigger);
      expected.relations += args.length;
    } else if (/^R\S*\t/.test(line)) expected.relations++;
    else if (line.startsWith('*\t')) {
      const members = line.split('\t')[1]!.trim().split(' ').slice(1);
      expected.relations += members.filter((member, index) => member !== members[index - 1]).length - 1;
    }
  }
  const annotator = /_([^_]+)\.ann$/.exec(basename(annPath));
  if (annotator && basename(annPath).replace(/_[^_]+\.ann$/, '.txt') === basename(txtPath)) expected.authors.add(annotator[1]!);
}

/** doccano records: a document per record, an annotation per span (UTF-16 offsets), a relation per relation. */
export function addDoccanoRecords(expected: ExpectedCorpus, records: Record<string, unknown>[]): void {
  for (const record of records) {
    const text = String(record['text'] ?? record['column_data']);
    expected.texts.add(normalised(text));
    for (const field of ['label', 'labels', 'entities', 'annotations', 'column_label']) {
      const spans = record[field];
      if (!Array.isArray(spans)) continue;
      for (const span of spans) {
        const [start, end, label] = Array.isArray(span) ? span : [span.start_offset, span.end_offset, span.label];
        if (typeof start !== 'number') continue;
        expected.annotations++;
        expected.spans.push(`${label}|${normalised(text.slice(start, end))}`);
      }
    }
    expected.relations += Array.isArray(record['relations']) ? record['relations'].length : 0;
  }
}

/**
 * CoNLL: spans start at B-, S- and U- tags and at an I- tag after a different tag; tokens joined by spaces.
 * Returns the number of documents (parts between -DOCSTART- lines that have tokens).
 */
export function addConll(expected: ExpectedCorpus, path: string): number {
  let documents = 0;
  let text: string[] = [];
  let span: { type: string; tokens: string[] } | null = null;
  const close = () => {
    if (span) {
      expected.annotations++;
      expected.spans.push(`${span.type.split(':')[0]}|${span.tokens.join(' ')}`);
    }
    span = null;
  };
  const endDocument = () => {
    close();
    if (text.length > 0) {
      expected.texts.add(text.join(' ').replace(/ ?\n ?/g, '\n'));
      documents++;
    }
    text = [];
  };
  for (const line of readFileSync(path, 'utf8').split(/\r?\n/)) {
    if (!line.trim()) {
      close();
      if (text.length > 0 && text.at(-1) !== '\n') text.push('\n');
      continue;
    }
    const columns = line.includes('\t') ? line.split('\t') : line.trim().split(/\s+/);
    if (columns[0] === '-DOCSTART-') {
      endDocument();
      continue;
    }
    const token = columns.length >= 3 && /^\d+$/.test(columns[0]!) ? columns[1]! : columns[0]!;
    const tag = columns.at(-1)!;
    text.push(token);
    const [prefix, type] = tag === 'O' ? ['O', ''] : [tag[0]!, tag.slice(2)];
    const current = span as { type: string; tokens: string[] } | null;
    if (prefix === 'I' && current?.type === type) current.tokens.push(token);
    else {
      close();
      if (prefix !== 'O') span = { type, tokens: [token] };
    }
  }
  endDocument();
  return documents;
}
