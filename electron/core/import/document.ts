import { basename, extname } from 'node:path';
import type { ImportFormat, NewDocument } from '../../shared/types.ts';
import type { ImportedAnnotation, ImportedDocument, ImportedRelation } from '../workspace.ts';
import { ImportFileError } from './problems.ts';
import type { SourceText } from './source-text.ts';

/**
 * What ends a paragraph in the text Parley makes of a structured file (a web page, a Word or PDF file): one line
 * break, as in the text files news corpora and brat keep one paragraph per line. The workbench sets every line
 * as a paragraph, with space above it, so a text file and a web page of the same article look alike; a blank
 * line between paragraphs would show as an empty paragraph. Text files themselves are kept verbatim.
 */
export const PARAGRAPH_BREAK = '\n';

/** Titles longer than this are cut (at a word boundary, with an ellipsis): a first line can be a whole paragraph. */
const MAX_TITLE_LENGTH = 200;

/** The file name without folders and extension: the title of last resort. */
export function fileTitle(name: string): string {
  const base = basename(name.replace(/\\/g, '/'));
  return base.slice(0, base.length - extname(base).length) || base;
}

/** The first line of `text` with something visible on it, shortened if long, or `fallback` when there is none. */
export function titleFromText(text: string, fallback: string): string {
  for (const line of text.split('\n', 20)) {
    if (/[\p{L}\p{N}\p{P}\p{S}]/u.test(line)) return shortTitle(line);
  }
  return fallback;
}

export function shortTitle(title: string): string {
  const collapsed = title.replace(/\s+/g, ' ').trim();
  if (collapsed.length <= MAX_TITLE_LENGTH) return collapsed;
  const cut = collapsed.slice(0, MAX_TITLE_LENGTH);
  const space = cut.lastIndexOf(' ');
  return `${(space > MAX_TITLE_LENGTH / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Where a document came from, kept in its metadata: the file, the format, the encoding and, for rows, the line. */
export interface Provenance {
  file: string;
  format: ImportFormat;
  encoding?: string;
  line?: number;
}

interface DocumentParts {
  fields: Omit<NewDocument, 'text' | 'metadata'>;
  metadata?: Record<string, unknown>;
  annotations?: ImportedAnnotation[];
  relations?: ImportedRelation[];
  schema?: ImportedDocument['schema'];
}

/** An ImportedDocument of `source`'s normalised text, refusing texts with nothing but white space. */
export function importedDocument(source: SourceText, provenance: Provenance, parts: DocumentParts): ImportedDocument {
  if (source.text.trim() === '') throw new ImportFileError('has no text (only white space)', provenance.line);
  const imported: ImportedDocument = {
    document: { ...parts.fields, text: source.text, metadata: { ...parts.metadata, importedFrom: provenance } },
    normalisation: source.normalisation,
    annotations: parts.annotations ?? [],
    relations: parts.relations ?? [],
  };
  if (parts.schema && parts.schema.length > 0) imported.schema = parts.schema;
  return imported;
}

/** The longest label or relation type name the API accepts; imports keep to it too. */
const MAX_NAME_LENGTH = 64;

/**
 * Why `name` cannot name a label, attribute or relation type (empty, too long, control characters), or
 * undefined when it can. Markup in a name is harmless data (the workbench shows names as text), so it is kept.
 */
export function nameProblem(name: string, what: string): string | undefined {
  if (!name.trim()) return `the ${what} is empty`;
  if (name.length > MAX_NAME_LENGTH) return `the ${what} “${name.slice(0, 40)}…” is longer than ${MAX_NAME_LENGTH} characters`;
  if (/\p{Cc}/u.test(name)) return `the ${what} ${JSON.stringify(name)} contains control characters`;
  return undefined;
}
