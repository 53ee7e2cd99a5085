/** Helpers for the import tests: parsing inline fixtures, reading what a workspace stored. */
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { fileURLToPath } from 'node:url';
import type { Fragment } from '../../../shared/types.ts';
import type { FileParser, ParseContext, ParseOptions, ParseResult } from '../parse.ts';
import { ImportFileError, type FileProblem } from '../problems.ts';

/** The shared test data beside the repository (`../shared/data/`). */
export const DATA = fileURLToPath(new URL('../../../../../shared/data/', import.meta.url));

export const NO_WORKSPACE: ParseContext = { findDocumentsByUrl: async () => [] };

/** Runs `parser` on an inline file. */
export function parse(parser: FileParser, name: string, content: string | Uint8Array, options: ParseOptions = {}, context = NO_WORKSPACE): Promise<ParseResult> {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  return parser({ name, storedName: name, size: bytes.length, read: async () => bytes }, bytes, options, context);
}

/** The problems a parse fails with; fails the test if it does not fail. */
export async function problemsOf(work: Promise<unknown>): Promise<FileProblem[]> {
  try {
    await work;
  } catch (error) {
    if (error instanceof ImportFileError) return error.problems;
    throw error;
  }
  assert.fail('the parse should have failed');
}

export interface StoredAnnotation {
  documentId: number;
  title: string;
  label: string;
  fragments: Fragment[];
  text: string;
  /** The document's text at the fragments, joined by a space: what the annotation covers now. */
  covered: string;
  attributes: Record<string, unknown>;
  note: string;
  author: string;
  origin: string;
}

/** Every annotation of the workspace file at `path`, read straight from SQLite (read-only). */
export function storedAnnotations(path: string): StoredAnnotation[] {
  const db = new Database(path, { readonly: true });
  try {
    const rows = db
      .prepare<[], { document_id: number; title: string; doc: string; label: string; fragments: string; text: string; attributes: string; note: string; author: string; origin: string }>(
        `SELECT a.document_id, d.title, d.text AS doc, l.name AS label, a.fragments, a.text, a.attributes, a.note, a.author, a.origin
         FROM annotations a JOIN documents d ON d.id = a.document_id JOIN labels l ON l.id = a.label_id ORDER BY a.id`,
      )
      .all();
    const texts = new Map<number, string[]>();
    return rows.map((row) => {
      const characters = texts.get(row.document_id) ?? [...row.doc];
      texts.set(row.document_id, characters);
      const fragments = JSON.parse(row.fragments) as Fragment[];
      return {
        documentId: row.document_id,
        title: row.title,
        label: row.label,
        fragments,
        text: row.text,
        covered: fragments.map(([start, end]) => characters.slice(start, end).join('')).join(' '),
        attributes: JSON.parse(row.attributes) as Record<string, unknown>,
        note: row.note,
        author: row.author,
        origin: row.origin,
      };
    });
  } finally {
    db.close();
  }
}

/** The texts of the workspace's documents, by id. */
export function storedTexts(path: string): Map<number, string> {
  const db = new Database(path, { readonly: true });
  try {
    return new Map(db.prepare<[], { id: number; text: string }>('SELECT id, text FROM documents').all().map((row) => [row.id, row.text]));
  } finally {
    db.close();
  }
}
