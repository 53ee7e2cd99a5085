import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { temporaryDir, workspacePath } from '../../test/helpers.ts';
import { recordAnnotationActor } from './annotation-actors.ts';
import { HAN_TEXT } from './corpus-search.ts';
import { openDatabase } from './database.ts';
import { FutureWorkspaceError } from '../errors.ts';
import { loadMigrations, migrate } from './migrate.ts';

const dir = temporaryDir();
const migrations = loadMigrations();
const NOW = '2026-01-01T00:00:00.000Z';

function freshDatabase(): Database.Database {
  const db = new Database(workspacePath(dir));
  db.pragma('foreign_keys = ON');
  return db;
}

describe('migrations', () => {
  it('are numbered without gaps and all apply to an empty database', () => {
    assert.ok(migrations.length >= 2);
    const db = freshDatabase();
    assert.equal(migrate(db, migrations), migrations.length);
    assert.equal(db.pragma('user_version', { simple: true }), migrations.length);
    const strictTables = db
      .prepare("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND strict = 1")
      .all()
      .map((row) => (row as { name: string }).name)
      .sort();
    assert.deepEqual(strictTables, [
      'actors', 'annotation_actors', 'annotation_positions', 'annotations', 'bulk_actions', 'document_tag_links', 'document_tags', 'documents', 'documents_fts_deferred',
      'history', 'labels', 'relation_types', 'relations', 'removals', 'saved_views', 'settings', 'targets',
    ]);
    db.close();
  });

  it('0001 creates the workspace schema, enforcing its constraints', () => {
    const db = freshDatabase();
    migrate(db, migrations, 1);
    db.prepare(`INSERT INTO documents (title, text, length, content_hash, created_at, updated_at) VALUES ('T', 'abc', 3, 'h', ?, ?)`).run(NOW, NOW);
    db.prepare(`INSERT INTO labels (name, color, position) VALUES ('Quote', '#2f7ed8', 0)`).run();
    assert.throws(() => db.prepare(`INSERT INTO labels (name, color, position) VALUES ('quote', '#000000', 1)`).run(), /UNIQUE/);
    assert.throws(() => db.prepare(`INSERT INTO labels (name, color, position) VALUES ('X', 'red', 1)`).run(), /CHECK/);
    const annotation = db.prepare(
      `INSERT INTO annotations (document_id, label_id, start, end, fragments, text, created_at, updated_at) VALUES (1, 1, ?, ?, '[[0,1]]', 'a', ?, ?)`,
    );
    annotation.run(0, 1, NOW, NOW);
    assert.throws(() => annotation.run(2, 1, NOW, NOW), /CHECK/, 'an empty or reversed span is refused');
    assert.throws(() => annotation.run('zero', 1, NOW, NOW), /cannot store TEXT value in INTEGER column/, 'STRICT refuses text offsets');
    db.prepare('DELETE FROM documents WHERE id = 1').run();
    assert.equal((db.prepare('SELECT count(*) AS n FROM annotations').get() as { n: number }).n, 0, 'annotations go with their document');
    db.close();
  });

  it('0002 keeps every document and indexes existing ones for full-text search', () => {
    const db = freshDatabase();
    migrate(db, migrations, 1);
    const insert = db.prepare(
      `INSERT INTO documents (title, text, length, content_hash, metadata, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    insert.run('Talks in Moscow', 'Ushakov said there is no compromise version.', 45, 'h1', '{"a":1}', NOW, NOW);
    insert.run('Café politics', 'Le café était fermé 👩‍👩‍👧.', 25, 'h2', '{}', NOW, NOW);
    const before = db.prepare('SELECT * FROM documents ORDER BY id').all();
    migrate(db, migrations, 2);
    assert.deepEqual(db.prepare('SELECT * FROM documents ORDER BY id').all(), before);
    const search = db.prepare('SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? ORDER BY rowid');
    assert.deepEqual(search.all('compromise'), [{ rowid: 1 }]);
    assert.deepEqual(search.all('cafe'), [{ rowid: 2 }], 'diacritics are folded');
    insert.run('Later', 'A compromise after all.', 23, 'h3', '{}', NOW, NOW);
    assert.deepEqual(search.all('compromise'), [{ rowid: 1 }, { rowid: 3 }], 'new documents are indexed by trigger');
    db.prepare('DELETE FROM documents WHERE id = 1').run();
    assert.deepEqual(search.all('compromise'), [{ rowid: 3 }], 'deleted documents leave the index');
    db.close();
  });

  it('0003 records the actor of existing annotations, and what the store records for written annotations and label changes', () => {
    const db = freshDatabase();
    migrate(db, migrations, 2);
    db.prepare(`INSERT INTO documents (title, text, length, content_hash, created_at, updated_at) VALUES ('T', 'Ushakov said no.', 16, 'h', ?, ?)`).run(NOW, NOW);
    const attributes = JSON.stringify([{ name: 'kind', type: 'text' }, { name: 'speaker', type: 'actor' }, { name: 'source', type: 'actor' }]);
    db.prepare(`INSERT INTO labels (name, color, attributes, position) VALUES ('Quote', '#2f7ed8', ?, 0)`).run(attributes);
    db.prepare(`INSERT INTO labels (name, color, position) VALUES ('Note', '#000000', 1)`).run();
    const actor = db.prepare(`INSERT INTO actors (name, created_at, updated_at) VALUES (?, ?, ?)`);
    actor.run('Yuri Ushakov', NOW, NOW);
    actor.run('TASS', NOW, NOW);
    const annotation = db.prepare(
      `INSERT INTO annotations (document_id, label_id, start, end, fragments, text, attributes, created_at, updated_at) VALUES (1, ?, 0, 7, '[[0,7]]', 'Ushakov', ?, ?, ?)`,
    );
    annotation.run(1, '{"source": 2, "speaker": 1, "kind": "direct"}', NOW, NOW);
    annotation.run(1, '{"source": 2}', NOW, NOW);
    annotation.run(1, '{"kind": "direct"}', NOW, NOW);
    annotation.run(2, '{}', NOW, NOW);
    migrate(db, migrations, 3);
    const actors = () => db.prepare('SELECT annotation_id, actor_id, role FROM annotation_actors ORDER BY annotation_id').raw().all();
    // The first actor attribute in the label's order that holds one, whatever the order of the stored keys.
    assert.deepEqual(actors(), [[1, 1, 'speaker'], [2, 2, 'source']]);
    // Writes of annotations are recorded by the store, not by a trigger (see annotation-actors.ts).
    annotation.run(1, '{"speaker": 2}', NOW, NOW);
    assert.deepEqual(actors(), [[1, 1, 'speaker'], [2, 2, 'source']], 'no insert trigger');
    recordAnnotationActor(db, 5);
    assert.deepEqual(actors(), [[1, 1, 'speaker'], [2, 2, 'source'], [5, 2, 'speaker']], 'inserts');
    db.prepare(`UPDATE annotations SET attributes = '{"kind": "x"}' WHERE id = 1`).run();
    recordAnnotationActor(db, 1);
    db.prepare(`UPDATE annotations SET label_id = 2 WHERE id = 2`).run();
    recordAnnotationActor(db, 2);
    assert.deepEqual(actors(), [[5, 2, 'speaker']], 'updates of attributes and labels');
    db.prepare(`UPDATE labels SET attributes = '[{"name": "speaker", "type": "text"}]' WHERE id = 1`).run();
    assert.deepEqual(actors(), [], 'a label whose attribute is no longer an actor');
    db.prepare(`UPDATE labels SET attributes = ? WHERE id = 1`).run(attributes);
    assert.deepEqual(actors(), [[5, 2, 'speaker']]);
    db.prepare('DELETE FROM annotations WHERE id = 5').run();
    assert.deepEqual(actors(), [], 'deletes');
    const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name IN ('annotations_text', 'annotations_author', 'annotations_updated', 'documents_title', 'annotation_actors_actor')").all();
    assert.equal(indexes.length, 5, "the table's sort orders are indexed");
    db.close();
  });

  it('0004 keeps indexing new documents for search, except while an import defers it to one statement', () => {
    const db = freshDatabase();
    migrate(db, migrations, 3);
    const insert = db.prepare(`INSERT INTO documents (title, text, length, content_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`);
    insert.run('Before', 'Indexed before version 4.', 25, 'h1', NOW, NOW);
    migrate(db, migrations, 4);
    const search = (word: string) => db.prepare('SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? ORDER BY rowid').all(word).map((row) => (row as { rowid: number }).rowid);
    assert.deepEqual(search('indexed'), [1]);
    insert.run('After', 'Indexed by the trigger.', 23, 'h2', NOW, NOW);
    assert.deepEqual(search('indexed'), [1, 2], 'the trigger indexes a new document');

    db.transaction(() => {
      db.prepare('INSERT INTO documents_fts_deferred (after_id) SELECT max(id) FROM documents').run();
      insert.run('Deferred', 'Indexed in bulk.', 16, 'h3', NOW, NOW);
      insert.run('Deferred too', 'Indexed in bulk as well.', 24, 'h4', NOW, NOW);
      assert.deepEqual(search('bulk'), [], 'the trigger leaves them while the row is there');
      db.prepare('INSERT INTO documents_fts (rowid, title, text) SELECT id, title, text FROM documents WHERE id > (SELECT after_id FROM documents_fts_deferred)').run();
      db.prepare('DELETE FROM documents_fts_deferred').run();
    })();
    assert.deepEqual(search('bulk'), [3, 4]);
    insert.run('Later', 'Indexed by the trigger again.', 29, 'h5', NOW, NOW);
    assert.deepEqual(search('indexed'), [1, 2, 3, 4, 5]);
    db.exec(`INSERT INTO documents_fts (documents_fts) VALUES ('integrity-check')`);
    db.close();
  });

  it('0005 keeps every row and adds the removals, which hold a JSON object of rows only', () => {
    const db = freshDatabase();
    migrate(db, migrations, 4);
    db.prepare(`INSERT INTO documents (title, text, length, content_hash, created_at, updated_at) VALUES ('Kept', 'Kept text.', 10, 'h1', ?, ?)`).run(NOW, NOW);
    const before = db.prepare('SELECT * FROM documents').all();
    migrate(db, migrations, 5);
    assert.deepEqual(db.prepare('SELECT * FROM documents').all(), before);
    const keep = db.prepare('INSERT INTO removals (description, rows, created_at) VALUES (?, ?, ?)');
    keep.run('Remove “Kept”', JSON.stringify({ documents: [], labels: [], actors: [], annotations: [], relations: [], history: [] }), NOW);
    assert.throws(() => keep.run('Not rows', '[]', NOW), /CHECK constraint failed/);
    assert.throws(() => keep.run('Not JSON', '{', NOW), /CHECK constraint failed/);
    assert.deepEqual(db.prepare('SELECT id, description, author FROM removals').all(), [{ id: 1, description: 'Remove “Kept”', author: '' }]);
    db.close();
  });

  it('0006 keeps every annotation, with nothing set aside, and takes only a JSON object of set-aside values', () => {
    const db = freshDatabase();
    migrate(db, migrations, 5);
    db.prepare(`INSERT INTO documents (title, text, length, content_hash, created_at, updated_at) VALUES ('Doc', 'Some text.', 10, 'h1', ?, ?)`).run(NOW, NOW);
    db.prepare(`INSERT INTO labels (name, color, position) VALUES ('Claim', '#d9822b', 0)`).run();
    db.prepare(`INSERT INTO annotations (document_id, label_id, start, end, fragments, text, attributes, created_at, updated_at)
                VALUES (1, 1, 0, 4, '[[0,4]]', 'Some', '{"claimant":3}', ?, ?)`).run(NOW, NOW);
    const before = db.prepare('SELECT * FROM annotations').get() as Record<string, unknown>;
    migrate(db, migrations, 6);
    assert.deepEqual(db.prepare('SELECT * FROM annotations').get(), { ...before, set_aside: '{}' });
    const setAside = db.prepare('UPDATE annotations SET set_aside = ? WHERE id = 1');
    setAside.run('{"speaker":3}');
    assert.throws(() => setAside.run('[3]'), /CHECK constraint failed/);
    db.close();
  });

  it('0007 renames the kinds of actor, keeping every actor, its id sequence and the annotations that name it', () => {
    const db = freshDatabase();
    migrate(db, migrations, 6);
    const actor = db.prepare(`INSERT INTO actors (name, kind, created_at, updated_at) VALUES (?, ?, ?, ?)`);
    for (const [name, kind] of [['Ukraine', 'country'], ['Russian forces', 'group'], ['Yuri Ushakov', 'person'], ['Kremlin', 'organisation'], ['Gone', 'other']]) actor.run(name, kind, NOW, NOW);
    db.prepare(`DELETE FROM actors WHERE name = 'Gone'`).run();
    db.prepare(`INSERT INTO documents (title, text, length, content_hash, created_at, updated_at) VALUES ('Doc', 'Forces said so.', 15, 'h1', ?, ?)`).run(NOW, NOW);
    db.prepare(`INSERT INTO labels (name, color, attributes, position) VALUES ('Quote', '#2b6cb0', '[{"name":"speaker","type":"actor"}]', 0)`).run();
    db.prepare(`INSERT INTO annotations (document_id, label_id, start, end, fragments, text, attributes, created_at, updated_at)
                VALUES (1, 1, 0, 6, '[[0,6]]', 'Forces', '{"speaker":2}', ?, ?)`).run(NOW, NOW);
    recordAnnotationActor(db, 1);
    migrate(db, migrations, 7);
    assert.deepEqual(db.prepare('SELECT id, name, kind FROM actors ORDER BY id').all(), [
      { id: 1, name: 'Ukraine', kind: 'state' },
      { id: 2, name: 'Russian forces', kind: 'armed_group' },
      { id: 3, name: 'Yuri Ushakov', kind: 'person' },
      { id: 4, name: 'Kremlin', kind: 'organisation' },
    ]);
    assert.deepEqual(db.prepare('SELECT annotation_id, actor_id, role FROM annotation_actors').all(), [{ annotation_id: 1, actor_id: 2, role: 'speaker' }], 'no cascade');
    assert.deepEqual(db.prepare('SELECT annotation_id, actor_id FROM annotation_actor_candidates').all(), [{ annotation_id: 1, actor_id: 2 }]);
    assert.equal(Number(actor.run('Next', 'media', NOW, NOW).lastInsertRowid), 6, 'the id of the deleted actor is not handed out again');
    assert.throws(() => actor.run('Old kind', 'country', NOW, NOW), /CHECK constraint failed/);
    assert.equal(db.pragma('foreign_keys', { simple: true }), 1, 'foreign keys are on again');
    assert.deepEqual(db.pragma('foreign_key_check'), []);
    db.close();
  });

  it('0008 indexes documents by status and publication day, keeping every document', () => {
    const db = freshDatabase();
    migrate(db, migrations, 7);
    const document = db.prepare(`INSERT INTO documents (title, text, length, content_hash, published_at, status, created_at, updated_at) VALUES (?, 'Text.', 5, ?, ?, ?, ?, ?)`);
    document.run('Early', 'h1', '2025-03-01', 'done', NOW, NOW);
    document.run('Undated', 'h2', null, 'new', NOW, NOW);
    migrate(db, migrations, 8);
    assert.deepEqual(db.prepare('SELECT title, status, published_at AS publishedAt FROM documents ORDER BY id').all(), [
      { title: 'Early', status: 'done', publishedAt: '2025-03-01' },
      { title: 'Undated', status: 'new', publishedAt: null },
    ]);
    const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT substr(published_at, 1, 10), status FROM documents`).all() as { detail: string }[];
    assert.match(plan.map((step) => step.detail).join('\n'), /COVERING INDEX documents_day_status/);
    db.close();
  });

  it('0009 keeps every document and history step, and adds document tags, saved views and bulk actions', () => {
    const db = freshDatabase();
    migrate(db, migrations, 8);
    const document = db.prepare(`INSERT INTO documents (title, text, length, content_hash, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`);
    document.run('Talks', 'Ushakov said no. 👩‍👩‍👧', 19, 'h1', 'done', NOW, NOW);
    document.run('Later', 'More.', 5, 'h2', 'new', NOW, NOW);
    db.prepare(`INSERT INTO history (document_id, description, forward, inverse, created_at) VALUES (1, 'Tag Quote', '[]', '[]', ?)`).run(NOW);
    const documentsBefore = db.prepare('SELECT * FROM documents ORDER BY id').all();
    const historyBefore = db.prepare('SELECT * FROM history ORDER BY id').all() as Record<string, unknown>[];
    migrate(db, migrations, 9);
    assert.deepEqual(db.prepare('SELECT * FROM documents ORDER BY id').all(), documentsBefore);
    assert.deepEqual(db.prepare('SELECT * FROM history ORDER BY id').all(), historyBefore.map((row) => ({ ...row, bulk_id: null })), 'existing steps belong to no bulk action');

    const tag = db.prepare('INSERT INTO document_tags (name, created_at) VALUES (?, ?)');
    tag.run('Ukraine talks', NOW);
    assert.throws(() => tag.run('ukraine TALKS', NOW), /UNIQUE/, 'tag names are unique ignoring case');
    assert.throws(() => tag.run(' padded ', NOW), /CHECK/);
    const link = db.prepare('INSERT INTO document_tag_links (document_id, tag_id) VALUES (?, ?)');
    link.run(1, 1);
    link.run(2, 1);
    assert.throws(() => link.run(1, 1), /UNIQUE|PRIMARY KEY/);
    assert.throws(() => link.run(3, 1), /FOREIGN KEY/);
    db.prepare('DELETE FROM documents WHERE id = 2').run();
    assert.deepEqual(db.prepare('SELECT document_id, tag_id FROM document_tag_links').all(), [{ document_id: 1, tag_id: 1 }], 'a removed document takes its links');

    const view = db.prepare('INSERT INTO saved_views (name, filter, created_at, updated_at) VALUES (?, ?, ?, ?)');
    view.run('Ushakov’s quotes', '{"labelIds":[1],"actorIds":[3]}', NOW, NOW);
    assert.throws(() => view.run('Not an object', '[1]', NOW, NOW), /CHECK/);
    assert.throws(() => view.run('USHAKOV’S QUOTES', '{}', NOW, NOW), /UNIQUE/);

    db.prepare(`INSERT INTO bulk_actions (description, annotations, created_at) VALUES ('Relabel 1 annotation as Claim', 1, ?)`).run(NOW);
    db.prepare(`INSERT INTO history (document_id, description, forward, inverse, created_at, bulk_id) VALUES (1, 'Relabel', '[]', '[]', ?, 1)`).run(NOW);
    assert.throws(() => db.prepare(`INSERT INTO history (document_id, description, forward, inverse, created_at, bulk_id) VALUES (1, 'X', '[]', '[]', ?, 9)`).run(NOW), /FOREIGN KEY/);
    db.prepare('DELETE FROM bulk_actions WHERE id = 1').run();
    assert.deepEqual(db.prepare('SELECT description, bulk_id FROM history ORDER BY id').all(), [{ description: 'Tag Quote', bulk_id: null }, { description: 'Relabel', bulk_id: null }]);
    assert.deepEqual(db.pragma('foreign_key_check'), []);
    db.close();
  });

  it('0010 indexes the texts with Han or kana in trigrams, those already stored and those to come', () => {
    const db = freshDatabase();
    migrate(db, migrations, 9);
    const insert = db.prepare(`INSERT INTO documents (title, text, length, content_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`);
    insert.run('Chinese', '普京会见特朗普特使', 9, 'h1', NOW, NOW);
    insert.run('English', 'Putin met the envoy', 19, 'h2', NOW, NOW);
    insert.run('Japanese', 'プーチン大統領は会談した', 12, 'h3', NOW, NOW);
    migrate(db, migrations, 10);
    const held = () => db.prepare('SELECT rowid FROM documents_han ORDER BY rowid').all().map((row) => (row as { rowid: number }).rowid);
    const matching = (query: string) => db.prepare('SELECT rowid FROM documents_han WHERE documents_han MATCH ?').all(query).map((row) => (row as { rowid: number }).rowid);
    assert.deepEqual(held(), [1, 3], 'only texts with Han or kana');
    assert.deepEqual(matching('"特朗普"'), [1]);
    assert.deepEqual(matching('"大統領"'), [3]);
    insert.run('Later', '泽连斯基在基辅', 7, 'h4', NOW, NOW);
    assert.deepEqual(matching('"泽连斯"'), [4], 'a new document is indexed by the trigger');
    db.prepare('DELETE FROM documents WHERE id = 1').run();
    assert.deepEqual(held(), [3, 4], 'a deleted one leaves the index');
    assert.deepEqual(db.prepare('SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?').all('putin'), [{ rowid: 2 }], 'the word index is as it was');
    const sql = migrations[9]!.sql;
    assert.ok(sql.includes(HAN_TEXT('new.text')) && sql.includes(HAN_TEXT('text')), 'the migration and a bulk import index the same texts');
    db.close();
  });

  it('0011 keeps every document and indexes the day and title of each by id, which an actor’s page reads', () => {
    const db = freshDatabase();
    migrate(db, migrations, 10);
    const document = db.prepare(`INSERT INTO documents (title, text, length, content_hash, published_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`);
    document.run('Early 🇺🇦', 'Talks began.', 12, 'h1', '2025-01-05', NOW, NOW);
    document.run('Undated', 'No day.', 7, 'h2', null, NOW, NOW);
    const before = db.prepare('SELECT * FROM documents ORDER BY id').all();
    migrate(db, migrations, 11);
    assert.deepEqual(db.prepare('SELECT * FROM documents ORDER BY id').all(), before);
    const read = db.prepare('SELECT published_at, title FROM documents INDEXED BY documents_publication WHERE id = ?');
    assert.deepEqual(read.all(1), [{ published_at: '2025-01-05', title: 'Early 🇺🇦' }]);
    assert.match(JSON.stringify(db.prepare('EXPLAIN QUERY PLAN SELECT published_at, title FROM documents INDEXED BY documents_publication WHERE id = ?').all(2)), /COVERING INDEX documents_publication/);
    document.run('Later', 'More.', 5, 'h3', '2025-03-01', NOW, NOW);
    assert.deepEqual(read.all(3), [{ published_at: '2025-03-01', title: 'Later' }]);
    db.close();
  });

  it('0012 turns free-text targets into registry entries, one per text ignoring case and surrounding space, and points the attributes at them', () => {
    const db = freshDatabase();
    migrate(db, migrations, 11);
    db.prepare(`INSERT INTO documents (title, text, length, content_hash, created_at, updated_at) VALUES ('Doc', 'Kyiv rejects the plan. 🇺🇦 Ναι.', 31, 'h1', ?, ?)`).run(NOW, NOW);
    db.prepare(`INSERT INTO actors (name, created_at, updated_at) VALUES ('Zelenskyy', ?, ?)`).run(NOW, NOW);
    const position = '[{"name":"holder","type":"actor"},{"name":"target","type":"text"},{"name":"stance","type":"choice","options":["supports","opposes"]}]';
    db.prepare(`INSERT INTO labels (name, color, attributes, position) VALUES ('Position', '#8e44ad', ?, 0)`).run(position);
    db.prepare(`INSERT INTO labels (name, color, attributes, position) VALUES ('Claim', '#d9822b', '[{"name":"topic","type":"text"}]', 1)`).run();
    const annotation = db.prepare(`INSERT INTO annotations (document_id, label_id, start, end, fragments, text, attributes, set_aside, created_at, updated_at)
      VALUES (1, ?, ?, ?, ?, 'x', ?, ?, ?, ?)`);
    const rows: [label: number, attributes: object, setAside?: object][] = [
      [1, { holder: 1, target: 'the US peace plan', stance: 'opposes' }],
      [1, { holder: 1, target: '  The US Peace Plan ', stance: 'opposes' }],
      [1, { target: 'the US peace plan' }],
      [1, { target: 'ΕΚΕΧΕΙΡΙΑ' }],
      [1, { target: 'εκεχειρια\u00a0', stance: 'supports' }],
      [1, { target: '  ', stance: 'supports' }],
      [1, { stance: 'supports' }],
      [2, { topic: 'the US peace plan' }, { target: 'Sanctions' }],
    ];
    rows.forEach(([label, attributes, setAside], index) => annotation.run(label, index, index + 1, `[[${index},${index + 1}]]`, JSON.stringify(attributes), JSON.stringify(setAside ?? {}), NOW, NOW));
    recordAnnotationActor(db, 1);
    recordAnnotationActor(db, 2);
    migrate(db, migrations, 12);

    assert.deepEqual(db.prepare('SELECT id, name, aliases, description FROM targets ORDER BY id').all(), [
      { id: 1, name: 'the US peace plan', aliases: '[]', description: '' },
      { id: 2, name: 'ΕΚΕΧΕΙΡΙΑ', aliases: '[]', description: '' },
      { id: 3, name: 'Sanctions', aliases: '[]', description: '' },
    ], 'the most used spelling names the entry; Greek letters fold as ASCII ones do');
    assert.deepEqual(
      db.prepare('SELECT attributes, set_aside FROM annotations ORDER BY id').all().map((row) => {
        const { attributes, set_aside } = row as { attributes: string; set_aside: string };
        return [JSON.parse(attributes), JSON.parse(set_aside)];
      }),
      [
        [{ holder: 1, target: 1, stance: 'opposes' }, {}],
        [{ holder: 1, target: 1, stance: 'opposes' }, {}],
        [{ target: 1 }, {}],
        [{ target: 2 }, {}],
        [{ target: 2, stance: 'supports' }, {}],
        [{ stance: 'supports' }, {}],
        [{ stance: 'supports' }, {}],
        [{ topic: 'the US peace plan' }, { target: 3 }],
      ],
      'a text attribute of another name keeps its text; a target of white space only is dropped',
    );
    assert.deepEqual(JSON.parse((db.prepare('SELECT attributes FROM labels WHERE id = 1').get() as { attributes: string }).attributes), [
      { name: 'holder', type: 'actor' },
      { name: 'target', type: 'target' },
      { name: 'stance', type: 'choice', options: ['supports', 'opposes'] },
    ]);
    assert.deepEqual(db.prepare('SELECT annotation_id, actor_id FROM annotation_actors ORDER BY annotation_id').all(), [
      { annotation_id: 1, actor_id: 1 },
      { annotation_id: 2, actor_id: 1 },
    ], 'the holders stay recorded');
    assert.deepEqual(db.prepare('SELECT * FROM annotation_positions ORDER BY annotation_id').all(), [
      { annotation_id: 1, target_id: 1, stance: 'opposes', document_id: 1 },
      { annotation_id: 2, target_id: 1, stance: 'opposes', document_id: 1 },
      { annotation_id: 5, target_id: 2, stance: 'supports', document_id: 1 },
    ], 'what the matrix counts: a target and one of the four stances');
    db.prepare(`UPDATE labels SET attributes = '[{"name":"target","type":"text"}]' WHERE id = 1`).run();
    assert.deepEqual(db.prepare('SELECT count(*) AS n FROM annotation_positions').get(), { n: 0 }, 'a label whose target is no longer a target counts no positions');
    db.prepare(`UPDATE labels SET attributes = ? WHERE id = 1`).run(JSON.stringify([{ name: 'target', type: 'target' }, { name: 'stance', type: 'text' }]));
    assert.deepEqual(db.prepare('SELECT count(*) AS n FROM annotation_positions').get(), { n: 3 });
    const strict = db.prepare("SELECT strict FROM pragma_table_list WHERE name = 'targets'").get() as { strict: number };
    assert.equal(strict.strict, 1);
    assert.throws(() => db.prepare(`INSERT INTO targets (name, created_at, updated_at) VALUES ('  ', ?, ?)`).run(NOW, NOW), /CHECK/);
    assert.deepEqual(db.prepare("SELECT name FROM sqlite_temp_master").all(), [], 'no scratch table is left');
    db.close();
  });

  it('refuses a migration that would leave a reference broken, rolling it back', () => {
    const dangling = join(dir, 'dangling-migrations');
    mkdirSync(dangling);
    writeFileSync(join(dangling, '0001_parents.sql'), 'CREATE TABLE parent (id INTEGER PRIMARY KEY) STRICT; CREATE TABLE child (parent_id INTEGER REFERENCES parent (id)) STRICT;');
    writeFileSync(join(dangling, '0002_orphan.sql'), 'INSERT INTO child (parent_id) VALUES (7);');
    const db = freshDatabase();
    assert.throws(() => migrate(db, loadMigrations(dangling)), /would break 1 reference\(s\), e\.g\. child row 1 to parent/);
    assert.equal(db.pragma('user_version', { simple: true }), 0);
    assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
    db.close();
  });

  it('rolls back every pending migration when one fails', () => {
    const broken = join(dir, 'broken-migrations');
    mkdirSync(broken);
    writeFileSync(join(broken, '0001_first.sql'), 'CREATE TABLE first (id INTEGER PRIMARY KEY) STRICT;');
    writeFileSync(join(broken, '0002_second.sql'), 'CREATE TABLE second (id INTEGER PRIMARY KEY) STRICT; SELECT nonsense FROM nowhere;');
    const db = freshDatabase();
    assert.throws(() => migrate(db, loadMigrations(broken)), /no such table: nowhere/);
    assert.equal(db.pragma('user_version', { simple: true }), 0);
    assert.deepEqual(db.prepare("SELECT name FROM sqlite_master WHERE name IN ('first', 'second')").all(), []);
    db.close();
  });

  it('refuses migration files with gaps or bad names', () => {
    const gappy = join(dir, 'gappy');
    mkdirSync(gappy);
    writeFileSync(join(gappy, '0001_a.sql'), 'SELECT 1;');
    writeFileSync(join(gappy, '0003_c.sql'), 'SELECT 1;');
    assert.throws(() => loadMigrations(gappy), /without gaps/);
    const badName = join(dir, 'bad-name');
    mkdirSync(badName);
    writeFileSync(join(badName, '1_a.sql'), 'SELECT 1;');
    assert.throws(() => loadMigrations(badName), /NNNN_name\.sql/);
  });

  it('refuses a workspace from a newer Parley without touching the file', () => {
    const path = workspacePath(dir);
    const db = new Database(path);
    db.pragma(`user_version = ${migrations.length + 1}`);
    db.close();
    const digest = () => createHash('sha256').update(readFileSync(path)).digest('hex');
    const before = digest();
    assert.throws(() => openDatabase(path), (error: unknown) => {
      assert.ok(error instanceof FutureWorkspaceError);
      assert.match(error.message, /newer version of Parley/);
      assert.ok(error.message.includes(`schema version ${migrations.length + 1}`));
      return true;
    });
    assert.equal(digest(), before);
  });

  it('opens an existing workspace again without re-running migrations', () => {
    const path = workspacePath(dir);
    openDatabase(path).close();
    const db = openDatabase(path);
    assert.equal(db.pragma('user_version', { simple: true }), migrations.length);
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
    db.close();
  });
});
