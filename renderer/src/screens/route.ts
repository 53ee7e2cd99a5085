/**
 * The screens of the app as routes, written in the URL hash: `#/document/12` is the workbench on document 12,
 * `#/table` the table of every annotation (`#/table?label=2&actor=7&from=2025-03-01` filtered), `#/search?q=…`
 * the corpus search, `#/actors` the actor registry, `#/actor/7` one actor's page, `#/positions` the positions
 * matrix, `#/dashboard` the charts. Anything else is the workbench on whichever document it opens.
 */
import { ANNOTATION_ORIGINS, DOCUMENT_STATUSES, type AnnotationFilter, type AttributeCondition } from '../../../electron/shared/types.ts';

export type Route =
  | { readonly screen: 'workbench'; readonly documentId: number | null }
  | { readonly screen: 'table'; readonly filter?: AnnotationFilter }
  | { readonly screen: 'search'; readonly query: string }
  | { readonly screen: 'actors' }
  | { readonly screen: 'actor'; readonly actorId: number }
  | { readonly screen: 'positions' }
  | { readonly screen: 'dashboard' };

export const WORKBENCH: Route = { screen: 'workbench', documentId: null };

const ID = /^[1-9]\d{0,15}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The table's filter from its query string: `text`; `label`, `actor`, `target` and `tag` (repeated ids); `status`, `origin`
 * and `author` (repeated values); `attr=name:value` (a text or choice value) and `flag=name:true` (a boolean),
 * split at the first colon; `from` and `to` (days). What is not an id, a known value or a day is left out.
 */
function parseFilter(query: URLSearchParams): AnnotationFilter | undefined {
  const ids = (key: string) => query.getAll(key).filter((value) => ID.test(value)).map(Number);
  const among = <T extends string>(key: string, known: readonly T[]) => query.getAll(key).filter((value): value is T => (known as readonly string[]).includes(value));
  const filter: AnnotationFilter = {};
  const text = query.get('text');
  if (text) filter.text = text;
  if (ids('label').length > 0) filter.labelIds = ids('label');
  if (ids('actor').length > 0) filter.actorIds = ids('actor');
  if (ids('target').length > 0) filter.targetIds = ids('target');
  const attributes: AttributeCondition[] = [];
  for (const [key, written] of query) {
    const colon = written.indexOf(':');
    if ((key !== 'attr' && key !== 'flag') || colon < 1) continue;
    const name = written.slice(0, colon);
    const value = written.slice(colon + 1);
    if (key === 'attr') attributes.push({ name, value });
    else if (value === 'true' || value === 'false') attributes.push({ name, value: value === 'true' });
  }
  if (attributes.length > 0) filter.attributes = attributes;
  if (among('status', DOCUMENT_STATUSES).length > 0) filter.documentStatuses = among('status', DOCUMENT_STATUSES);
  if (ids('tag').length > 0) filter.documentTagIds = ids('tag');
  if (among('origin', ANNOTATION_ORIGINS).length > 0) filter.origins = among('origin', ANNOTATION_ORIGINS);
  const authors = query.getAll('author').filter((author) => author !== '');
  if (authors.length > 0) filter.authors = authors;
  const from = query.get('from');
  const to = query.get('to');
  if (from && DAY.test(from)) filter.publishedFrom = from;
  if (to && DAY.test(to)) filter.publishedTo = to;
  return Object.keys(filter).length > 0 ? filter : undefined;
}

function formatFilter(filter: AnnotationFilter | undefined): string {
  const query = new URLSearchParams();
  if (filter?.text) query.set('text', filter.text);
  for (const id of filter?.labelIds ?? []) query.append('label', String(id));
  for (const id of filter?.actorIds ?? []) query.append('actor', String(id));
  for (const id of filter?.targetIds ?? []) query.append('target', String(id));
  for (const { name, value } of filter?.attributes ?? []) query.append(typeof value === 'boolean' ? 'flag' : 'attr', `${name}:${String(value)}`);
  for (const status of filter?.documentStatuses ?? []) query.append('status', status);
  for (const id of filter?.documentTagIds ?? []) query.append('tag', String(id));
  for (const origin of filter?.origins ?? []) query.append('origin', origin);
  for (const author of filter?.authors ?? []) query.append('author', author);
  if (filter?.publishedFrom) query.set('from', filter.publishedFrom);
  if (filter?.publishedTo) query.set('to', filter.publishedTo);
  const written = query.toString();
  return written ? `?${written}` : '';
}

export function parseRoute(hash: string): Route {
  const [path = '', search = ''] = hash.replace(/^#/, '').split(/\?(.*)/s);
  const query = new URLSearchParams(search);
  if (path === '/table') {
    const filter = parseFilter(query);
    return filter ? { screen: 'table', filter } : { screen: 'table' };
  }
  if (path === '/search') return { screen: 'search', query: query.get('q') ?? '' };
  if (path === '/actors') return { screen: 'actors' };
  if (path === '/positions') return { screen: 'positions' };
  if (path === '/dashboard') return { screen: 'dashboard' };
  const actor = /^\/actor\/(\d+)$/.exec(path);
  if (actor && ID.test(actor[1]!)) return { screen: 'actor', actorId: Number(actor[1]) };
  const document = /^\/document\/(\d+)$/.exec(path);
  if (document && ID.test(document[1]!) && !search) return { screen: 'workbench', documentId: Number(document[1]) };
  return WORKBENCH;
}

export function formatRoute(route: Route): string {
  switch (route.screen) {
    case 'table':
      return `#/table${formatFilter(route.filter)}`;
    case 'search':
      return route.query ? `#/search?${new URLSearchParams({ q: route.query })}` : '#/search';
    case 'actors':
    case 'positions':
    case 'dashboard':
      return `#/${route.screen}`;
    case 'actor':
      return `#/actor/${route.actorId}`;
    case 'workbench':
      return route.documentId === null ? '#/' : `#/document/${route.documentId}`;
  }
}
