// The query plans of the store's hot reads, pinned as Signal Desktop's SQL tests pin theirs: each statement the
// store runs to open a document, undo and redo, fill the annotations table's window and search is explained
// (EXPLAIN QUERY PLAN) on a migrated workspace, and must use the indexes named here, never read the whole of
// annotations, relations or history, and never sort rows that an index holds in order. The workspace has some rows
// and no ANALYZE statistics, as a new workspace has.
import assert from 'node:assert/strict';
import type Database from 'better-sqlite3';
import { before, describe, it } from 'node:test';
import type { AnnotationQuery, ExportFilter } from '../../shared/types.ts';
import { ANNOTATION_SORT_KEYS } from '../../shared/types.ts';
import { temporaryDir, workspacePath } from '../../test/helpers.ts';
import { queryAnnotations } from './annotation-query.ts';
import { openDatabase } from './database.ts';
import { selectExportDocuments } from './export-documents.ts';
import { DOCUMENTS_TITLED_SQL } from './document-queries.ts';
import { DOCUMENT_RELATIONS_SQL, DOCUMENT_SPANS_SQL, FIRST_UNDONE_SQL, LAST_DONE_SQL } from './hot-queries.ts';

/** A statement as a caller ran it. */
interface Run {
  sql: string;
  params: unknown[];
}

/** How a plan must look: the indexes it uses, and the tables it may read whole (small ones, with a reason). */
interface PlanRule {
  indexes: string[];
  /** Table names or aliases as the plan prints them, which may be scanned row by row. */
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
    if (scanned !== undefined && !(rule.scans ?? []).includes(scanned)) problems.push(`reads every row of ${scanned}`);
    if (line.startsWith('USE TEMP B-TREE FOR') && line.includes('ORDER BY') && !rule.sorts) problems.push(`sorts its rows itself (${line})`);
  }
  return problems;
}

function assertPlan(db: Database.Database, run: Run, rule: PlanRule): void {
  const plan = queryPlan(db, run);
  assert.deepEqual(planProblems(plan, rule), [], `${run.sql}\n\nplan:\n${plan.join('\n')}`);
}

/** A statement as a caller ran it, and its plan. */
interface Explained extends Run {
  plan: string[];
}

/**
 * Every statement `action` runs on a new connection to the workspace, with its parameters and its plan (explained
 * on the same connection, which holds its temporary tables). A new connection, because the store prepares each
 * statement once per connection (statements.ts), so a second call would prepare nothing.
 */
function statementsRun(path: string, action: (db: Database.Database) => unknown): Explained[] {
  const db = openDatabase(path);
  const runs: Run[] = [];
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    const statement = prepare(sql);
    return new Proxy(statement, {
      get(target, property) {
        const value: unknown = Reflect.get(target, property, target);
        if (typeof value !== 'function') return value;
        if (property === 'all' || property === 'get' || property === 'run' || property === 'iterate') {
          return (...params: unknown[]) => {
            runs.push({ sql, params });
            return (value as (...args: unknown[]) => unknown).apply(target, params);
          };
        }
        return (value as (...args: unknown[]) => unknown).bind(target);
      },
    });
  }) as typeof db.prepare;
  try {
    action(db);
    return runs.map((run) => ({ ...run, plan: queryPlan(db, run) }));
  } finally {
    db.close();
  }
}

/** Annotations in the workspace: more than the annotations table collects before it walks (10,000). */
const ANNOTATIONS = 10_500;
const DOCUMENTS = 30;

/** A workspace with documents, labels, actors, annotations (some naming an actor), relations and history. */
function fillWorkspace(path: string): void {
  const db = openDatabase(path);
  const now = '2026-01-01T00:00:00.000Z';
  db.transaction(() => {
    const label = db.prepare("INSERT INTO labels (name, color, attributes, position) VALUES (?, '#2f7ed8', ?, ?)");
    label.run('Quote', JSON.stringify([{ name: 'speaker', type: 'actor' }]), 0);
    label.run('Claim', '[]', 1);
    label.run('Position', '[]', 2);
    db.prepare("INSERT INTO relation_types (name, position) VALUES ('said_by', 0)").run();
    const actor = db.prepare('INSERT INTO actors (name, created_at, updated_at) VALUES (?, ?, ?)');
    for (let index = 0; index < 20; index += 1) actor.run(`Actor ${index}`, now, now);
    const document = db.prepare('INSERT INTO documents (title, text, length, content_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
    const text = 'Kyiv said the grain deal stands. '.repeat(40);
    for (let index = 0; index < DOCUMENTS; index += 1) document.run(`Article ${index}`, text, text.length, `hash-${index}`, now, now);
    const annotation = db.prepare(
      'INSERT INTO annotations (document_id, label_id, start, end, fragments, text, attributes, author, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const actorOf = db.prepare("INSERT INTO annotation_actors (annotation_id, actor_id, role) VALUES (?, ?, 'speaker')");
    for (let index = 0; index < ANNOTATIONS; index += 1) {
      const start = (index * 7) % 1000;
      const labelId = (index % 3) + 1;
      const actorId = labelId === 1 && index % 2 === 0 ? (index % 20) + 1 : null;
      const { lastInsertRowid } = annotation.run(
        (index % DOCUMENTS) + 1,
        labelId,
        start,
        start + 4,
        JSON.stringify([[start, start + 4]]),
        // Nearly every covered text contains "said", one in fifty "rare" instead.
        index % 50 === 0 ? `rare ${index}` : `said ${index}`,
        actorId === null ? '{}' : JSON.stringify({ speaker: actorId }),
        `annotator ${index % 5}`,
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

const dir = temporaryDir('parley-query-plans-');
const workspace = workspacePath(dir);

/** The index each sort of the annotations table walks, in order, to fill its window without sorting. */
const WINDOW_INDEXES: Record<(typeof ANNOTATION_SORT_KEYS)[number], string[]> = {
  document: ['documents_title', 'annotations_document'],
  label: ['annotations_label'],
  text: ['annotations_text'],
  actor: ['actors_name', 'annotation_actors_actor'],
  author: ['annotations_author'],
  updated: ['annotations_updated'],
};

/** The statements that fill the table's window (the ones with a LIMIT), of one call. */
function windowStatements(runs: Explained[]): Explained[] {
  return runs.filter((run) => run.sql.includes('LIMIT :limit'));
}

describe('query plans of the hot reads', () => {
  let db: Database.Database;
  before(() => {
    fillWorkspace(workspace);
    db = openDatabase(workspace);
    assert.deepEqual(db.prepare("SELECT name FROM sqlite_master WHERE name LIKE 'sqlite_stat%'").all(), [], 'no ANALYZE statistics');
  });

  it('opens a document through its indexes: annotations in reading order, relations, history', () => {
    assertPlan(db, { sql: DOCUMENT_SPANS_SQL, params: [1] }, { indexes: ['annotations_document'] });
    assertPlan(db, { sql: DOCUMENT_RELATIONS_SQL, params: [1] }, { indexes: ['relations_document'] });
    assertPlan(db, { sql: LAST_DONE_SQL, params: [1] }, { indexes: ['history_document'] });
    assertPlan(db, { sql: FIRST_UNDONE_SQL, params: [1] }, { indexes: ['history_document'] });
  });

  it('fills every sort of the annotations table by walking that sort’s index, never sorting the whole table', () => {
    assert.deepEqual(Object.keys(WINDOW_INDEXES).sort(), [...ANNOTATION_SORT_KEYS].sort(), 'every sort has its rule');
    for (const sort of ANNOTATION_SORT_KEYS) {
      for (const filter of [{}, { labelIds: [2] }] satisfies AnnotationQuery[]) {
        const windows = windowStatements(statementsRun(workspace, (connection) => queryAnnotations(connection, { ...filter, sort, offset: 20, limit: 50 })));
        assert.ok(windows.length > 0, `${sort}: a window statement ran`);
        // A label filter walks the label's index; the sort's own index orders the unfiltered table.
        const indexes = 'labelIds' in filter ? [] : WINDOW_INDEXES[sort];
        for (const window of windows) {
          // A selective filter first collects its matches (at most 10,000, annotation-query.ts) and sorts those.
          const sorts = window.sql.includes('temp.annotation_table_matches');
          assert.deepEqual(planProblems(window.plan, { indexes, scans: ['json_each'], sorts }), [], `${sort} ${JSON.stringify(filter)}: ${window.sql}\n${window.plan.join('\n')}`);
        }
      }
    }
  });

  it('searches the full-text index, and reads only the documents it finds', () => {
    for (const filter of [{ search: 'grain deal' }, { search: 'grain', statuses: ['new'] }] satisfies ExportFilter[]) {
      const runs = statementsRun(workspace, (connection) => selectExportDocuments(connection, filter));
      const search = runs.find((run) => run.sql.includes('documents_fts MATCH'));
      assert.ok(search, 'a statement matched the full-text index');
      assert.ok(search.plan.some((line) => /SCAN documents_fts VIRTUAL TABLE INDEX \d+:M/.test(line)), search.plan.join('\n'));
      for (const run of runs) assert.deepEqual(planProblems(run.plan, { indexes: [], scans: ['documents_fts', 'json_each'] }), [], `${run.sql}\n${run.plan.join('\n')}`);
    }
  });

  it('lists documents by title counting each one’s annotations through its index', () => {
    // The list reads every document (a LIKE on any part of the title has no index) and sorts them: at most
    // thousands of rows. What must not happen is counting annotations by reading them all.
    assertPlan(db, { sql: DOCUMENTS_TITLED_SQL, params: ['%Art%'] }, { indexes: ['annotations_document'], scans: ['d'], sorts: true });
  });

  it('fails, naming the query and the index, when an index stops being used', () => {
    const dropped = workspacePath(dir);
    fillWorkspace(dropped);
    const broken = openDatabase(dropped);
    try {
      broken.exec('DROP INDEX annotations_document; DROP INDEX history_document');
      assert.deepEqual(planProblems(queryPlan(broken, { sql: DOCUMENT_SPANS_SQL, params: [1] }), { indexes: ['annotations_document'] }), [
        'does not use the index annotations_document',
        'reads every row of annotations',
        'sorts its rows itself (USE TEMP B-TREE FOR ORDER BY)',
      ]);
      assert.throws(() => assertPlan(broken, { sql: LAST_DONE_SQL, params: [1] }, { indexes: ['history_document'] }), /does not use the index history_document/);
    } finally {
      broken.close();
    }
  });
});
