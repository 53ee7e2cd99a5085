import type { ImportFix, NewDocument } from '../../shared/types.ts';
import { shortTitle } from './document.ts';

type DocumentField = 'title' | 'url' | 'publishedAt' | 'source' | 'author' | 'language';

/**
 * Column and field names that mean a document property, compared without case and punctuation
 * ("Published At", "published_at" and "publishedAt" are one name). Anything else stays metadata.
 */
const FIELD_NAMES: Record<DocumentField, string[]> = {
  title: ['title', 'headline'],
  url: ['url', 'link', 'canonicalurl', 'sourceurl', 'articleurl', 'permalink', 'href'],
  publishedAt: ['date', 'published', 'publishedat', 'publicationdate', 'pubdate', 'publishdate', 'datepublished', 'datetime'],
  source: ['source', 'publisher', 'outlet', 'site', 'sitename', 'media', 'newspaper', 'publication'],
  author: ['author', 'authors', 'byline', 'creator'],
  language: ['language', 'lang'],
};

const FIELD_BY_NAME = new Map<string, DocumentField>(
  Object.entries(FIELD_NAMES).flatMap(([field, names]) => names.map((name) => [name, field as DocumentField])),
);

function simplified(name: string): string {
  return name.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}


/**
 * Splits a row or record into document properties (recognised by name, first one wins) and metadata (the
 * rest, verbatim). `skip` names the fields already used for something else, such as the text.
 */
export function recordFields(
  record: Record<string, unknown>,
  skip: ReadonlySet<string>,
): { fields: Partial<Omit<NewDocument, 'text' | 'metadata'>>; metadata: Record<string, unknown> } {
  const fields: Partial<Record<DocumentField, string>> = {};
  const metadata: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(record)) {
    if (skip.has(name) || value === null || value === undefined || value === '') continue;
    const field = FIELD_BY_NAME.get(simplified(name));
    const text = asText(value);
    if (field && text !== undefined && fields[field] === undefined) fields[field] = field === 'title' ? shortTitle(text) : text;
    else metadata[name] = value;
  }
  return { fields, metadata };
}

/** A value usable as a document property: a string or number, or a list of strings (several authors). */
function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string')) return value.join(', ');
  return undefined;
}

/** Where the text is when the user names no field: `text`, or `column_data`, doccano's name for it. */
const DEFAULT_TEXT_FIELDS = ['text', 'column_data'];

/**
 * The field that holds the text: the one the user named, else a default one. Exact names first, then names
 * that differ only in case ("Text"). Undefined when there is none.
 */
export function textFieldOf(names: readonly string[], requested: string | undefined): string | undefined {
  const wanted = requested ? [requested] : DEFAULT_TEXT_FIELDS;
  for (const name of wanted) if (names.includes(name)) return name;
  for (const name of wanted) {
    const match = names.find((candidate) => candidate.toLowerCase() === name.toLowerCase());
    if (match) return match;
  }
  return undefined;
}

/** The problem of a table or record without the text field, with what there is to choose from. */
export function missingTextField(names: readonly string[], requested: string | undefined, kind: 'column' | 'field'): { message: string; fix: ImportFix } {
  const message = requested ? `has no ${kind} named “${requested}”` : `has no “text” ${kind}: name the one that holds the text`;
  return { message, fix: { option: 'textField', choices: [...names] } };
}
