/**
 * The annotations table's query: every annotation in the workspace, filtered and sorted in SQL, returned as the
 * number the filter takes and one window of rows. Built to stay fast at 100,000 annotations and more:
 *
 * - Each sort order is an index walk (migration 0003), never a sort of every row, so a window costs its offset in
 *   index steps. Orders that come from another table are walked as consecutive parts: the labels by name, each
 *   label's annotations by id; the actors by name, each actor's annotations by id, then the annotations without
 *   an actor.
 * - A filter is matched in C, as a GLOB pattern that lists both cases of each letter, over the narrow text index
 *   (titles and actor names are looked up first in their small tables). A filter that takes few annotations is
 *   collected into a temporary table, and the walk keeps those; one that takes many is tested during the walk,
 *   which stops as soon as the window is full.
 * - Only the window's rows are read in full (title, actor, fragments).
 */
import type Database from 'better-sqlite3';
import {
  ANNOTATION_ROW_TEXT_MAX,
  type AnnotationFilter,
  type AnnotationPage,
  type AnnotationQuery,
  type AnnotationSortKey,
  type AnnotationTableRow,
  type Fragment,
  type SortDirection,
} from '../../shared/types.ts';
import { cachedRawStatement, cachedStatement } from './statements.ts';

const DEFAULT_ANNOTATION_LIMIT = 100;

/**
 * A filter that takes at most this many annotations is collected before the walk. Above it, at least one
 * annotation in ten matches (at 100,000), so a walk testing each finds a window quickly.
 */
const COLLECT_AT_MOST = 10_000;

/** Per connection: the ids a sparse filter takes. A TEMP table lives in the connection, never in the workspace. */
const MATCHES = 'temp.annotation_table_matches';
const withMatchesTable = new WeakSet<Database.Database>();

/** A run of annotations in sort order that a window may span: the whole list, or one label's or actor's share. */
interface Part {
  /** The tables of the part, as few as name its ids and order. */
  from: string;
  /** The same with the annotations as `a` and the sort order's index named, for walks that test a filter on `a`. */
  fromWithAnnotations: string;
  where: string[];
  id: string;
  orderBy: string;
  /** Bound as `:label`. */
  label?: number;
}

type Params = Record<string, string | number>;

function defaultDirection(sort: AnnotationSortKey): SortDirection {
  return sort === 'updated' ? 'desc' : 'asc';
}

/** Runs the table's query in one transaction, so that the count and the rows agree. */
export function queryAnnotations(db: Database.Database, query: AnnotationQuery): AnnotationPage {
  if (!withMatchesTable.has(db)) {
    db.exec('CREATE TEMP TABLE IF NOT EXISTS annotation_table_matches (id INTEGER PRIMARY KEY)');
    withMatchesTable.add(db);
  }
  const sort = query.sort ?? 'updated';
  const direction = query.direction ?? defaultDirection(sort);
  const offset = query.offset ?? 0;
  const limit = query.limit ?? DEFAULT_ANNOTATION_LIMIT;
  const labelIds = query.labelIds ?? [];
  return db.transaction((): AnnotationPage => {
    const parts = sortParts(db, sort, direction, labelIds);
    const all = cachedRawStatement(db, 'SELECT count(*) FROM annotations').get()![0] as number;
    const window = (total: number, chosen: Part[], params: Params): AnnotationPage => ({
      total,
      all,
      offset,
      rows: offset < total ? readRows(db, windowIds(db, chosen, params, offset, limit)) : [],
    });
    const filter = filterOf(db, query);
    if (!filter) return window(all, parts, {});

    const collected = collect(db, filter);
    if (collected !== null) return window(collected, parts.map((part) => ({ ...part, where: [...part.where, `${part.id} IN ${MATCHES}`] })), {});
    const onlyText = filter.text !== null && filter.others.length === 0 && filter.text.condition === filter.text.text;
    const total = cachedRawStatement(db, `SELECT count(*) FROM annotations a${onlyText ? ' INDEXED BY annotations_text' : ''} WHERE ${filter.condition}`).get(filter.params)![0] as number;
    return window(total, parts.map((part) => ({ ...part, from: part.fromWithAnnotations, where: [...part.where, filter.condition] })), filter.params);
  })();
}

/** The ids of every annotation `filter` takes, in id order (what a bulk action on a filter changes). */
export function annotationIdsMatching(db: Database.Database, filter: AnnotationFilter): number[] {
  const matching = filterOf(db, filter);
  const sql = matching ? `SELECT a.id FROM annotations a WHERE ${matching.condition} ORDER BY a.id` : 'SELECT id FROM annotations ORDER BY id';
  return cachedRawStatement(db, sql).all(matching?.params ?? {}).flat() as number[];
}

/** A filter as SQL conditions on the annotations `a`: its text part, the others, and both joined. */
interface FilterSql {
  text: TextFilter | null;
  /** Conditions on `a` besides the text, each naming its own index (labels, documents, actors, targets' labels). */
  others: string[];
  condition: string;
  params: Params;
}

/** The filter's conditions, or null when it keeps every annotation. */
function filterOf(db: Database.Database, filter: AnnotationFilter): FilterSql | null {
  const trimmed = filter.text?.trim() ?? '';
  const text = trimmed ? textFilter(db, trimmed) : null;
  const params: Params = { ...text?.params };
  const others: string[] = [];
  const list = (name: string, values: readonly (string | number)[] | undefined, condition: (values: string) => string) => {
    if (!values || values.length === 0) return;
    params[name] = JSON.stringify(values);
    others.push(condition(`(SELECT value FROM json_each(:${name}))`));
  };
  list('labels', filter.labelIds, (values) => `a.label_id IN ${values}`);
  list('actorIds', filter.actorIds, (values) => `a.id IN (SELECT annotation_id FROM annotation_actors WHERE actor_id IN ${values})`);
  list('origins', filter.origins, (values) => `a.origin IN ${values}`);
  // Ignoring case, as the author column sorts: its index takes the names.
  list('authors', filter.authors, (values) => `a.author COLLATE NOCASE IN ${values}`);
  for (const [position, attribute] of (filter.attributes ?? []).entries()) {
    // `->>` gives true as 1, so a boolean is bound as 1 or 0.
    params[`attributePath${position}`] = jsonPath(attribute.name);
    params[`attributeValue${position}`] = typeof attribute.value === 'boolean' ? Number(attribute.value) : attribute.value;
    others.push(`a.attributes ->> :attributePath${position} = :attributeValue${position}`);
  }
  if (filter.targetIds && filter.targetIds.length > 0) {
    params['targetIds'] = JSON.stringify(filter.targetIds);
    others.push(targetCondition(db, params));
  }
  // What is filtered of the documents is found first in the documents' own (small) table, then their annotations
  // through the document index.
  const documents: string[] = [];
  if (filter.documentStatuses && filter.documentStatuses.length > 0) {
    params['statuses'] = JSON.stringify(filter.documentStatuses);
    documents.push('d.status IN (SELECT value FROM json_each(:statuses))');
  }
  if (filter.documentTagIds && filter.documentTagIds.length > 0) {
    params['tags'] = JSON.stringify(filter.documentTagIds);
    documents.push('d.id IN (SELECT document_id FROM document_tag_links WHERE tag_id IN (SELECT value FROM json_each(:tags)))');
  }
  if (filter.publishedFrom) {
    params['publishedFrom'] = filter.publishedFrom;
    documents.push('substr(d.published_at, 1, 10) >= :publishedFrom');
  }
  if (filter.publishedTo) {
    params['publishedTo'] = filter.publishedTo;
    documents.push('substr(d.published_at, 1, 10) <= :publishedTo');
  }
  if (documents.length > 0) others.push(`a.document_id IN (SELECT d.id FROM documents d WHERE ${documents.join(' AND ')})`);
  if (!text && others.length === 0) return null;
  const condition = [...(text ? [text.condition] : []), ...others].join(' AND ');
  return { text, others, condition, params };
}

/** A JSON path that names the key whatever it holds (spaces, dots, quotes). */
function jsonPath(name: string): string {
  return `$."${name.replace(/["\\]/g, (char) => `\\${char}`)}"`;
}

/**
 * "A target-typed attribute of the annotation's label holds one of `:targetIds`": a Position's target, with or
 * without a stance (annotation_positions, which the matrix counts, holds only those with one). The labels that
 * have each such attribute are read from the schema, so the condition walks those labels' index; labels sharing
 * an attribute name (the usual `target`) are one alternative.
 */
function targetCondition(db: Database.Database, params: Params): string {
  const definitions = cachedStatement<[], { labelId: number; name: string }>(
    db,
    `SELECT l.id AS labelId, def.value ->> 'name' AS name FROM labels l, json_each(l.attributes) def WHERE def.value ->> 'type' = 'target' ORDER BY l.id`,
  ).all();
  const labelsByName = new Map<string, number[]>();
  for (const { labelId, name } of definitions) labelsByName.set(name, [...(labelsByName.get(name) ?? []), labelId]);
  if (labelsByName.size === 0) return '0';
  const alternatives = [...labelsByName].map(([name, labelIds], position) => {
    params[`targetLabels${position}`] = JSON.stringify(labelIds);
    params[`targetPath${position}`] = jsonPath(name);
    return `(a.label_id IN (SELECT value FROM json_each(:targetLabels${position})) AND a.attributes ->> :targetPath${position} IN (SELECT value FROM json_each(:targetIds)))`;
  });
  return alternatives.length === 1 ? alternatives[0]! : `(${alternatives.join(' OR ')})`;
}

interface TextFilter {
  /** The condition on the covered text `a.text`. */
  text: string;
  /** The whole condition: the covered text, or the document's title, or the actor's name. */
  condition: string;
  params: Params;
  documents: number[];
  actors: number[];
}

/**
 * "The covered text, the document's title or the actor's name contains `text`, ignoring case". Titles and actor
 * names are looked up first in their own small tables, so the condition names only what can match.
 */
function textFilter(db: Database.Database, text: string): TextFilter {
  const { matches, pattern } = containsIgnoringCase(text);
  const params: Params = { pattern };
  const documents = cachedRawStatement(db, `SELECT id FROM documents d WHERE ${matches('d.title')}`).all(params).flat() as number[];
  const actors = cachedRawStatement(db, `SELECT id FROM actors act WHERE ${matches('act.name')}`).all(params).flat() as number[];
  const alternatives = [matches('a.text')];
  if (documents.length > 0) {
    alternatives.push('a.document_id IN (SELECT value FROM json_each(:documents))');
    params['documents'] = JSON.stringify(documents);
  }
  if (actors.length > 0) {
    alternatives.push('a.id IN (SELECT annotation_id FROM annotation_actors WHERE actor_id IN (SELECT value FROM json_each(:actors)))');
    params['actors'] = JSON.stringify(actors);
  }
  const condition = alternatives.length === 1 ? alternatives[0]! : `(${alternatives.join(' OR ')})`;
  return { text: alternatives[0]!, condition, params, documents, actors };
}

/**
 * "column contains the text, ignoring case". LIKE is SQLite's fastest way, and for ASCII text its ASCII-only case
 * folding is exact (no other letter folds to an ASCII one); other text is matched with GLOB, which runs in C
 * over any script, with a pattern that lists the cases of each letter.
 */
function containsIgnoringCase(text: string): { matches: (column: string) => string; pattern: string } {
  if (/^\p{ASCII}*$/u.test(text)) {
    return { matches: (column) => `${column} LIKE :pattern ESCAPE '\\'`, pattern: `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%` };
  }
  return { matches: (column) => `${column} GLOB :pattern`, pattern: caseInsensitiveGlob(text) };
}

/**
 * Collects what the filter takes into the matches table, each source through its own index, and returns how
 * many; or null, having stopped early, when that is more than `COLLECT_AT_MOST`.
 */
function collect(db: Database.Database, filter: FilterSql): number | null {
  cachedStatement(db, `DELETE FROM ${MATCHES}`).run();
  const others = filter.others.map((condition) => ` AND ${condition}`).join('');
  const insert = (select: string) => {
    cachedStatement(db, `INSERT OR IGNORE INTO ${MATCHES} (id) ${select}${others} LIMIT ${COLLECT_AT_MOST + 1}`).run(filter.params);
    const count = cachedRawStatement(db, `SELECT count(*) FROM ${MATCHES}`).get()![0] as number;
    return count > COLLECT_AT_MOST ? null : count;
  };
  const text = filter.text;
  if (!text) return insert('SELECT a.id FROM annotations a WHERE 1');
  // The covered text is read from its index (text and id), much narrower than the table's rows.
  let count = insert(`SELECT a.id FROM annotations a INDEXED BY annotations_text WHERE ${text.text}`);
  if (count !== null && text.documents.length > 0) count = insert('SELECT a.id FROM annotations a WHERE a.document_id IN (SELECT value FROM json_each(:documents))');
  if (count !== null && text.actors.length > 0) {
    count = insert('SELECT a.id FROM annotation_actors aa JOIN annotations a ON a.id = aa.annotation_id WHERE aa.actor_id IN (SELECT value FROM json_each(:actors))');
  }
  return count;
}

/**
 * A GLOB pattern for "contains `text`, ignoring case": each character that has other cases becomes a class of
 * its single-character forms (`[pP]`, `[юЮ]`), and GLOB's own special characters become one-character classes.
 * GLOB runs in C over any script, where SQLite's LIKE folds only ASCII letters.
 */
export function caseInsensitiveGlob(text: string): string {
  let pattern = '*';
  for (const char of text) {
    const forms = new Set([char, char.toLowerCase(), char.toUpperCase()].filter((form) => Array.from(form).length === 1));
    if (forms.size === 1) pattern += '*?[]'.includes(char) ? `[${char}]` : char;
    else pattern += `[${[...forms].join('')}]`;
  }
  return `${pattern}*`;
}

function sortParts(db: Database.Database, sort: AnnotationSortKey, direction: SortDirection, labelIds: number[]): Part[] {
  const dir = direction === 'asc' ? 'ASC' : 'DESC';
  const byColumn = (index: string, orderBy: string): Part[] => [
    { from: 'annotations a', fromWithAnnotations: `annotations a INDEXED BY ${index}`, where: [], id: 'a.id', orderBy },
  ];
  switch (sort) {
    case 'text':
      return byColumn('annotations_text', `a.text COLLATE NOCASE ${dir}, a.id ${dir}`);
    case 'author':
      return byColumn('annotations_author', `a.author COLLATE NOCASE ${dir}, a.id ${dir}`);
    case 'updated':
      return byColumn('annotations_updated', `a.updated_at ${dir}, a.id ${dir}`);
    case 'document':
      return [
        {
          from: 'documents d JOIN annotations a ON a.document_id = d.id',
          fromWithAnnotations: 'documents d INDEXED BY documents_title JOIN annotations a INDEXED BY annotations_document ON a.document_id = d.id',
          where: [],
          id: 'a.id',
          orderBy: `d.title COLLATE NOCASE ${dir}, d.id ${dir}, a.start ${dir}, a.end ${dir}, a.id ${dir}`,
        },
      ];
    case 'label':
      return cachedStatement<[], { id: number }>(db, `SELECT id FROM labels ORDER BY name COLLATE NOCASE ${dir}, id ${dir}`)
        .all()
        .filter((label) => labelIds.length === 0 || labelIds.includes(label.id))
        .map((label) => ({
          from: 'annotations a',
          fromWithAnnotations: 'annotations a INDEXED BY annotations_label',
          where: ['a.label_id = :label'],
          id: 'a.id',
          orderBy: `a.id ${dir}`,
          label: label.id,
        }));
    case 'actor':
      // Annotations without an actor come last in both directions: a blank is not a name to sort. The indexes
      // are named for the filtered walk: left to choose, SQLite tests the filter on the text index first and
      // then sorts every match by actor.
      return [
        {
          from: 'actors act JOIN annotation_actors aa ON aa.actor_id = act.id',
          fromWithAnnotations: 'actors act INDEXED BY actors_name JOIN annotation_actors aa INDEXED BY annotation_actors_actor ON aa.actor_id = act.id JOIN annotations a ON a.id = aa.annotation_id',
          where: [],
          id: 'aa.annotation_id',
          orderBy: `act.name COLLATE NOCASE ${dir}, act.id ${dir}, aa.annotation_id ${dir}`,
        },
        {
          from: 'annotations a',
          // The table itself, in id order: a label's index would give every match, to be sorted by id.
          fromWithAnnotations: 'annotations a NOT INDEXED',
          where: ['NOT EXISTS (SELECT 1 FROM annotation_actors aa WHERE aa.annotation_id = a.id)'],
          id: 'a.id',
          orderBy: `a.id ${dir}`,
        },
      ];
  }
}

/**
 * The ids of the window, walking the parts in order. A part is counted only when the window starts after it
 * (to know how much of the offset it used up), so the first window of a list costs one short index walk.
 */
function windowIds(db: Database.Database, parts: Part[], params: Params, offset: number, limit: number): number[] {
  const window: number[] = [];
  let skip = offset;
  for (const part of parts) {
    const source = `${part.from}${part.where.length > 0 ? ` WHERE ${part.where.join(' AND ')}` : ''}`;
    const bound = part.label === undefined ? params : { ...params, label: part.label };
    const walk = cachedRawStatement(db, `SELECT ${part.id} FROM ${source} ORDER BY ${part.orderBy} LIMIT :limit OFFSET :skip`);
    const found = walk.all({ ...bound, limit: limit - window.length, skip }) as [number][];
    for (const [id] of found) window.push(id);
    if (window.length === limit) break;
    skip = found.length > 0 ? 0 : skip - (cachedRawStatement(db, `SELECT count(*) FROM ${source}`).get(bound)![0] as number);
  }
  return window;
}

type RowColumns = [
  id: number,
  documentId: number,
  documentTitle: string,
  labelId: number,
  fragments: string,
  text: string,
  truncated: number,
  actorId: number | null,
  actorName: string | null,
  actorRole: string | null,
  author: string,
  updatedAt: string,
];

/** The rows of the window, in the window's order. */
function readRows(db: Database.Database, ids: number[]): AnnotationTableRow[] {
  if (ids.length === 0) return [];
  const statement = cachedRawStatement<[string]>(
    db,
    `SELECT a.id, a.document_id, d.title, a.label_id, a.fragments, substr(a.text, 1, ${ANNOTATION_ROW_TEXT_MAX}),
            length(a.text) > ${ANNOTATION_ROW_TEXT_MAX}, act.id, act.name, aa.role, a.author, a.updated_at
     FROM annotations a
     JOIN documents d ON d.id = a.document_id
     LEFT JOIN annotation_actors aa ON aa.annotation_id = a.id
     LEFT JOIN actors act ON act.id = aa.actor_id
     WHERE a.id IN (SELECT value FROM json_each(?))`,
  );
  const byId = new Map<number, AnnotationTableRow>();
  for (const columns of statement.all(JSON.stringify(ids)) as RowColumns[]) {
    const [id, documentId, documentTitle, labelId, fragments, text, truncated, actorId, actorName, actorRole, author, updatedAt] = columns;
    byId.set(id, {
      id,
      documentId,
      documentTitle,
      labelId,
      fragments: JSON.parse(fragments) as Fragment[],
      text,
      textTruncated: truncated === 1,
      actor: actorId === null ? null : { id: actorId, name: actorName!, role: actorRole! },
      author,
      updatedAt,
    });
  }
  return ids.map((id) => byId.get(id)!);
}
