import { formatRoute, parseRoute, type Route } from './route.ts';

/**
 * Which screen shows, kept in the URL hash so that reload, back and forward restore it. `go` records a new
 * history entry for a screen the analyst chose; a hash changed from outside (back, forward, an edited address)
 * is handed to `onnavigate`, which brings the app to it.
 */
export class Router {
  route = $state.raw<Route>(parseRoute(location.hash));
  onnavigate: (route: Route) => void = () => {};

  constructor() {
    window.addEventListener('hashchange', () => {
      const route = parseRoute(location.hash);
      if (formatRoute(route) === formatRoute(this.route)) return;
      this.route = route;
      this.onnavigate(route);
    });
  }

  /** Shows `route`; `replace` rewrites the current history entry instead (the first screen, a correction). */
  go(route: Route, { replace = false }: { replace?: boolean } = {}): void {
    const hash = formatRoute(route);
    this.route = route;
    if (hash === location.hash) return;
    if (replace) history.replaceState(history.state, '', hash);
    else history.pushState(history.state, '', hash);
  }
}
