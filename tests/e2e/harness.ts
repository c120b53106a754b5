// E2E harness: a tiny static server over dist/ and Debian's Chromium driven by playwright-core.
// No browser download, no network: everything is served from 127.0.0.1.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { chromium, type Browser, type ConsoleMessage, type Page } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const DIST = join(ROOT, 'dist');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium';

const BASE_ARGS = [
  '--no-sandbox',
  '--headless=new',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.wgsl': 'text/plain; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticServer {
  readonly url: string;
  /** paths requested that were not found */
  readonly missing: string[];
  close(): Promise<void>;
}

export async function startServer(dir = DIST): Promise<StaticServer> {
  if (!existsSync(join(dir, 'index.html'))) throw new Error(`${dir}/index.html is missing: run \`npx vite build\` first`);
  const missing: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = normalize(join(dir, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(dir + sep) && file !== dir) {
      res.writeHead(403).end();
      return;
    }
    if (!existsSync(file) || !statSync(file).isFile()) {
      missing.push(path);
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    missing,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

/** `url` with ?testHooks=1 added (the production page has window.__dropoutLab only then). */
export function withTestHooks(url: string): string {
  if (!url.startsWith('http://127.0.0.1:')) return url;
  // string surgery, not URL's setters: a test may open a deliberately malformed query, which must reach the page as written
  const cut = url.indexOf('#');
  const [head, hash] = cut < 0 ? [url, ''] : [url.slice(0, cut), url.slice(cut)];
  if (/[?&]testHooks=/.test(head)) return url;
  return `${head}${head.includes('?') ? '&' : '?'}testHooks=1${hash}`;
}

const plainNewPage = new WeakMap<Browser, Browser['newPage']>();

/**
 * Chromium for the tests. Every page it opens goes to the app with ?testHooks=1 (its goto adds
 * it), so the tests can read window.__dropoutLab, and bypasses the page's Content-Security-Policy
 * (Playwright's string predicates are evaluated in the page, which the CSP rightly forbids);
 * `newPlainPage` opens one that does neither, as a user's browser would.
 */
export async function launch(options: { webgpu: boolean }): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: options.webgpu ? ['--enable-unsafe-webgpu', ...BASE_ARGS] : BASE_ARGS,
  });
  const newPage = browser.newPage.bind(browser);
  plainNewPage.set(browser, newPage);
  browser.newPage = async (pageOptions) => {
    const page = await newPage({ bypassCSP: true, ...pageOptions });
    const goto = page.goto.bind(page);
    page.goto = (url, gotoOptions) => goto(withTestHooks(url), gotoOptions);
    return page;
  };
  return browser;
}

/** A page whose goto opens URLs as given (no test hooks unless the URL asks for them). */
export async function newPlainPage(browser: Browser, options?: Parameters<Browser['newPage']>[0]): Promise<Page> {
  return (plainNewPage.get(browser) ?? browser.newPage.bind(browser))(options);
}

export interface PageLog {
  readonly errors: string[];
  readonly requests: string[];
}

/** Console errors, page errors and every request the page makes (to check nothing leaves 127.0.0.1). */
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

export async function epoch(page: Page): Promise<number> {
  return Number(await page.getByTestId('epoch').textContent());
}

export async function waitForEpoch(page: Page, atLeast: number, timeout = 120_000): Promise<number> {
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid="epoch"]')?.textContent) >= n, atLeast, {
    timeout,
    polling: 100,
  });
  return epoch(page);
}

/** Waits until the worker reports a ready run (backend known, epoch-0 checkpoint drawn). */
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

export interface ChartDataset {
  label: string;
  data: { x: number; y: number }[];
}

export async function charts(page: Page): Promise<{ main: ChartDataset[] | null; loss: ChartDataset[] | null }> {
  return page.evaluate(() => {
    const hooks = window.__dropoutLab;
    if (!hooks) throw new Error('no test hooks');
    return hooks.charts();
  });
}

/** Opens one of the tabs below the first screen (Checkpoints, Data, Seeds, Sweep, Weights, Export, Parity). */
export async function openTab(page: Page, name: string): Promise<void> {
  const tab = page.getByRole('tab', { name, exact: true });
  if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
}

/** Unfolds a collapsible settings group (Optimization, Network, Training, Data, Backend). */
export async function openSettingsGroup(page: Page, title: string): Promise<void> {
  const group = page.locator('details.settings-group').filter({ has: page.locator('.group-title', { hasText: title }) });
  if ((await group.getAttribute('open')) === null) await group.locator('summary').click();
}
