// Re-measures the rows of issue 14 that bounded, validated input answers (1, 2, 3, 4, 9, 10, 11,
// 12, 13): time, memory where it matters, and the message shown now. Node-side parts run the
// modules the page and CLIs use; the browser part opens the built page (npx vite build first) in
// Debian's Chromium. Run: npx tsx scripts/measure-validation.ts [--no-browser]

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseCsvPoints, formatCsvErrors } from '../src/analysis/csv';
import { englishText } from '../src/ui/i18n/english';
import { parseGoldenFile } from '../src/analysis/golden-file';
import { runToCsv, runToJson } from '../src/analysis/export';
import { defaultSettings } from '../src/experiment/settings';
import { buildLink, parseUrlState } from '../src/ui/url-state';

const goldenDir = resolve(process.env.GOLDEN_DIR ?? resolve(process.cwd(), '../shared/reference'));
const out: Record<string, unknown> = {};
function timed<T>(f: () => T): { ms: number; value: T; heapMb: number } {
  global.gc?.();
  const h0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const value = f();
  return { ms: Math.round((performance.now() - t0) * 10) / 10, value, heapMb: Math.round((process.memoryUsage().heapUsed - h0) / 2 ** 20) };
}
function cli(script: string, args: string[]): { code: number | null; err: string } {
  const r = spawnSync('npx', ['tsx', `src/cli/${script}.ts`, ...args], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, err: r.stderr.split('\n').find((l) => l.startsWith('error')) ?? r.stderr.slice(0, 200) };
}

// row 1: the CSV paste box
const row = '0.5,0.25\n';
const tenMb = row.repeat(Math.ceil((10 * 2 ** 20) / row.length));
const r1 = timed(() => parseCsvPoints(tenMb));
const r1k = timed(() => parseCsvPoints(row.repeat(100_000)));
const junk = timed(() => parseCsvPoints('bad row\n'.repeat(8000)));
out.row1 = {
  tenMb: { ms: r1.ms, heapMb: r1.heapMb, message: r1.value.refused && englishText(r1.value.refused) },
  rows100k: { ms: r1k.ms, message: r1k.value.refused && englishText(r1k.value.refused) },
  errorsListed: { ms: junk.ms, lines: formatCsvErrors(junk.value).length, last: formatCsvErrors(junk.value).map(englishText).at(-1) },
};

// row 2: links with many points
const pts = (n: number) => Array.from({ length: n }, (_, i) => `${(i % 3) - 1},1`).join(';');
for (const n of [100_000, 300_000]) {
  const p = pts(n);
  const r = timed(() => parseUrlState('?backend=cpu&hidden=16', `#pts=${p}`));
  const old = timed(() => parseUrlState(`?backend=cpu&hidden=16&pts=${p}`, ''));
  out[`row2_${n}`] = {
    hashMs: r.ms,
    queryMs: old.ms,
    points: r.value.points?.x.length,
    hidden: r.value.settings.hidden,
    notices: r.value.notices.map(englishText),
  };
}

// row 3: 5,000 unknown parameters
const many = Array.from({ length: 5000 }, (_, i) => `p${i}=1`).join('&');
const r3 = timed(() => parseUrlState(`?${many}`));
out.row3 = { ms: r3.ms, lines: r3.value.notices.length, last: r3.value.notices.map(englishText).at(-1) };

// row 4: prototype-named keys
const r4 = parseUrlState('?backend=cpu&toString=1&hasOwnProperty=2&constructor=3&__proto__=1');
const r4b = parseUrlState('?toString=abc');
const json = runToJson({ settings: r4.settings, backend: 'cpu', data: { x: [0], y: [0], testX: [0], testY: [0] }, series: [], frames: [] });
out.row4 = {
  notices: r4.notices.map(englishText),
  toStringAbc: r4b.notices.map(englishText),
  settingsKeys: Object.keys(r4.settings).length,
  exportMentions: ['toString', 'hasOwnProperty', 'constructor', '__proto__'].filter((k) => json.includes(k)),
  cli: cli('train', ['--toString', '--constructor=1']),
};

// row 9: golden files
const small = JSON.parse(readFileSync(resolve(goldenDir, 'golden_small.json'), 'utf8')) as Record<string, unknown> & {
  data: { x: unknown[] };
  arch: { sizes: number[] };
  cases: Record<string, { steps: number }>;
};
const variant = (edit: (g: typeof small) => void): string => {
  const g = structuredClone(small);
  edit(g);
  const r = parseGoldenFile(JSON.stringify(g));
  return r.ok ? 'accepted' : r.error;
};
out.row9 = {
  missingArch: variant((g) => delete (g as Record<string, unknown>).arch),
  nullCases: variant((g) => ((g as Record<string, unknown>).cases = null)),
  steps1e9: variant((g) => (g.cases.a_adam.steps = 1e9)),
  net1e8: variant((g) => (g.arch.sizes = [1, 1e8, 1])),
  nullInDataX: variant((g) => (g.data.x[3] = null)),
  h300: (() => {
    const r = timed(() => parseGoldenFile(readFileSync(resolve(goldenDir, 'golden_h300.json'), 'utf8')));
    return { ms: r.ms, ok: r.value.ok };
  })(),
};

// row 10: out-of-range data
const csv10 = parseCsvPoints('0,0\n0.5,0.5\n1e3,2');
const url10 = parseUrlState('', '#pts=3.5e38,1;0,0;0.5,0.5');
out.row10 = {
  csvWarning: csv10.warning && englishText(csv10.warning),
  csvErrors: formatCsvErrors(csv10).map(englishText),
  link: url10.notices.map(englishText),
};

// row 11: silent choices
out.row11 = {
  duplicate: parseUrlState('?convention=1.2.3&convention=vanilla').notices.map(englishText),
  queryAndHash: parseUrlState('?seed=3', '#dropout=0.2').notices.map(englishText),
  octal: parseUrlState('?epochs=0o7').notices.map(englishText),
  cliPositional: cli('train', ['junk']),
  cliSingleDash: cli('train', ['-epochs', '5']),
  cliDuplicate: cli('train', ['--epochs', '5', '--epochs', '7']),
  cliMinus3: cli('train', ['--epochs', '-3']),
};

// row 12: exports of a diverged run
const series = [
  { name: 'n', label: 'n', trainLoss: [1, Infinity, NaN], penalty: [0, 0, -Infinity], test: [], trainEval: [], divergedAt: 2 },
];
const run12 = { settings: defaultSettings(), backend: 'cpu', data: { x: [0], y: [0], testX: [0], testY: [0] }, series, frames: [] };
out.row12 = {
  csv: runToCsv(run12).split('\n').slice(1, 4),
  json: (JSON.parse(runToJson(run12)) as { nets: { train_mse: unknown[] }[] }).nets[0].train_mse,
};

// row 13: hardening
const dist = (() => {
  try {
    return readFileSync('dist/index.html', 'utf8');
  } catch {
    return '';
  }
})();
const own = {
  x: Array.from({ length: 500 }, (_, i) => -1 + (2 * i) / 499 + 0.00012),
  y: Array.from({ length: 500 }, (_, i) => Math.sin(i) * 1.2345),
};
const link = buildLink(defaultSettings(), 'cpu', own);
out.row13 = {
  csp:
    /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(dist)?.[1]?.replaceAll('&#39;', "'") ??
    'no dist/index.html: run npx vite build',
  linkWith500Points: { total: link.length, queryPart: link.indexOf('#'), hashPart: link.length - link.indexOf('#') },
};

console.log(JSON.stringify(out, null, 1));

if (!process.argv.includes('--no-browser')) await browserPart();

async function browserPart(): Promise<void> {
  const { launchBrowser, startServer, waitReady, withTestHooks } = await import('../tests/e2e/server-and-browser');
  const { openTab } = await import('../tests/e2e/lab-page');
  const server = await startServer();
  const browser = await launchBrowser({ webgpu: false });
  // the tests' pages: test hooks on, the CSP bypassed; the others open the URL as a user's browser does
  const newPlainPage = () => browser.newPage();
  const result: Record<string, unknown> = {};
  try {
    const page = await browser.newPage({ bypassCSP: true });
    await page.goto(withTestHooks(`${server.url}?backend=cpu&hidden=8`));
    await waitReady(page);
    await openTab(page, 'Data');
    result.pasteRefusedMs = await page.locator('#csv-input').evaluate(async (el) => {
      const text = '0.5,0.25\n'.repeat(Math.ceil((10 * 2 ** 20) / 9));
      const data = new DataTransfer();
      data.setData('text/plain', text);
      const t0 = performance.now();
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
      while (!document.querySelector('[data-testid="csv-refused"]')) await new Promise((r) => requestAnimationFrame(r));
      return Math.round(performance.now() - t0);
    });
    result.pasteMessage = await page.getByTestId('csv-refused').textContent();
    const t0 = Date.now();
    await page.getByRole('button', { name: 'Edit points on the chart' }).click();
    await page.getByRole('button', { name: 'Stop editing points' }).waitFor();
    result.clickAnsweredMs = Date.now() - t0;
    result.heapMb = await page.evaluate(() =>
      Math.round(((performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0) / 2 ** 20),
    );
    await page.close();
    for (const n of [100_000, 300_000]) {
      const p = await newPlainPage();
      const t = Date.now();
      await p.goto(`${server.url}?backend=cpu&hidden=16&testHooks=1#pts=${pts(n)}`, { timeout: 300_000 });
      await waitReady(p, 300_000);
      result[`link${n}`] = { readyMs: Date.now() - t, notice: await p.getByTestId('url-notice').locator('li').allTextContents() };
      await p.close();
      const s = await newPlainPage();
      const ts = Date.now();
      await s.goto(`${server.url}favicon.svg?x=1#pts=${pts(n)}`, { timeout: 300_000 });
      result[`staticFileSameUrl${n}Ms`] = Date.now() - ts;
      await s.close();
    }
    const plain = await newPlainPage();
    await plain.goto(`${server.url}?backend=cpu&hidden=8`);
    await plain.getByTestId('epoch').waitFor();
    await plain.waitForTimeout(2000);
    result.hooksWithoutParam = await plain.evaluate(() => '__dropoutLab' in window);
    await plain.close();
  } finally {
    await browser.close();
    await server.close();
  }
  console.log(JSON.stringify({ browser: result }, null, 1));
}
