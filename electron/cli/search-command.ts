/**
 * `parley search <workspace> "<query>" [--json] [--limit N]`: the corpus search of the Search screen, one row
 * per hit, best documents first. `--json` prints `[{"document", "title", "start", "end", "snippet"}]` with code
 * point offsets into the stored text (Python's `text[start:end]` is the hit).
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Actor, Label, SearchDocument, SearchHit, SearchResults } from '../shared/types.ts';
import { openBackend, type Backend } from '../core/backend.ts';
import { ParleyError } from '../core/errors.ts';
import { callerPath } from './caller-dir.ts';

export const SEARCH_USAGE = `  search <workspace> "<query>" [--json] [--limit N]
                                        Search the texts: words, "phrases", prefix*, AND, OR, NOT, ( );
                                        Chinese and Japanese as written. One row per hit, best documents first
    --limit N                           At most N hits (default 50)
    --label L, --actor NAME             Search only annotations with label L (repeatable) or naming the actor
                                        (quotes by Yuri Ushakov containing Pokrovsk)
    --json                              Print [{"document", "title", "start", "end", "snippet"}], code points`;

const DEFAULT_LIMIT = 50;
/** The API answers at most this many documents; each has at least one hit, so N hits never need more. */
const MAX_DOCUMENTS = 500;

function usageError(message: string): ParleyError {
  return new ParleyError('invalid_params', `${message}\n\nUsage:\n${SEARCH_USAGE}`);
}

/** One hit, as `--json` prints it. */
interface HitRow {
  document: number;
  title: string;
  start: number;
  end: number;
  snippet: string;
}

export async function searchCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      limit: { type: 'string' },
      label: { type: 'string', multiple: true },
      actor: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(`Usage:\n${SEARCH_USAGE}`);
    return 0;
  }
  if (positionals.length !== 2) throw usageError('parley search needs a workspace path and a query (quote the query for your shell)');
  const limit = values.limit === undefined ? DEFAULT_LIMIT : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1) throw usageError(`--limit takes a whole number of hits, 1 or more, not "${values.limit}"`);
  const workspace = callerPath(positionals[0]!);
  if (!existsSync(workspace)) throw new ParleyError('not_found', `No workspace at ${workspace}`);

  const backend = await openBackend(workspace);
  try {
    const labelIds = await labelIdsNamed(backend, values.label ?? []);
    const actorId = values.actor === undefined ? undefined : await actorIdNamed(backend, values.actor);
    let results: SearchResults;
    try {
      results = (await backend.dispatch('searchCorpus', {
        query: positionals[1]!,
        limit: Math.min(limit, MAX_DOCUMENTS),
        ...(labelIds.length > 0 ? { labelIds } : {}),
        ...(actorId !== undefined ? { actorId } : {}),
      })) as SearchResults;
    } catch (error) {
      if (error instanceof ParleyError && error.field === 'query') throw usageError(error.message.replace(/^query: /, 'in the query, '));
      throw error;
    }
    const hits = results.documents.flatMap((document) => document.hits.map((hit) => ({ document, hit }))).slice(0, limit);
    if (values.json) {
      const rows: HitRow[] = hits.map(({ document, hit }) => ({
        document: document.documentId,
        title: document.title,
        start: hit.start,
        end: hit.end,
        snippet: hit.snippet.before + hit.snippet.match + hit.snippet.after,
      }));
      console.log(JSON.stringify(rows));
      return 0;
    }
    printTable(results, hits);
    return 0;
  } finally {
    await backend.close();
  }
}

/** The ids of the labels named (ignoring case, as label names do); an unknown name is a usage error naming the others. */
async function labelIdsNamed(backend: Backend, names: string[]): Promise<number[]> {
  if (names.length === 0) return [];
  const labels = (await backend.dispatch('listLabels', {})) as Label[];
  return names.map((name) => {
    const label = labels.find((candidate) => candidate.name.toLowerCase() === name.trim().toLowerCase());
    if (!label) throw usageError(`--label: there is no label "${name}" (labels: ${labels.map((candidate) => candidate.name).join(', ')})`);
    return label.id;
  });
}

/** The actor named (ignoring case) or with this external id; an unknown one is a usage error. */
async function actorIdNamed(backend: Backend, name: string): Promise<number> {
  const wanted = name.trim().toLowerCase();
  const actors = (await backend.dispatch('listActors', {})) as Actor[];
  const actor = actors.find((candidate) => candidate.name.toLowerCase() === wanted || candidate.externalId?.toLowerCase() === wanted);
  if (!actor) throw usageError(`--actor: there is no actor named "${name}" in the workspace`);
  return actor.id;
}

/** At most `width` code points of `text`, on one line, cut with an ellipsis. */
function cell(text: string, width: number): string {
  const points = Array.from(text.replace(/\s+/gu, ' ').trim());
  return points.length <= width ? points.join('') : `${points.slice(0, width - 1).join('')}…`;
}

function printTable(results: SearchResults, rows: { document: SearchDocument; hit: SearchHit }[]): void {
  const hits = results.documents.reduce((sum, document) => sum + document.hitCount, 0);
  const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;
  if (rows.length === 0) {
    console.log('No document matches.');
    return;
  }
  const shown = rows.length < hits ? ` (showing ${rows.length}; --limit N shows more)` : '';
  console.log(`${plural(results.total, 'document')} ${results.total === 1 ? 'matches' : 'match'}, ${plural(hits, 'hit')} in the first ${plural(results.documents.length, 'document')}${shown}.`);
  // The hit in [brackets]: a terminal shows no highlight that survives a pipe.
  const table = rows.map(({ document, hit }) => [
    String(document.documentId),
    `${hit.start}–${hit.end}`,
    cell(document.title, 32),
    cell(`${hit.snippet.before}[${hit.snippet.match}]${hit.snippet.after}`, 80),
  ]);
  const header = ['doc', 'start–end', 'title', 'snippet'];
  const widths = header.map((name, column) => Math.max(name.length, ...table.map((line) => Array.from(line[column]!).length)));
  const line = (cells: string[]) => cells.map((text, column) => (column === cells.length - 1 ? text : text + ' '.repeat(widths[column]! - Array.from(text).length))).join('  ');
  console.log(line(header));
  for (const cells of table) console.log(line(cells));
}
