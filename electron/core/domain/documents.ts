/** The rules for documents: a title, a text stored verbatim but for BOM and line ends, and what may change later. */
import { codePointLength } from '../../shared/offsets.ts';
import type { DocumentPatch, DocumentStatus, NewDocument, TextNormalisation } from '../../shared/types.ts';
import { invalid } from '../errors.ts';
import type { DocumentColumns, NewDocumentRow } from '../repository.ts';
import { contentHash, normaliseText } from '../text.ts';

/** A text already normalised (by an importer that had to map offsets), with what that changed and its measures. */
export interface NormalisedText {
  text: string;
  normalisation: TextNormalisation;
  contentHash: string;
  length: number;
}

/** Normalises a text that arrives raw (typed or pasted into the app, a sample) and measures it. */
export function normalised(raw: string): NormalisedText {
  const { text, normalisation } = normaliseText(raw);
  return { text, normalisation, contentHash: contentHash(text), length: codePointLength(text) };
}

/** The row of a new document; its `text` is ignored in favour of `normalisedText`. */
export function newDocumentRow(document: NewDocument, normalisedText: NormalisedText, status: DocumentStatus, timestamp: string): NewDocumentRow {
  const title = document.title.trim();
  if (!title) throw invalid('title', 'a document needs a title');
  const { text } = normalisedText;
  if (text.includes('\r') || text.charCodeAt(0) === 0xfeff) throw new Error('a text said to be normalised still has a BOM or CR');
  return {
    title,
    text,
    length: normalisedText.length,
    contentHash: normalisedText.contentHash,
    source: document.source ?? null,
    url: document.url ?? null,
    author: document.author ?? null,
    publishedAt: document.publishedAt ?? null,
    language: document.language ?? null,
    metadata: document.metadata ?? {},
    normalisation: normalisedText.normalisation,
    status,
    isSample: document.isSample ?? false,
    createdAt: timestamp,
  };
}

/** The columns a patch changes; a title must stay non-empty and is trimmed. */
export function patchedColumns(patch: DocumentPatch): Partial<DocumentColumns> {
  const columns: Partial<DocumentColumns> = {};
  for (const [key, value] of Object.entries(patch) as [keyof DocumentPatch, string | null | undefined][]) {
    if (value === undefined) continue;
    if (key === 'title') {
      if (!value?.trim()) throw invalid('patch.title', 'a document needs a title');
      columns.title = value.trim();
    } else (columns as Record<string, string | null>)[key] = value;
  }
  return columns;
}
