// The one fixture of the browser tests: the built app (dist/, `vite build` first; `npm run test:e2e`
// does both) served by `vite preview` on 127.0.0.1 with cross-origin isolation (COOP/COEP), and
// Debian's Chromium driven by playwright-core (no browser download, nothing leaves 127.0.0.1).
//
// Use it like this in a tests/e2e/*.test.ts file:
//
//   import { e2e } from './fixture';
//
//   describe('my feature', () => {
//     // starts the server and a browser before the tests, closes them after; `query` (optional) goes
//     // first in every page's query: Auto, the default backend, never picks SwiftShader, so tests of
//     // WebGPU ask for it
//     const lab = e2e({ webgpu: true, query: 'backend=webgpu' });
//
//     it('does its thing', () =>
//       lab.withPage('hidden=16&epochs=60', async ({ page }) => {
//         // the page is open at ?backend=webgpu&hidden=16&epochs=60 and the first run is ready (epoch-0 checkpoint drawn)
//         await page.getByRole('button', { name: 'Play' }).click();
//         ...
//       }), 120_000);
//   });
//
// withPage(query, body, options) opens the page at `?query` (after the lab's own `query`, if any;
// a `#hash` may follow), waits until the run is ready, runs the body, then asserts that nothing was
// logged as an error (console errors of the page and its workers, uncaught exceptions) and closes
// the page, also when the body failed.
// The page gets ?testHooks=1 (the production page has window.__dropoutLab only then) and bypasses
// the page's Content-Security-Policy (Playwright's string predicates are evaluated in the page,
// which the CSP rightly forbids). Options:
//   ready: false          skip the wait for the ready run (the body waits for what it needs)
//   allowErrors: 'console' console errors are expected (uncaught exceptions still fail the test);
//                'all'     nothing is checked
//   plain: true           the page as a user's browser opens it: the CSP enforced, no test hooks
//                         unless the query asks for them
//   timeout               for loading the page and the ready wait (default 120 s)
//   viewport              the page's size (default 1280×900)
//   hasTouch              the page has a touch screen (tap events), as a phone
//   init(page)            runs before the page loads (page.addInitScript, listeners)
// The body also gets the page's `log` (errors and every requested URL) to assert on. `lab.url` and
// `lab.server.missing` (paths that got a 404) are there for tests of the server itself. The server,
// the browser and the error log are in server-and-browser.ts; what tests read from the page, in
// lab-page.ts.

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { launchBrowser, startServer, waitReady, watch, withTestHooks, type PageLog, type StaticServer } from './server-and-browser';

export { ROOT, ISOLATION_HEADERS } from './server-and-browser';

export interface PageOptions {
  /** wait for the ready run before the body (default true) */
  readonly ready?: boolean;
  /** which logged errors the test tolerates (default: none) */
  readonly allowErrors?: 'console' | 'all';
  /** as a user's browser opens it: the CSP enforced, no test hooks unless the query asks */
  readonly plain?: boolean;
  /** ms for loading the page and for the ready wait (default 120 s) */
  readonly timeout?: number;
  /** runs before the page loads */
  readonly init?: (page: Page) => Promise<void>;
  /** the page's size (default 1280×900) */
  readonly viewport?: { readonly width: number; readonly height: number };
  /** a touch screen (default false) */
  readonly hasTouch?: boolean;
}

export interface Lab {
  /** the server's base URL, http://127.0.0.1:PORT/ */
  readonly url: string;
  readonly server: StaticServer;
  readonly browser: Browser;
  /** Opens `?query`, runs `body`, asserts no logged errors, closes the page (see the header). */
  withPage<T>(query: string, body: (p: { page: Page; log: PageLog }) => Promise<T>, options?: PageOptions): Promise<T>;
}

/**
 * Registers beforeAll/afterAll in the calling describe block (or file): one server and one
 * Chromium (with or without WebGPU) for its tests.
 */
export function e2e(options: { webgpu: boolean; query?: string }): Lab {
  let server: StaticServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser(options);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  const started = <T>(what: string, value: T | undefined): T => {
    if (value === undefined) throw new Error(`e2e: the ${what} is not started (use the lab inside a test)`);
    return value;
  };
  return {
    get url() {
      return started('server', server).url;
    },
    get server() {
      return started('server', server);
    },
    get browser() {
      return started('browser', browser);
    },
    async withPage(query, body, pageOptions = {}) {
      const plain = pageOptions.plain ?? false;
      const page = await started('browser', browser).newPage({
        viewport: pageOptions.viewport ?? { width: 1280, height: 900 },
        hasTouch: pageOptions.hasTouch ?? false,
        acceptDownloads: true,
        bypassCSP: !plain,
      });
      try {
        const log = watch(page);
        await pageOptions.init?.(page);
        const url = pageUrl(started('server', server).url, options.query ?? '', query);
        const timeout = pageOptions.timeout ?? 120_000;
        await page.goto(plain ? url : withTestHooks(url), { timeout });
        if (pageOptions.ready ?? true) await waitReady(page, timeout);
        const result = await body({ page, log });
        if (pageOptions.allowErrors === undefined) expect(log.errors, 'errors logged by the page').toEqual([]);
        else if (pageOptions.allowErrors === 'console')
          expect(
            log.errors.filter((e) => e.startsWith('pageerror')),
            'uncaught exceptions',
          ).toEqual([]);
        return result;
      } finally {
        await page.close();
      }
    },
  };
}

/** base?labQuery&query#hash, either query possibly empty, `query` possibly only a #hash */
function pageUrl(base: string, labQuery: string, query: string): string {
  const cut = query.indexOf('#');
  const [search, hash] = cut < 0 ? [query, ''] : [query.slice(0, cut), query.slice(cut)];
  const joined = [labQuery, search].filter((q) => q !== '').join('&');
  return `${base}${joined === '' ? '' : `?${joined}`}${hash}`;
}
