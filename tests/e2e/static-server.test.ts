// The fixture's server: `vite preview` of dist/ with cross-origin isolation, 404 for what is not
// there (no single-page fallback that would hide a missing asset), and a page that is isolated.
import { describe, expect, it } from 'vitest';
import { ISOLATION_HEADERS, e2e } from './fixture';

describe('the e2e static server', () => {
  const lab = e2e({ webgpu: false });

  it('serves the page and its assets with COOP/COEP and reports missing files', async () => {
    const index = await fetch(lab.url);
    expect(index.status).toBe(200);
    const html = await index.text();
    for (const [name, value] of Object.entries(ISOLATION_HEADERS)) expect(index.headers.get(name)).toBe(value);
    const script = /<script[^>]+src="\.?\/?([^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(new URL(script ?? '', lab.url));
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(asset.headers.get('cross-origin-embedder-policy')).toBe('require-corp');

    expect(lab.server.missing).toEqual([]);
    expect((await fetch(new URL('assets/no-such-file.js', lab.url))).status).toBe(404);
    expect((await fetch(new URL('some/page', lab.url))).status).toBe(404);
    expect(lab.server.missing).toEqual(['/assets/no-such-file.js', '/some/page']);
  });

  it('the page is cross-origin isolated', () =>
    lab.withPage('hidden=8&epochs=10&every=5', async ({ page }) => {
      expect(await page.evaluate(() => window.crossOriginIsolated)).toBe(true);
    }));
});
