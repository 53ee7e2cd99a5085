/**
 * Test helpers for brat round trips: importing a folder of brat pairs with the brat importer, and comparing
 * .ann files as sets of lines up to their ids.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { importFile, type Workspace } from '../../workspace.ts';
import { parseBrat } from '../../import/formats/brat.ts';
import { parseAnnotationConf } from '../../import/formats/brat-conf.ts';
import type { FileProblem } from '../../import/problems.ts';

export interface BratFile {
  /** The .txt's stem, which the export keeps. */
  stem: string;
  ann: string;
  /** Lines of the .ann that the importer said it could not keep (1-based). */
  dropped: Set<number>;
}

export interface BratImport {
  files: BratFile[];
  /** Pairs the importer refused, with its message. */
  refused: { ann: string; message: string }[];
}

function input(path: string) {
  const bytes = readFileSync(path);
  return { name: path, storedName: path, size: bytes.length, read: async () => new Uint8Array(bytes) };
}

/** Imports each .txt/.ann pair with the brat importer (and the folder's annotation.conf, if any), one at a time. */
export async function importBratPairs(workspace: Workspace, folder: string, pairs: { txt: string; ann: string; annotator?: string }[]): Promise<BratImport> {
  const confPath = join(folder, 'annotation.conf');
  const config = existsSync(confPath) ? parseAnnotationConf(readFileSync(confPath, 'utf8')) : undefined;
  const result: BratImport = { files: [], refused: [] };
  for (const pair of pairs) {
    const text = input(pair.txt);
    const ann = input(pair.ann);
    let parsed;
    try {
      parsed = await parseBrat({ text, ann, ...(config ? { config } : {}), ...(pair.annotator ? { annotator: pair.annotator } : {}) }, await text.read(), await ann.read());
    } catch (error) {
      result.refused.push({ ann: pair.ann, message: (error as Error).message });
      continue;
    }
    await importFile(workspace, parsed.documents, { duplicates: 'skip' });
    result.files.push({
      stem: basename(pair.txt).replace(/\.txt$/, ''),
      ann: readFileSync(pair.ann, 'utf8'),
      // The importer warns about lines it cannot keep (a note on a relation, an equivalence of an annotation
      // with itself): those lines cannot come back.
      dropped: new Set(parsed.warnings.flatMap((warning: FileProblem) => (warning.line && /is not (kept|stored)/.test(warning.message) ? [warning.line] : []))),
    });
  }
  return result;
}

/** The .txt/.ann pairs of a brat folder where both share a stem. */
export function bratPairs(folder: string): { txt: string; ann: string }[] {
  return readdirSync(folder)
    .filter((name) => name.endsWith('.ann') && existsSync(join(folder, name.replace(/\.ann$/, '.txt'))))
    .sort()
    .map((name) => ({ txt: join(folder, name.replace(/\.ann$/, '.txt')), ann: join(folder, name) }));
}

/**
 * A T's type and offsets with its fragments in text order: Parley keeps fragments sorted, so a span that brat
 * lists as `1185 1274;941 1184` comes back as `941 1184;1185 1274` (the same characters).
 */
function sortedSpan(head: string): string {
  const [type = '', offsets = ''] = head.trim().split(/ (.*)/s);
  const fragments = offsets.split(';').map((pair) => pair.split(' ').map(Number) as [number, number]);
  return `${type} ${fragments.sort((a, b) => a[0] - b[0]).map((pair) => pair.join(' ')).join(';')}`;
}

/** Checks that every T's text column is its fragments' text in `text`, in the order listed, joined by a space. */
export function textColumnsMatch(ann: string, text: string): string[] {
  const characters = Array.from(text);
  const problems: string[] = [];
  for (const line of ann.split('\n')) {
    const [id = '', head = '', ...rest] = line.split('\t');
    if (!id.startsWith('T')) continue;
    const fragments = head.split(/ (.*)/s)[1]!.split(';').map((pair) => pair.split(' ').map(Number) as [number, number]);
    const expected = fragments.map(([start, end]) => characters.slice(start, end).join('')).join(' ');
    if (rest.join('\t') !== expected) problems.push(line);
  }
  return problems;
}

/**
 * The lines of an .ann with every id replaced by what it identifies, so that two files that say the same with
 * different numbering compare equal as sets: a T by its type and offsets (its text column is checked apart, by
 * `textColumnsMatch`), an E by its type and trigger, and the
 * lines that refer to them through those. `M` (brat's old name for attributes) reads as `A`; white space around
 * text columns is trimmed, as the importer trims it. `skip` holds line numbers to leave out.
 */
export function canonicalAnn(ann: string, skip: ReadonlySet<number> = new Set()): Set<string> {
  const lines = ann.split('\n').map((line) => line.replace(/\r$/, ''));
  const names = new Map<string, string>();
  for (const line of lines) {
    const [id = '', head = ''] = line.split('\t');
    if (id.startsWith('T')) names.set(id, `[${sortedSpan(head)}]`);
  }
  for (const line of lines) {
    const [id = '', head = ''] = line.split('\t');
    if (id.startsWith('E')) {
      const [trigger = ''] = head.trim().split(/\s+/);
      const [type, t] = trigger.split(':');
      names.set(id, `{${type} ${names.get(t!) ?? t}}`);
    }
  }
  const name = (id: string) => names.get(id) ?? id;
  const canonical = new Set<string>();
  lines.forEach((line, index) => {
    if (!line.trim() || skip.has(index + 1)) return;
    const [id = '', head = '', ...rest] = line.split('\t');
    const text = rest.join('\t').trim();
    const fields = head.trim().split(/\s+/);
    switch (id[0]) {
      case 'T':
        canonical.add(`T ${sortedSpan(head)}`);
        break;
      case 'E':
        canonical.add(`E ${name(id)} ${fields.slice(1).map((arg) => { const [role, target] = arg.split(':'); return `${role}:${name(target!)}`; }).sort().join(' ')}`);
        break;
      case 'R':
        canonical.add(`R ${fields[0]} ${fields.slice(1).map((arg) => { const [role, target] = arg.split(':'); return `${role}:${name(target!)}`; }).join(' ')}`);
        break;
      case '*':
        canonical.add(`* ${fields[0]} ${fields.slice(1).map(name).sort().join(' ')}`);
        break;
      case 'A':
      case 'M':
        canonical.add(`A ${fields[0]} ${name(fields[1]!)}${fields[2] ? ` ${fields[2]}` : ''}`);
        break;
      case 'N':
        canonical.add(`N ${fields[0]} ${name(fields[1]!)} ${fields[2]} ${text}`);
        break;
      case '#':
        // The importer keeps notes of other types than AnnotatorNotes in the note as "Type: text" (Parley notes
        // have no type), and the export writes them back as AnnotatorNotes: that is the form compared.
        canonical.add(fields[0] === 'AnnotatorNotes' ? `# AnnotatorNotes ${name(fields[1]!)} ${text}` : `# AnnotatorNotes ${name(fields[1]!)} ${fields[0]}: ${text}`);
        break;
      default:
        canonical.add(line);
    }
  });
  return canonical;
}
