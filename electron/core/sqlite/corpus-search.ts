/**
 * The corpus search's SQL: which documents a query (domain/search-query.ts) matches and how well, over the two
 * full-text indexes of the texts. A query of words only is one FTS5 match on the word index (migration 0002),
 * ranked by bm25. A query with Han or kana text is a condition per leaf, each answered by its own index: words by
 * the word index, Han or kana text of three characters or more by the trigram index (0008), shorter ones by
 * looking in the texts that index holds; such a query is ranked by how often its Han or kana text occurs, then by
 * the bm25 of its words. Only the text is searched, never the title (the document list finds titles).
 */
import type Database from 'better-sqlite3';
import { ftsExpression, ftsPhrase, positiveLeaves, type SearchLeaf, type SearchNode } from '../domain/search-query.ts';
import { UNSPACED_SCRIPT_RANGES } from '../domain/search-text.ts';
import type { SearchedAnnotation, SearchedDocument } from '../repository.ts';
import { cachedStatement } from './statements.ts';

/** The condition "`column` holds Han or kana", as migration 0010 writes it. */
export const HAN_TEXT = (column: string): string =>
  `${column} GLOB '*[${UNSPACED_SCRIPT_RANGES.map(([first, last]) => `${String.fromCodePoint(first)}-${String.fromCodePoint(last)}`).join('')}]*'`;

/** The trigram tokenizer indexes runs of three characters: a shorter substring is looked for in the texts. */
const TRIGRAM = 3;

/** A SELECT of (id, score) of the documents a query matches, lower scores better, with its parameters. */
interface Matching {
  sql: string;
  params: unknown[];
}

/** Only the `text` column of the word index: `title` is there for the document filter of exports. */
const inText = (expression: string): string => `text : (${expression})`;

function hasSubstrings(node: SearchNode): boolean {
  if (node.kind === 'substring') return true;
  if (node.kind === 'words') return false;
  return hasSubstrings(node.left) || hasSubstrings(node.right);
}

function matching(node: SearchNode): Matching {
  if (!hasSubstrings(node)) {
    return { sql: 'SELECT rowid AS id, rank AS score FROM documents_fts WHERE documents_fts MATCH ?', params: [inText(ftsExpression(node))] };
  }
  const params: unknown[] = [];
  const condition = (part: SearchNode): string => {
    switch (part.kind) {
      case 'words':
        params.push(inText(ftsPhrase(part)));
        return 'd.id IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)';
      case 'substring':
        if (Array.from(part.source).length >= TRIGRAM) {
          params.push(`"${part.source.replaceAll('"', '""')}"`);
          return 'd.id IN (SELECT rowid FROM documents_han WHERE documents_han MATCH ?)';
        }
        params.push(part.source);
        return '(d.id IN (SELECT rowid FROM documents_han) AND instr(d.text, ?) > 0)';
      case 'and':
        return `(${condition(part.left)} AND ${condition(part.right)})`;
      case 'or':
        return `(${condition(part.left)} OR ${condition(part.right)})`;
      case 'not':
        return `(${condition(part.left)} AND NOT ${condition(part.right)})`;
    }
  };
  const where = condition(node);
  const positive = positiveLeaves(node);
  const substrings = positive.filter((leaf): leaf is Extract<SearchLeaf, { kind: 'substring' }> => leaf.kind === 'substring');
  const words = positive.filter((leaf): leaf is Extract<SearchLeaf, { kind: 'words' }> => leaf.kind === 'words');
  const occurrences = substrings.map(() => '(length(d.text) - length(replace(d.text, ?, ?))) / length(?)').join(' + ');
  const scoreParams = substrings.flatMap((leaf) => [leaf.source, '', leaf.source]);
  // Lower is better: every occurrence of the Han or kana text, then the words' bm25 (negative, better the lower).
  const bm25 = words.length > 0 ? ' + coalesce(w.score, 0)' : '';
  const wordJoin =
    words.length > 0 ? ' LEFT JOIN (SELECT rowid AS id, rank AS score FROM documents_fts WHERE documents_fts MATCH ?) w ON w.id = d.id' : '';
  const joinParams = words.length > 0 ? [inText(words.map(ftsPhrase).join(' OR '))] : [];
  return {
    sql: `SELECT d.id AS id, -(${occurrences})${bm25} AS score FROM documents d${wordJoin} WHERE ${where}`,
    params: [...scoreParams, ...joinParams, ...params],
  };
}

export function searchDocuments(db: Database.Database, query: SearchNode, limit: number): { total: number; documents: SearchedDocument[] } {
  return db.transaction(() => {
    if (!hasSubstrings(query)) {
      // FTS5's own "ORDER BY rank LIMIT" keeps only the best rows as it ranks: two to three times quicker at
      // 10,000 articles than ranking inside a join.
      const expression = inText(ftsExpression(query));
      const total = cachedStatement<[string], { n: number }>(db, 'SELECT count(*) AS n FROM documents_fts WHERE documents_fts MATCH ?').get(expression)!.n;
      const ids = cachedStatement<[string, number], { id: number }>(db, 'SELECT rowid AS id FROM documents_fts WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?')
        .all(expression, limit)
        .map((row) => row.id);
      const byId = new Map(
        cachedStatement<[string], SearchedDocument>(db, 'SELECT id, title, published_at AS publishedAt, text FROM documents WHERE id IN (SELECT value FROM json_each(?))')
          .all(JSON.stringify(ids))
          .map((document) => [document.id, document]),
      );
      return { total, documents: ids.map((id) => byId.get(id)!) };
    }
    const { sql, params } = matching(query);
    const total = cachedStatement<unknown[], { n: number }>(db, `SELECT count(*) AS n FROM (${sql})`).get(...params)!.n;
    const documents = cachedStatement<unknown[], SearchedDocument>(
      db,
      `SELECT d.id, d.title, d.published_at AS publishedAt, d.text FROM (${sql}) m JOIN documents d ON d.id = m.id ORDER BY m.score, m.id LIMIT ?`,
    ).all(...params, limit);
    return { total, documents };
  })();
}

export function searchAnnotations(db: Database.Database, query: SearchNode, filter: { labelIds: number[]; actorId: number | null }): SearchedAnnotation[] {
  const { sql, params } = matching(query);
  const conditions: string[] = [];
  const filterParams: unknown[] = [];
  if (filter.labelIds.length > 0) {
    conditions.push('a.label_id IN (SELECT value FROM json_each(?))');
    filterParams.push(JSON.stringify(filter.labelIds));
  }
  if (filter.actorId !== null) {
    conditions.push('a.id IN (SELECT annotation_id FROM annotation_actors WHERE actor_id = ?)');
    filterParams.push(filter.actorId);
  }
  const rows = cachedStatement<unknown[], { id: number; documentId: number; title: string; publishedAt: string | null; labelId: number; start: number; end: number; text: string }>(
    db,
    `SELECT a.id, a.document_id AS documentId, d.title, d.published_at AS publishedAt, a.label_id AS labelId,
            f.value ->> 0 AS start, f.value ->> 1 AS end, substr(d.text, (f.value ->> 0) + 1, (f.value ->> 1) - (f.value ->> 0)) AS text
     FROM (${sql}) m JOIN annotations a ON a.document_id = m.id JOIN documents d ON d.id = a.document_id, json_each(a.fragments) f
     ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
     ORDER BY m.score, m.id, a.start, a.end, a.id, f.key`,
  ).all(...params, ...filterParams);
  const annotations: SearchedAnnotation[] = [];
  for (const row of rows) {
    const last = annotations.at(-1);
    const fragment = { start: row.start, end: row.end, text: row.text };
    if (last?.id === row.id) last.fragments.push(fragment);
    else annotations.push({ id: row.id, documentId: row.documentId, title: row.title, publishedAt: row.publishedAt, labelId: row.labelId, fragments: [fragment] });
  }
  return annotations;
}
