import type { Component } from 'svelte';
import type { Route } from './route.ts';

/**
 * The corpus screens, each loaded when it is first shown: a window opens on an article, and their code (a third
 * of the app's) would otherwise be parsed and run before the article paints. Vite makes a chunk of each; a
 * module is fetched once and kept, so coming back to a screen costs nothing.
 */
export const CORPUS_SCREENS: Record<Exclude<Route['screen'], 'workbench'>, () => Promise<{ default: Component }>> = {
  table: () => import('./table/TableScreen.svelte'),
  search: () => import('./search/SearchScreen.svelte'),
  actors: () => import('./actors/ActorsScreen.svelte'),
  actor: () => import('./actor/ActorPage.svelte'),
  positions: () => import('./positions/PositionsScreen.svelte'),
  dashboard: () => import('./dashboard/DashboardScreen.svelte'),
};
