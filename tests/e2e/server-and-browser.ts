// The pieces under the e2e fixture, free of vitest so scripts can use them too
// (scripts/measure-validation.ts, measure-playback.ts, record-demo.ts): `vite preview` of dist/ with cross-origin isolation (COOP/COEP),
// Debian's Chromium through playwright-core, the page's error log, the test-hooks URL and the wait
// for a ready run. Tests use fixture.ts, which opens, checks and closes pages with these.

import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type ConsoleMessage, type Page } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';

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

/** `vite preview` of a build (dist/ unless named) on a free port, with the isolation headers, recording 404s. */
export async function startServer(dir = DIST): Promise<StaticServer> {
  if (!existsSync(join(dir, 'index.html'))) throw new Error(`${dir}/index.html is missing: run \`npx vite build\` first`);
  const missing: string[] = [];
  const server: PreviewServer = await preview({
    root: ROOT,
    logLevel: 'warn',
    // no single-page fallback: a missing file is a 404, not index.html
    appType: 'mpa',
    build: { outDir: resolve(dir) },
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

/**
 * For each backend (both, or `only`'s), in order: a browser for it (WebGPU enabled for 'webgpu'),
 * `body`, then the browser closed. The measuring scripts' outer loop.
 */
export async function forEachBackend(
  only: 'cpu' | 'webgpu' | null,
  body: (backend: 'cpu' | 'webgpu', browser: Browser) => Promise<void>,
): Promise<void> {
  for (const backend of ['cpu', 'webgpu'] as const) {
    if (only && only !== backend) continue;
    const browser = await launchBrowser({ webgpu: backend === 'webgpu' });
    try {
      await body(backend, browser);
    } finally {
      await browser.close();
    }
  }
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

/** `url` with ?testHooks=1 added (the production page has window.__dropoutLab only then). */
export function withTestHooks(url: string): string {
  // string surgery, not URL's setters: a test may open a deliberately malformed query, which must reach the page as written
  const cut = url.indexOf('#');
  const [head, hash] = cut < 0 ? [url, ''] : [url.slice(0, cut), url.slice(cut)];
  if (/[?&]testHooks=/.test(head)) return url;
  return `${head}${head.includes('?') ? '&' : '?'}testHooks=1${hash}`;
}

/** Waits until the worker reports a ready run (backend known, its first frame there to draw). */
export async function waitReady(page: Page, timeout = 120_000): Promise<void> {
  await page.waitForFunction(
    () => {
      const v = window.__dropoutLab?.view();
      return v !== undefined && v.phase === 'ready' && (v.current?.frames.length ?? 0) > 0;
    },
    undefined,
    { timeout, polling: 100 },
  );
}
