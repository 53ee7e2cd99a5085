import type { ServerResponse } from 'node:http';
import { START_UP_ELEMENT, scriptSafeJson } from '../shared/start-up.ts';
import type { StartUp } from '../shared/types.ts';

/**
 * Sends the app's page with the first screen's data inlined (see shared/start-up.ts). The page up to `</body>`
 * leaves at once, so that the browser fetches the app's code while the backend reads the data; the data follows
 * in the same response, before `</body>`, and is there when the code runs (a module script runs only once the
 * page is parsed). When the data cannot be read, the page goes out without it and the app asks for it itself,
 * which reports the failure as it would any other.
 */
export async function sendStartPage(response: ServerResponse, page: string, startUp: () => Promise<StartUp>): Promise<void> {
  const end = page.lastIndexOf('</body>');
  const head = end === -1 ? page : page.slice(0, end);
  const tail = end === -1 ? '' : page.slice(end);
  // The page holds the workspace's content now: never stored by the browser or anything in between.
  response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  response.write(head);
  let data: string | null;
  try {
    data = scriptSafeJson(await startUp());
  } catch {
    data = null;
  }
  if (data !== null) response.write(`<script type="application/json" id="${START_UP_ELEMENT}">${data}</script>\n`);
  response.end(tail);
}
