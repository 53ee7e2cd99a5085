/**
 * The corpus search's query language, read here rather than handed to SQLite, so that a mistake gets a plain
 * message naming it (never an FTS5 syntax error) and the hits can be found again in the text:
 *
 *   Pokrovsk              a word (case and Latin diacritics ignored)
 *   "peace plan"          a phrase: these words one after another
 *   moscow*  "peace pl"*  a word, or a phrase's last word, beginning so
 *   a b  /  a AND b       both;  a OR b: either;  a NOT b: a without b;  ( ) group
 *   普京                   text in Han or kana: found as written, inside longer runs too
 *
 * As in FTS5, AND, OR and NOT are operators only in capitals, NOT binds tightest and OR loosest.
 */
import { invalid } from '../errors.ts';
import { foldText, inUnspacedScript, wordsOf } from './search-text.ts';

/** Words one after another (one word is a phrase of one), the last only as a beginning when `prefix` is set. */
export interface WordsLeaf {
  kind: 'words';
  /** Folded, to find them in a text. */
  terms: string[];
  /** As written, for SQLite to fold itself. */
  sources: string[];
  prefix: boolean;
}

/** Han or kana text (with anything else written with it), searched as a substring of the folded text. */
export interface SubstringLeaf {
  kind: 'substring';
  /** Folded, to find it in a text. */
  needle: string;
  /** As written, whitespace collapsed, for SQLite. */
  source: string;
}

export type SearchLeaf = WordsLeaf | SubstringLeaf;
export type SearchNode = SearchLeaf | { kind: 'and' | 'or' | 'not'; left: SearchNode; right: SearchNode };

type Piece =
  | { kind: 'leaf'; leaf: SearchLeaf; at: number }
  | { kind: 'operator'; operator: 'AND' | 'OR' | 'NOT'; at: number }
  | { kind: 'open' | 'close'; at: number };

const FIELD = 'query';
const fail = (message: string) => invalid(FIELD, message);

/** Reads `query`; throws an `invalid_params` error on the field `query` that says what is wrong and where. */
export function parseSearchQuery(query: string): SearchNode {
  const pieces = lex(query);
  if (pieces.length === 0) throw fail('type a word or "a phrase" to search for');
  let next = 0;
  const peek = (): Piece | undefined => pieces[next];

  const primary = (): SearchNode => {
    const piece = pieces[next];
    if (piece === undefined) {
      const last = pieces[next - 1]!;
      throw fail(last.kind === 'operator' ? `${last.operator} at the end needs a word or phrase after it` : 'the query ends too soon');
    }
    next++;
    switch (piece.kind) {
      case 'leaf':
        return piece.leaf;
      case 'open': {
        if (peek()?.kind === 'close') throw fail(`the brackets at character ${piece.at} hold nothing to search for`);
        const inner = orExpression();
        if (peek()?.kind !== 'close') throw fail(`the bracket opened at character ${piece.at} is never closed`);
        next++;
        return inner;
      }
      case 'close':
        throw fail(`the closing bracket at character ${piece.at} has no opening one`);
      case 'operator':
        throw fail(
          piece.operator === 'NOT'
            ? `NOT at character ${piece.at} needs a word or phrase before it: it keeps what comes before and leaves out what follows (Pokrovsk NOT Kyiv)`
            : `${piece.operator} at character ${piece.at} needs a word or phrase before it`,
        );
    }
  };
  const notExpression = (): SearchNode => {
    let node = primary();
    for (let piece = peek(); piece?.kind === 'operator' && piece.operator === 'NOT'; piece = peek()) {
      next++;
      node = { kind: 'not', left: node, right: primary() };
    }
    return node;
  };
  const andExpression = (): SearchNode => {
    let node = notExpression();
    for (let piece = peek(); piece !== undefined && piece.kind !== 'close' && !(piece.kind === 'operator' && piece.operator === 'OR'); piece = peek()) {
      if (piece.kind === 'operator' && piece.operator === 'AND') next++;
      node = { kind: 'and', left: node, right: notExpression() };
    }
    return node;
  };
  const orExpression = (): SearchNode => {
    let node = andExpression();
    for (let piece = peek(); piece?.kind === 'operator' && piece.operator === 'OR'; piece = peek()) {
      next++;
      node = { kind: 'or', left: node, right: andExpression() };
    }
    return node;
  };

  const node = orExpression();
  const rest = peek();
  if (rest !== undefined) throw fail(`the closing bracket at character ${rest.at} has no opening one`);
  return node;
}

/** Splits `query` into words, phrases, operators and brackets; `at` counts code points from 1, for messages. */
function lex(query: string): Piece[] {
  const characters = Array.from(query);
  const pieces: Piece[] = [];
  let index = 0;
  while (index < characters.length) {
    const character = characters[index]!;
    const at = index + 1;
    if (/\s/u.test(character)) {
      index++;
    } else if (character === '(' || character === ')') {
      pieces.push({ kind: character === '(' ? 'open' : 'close', at });
      index++;
    } else if (character === '"') {
      const close = characters.indexOf('"', index + 1);
      if (close < 0) throw fail(`the quote at character ${at} is never closed: add the closing " or remove it`);
      const prefix = characters[close + 1] === '*';
      pieces.push({ kind: 'leaf', leaf: leafOf(characters.slice(index + 1, close).join(''), prefix, `"${characters.slice(index + 1, close).join('')}"`), at });
      index = close + (prefix ? 2 : 1);
    } else {
      let end = index;
      while (end < characters.length && !/[\s"()]/u.test(characters[end]!)) end++;
      const word = characters.slice(index, end).join('');
      if (word === 'AND' || word === 'OR' || word === 'NOT') pieces.push({ kind: 'operator', operator: word, at });
      else {
        const prefix = word.length > 1 && word.endsWith('*');
        pieces.push({ kind: 'leaf', leaf: leafOf(prefix ? word.slice(0, -1) : word, prefix, word), at });
      }
      index = end;
    }
  }
  return pieces;
}

function leafOf(text: string, prefix: boolean, written: string): SearchLeaf {
  if (inUnspacedScript(text)) {
    const source = text.trim().replace(/\s+/gu, ' ');
    return { kind: 'substring', needle: foldText(source), source };
  }
  const words = wordsOf(text);
  if (words.length === 0) {
    throw fail(written === '""' ? 'the quotes "" hold nothing to search for' : `${written} has no letters or digits to search for`);
  }
  return { kind: 'words', terms: words.map((word) => word.term), sources: words.map((word) => word.source), prefix };
}

/** The leaves whose matches are hits: all but those a NOT leaves out. */
export function positiveLeaves(node: SearchNode): SearchLeaf[] {
  if (node.kind === 'words' || node.kind === 'substring') return [node];
  if (node.kind === 'not') return positiveLeaves(node.left);
  return [...positiveLeaves(node.left), ...positiveLeaves(node.right)];
}

/** Every leaf, NOT's too. */
export function allLeaves(node: SearchNode): SearchLeaf[] {
  if (node.kind === 'words' || node.kind === 'substring') return [node];
  return [...allLeaves(node.left), ...allLeaves(node.right)];
}

/** The query without what its NOTs leave out: what any text the query matches must also match. */
export function withoutExclusions(node: SearchNode): SearchNode {
  if (node.kind === 'words' || node.kind === 'substring') return node;
  if (node.kind === 'not') return withoutExclusions(node.left);
  return { kind: node.kind, left: withoutExclusions(node.left), right: withoutExclusions(node.right) };
}

/** Whether a text in which the leaves `present` says are found matches the query. */
export function evaluate(node: SearchNode, present: (leaf: SearchLeaf) => boolean): boolean {
  switch (node.kind) {
    case 'words':
    case 'substring':
      return present(node);
    case 'and':
      return evaluate(node.left, present) && evaluate(node.right, present);
    case 'or':
      return evaluate(node.left, present) || evaluate(node.right, present);
    case 'not':
      return evaluate(node.left, present) && !evaluate(node.right, present);
  }
}

/** An FTS5 phrase for a words leaf: quoted, so that no character of the query is FTS5 syntax. */
export function ftsPhrase(leaf: WordsLeaf): string {
  return `"${leaf.sources.join(' ').replaceAll('"', '""')}"${leaf.prefix ? ' *' : ''}`;
}

/** The FTS5 expression of a query with words leaves only. */
export function ftsExpression(node: SearchNode): string {
  switch (node.kind) {
    case 'words':
      return ftsPhrase(node);
    case 'substring':
      throw new Error('a substring leaf has no FTS5 unicode61 expression');
    default:
      return `(${ftsExpression(node.left)} ${node.kind.toUpperCase()} ${ftsExpression(node.right)})`;
  }
}
