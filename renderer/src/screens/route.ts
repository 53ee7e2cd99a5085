/**
 * The screens of the app as routes, written in the URL hash: `#/document/12` is the workbench on document 12,
 * `#/table` the table of every annotation. Anything else is the workbench on whichever document it opens.
 */
export type Route = { readonly screen: 'workbench'; readonly documentId: number | null } | { readonly screen: 'table' };

export const WORKBENCH: Route = { screen: 'workbench', documentId: null };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  if (path === '/table') return { screen: 'table' };
  const document = /^\/document\/([1-9]\d{0,15})$/.exec(path);
  if (document) return { screen: 'workbench', documentId: Number(document[1]) };
  return WORKBENCH;
}

export function formatRoute(route: Route): string {
  if (route.screen === 'table') return '#/table';
  return route.documentId === null ? '#/' : `#/document/${route.documentId}`;
}
