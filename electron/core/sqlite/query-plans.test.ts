// The query plans of the store's hot statements, pinned as Signal Desktop's SQL tests pin theirs: each statement
// the store runs to open a document, undo and redo, list documents, fill the annotations table's window and
// search is explained (EXPLAIN QUERY PLAN) on a seeded workspace, and must use the indexes named here, never read
// the whole of a large table, and never sort rows that an index holds in order. The expectations are data (a
// query's name, the indexes it needs, the small tables it may read whole); a failure names the query, what is
// wrong and the plans. The workspace has no ANALYZE statistics: Parley never runs ANALYZE, so the planner
// chooses here as it does on every user's workspace.
import assert from 'node:assert/strict';
import type Database from 'better-sqlite3';
import { before, describe, it } from 'node:test';
import type { AnnotationQuery, AnnotationSortKey, ExportFilter, SortDirection } from '../../shared/types.ts';
import { ANNOTATION_SORT_KEYS } from '../../shared/types.ts';
import { temporaryDir, workspacePath } from '../../test/helpers.ts';
import type { Caller } from '../domain/caller.ts';
import { WorkspaceService } from '../domain/workspace-service.ts';
import { AGREEMENT_DOCUMENTS_SQL, AGREEMENT_SPANS_SQL } from './agreement-spans.ts';
import { queryAnnotations } from './annotation-query.ts';
import { ACTOR_COUNTS_SQL, DOCUMENT_COUNTS_SQL, LABEL_COUNTS_SQL, SPEAKER_COUNTS_SQL, SPEAKER_LABELS_SQL } from './dashboard-query.ts';
import { openDatabase } from './database.ts';
import { ALL_DOCUMENTS_SQL, DOCUMENTS_TITLED_SQL } from './document-queries.ts';
import { selectExportDocuments } from './export-documents.ts';
import { DOCUMENT_RELATIONS_SQL, DOCUMENT_SPANS_SQL, DROP_REDO_SQL, FIRST_UNDONE_SQL, LAST_DONE_SQL } from './hot-queries.ts';
import { positionItemsSql, positionsMatrixSql, stanceOverTimeSql } from './positions-query.ts';
import { SqliteStore } from './sqlite-store.ts';

/** A statement as a caller ran it. */
interface Run {
  sql: string;
  params: unknown[];
}

/** A statement as a caller ran it, and its plan. */
interface Explained extends Run {
  plan: string[];
}

/** How the plans of a query's statements must look. */
interface PlanRule {
  /** Indexes some statement's plan uses. */
  indexes: string[];
  /** Table names or aliases, as the plan prints them, that may be read row by row: small ones, with a reason. */
  scans?: string[];
  /** The plan may sort rows itself (USE TEMP B-TREE FOR ORDER BY), because no index holds that order. */
  sorts?: boolean;
}

/** The plan's lines, subqueries indented under their parents. */
function queryPlan(db: Database.Database, run: Run): string[] {
  const steps = db.prepare(`EXPLAIN QUERY PLAN ${run.sql}`).all(...run.params) as { id: number; parent: number; detail: string }[];
  const depth = new Map<number, number>([[0, 0]]);
  return steps.map((step) => {
    const level = (depth.get(step.parent) ?? 0) + 1;
    depth.set(step.id, level);
    return `${'  '.repeat(level - 1)}${step.detail}`;
  });
}

/** What is wrong with the plan under the rule; none when it holds. */
function planProblems(plan: string[], rule: PlanRule): string[] {
  const problems: string[] = [];
  for (const index of rule.indexes) {
    const uses = (line: string) => line.split(' ').some((word, position, words) => words[position - 1] === 'INDEX' && word === index);
    if (!plan.some(uses)) problems.push(`does not use the index ${index}`);
  }
  for (const line of plan.map((line) => line.trim())) {
    const scanned = /^SCAN (\S+)$/.exec(line)?.[1];
    // A materialised subquery (what a window function sorts, a CTE) holds rows the statement made, not a table's.
    const table = scanned !== undefined && !/^\(subquery-\d+\)$/.test(scanned);
    if (table && !(rule.scans ?? []).includes(scanned)) problems.push(`reads every row of ${scanned}`);
    if (line.startsWith('USE TEMP B-TREE FOR') && line.includes('ORDER BY') && !rule.sorts) problems.push(`sorts its rows itself (${line})`);
  }
  return [...new Set(problems)];
}

/**
 * What is wrong with the plans of the statements one query ran, said in one message that names the query, its
 * problems and each statement with its plan; undefined when the plans keep the rule.
 */
function planFailure(name: string, statements: Explained[], rule: PlanRule): string | undefined {
  const problems = planProblems(statements.flatMap((statement) => statement.plan), rule);
  if (problems.length === 0) return undefined;
  const plans = statements.map((statement) => `${statement.sql.replace(/\s+/g, ' ')}\n${statement.plan.map((line) => `  ${line}`).join('\n')}`);
  return `${name}: ${problems.join('; ')}\n\n${plans.join('\n\n')}`;
}

/** A connection that records the statements run on it; `during` returns those an action ran, explained. */
interface RecordingConnection {
  db: Database.Database;
  during(action: () => unknown): Promise<Explained[]>;
}

/**
 * A connection to `path` that records every statement run on it. Statements are wrapped as they are prepared, so
 * the ones the store prepares once and reuses (statements.ts) are recorded at every run.
 */
function recordingConnection(path: string): RecordingConnection {
  const db = openDatabase(path);
  let runs: Run[] | null = null;
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    const statement = prepare(sql);
    return new Proxy(statement, {
      get(target, property) {
        const value: unknown = Reflect.get(target, property, target);
        if (typeof value !== 'function') return value;
        if (property === 'all' || property === 'get' || property === 'run' || property === 'iterate') {
          return (...params: unknown[]) => {
            runs?.push({ sql, params });
            return (value as (...args: unknown[]) => unknown).apply(target, params);
          };
        }
        return (value as (...args: unknown[]) => unknown).bind(target);
      },
    });
  }) as typeof db.prepare;
  return {
    db,
    async during(action) {
      const ran: Run[] = [];
      runs = ran;
      try {
        await action();
      } finally {
        runs = null;
      }
      // Explained on the same connection, which holds the temporary table some statements name.
      return ran.map((run) => ({ ...run, plan: queryPlan(db, run) }));
    },
  };
}

/** Annotations in the workspace: more than the annotations table collects before it walks (10,000). */
const ANNOTATIONS = 10_500;
const DOCUMENTS = 30;
/** The labels the annotations have, in turn: the first three of the default labels. */
const LABELS_IN_USE = [1, 2, 3];

/**
 * A workspace as Parley makes one (default labels and relation types), with documents, actors, targets, annotations
 * (some naming an actor, some a target), relations and undo history in every document, some of it undone.
 */
async function fillWorkspace(path: string): Promise<void> {
  const store = new SqliteStore(openDatabase(path));
  await WorkspaceService.open(store, { path, name: 'query plans' });
  await store.close();
  const db = openDatabase(path);
  const now = '2026-01-01T00:00:00.000Z';
  db.transaction(() => {
    const actor = db.prepare('INSERT INTO actors (name, created_at, updated_at) VALUES (?, ?, ?)');
    for (let index = 0; index < 20; index += 1) actor.run(`Actor ${index}`, now, now);
    const target = db.prepare('INSERT INTO targets (name, created_at, updated_at) VALUES (?, ?, ?)');
    for (let index = 0; index < 10; index += 1) target.run(`Target ${index}`, now, now);
    const document = db.prepare('INSERT INTO documents (title, text, length, content_hash, status, published_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    const text = 'Kyiv said the grain deal stands. '.repeat(40);
    const statuses = ['new', 'in_progress', 'done'];
    for (let index = 0; index < DOCUMENTS; index += 1) {
      document.run(`Article ${index}`, text, text.length, `hash-${index}`, statuses[index % 3], `2025-01-${String(index + 1).padStart(2, '0')}`, now, now);
    }
    // Two document tags: "to review" on five documents, "Ukraine talks" on the others.
    db.prepare("INSERT INTO document_tags (name, created_at) VALUES ('to review', ?), ('Ukraine talks', ?)").run(now, now);
    const tagged = db.prepare('INSERT INTO document_tag_links (document_id, tag_id) VALUES (?, ?)');
    for (let index = 1; index <= DOCUMENTS; index += 1) tagged.run(index, index <= 5 ? 1 : 2);
    const annotation = db.prepare(
      'INSERT INTO annotations (document_id, label_id, start, end, fragments, text, attributes, author, origin, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const actorOf = db.prepare("INSERT INTO annotation_actors (annotation_id, actor_id, role) VALUES (?, ?, 'speaker')");
    for (let index = 0; index < ANNOTATIONS; index += 1) {
      const start = (index * 7) % 1000;
      const labelId = LABELS_IN_USE[index % LABELS_IN_USE.length]!;
      const actorId = labelId === LABELS_IN_USE[0] && index % 2 === 0 ? (index % 20) + 1 : null;
      const { lastInsertRowid } = annotation.run(
        (index % DOCUMENTS) + 1,
        labelId,
        start,
        start + 4,
        JSON.stringify([[start, start + 4]]),
        // Nearly every covered text contains "said", one in fifty "rare" instead.
        index % 50 === 0 ? `rare ${index}` : `said ${index}`,
        // The second label's annotations have a verdict, one in four "false".
        // The third label's (Position's) name one of ten targets.
        actorId !== null
          ? JSON.stringify({ speaker: actorId })
          : labelId === LABELS_IN_USE[1]
            ? JSON.stringify({ verdict: index % 4 === 1 ? 'false' : 'unverified' })
            : JSON.stringify({ target: (index % 10) + 1, stance: 'supports' }),
        `annotator ${index % 5}`,
        // One in a hundred is a suggestion.
        index % 100 === 0 ? 'suggested' : 'manual',
        now,
        `2026-01-01T00:00:${String(index % 60).padStart(2, '0')}.000Z`,
      );
      if (actorId !== null) actorOf.run(lastInsertRowid, actorId);
    }
    const relation = db.prepare("INSERT INTO relations (document_id, type, source_id, target_id, created_at) VALUES (?, 'said_by', ?, ?, ?)");
    for (let index = 1; index + DOCUMENTS <= 3000; index += 1) relation.run(((index - 1) % DOCUMENTS) + 1, index, index + DOCUMENTS, now);
    const step = db.prepare("INSERT INTO history (document_id, description, forward, inverse, undone, created_at) VALUES (?, 'Tag Quote', '[]', '[]', ?, ?)");
    for (let index = 0; index < 3000; index += 1) step.run((index % DOCUMENTS) + 1, index % 7 === 0 ? 1 : 0, now);
  })();
  db.close();
}

/** A statement the store runs by name, with representative parameters, and how its plan must look. */
interface HotQuery {
  name: string;
  run: Run;
  rule: PlanRule;
}

// The document list reads every document (a LIKE on any part of the title has no index, and the samples-first
// order none either) and sorts them: thousands of rows at most. What must not happen is counting each one's
// annotations by reading them all.
const DOCUMENT_LIST_RULE: PlanRule = { indexes: ['annotations_document'], scans: ['d'], sorts: true };

const HOT_QUERIES: HotQuery[] = [
  { name: 'open a document: its annotations in reading order', run: { sql: DOCUMENT_SPANS_SQL, params: [1] }, rule: { indexes: ['annotations_document'] } },
  { name: 'open a document: its relations', run: { sql: DOCUMENT_RELATIONS_SQL, params: [1] }, rule: { indexes: ['relations_document'] } },
  { name: 'undo: the last step done', run: { sql: LAST_DONE_SQL, params: [1] }, rule: { indexes: ['history_document'] } },
  { name: 'redo: the first step undone', run: { sql: FIRST_UNDONE_SQL, params: [1] }, rule: { indexes: ['history_document'] } },
  { name: 'edit: the steps it replaces dropped', run: { sql: DROP_REDO_SQL, params: [1] }, rule: { indexes: ['history_document'] } },
  { name: 'the document list', run: { sql: ALL_DOCUMENTS_SQL, params: [] }, rule: DOCUMENT_LIST_RULE },
  { name: 'the document list, searched by title', run: { sql: DOCUMENTS_TITLED_SQL, params: ['%Art%'] }, rule: DOCUMENT_LIST_RULE },
  // The whole matrix reads every position (annotation_positions: four small columns a row), and each one's holder,
  // actor and document (from the index holding its day and status) by key.
  { name: 'the positions matrix', run: positionsMatrixSql({}), rule: { indexes: [], scans: ['ap'] } },
  {
    name: 'the positions matrix, filtered',
    run: positionsMatrixSql({ actorKinds: ['state'], publishedFrom: '2025-01-01', publishedTo: '2025-06-30', documentStatuses: ['done'] }),
    rule: { indexes: ['documents_day_status'], scans: ['ap', 'json_each'] },
  },
  // One cell: the target's positions by that index, then each one's holder by key.
  { name: 'one holder’s stance on one target over time', run: stanceOverTimeSql(1, 1, {}), rule: { indexes: ['annotation_positions_target', 'documents_day_status'], sorts: true } },
  { name: 'the annotations behind one cell of the matrix', run: positionItemsSql(1, 1, {}), rule: { indexes: ['annotation_positions_target'], sorts: true } },
  // The dashboard counts every annotation: each chart reads the narrowest index or table that holds what it counts
  // whole (labels and actors are read whole; `counted` is one row per actor, `per_document` per document, the
  // documents read from their status and day index, never their rows), and sorts only its groups.
  { name: 'the dashboard: annotations per label', run: { sql: LABEL_COUNTS_SQL, params: [] }, rule: { indexes: ['annotations_label'], scans: ['l'], sorts: true } },
  { name: 'the dashboard: annotations per actor', run: { sql: ACTOR_COUNTS_SQL, params: [] }, rule: { indexes: ['annotation_actors_actor'], scans: ['counted'], sorts: true } },
  { name: 'the dashboard: the labels that are quotes', run: { sql: SPEAKER_LABELS_SQL, params: [] }, rule: { indexes: [], scans: ['l'], sorts: true } },
  { name: 'the dashboard: quotes per speaker', run: { sql: SPEAKER_COUNTS_SQL, params: ['[1]'] }, rule: { indexes: ['annotations_label'], scans: ['counted', 'json_each'], sorts: true } },
  { name: 'the dashboard: documents by day and status', run: { sql: DOCUMENT_COUNTS_SQL, params: [] }, rule: { indexes: ['documents_day_status', 'annotations_document'], scans: ['per_document'] } },
  // Agreement reads every annotation of the documents several annotators annotated: it finds them in the
  // document index of annotations, then takes the documents by id and their annotations from that index.
  { name: 'agreement: the documents several annotated', run: { sql: AGREEMENT_DOCUMENTS_SQL, params: [] }, rule: { indexes: ['annotations_document'] } },
  { name: 'agreement: their annotations', run: { sql: AGREEMENT_SPANS_SQL, params: ['[1, 2]'] }, rule: { indexes: ['annotations_document'], scans: ['json_each'] } },
];

function checkHotQuery(db: Database.Database, query: HotQuery): string | undefined {
  return planFailure(query.name, [{ ...query.run, plan: queryPlan(db, query.run) }], query.rule);
}

/** What a call through the workspace service runs, every statement of it, and the indexes those use. */
interface ServiceCall {
  name: string;
  call: (service: WorkspaceService) => Promise<unknown>;
  rule: PlanRule;
}

const ANNOTATOR: Caller = { author: 'annotator 0' };

const SERVICE_CALLS: ServiceCall[] = [
  { name: 'openDocument', call: (service) => service.openDocument({ id: 1 }, ANNOTATOR), rule: { indexes: ['annotations_document', 'relations_document', 'history_document'] } },
  { name: 'undo', call: (service) => service.undo({ documentId: 1 }, ANNOTATOR), rule: { indexes: ['history_document'] } },
  { name: 'redo', call: (service) => service.redo({ documentId: 1 }, ANNOTATOR), rule: { indexes: ['history_document'] } },
  // An actor's page walks the actor's share of annotation_actors, with each article's day from
  // documents_publication; its items are sorted by that day, which no index holds in their order (the day is the
  // article's, the items the annotations'). The window of them (`page`, the CTE) is then read whole, with each
  // item's article by its key.
  { name: 'actorItems', call: (service) => service.actorItems({ actorId: 1 }, ANNOTATOR), rule: { indexes: ['annotation_actors_actor', 'documents_publication'], sorts: true, scans: ['page'] } },
  {
    name: 'actorItems filtered',
    call: (service) => service.actorItems({ actorId: 1, labelIds: [1], attribute: { name: 'kind', value: 'direct' }, publishedFrom: '2025-01-01', publishedTo: '2025-12-31' }, ANNOTATOR),
    rule: { indexes: ['annotation_actors_actor', 'documents_publication'], sorts: true, scans: ['json_each', 'page'] },
  },
  // The Actors screen counts every actor's mentions: it reads all of annotation_actors and the (small) actors and
  // labels tables once.
  { name: 'listActorSummaries', call: (service) => service.listActorSummaries({}, ANNOTATOR), rule: { indexes: [], scans: ['aa', 'actors', 'l'], sorts: true } },
  // A merge finds the merged actor's annotations through the actor index (and, for labels with several actor
  // attributes, the label index), rewrites them by key, and its undo does the same; the (small) labels table is
  // read whole for the labels' actor attributes. Undone at once, so that the workspace stays as filled.
  {
    name: 'mergeActors and its undo',
    call: async (service) => {
      const merged = await service.mergeActors({ survivorId: 4, mergedId: 6 }, ANNOTATOR);
      await service.undoRemoval({ id: merged.removal.id }, ANNOTATOR);
    },
    rule: { indexes: ['annotation_actors_actor'], scans: ['l', 'labels', 'json_each'], sorts: true },
  },
];

/**
 * The indexes each sort of the annotations table walks, in order, to fill a window without sorting: for the whole
 * table, and for a filter that takes too many annotations to collect first.
 */
const WINDOW_RULES: Record<AnnotationSortKey, PlanRule> = {
  document: { indexes: ['documents_title', 'annotations_document'] },
  label: { indexes: ['annotations_label'] },
  text: { indexes: ['annotations_text'] },
  // The annotations that name no actor come after the actors' and are walked in the table's own order, by id,
  // which stops at the window's end.
  actor: { indexes: ['actors_name', 'annotation_actors_actor'], scans: ['a'] },
  author: { indexes: ['annotations_author'] },
  updated: { indexes: ['annotations_updated'] },
};

/** Read whole in every table call: the ids a call chooses (json_each), and the sparse filter's matches (at most 10,001). */
const TABLE_SCANS = ['json_each', 'annotation_table_matches'];

/** A filter of the annotations table as the UI sends it (its search box, its label chips, its filter chips). */
interface TableFilter {
  name: string;
  query: Omit<AnnotationQuery, 'sort' | 'direction' | 'offset' | 'limit'>;
  /**
   * It takes at most 10,000 annotations here, which are collected first and then sorted (annotation-query.ts);
   * otherwise the sort's index is walked and each annotation tested.
   */
  collected: boolean;
  /** Tables it reads whole, with the reason. */
  scans?: string[];
  /** Indexes its collecting must use (the filter chips': the actor's, the documents'). */
  indexes?: string[];
}

const TABLE_FILTERS: TableFilter[] = [
  { name: 'no filter', query: {}, collected: false },
  { name: 'one label', query: { labelIds: [LABELS_IN_USE[1]!] }, collected: true },
  { name: 'every label in use', query: { labelIds: LABELS_IN_USE }, collected: false },
  { name: 'a rare word', query: { text: 'rare' }, collected: true },
  { name: 'a common word', query: { text: 'said' }, collected: false },
  { name: 'a document title', query: { text: 'Article 3' }, collected: true },
  { name: 'an actor name', query: { text: 'Actor 1' }, collected: true },
  { name: 'a common word and a label', query: { text: 'said', labelIds: [LABELS_IN_USE[0]!] }, collected: true },
  // Counting what a text takes when it is also in titles or actor names reads every annotation's row: "the
  // covered text, the title or the actor name contains it" is one condition, and no index holds both the text
  // and the document. Allowed until that count is made from each source's index; the window's walk still stops
  // at its end.
  { name: 'a letter in every text, title and actor name', query: { text: 'a' }, collected: false, scans: ['a'] },
  // The filter chips: each takes its annotations through an index (the actor's, the documents' then theirs, the
  // author's), except those no index holds, noted with their reason.
  { name: 'an actor', query: { actorIds: [3] }, collected: true, indexes: ['annotation_actors_actor'] },
  { name: 'an actor and a label', query: { actorIds: [3, 5], labelIds: [LABELS_IN_USE[0]!] }, collected: true, indexes: ['annotation_actors_actor'] },
  // A target is an attribute's value too, but only of the labels that have a target-typed attribute (a
  // Position): their annotations are read through the label index, the labels found in the (small) schema.
  { name: 'a target', query: { targetIds: [1, 2] }, collected: true, scans: ['l'], indexes: ['annotations_label'] },
  { name: 'a target and a document status', query: { targetIds: [1], documentStatuses: ['done'] }, collected: true, scans: ['l'], indexes: ['annotations_label', 'documents_status'] },
  { name: 'a document status', query: { documentStatuses: ['done'] }, collected: true, indexes: ['documents_status', 'annotations_document'] },
  { name: 'every document status', query: { documentStatuses: ['new', 'in_progress', 'done'] }, collected: false },
  { name: 'a document tag', query: { documentTagIds: [1] }, collected: true, indexes: ['document_tag_links_tag', 'annotations_document'] },
  { name: 'a document tag and a common word', query: { documentTagIds: [2], text: 'said' }, collected: true, indexes: ['document_tag_links_tag', 'annotations_text'] },
  { name: 'an author', query: { authors: ['annotator 1'] }, collected: true, indexes: ['annotations_author'] },
  // A day of publication is the prefix of a column written in several forms; the documents are read whole (a
  // few thousand rows at most) and their annotations through the document index.
  { name: 'a publication range', query: { publishedFrom: '2025-01-03', publishedTo: '2025-01-09' }, collected: true, scans: ['d'], indexes: ['annotations_document'] },
  // An attribute's value and an origin are in no index: alone, they read every annotation's row (a filter chip
  // the analyst adds rarely alone: a verdict goes with the Claim label, whose index takes it).
  { name: 'an attribute value', query: { attributes: [{ name: 'verdict', value: 'false' }] }, collected: true, scans: ['a'] },
  { name: 'an attribute value and a label', query: { labelIds: [LABELS_IN_USE[1]!], attributes: [{ name: 'verdict', value: 'unverified' }] }, collected: true, indexes: ['annotations_label'] },
  { name: 'an origin', query: { origins: ['suggested'] }, collected: true, scans: ['a'] },
];

/**
 * Where windows start: at the top, and, in the orders walked in parts (label by label, the actors' annotations
 * then the others'), deep in the list, where the walk has moved on to later parts. Other orders run the same
 * statements wherever the window starts.
 */
function windowStarts(sort: AnnotationSortKey, filter: TableFilter): number[] {
  return (sort === 'label' || sort === 'actor') && !filter.collected ? [0, 5_000] : [0];
}

interface TableWindow {
  sort: AnnotationSortKey;
  direction: SortDirection;
  filter: TableFilter;
  offset: number;
}

/**
 * The windows checked: every sort over every filter, from each start; both ways where the sort's index is walked
 * (backwards is a plan of its own), one way where the collected matches are sorted, which is the same either way.
 */
function tableWindows(): TableWindow[] {
  return ANNOTATION_SORT_KEYS.flatMap((sort) =>
    TABLE_FILTERS.flatMap((filter) => {
      const directions: SortDirection[] = filter.collected ? ['asc'] : ['asc', 'desc'];
      return directions.flatMap((direction) => windowStarts(sort, filter).map((offset) => ({ sort, direction, filter, offset })));
    }),
  );
}

/** The statement that fills a window from the collected matches, as annotation-query.ts names their table. */
const isCollectedWalk = (statement: Run) => statement.sql.includes('LIMIT :limit') && statement.sql.includes('IN temp.annotation_table_matches');

async function checkTableWindow(connection: RecordingConnection, window: TableWindow): Promise<string | undefined> {
  const { sort, direction, filter, offset } = window;
  const name = `the annotations table sorted by ${sort} ${direction}, ${filter.name}, from ${offset}`;
  const statements = await connection.during(() => queryAnnotations(connection.db, { ...filter.query, sort, direction, offset, limit: 50 }));
  if (!statements.some((statement) => statement.sql.includes('LIMIT :limit'))) return `${name}: filled no window`;
  if (statements.some(isCollectedWalk) !== filter.collected) return `${name}: expected its matches ${filter.collected ? '' : 'not '}to be collected first`;
  const scans = [...TABLE_SCANS, ...(filter.scans ?? [])];
  const rule: PlanRule = filter.collected
    ? { indexes: filter.indexes ?? [], scans, sorts: true }
    : { indexes: WINDOW_RULES[sort].indexes, scans: [...scans, ...(WINDOW_RULES[sort].scans ?? [])] };
  return planFailure(name, statements, rule);
}

/** Searches of the export dialog, through the full-text index. */
const SEARCHES: { name: string; filter: ExportFilter }[] = [
  { name: 'two words', filter: { search: 'grain deal' } },
  { name: 'a word and a status', filter: { search: 'grain', statuses: ['new'] } },
];

/** The full-text index answers its MATCH by itself (a virtual table is always a SCAN); the chosen ids are read whole. */
const SEARCH_RULE: PlanRule = { indexes: ['annotations_document'], scans: ['documents_fts', 'json_each'] };

async function checkSearch(connection: RecordingConnection, search: (typeof SEARCHES)[number]): Promise<string | undefined> {
  const name = `search for ${search.name}`;
  const statements = await connection.during(() => selectExportDocuments(connection.db, search.filter));
  const matched = statements.some((statement) => statement.plan.some((line) => /SCAN documents_fts VIRTUAL TABLE INDEX \d+:M/.test(line)));
  if (!matched) return `${name}: does not match the full-text index documents_fts`;
  return planFailure(name, statements, SEARCH_RULE);
}

/** Every failure is listed, so that one broken index shows all the queries it slows. */
const isFailure = (failure: string | undefined): failure is string => failure !== undefined;

const dir = temporaryDir('parley-query-plans-');

describe('query plans of the hot statements', () => {
  const workspace = workspacePath(dir);
  let connection: RecordingConnection;
  before(async () => {
    await fillWorkspace(workspace);
    connection = recordingConnection(workspace);
    assert.deepEqual(connection.db.prepare("SELECT name FROM sqlite_master WHERE name LIKE 'sqlite_stat%'").all(), [], 'no ANALYZE statistics');
  });

  it('runs each named hot statement through its index', () => {
    assert.deepEqual(HOT_QUERIES.map((query) => checkHotQuery(connection.db, query)).filter(isFailure), []);
  });

  it('opens a document, undoes and redoes through indexes only, every statement of the call', async () => {
    const service = await WorkspaceService.open(new SqliteStore(connection.db), { path: workspace, name: 'query plans' });
    const failures: (string | undefined)[] = [];
    for (const { name, call, rule } of SERVICE_CALLS) failures.push(planFailure(name, await connection.during(() => call(service)), rule));
    assert.deepEqual(failures.filter(isFailure), []);
  });

  it('fills every window of the annotations table by walking its sort’s index, or sorting only the few matches it collected', async () => {
    const failures: (string | undefined)[] = [];
    for (const window of tableWindows()) failures.push(await checkTableWindow(connection, window));
    assert.deepEqual(failures.filter(isFailure), []);
  });

  it('searches the full-text index, and reads only the documents it finds', async () => {
    const failures: (string | undefined)[] = [];
    for (const search of SEARCHES) failures.push(await checkSearch(connection, search));
    assert.deepEqual(failures.filter(isFailure), []);
  });

  it('fails, naming the query and the index, when an index stops being used', async () => {
    const dropped = workspacePath(dir);
    connection.db.prepare('VACUUM INTO ?').run(dropped);
    const broken = recordingConnection(dropped);
    try {
      broken.db.exec('DROP INDEX annotations_document; DROP INDEX history_document; DROP INDEX annotations_updated');
      const spans = HOT_QUERIES.find((query) => query.run.sql === DOCUMENT_SPANS_SQL)!;
      assert.match(
        checkHotQuery(broken.db, spans) ?? '',
        /^open a document: its annotations in reading order: does not use the index annotations_document; reads every row of annotations; sorts its rows itself \(USE TEMP B-TREE FOR ORDER BY\)\n/,
      );
      const undo = SERVICE_CALLS.find((call) => call.name === 'undo')!;
      const service = await WorkspaceService.open(new SqliteStore(broken.db), { path: dropped, name: 'query plans' });
      assert.match(planFailure(undo.name, await broken.during(() => undo.call(service)), undo.rule) ?? '', /^undo: does not use the index history_document;.* reads every row of history/);
      const window: TableWindow = { sort: 'updated', direction: 'desc', filter: TABLE_FILTERS[0]!, offset: 0 };
      assert.match((await checkTableWindow(broken, window)) ?? '', /^the annotations table sorted by updated desc, no filter, from 0: does not use the index annotations_updated; reads every row of a; sorts its rows itself/);
    } finally {
      broken.db.close();
    }
  });
});
