// The one fixture of the browser tests: the built app (dist/, `vite build` first; `npm run test:e2e`
// does both) served by `vite preview` on 127.0.0.1 with cross-origin isolation (COOP/COEP), and
// Debian's Chromium driven by playwright-core (no browser download, nothing leaves 127.0.0.1).
//
// Use it like this in a tests/e2e/*.test.ts file:
//
//   import { e2e } from './fixture';
//
//   describe('my feature', () => {
//     const lab = e2e({ webgpu: true }); // starts the server and a browser before the tests, closes them after
//
//     it('does its thing', () =>
//       lab.withPage('hidden=16&epochs=60', async ({ page }) => {
//         // the page is open at ?hidden=16&epochs=60 and the first run is ready (epoch-0 checkpoint drawn)
//         await page.getByRole('button', { name: 'Play' }).click();
//         ...
//       }), 120_000);
//   });
//
// withPage(query, body, options) opens a page, waits until the run is ready, runs the body, then
// asserts that nothing was logged as an error (console errors of the page and its workers, uncaught
// exceptions) and closes the page, also when the body failed. Options: `ready: false` to skip the
// wait (the body waits for what it needs), `allowErrors: 'console'` when console errors are expected
// (uncaught exceptions still fail), `allowErrors: 'all'` to check nothing. The body also gets the
// page's `log` (errors and every requested URL) to assert on. `lab.url` and `lab.server.missing`
// (paths that got a 404) are there for tests of the server itself; page helpers are in lab-page.ts.

import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type ConsoleMessage, type Page } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, expect } from 'vitest';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const DIST = join(ROOT, 'dist');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium';

/** Cross-origin isolation, as a deployment that wants SharedArrayBuffer and precise timers serves the page. */
export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
} as const;

const BROWSER_ARGS = [
  '--no-sandbox',
  '--headless=new',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface StaticServer {
  /** http://127.0.0.1:PORT/ */
  readonly url: string;
  /** paths requested that got a 404 */
  readonly missing: string[];
  close(): Promise<void>;
}

/** `vite preview` of dist/ on a free port, with the isolation headers, recording 404s. */
export async function startServer(): Promise<StaticServer> {
  if (!existsSync(join(DIST, 'index.html'))) throw new Error(`${DIST}/index.html is missing: run \`npx vite build\` first`);
  const missing: string[] = [];
  const server: PreviewServer = await preview({
    root: ROOT,
    logLevel: 'warn',
    // no single-page fallback: a missing file is a 404, not index.html
    appType: 'mpa',
    preview: { host: '127.0.0.1', port: 0, strictPort: true, headers: ISOLATION_HEADERS },
    plugins: [
      {
        name: 'dropout-lab-e2e-missing-files',
        configurePreviewServer(s) {
          s.middlewares.use((req, res, next) => {
            res.on('finish', () => {
              if (res.statusCode === 404) missing.push(req.url ?? '');
            });
            next();
          });
        },
      },
    ],
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report its URL');
  return { url, missing, close: () => server.close() };
}

export async function launchBrowser(options: { webgpu: boolean }): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: options.webgpu ? ['--enable-unsafe-webgpu', ...BROWSER_ARGS] : BROWSER_ARGS,
  });
}

export interface PageLog {
  /** console errors of the page and its workers ("worker: …"), uncaught exceptions ("pageerror: …") */
  readonly errors: string[];
  /** every URL the page requested */
  readonly requests: string[];
}

/** Records what withPage checks (and what a test may assert on). */
export function watch(page: Page): PageLog {
  const log: PageLog = { errors: [], requests: [] };
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error') log.errors.push(m.text());
  });
  page.on('pageerror', (e) => log.errors.push(`pageerror: ${e.message}`));
  page.on('request', (r) => log.requests.push(r.url()));
  page.on('worker', (w) =>
    w.on('console', (m: ConsoleMessage) => {
      if (m.type() === 'error') log.errors.push(`worker: ${m.text()}`);
    }),
  );
  return log;
}

/** Waits until the worker reports a ready run (backend known, epoch-0 checkpoint drawn). */
export async function waitReady(page: Page, timeout = 120_000): Promise<void> {
  await page.waitForFunction(
    () => {
      const v = window.__dropoutLab?.view();
      return v !== undefined && v.phase === 'ready' && v.latest !== null;
    },
    undefined,
    { timeout, polling: 100 },
  );
}

export interface PageOptions {
  /** wait for the ready run before the body (default true) */
  readonly ready?: boolean;
  /** which logged errors the test tolerates (default: none) */
  readonly allowErrors?: 'console' | 'all';
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
export function e2e(options: { webgpu: boolean }): Lab {
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
      const page = await started('browser', browser).newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
      try {
        const log = watch(page);
        await page.goto(query === '' ? started('server', server).url : `${started('server', server).url}?${query}`);
        if (pageOptions.ready ?? true) await waitReady(page);
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
