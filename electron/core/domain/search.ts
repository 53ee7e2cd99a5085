/**
 * Corpus search (issue #11): the store finds and ranks the documents a query matches (sqlite/corpus-search.ts);
 * here their hits are found again in their texts, in code points, each with a snippet, and an annotation search
 * keeps the annotations whose covered text the query matches.
 */
import {
  ANNOTATION_ROW_TEXT_MAX,
  SEARCH_HITS_MAX,
  type SearchDocument,
  type SearchHit,
  type SearchQuery,
  type SearchResults,
  type SearchSnippet,
} from '../../shared/types.ts';
import type { CorpusQueries } from '../repository.ts';
import { allLeaves, evaluate, positiveLeaves, withoutExclusions, type SearchLeaf, type SearchNode } from './search-query.ts';
import { SearchText } from './search-text.ts';

const DEFAULT_SEARCH_LIMIT = 50;

/** Code points of context a snippet shows at most on either side of its hit. */
export const SNIPPET_REACH = 60;

/** Answers `params`, whose query `query` is (parsed by `parseSearchQuery`). */
export async function searchCorpus(queries: CorpusQueries, query: SearchNode, params: SearchQuery): Promise<SearchResults> {
  const limit = params.limit ?? DEFAULT_SEARCH_LIMIT;
  const labelIds = params.labelIds ?? [];
  const actorId = params.actorId ?? null;
  const leaves = positiveLeaves(query);
  const everyLeaf = allLeaves(query);
  if (labelIds.length === 0 && actorId === null) {
    const found = await queries.searchDocuments(query, limit);
    return {
      total: found.total,
      documents: found.documents.map((document) => {
        const text = new SearchText(document.text);
        const ranges = hitRanges(text, leaves);
        return {
          documentId: document.id,
          title: document.title,
          publishedAt: document.publishedAt,
          hitCount: ranges.length,
          hits: ranges.slice(0, SEARCH_HITS_MAX).map(([start, end]) => ({ start, end, snippet: snippet(text.points, start, end) })),
          annotations: [],
        };
      }),
    };
  }

  // An annotation matches when its covered text does; a document that the query without its NOTs does not match
  // cannot hold one.
  const candidates = await queries.searchAnnotations(withoutExclusions(query), { labelIds, actorId });
  const documents: SearchDocument[] = [];
  let total = 0;
  for (const annotation of candidates) {
    const hits: SearchHit[] = [];
    const found = new Set<SearchLeaf>();
    for (const fragment of annotation.fragments) {
      const text = new SearchText(fragment.text);
      for (const leaf of everyLeaf) if (leafRanges(text, leaf).length > 0) found.add(leaf);
      for (const [start, end] of hitRanges(text, leaves)) {
        hits.push({ start: fragment.start + start, end: fragment.start + end, snippet: snippet(text.points, start, end) });
      }
    }
    if (!evaluate(query, (leaf) => found.has(leaf))) continue;
    let document = documents.at(-1);
    if (document?.documentId !== annotation.documentId) {
      total++;
      if (documents.length >= limit) continue;
      document = { documentId: annotation.documentId, title: annotation.title, publishedAt: annotation.publishedAt, hitCount: 0, hits: [], annotations: [] };
      documents.push(document);
    }
    document.hitCount += hits.length;
    document.hits.push(...hits.slice(0, SEARCH_HITS_MAX - document.hits.length));
    const covered = annotation.fragments.map((fragment) => fragment.text).join(' ');
    document.annotations.push({
      id: annotation.id,
      labelId: annotation.labelId,
      start: annotation.fragments[0]!.start,
      end: annotation.fragments.at(-1)!.end,
      text: Array.from(covered).slice(0, ANNOTATION_ROW_TEXT_MAX).join(''),
    });
  }
  return { total, documents };
}

function leafRanges(text: SearchText, leaf: SearchLeaf): [number, number][] {
  return leaf.kind === 'words' ? text.phrase(leaf.terms, leaf.prefix) : text.substring(leaf.needle);
}

/** Where the leaves match in `text`, in reading order; overlapping matches (moscow and moscow*) are one hit. */
export function hitRanges(text: SearchText, leaves: readonly SearchLeaf[]): [number, number][] {
  const ranges = leaves.flatMap((leaf) => leafRanges(text, leaf)).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const range of ranges) {
    const last = merged.at(-1);
    if (last && range[0] < last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}

/**
 * The hit `start`–`end` of `points` (a text's code points) with up to SNIPPET_REACH code points either side, cut
 * back to whole words where a space is near.
 */
function snippet(points: readonly string[], start: number, end: number): SearchSnippet {
  const length = points.length;
  let from = Math.max(0, start - SNIPPET_REACH);
  if (from > 0) {
    const space = points.slice(from, start).findIndex((point) => /\s/u.test(point));
    if (space >= 0 && from + space + 1 < start) from += space + 1;
  }
  let to = Math.min(length, end + SNIPPET_REACH);
  if (to < length) {
    const tail = points.slice(end, to);
    let space = -1;
    for (let index = tail.length - 1; index >= 0; index--) {
      if (/\s/u.test(tail[index]!)) {
        space = index;
        break;
      }
    }
    if (space > 0) to = end + space;
  }
  return { before: points.slice(from, start).join(''), match: points.slice(start, end).join(''), after: points.slice(end, to).join('') };
}
