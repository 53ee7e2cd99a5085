import { expect, test } from './fixtures.ts';

test.describe('browser mode security', () => {
  test('refuses the page and the API without the token', async ({ workbench, browser }) => {
    const stranger = await browser.newContext();
    const page = await stranger.newPage();
    const response = await page.goto(workbench.origin + '/');
    expect(response!.status()).toBe(401);
    await expect(page.locator('body')).toContainText('no token');
    const api = await page.request.post(workbench.origin + '/api/listDocuments', { data: {} });
    expect(api.status()).toBe(401);
    await stranger.close();
  });

  test('refuses API calls from a foreign origin even with the cookie', async ({ workbench }) => {
    const response = await workbench.page.request.post(workbench.origin + '/api/listDocuments', {
      data: {},
      headers: { origin: 'http://evil.example' },
    });
    expect(response.status()).toBe(403);
    const ok = await workbench.page.request.post(workbench.origin + '/api/listDocuments', { data: {} });
    expect(ok.status()).toBe(200);
  });

  test('serves the app and no benchmark page', async ({ workbench }) => {
    // renderer/bench/plain.html is built only for `npm run bench` (vite build --mode bench), into its own folder.
    const bench = await workbench.page.request.get(workbench.origin + '/bench/plain.html');
    expect(bench.status()).toBe(404);
    const app = await workbench.page.request.get(workbench.origin + '/index.html');
    expect(app.status()).toBe(200);
  });

  test('drops the token from the address bar after opening', async ({ workbench }) => {
    expect(workbench.page.url()).toBe(workbench.origin + '/');
  });
});
