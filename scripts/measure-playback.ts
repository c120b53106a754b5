// Measures the playback on the built page (a measurement, not a test): frames recorded and shown,
// time on screen at each speed, page frame rate, main-thread busy share and longest task, latency
// from Pause and from a slider change to the trainer, and which shapes compute a whole run within
// the instant-preview threshold — on the CPU backend and on WebGPU (SwiftShader here).
//
//   npx vite build && npx tsx scripts/measure-playback.ts [--only cpu|webgpu|mainthread] [--before DIR] [--repeat N]
//
// Each backend is asked for by name (?backend=cpu|webgpu): Auto would pick the CPU over SwiftShader.
// --before DIR measures an older build (e.g. main before this change) the same way, for the
// main-thread figures. --repeat N plays each Tutorial-speed run N times (default 1): a long task is
// rare enough on a loaded machine that one run says little. Results: stdout and
// test-results/playback-metrics.json.

import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { traceMainThreadTasks } from '../tests/e2e/main-thread-trace';
import {
  CHROMIUM,
  DIST,
  ROOT,
  forEachBackend,
  startServer,
  waitReady,
  withTestHooks,
  type StaticServer,
} from '../tests/e2e/server-and-browser';

type BackendName = 'cpu' | 'webgpu';
const args = process.argv.slice(2);
const only = args.includes('--only') ? (args[args.indexOf('--only') + 1] as BackendName | 'mainthread') : null;
const before = args.includes('--before') ? args[args.indexOf('--before') + 1] : null;
const repeat = args.includes('--repeat') ? Math.max(1, Math.floor(Number(args[args.indexOf('--repeat') + 1])) || 1) : 1;
const PREVIEW_MAX_MS = 150;

interface MainThread {
  readonly seconds: number;
  /** share of wall time the page's main thread spent in tasks (CDP TaskDuration) */
  readonly busyPercent: number;
  /** longest task (PerformanceObserver 'longtask'; 0 when none exceeded 50 ms) */
  readonly longestTaskMs: number;
  readonly longTasks: number;
  /** when each long task began, in ms after the measurement began (the click on Play, for a play) */
  readonly longTasksAtMs: readonly number[];
  /** the most CPU time one main-thread task used (a Chromium trace): the page's own work, without the wait for a core */
  readonly heaviestTaskCpuMs: number;
  readonly fps: number;
}

/** Install before the page's scripts: long tasks and animation frames counted from the start. */
const PROBES = `
  window.__probe = { longTasks: [], longTaskStarts: [], frames: 0, epochs: [], t0: 0 };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      window.__probe.longTasks.push(e.duration);
      window.__probe.longTaskStarts.push(e.startTime);
    }
  })
    .observe({ type: 'longtask', buffered: true });
  const tick = () => { window.__probe.frames++; requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
`;

interface Probe {
  longTasks: number[];
  longTaskStarts: number[];
  t0: number;
  frames: number;
  epochs: { epoch: number; t: number }[];
}
declare global {
  interface Window {
    __probe: Probe;
  }
}

/** Main-thread figures over what `during` does (busy share: CDP's cumulative TaskDuration, one session; each task's CPU: a trace). */
async function mainThread(page: Page, during: () => Promise<void>): Promise<MainThread> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const taskSeconds = async (): Promise<number> => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return metrics.find((m) => m.name === 'TaskDuration')?.value ?? NaN;
  };
  await page.evaluate(() => {
    window.__probe.longTasks = [];
    window.__probe.longTaskStarts = [];
    window.__probe.t0 = performance.now();
    window.__probe.frames = 0;
  });
  const task0 = await taskSeconds();
  const t0 = Date.now();
  const tasks = await traceMainThreadTasks(page, during);
  const seconds = (Date.now() - t0) / 1000;
  const task1 = await taskSeconds();
  await cdp.detach();
  // only the tasks that began in the window: the observer reports a task some time after it ended,
  // so one of the page's load can arrive after the reset above
  const probe = await page.evaluate(() => {
    const { longTasks, longTaskStarts, t0, frames } = window.__probe;
    const inWindow = longTasks.map((ms, i) => ({ ms, at: longTaskStarts[i] - t0 })).filter((e) => e.at >= 0);
    return { longTasks: inWindow.map((e) => e.ms), at: inWindow.map((e) => Math.round(e.at)), frames };
  });
  return {
    seconds,
    busyPercent: (100 * (task1 - task0)) / seconds,
    longestTaskMs: Math.max(0, ...probe.longTasks),
    longTasks: probe.longTasks.length,
    longTasksAtMs: probe.at,
    heaviestTaskCpuMs: Math.round(Math.max(0, ...tasks.map((t) => t.cpuMs)) * 10) / 10,
    fps: probe.frames / seconds,
  };
}

async function open(browser: Browser, server: StaticServer, query: string): Promise<Page> {
  // the test hooks (?testHooks=1), and the CSP bypassed for the probes and the predicates Playwright evaluates in the page
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
  await page.addInitScript(PROBES);
  await page.goto(withTestHooks(`${server.url}?${query}`));
  await waitReady(page, 180_000);
  return page;
}

/** Records every epoch the status shows, with its time. */
async function watchEpochs(page: Page): Promise<void> {
  await page.evaluate(() => {
    const el = document.querySelector('[data-testid="epoch"]');
    if (!el) throw new Error('no epoch');
    window.__probe.epochs = [{ epoch: Number(el.textContent), t: performance.now() }];
    new MutationObserver(() => window.__probe.epochs.push({ epoch: Number(el.textContent), t: performance.now() })).observe(el, {
      characterData: true,
      childList: true,
      subtree: true,
    });
  });
}

async function waitFinished(page: Page, timeout: number): Promise<boolean> {
  try {
    await page.waitForFunction(() => document.querySelector('[data-testid="run-state"]')?.textContent === 'finished', undefined, {
      timeout,
      polling: 100,
    });
    return true;
  } catch {
    return false;
  }
}

interface PlayFigures {
  readonly backend: BackendName;
  readonly hidden: number;
  readonly speed: string;
  readonly finished: boolean;
  readonly framesRecorded: number;
  readonly framesShown: number;
  readonly epochsOnScreen: number;
  /** from the first epoch after 0 on screen to the last */
  readonly secondsOnScreen: number;
  readonly runComputeMs: number | null;
  readonly mainThread: MainThread;
}

async function playOnce(browser: Browser, server: StaticServer, backend: BackendName, hidden: number, speed: string): Promise<PlayFigures> {
  const page = await open(browser, server, `hidden=${hidden}&backend=${backend}`);
  await page.getByLabel('Speed', { exact: true }).selectOption(speed);
  await watchEpochs(page);
  // found before the window: Playwright's role query runs in the page (15 ms of the main thread here)
  const play = await page.getByRole('button', { name: 'Play' }).elementHandle();
  let finished = false;
  const main = await mainThread(page, async () => {
    await play.click();
    finished = await waitFinished(page, 240_000);
  });
  const figures = await page.evaluate(() => {
    const pb = window.__dropoutLab?.playback();
    const v = window.__dropoutLab?.view();
    const epochs = window.__probe.epochs;
    const moving = epochs.filter((e) => e.epoch > 0);
    return {
      framesRecorded: pb?.frames ?? 0,
      framesShown: pb?.shownTick.filter((t) => t >= 0).length ?? 0,
      epochsOnScreen: new Set(epochs.map((e) => e.epoch)).size,
      secondsOnScreen: moving.length > 1 ? (moving[moving.length - 1].t - moving[0].t) / 1000 : 0,
      runComputeMs: v?.worker.cost?.measured ? v.worker.cost.ms : null,
    };
  });
  await page.close();
  return { backend, hidden, speed, finished, ...figures, mainThread: main };
}

interface Latency {
  readonly backend: BackendName;
  readonly hidden: number;
  readonly pauseMs: number | null;
  readonly continueChangeMs: number | null;
  readonly replayChangeMs: number | null;
}

/** A long run computing: Pause, a "continue" slider change while playing, a replay change while paused. */
async function latency(browser: Browser, server: StaticServer, backend: BackendName, hidden: number): Promise<Latency> {
  const page = await open(browser, server, `hidden=${hidden}&epochs=100000&backend=${backend}`);
  const handled = (type: string) =>
    page.evaluate((t) => (window.__dropoutLab?.view().latency as Record<string, number | undefined>)[t] ?? null, type);
  await page.getByLabel('On change').selectOption({ label: 'Continue from here' });
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForTimeout(3000);
  await page.getByLabel('Dropout rate', { exact: true }).fill('0.3');
  await page.waitForFunction(() => window.__dropoutLab?.view().current?.appliedSettings.dropout === 0.3, undefined, { timeout: 60_000 });
  const continueChangeMs = await handled('settings');
  await page.waitForTimeout(1000);
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.waitForFunction(() => window.__dropoutLab?.view().worker.running === false, undefined, { timeout: 60_000 });
  const pauseMs = await handled('pause');
  await page.getByLabel('On change').selectOption({ label: 'Replay from epoch 0' });
  const run = await page.evaluate(() => window.__dropoutLab?.view().run ?? 0);
  await page.getByLabel('Dropout rate', { exact: true }).fill('0.4');
  await page.waitForFunction((r) => (window.__dropoutLab?.view().run ?? 0) > r, run, { timeout: 60_000 });
  await page.waitForTimeout(300);
  const replayChangeMs = await handled('settings');
  await page.close();
  return { backend, hidden, pauseMs, continueChangeMs, replayChangeMs };
}

/** Compute time of a whole 500-epoch run per shape, at Max speed. */
async function runCost(browser: Browser, server: StaticServer, backend: BackendName, hidden: number): Promise<number | null> {
  const page = await open(browser, server, `hidden=${hidden}&backend=${backend}`);
  await page.getByLabel('Speed', { exact: true }).selectOption('max');
  await page.getByRole('button', { name: 'Play' }).click();
  await waitFinished(page, 240_000);
  // a replay of the same shape: warm (pipelines, JIT) — the figure the preview decision uses
  await page.getByLabel('Dropout rate', { exact: true }).fill('0.3');
  await page.waitForFunction(() => window.__dropoutLab?.view().current?.cause === 'replay', undefined, { timeout: 60_000 });
  await waitFinished(page, 240_000);
  const cost = await page.evaluate(() => {
    const c = window.__dropoutLab?.view().worker.cost;
    return c?.measured ? c.ms : null;
  });
  await page.close();
  return cost;
}

/** CPU seconds used by the main threads of the renderers of the browser started with `--marker`. */
function rendererMainCpuSeconds(marker: string): number {
  const pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  const cmdline = (pid: string): string[] => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    } catch {
      return [];
    }
  };
  const stat = (path: string): string[] | null => {
    try {
      const text = readFileSync(path, 'utf8');
      return text.slice(text.lastIndexOf(')') + 2).split(' ');
    } catch {
      return null;
    }
  };
  const browser = pids.find((p) => {
    const c = cmdline(p);
    return c.includes(`--${marker}`) && !c.join(' ').includes('--type=');
  });
  if (!browser) return NaN;
  const children = new Map<string, string[]>();
  for (const p of pids) {
    const parent = stat(`/proc/${p}/stat`)?.[1];
    if (parent) children.set(parent, [...(children.get(parent) ?? []), p]);
  }
  let seconds = 0;
  const queue = [browser];
  while (queue.length > 0) {
    const p = queue.shift() as string;
    queue.push(...(children.get(p) ?? []));
    // (zygote children rewrite their command line into one string: search it as text)
    if (!cmdline(p).join(' ').includes('--type=renderer')) continue;
    // the renderer's main thread is its first thread (tid = pid); fields 14, 15: utime, stime
    const f = stat(`/proc/${p}/task/${p}/stat`);
    if (f) seconds += (Number(f[11]) + Number(f[12])) / 100;
  }
  return seconds;
}

interface BeforeAfter extends MainThread {
  /** share of wall time the renderer main thread was on a CPU (its own CPU time, load-independent) */
  readonly mainThreadCpuPercent: number;
}

/** A build (this one or an older one): press Play and watch the main thread for `seconds`. */
async function beforeFigures(browser: Browser, marker: string, dir: string, hidden: number, seconds: number): Promise<BeforeAfter> {
  const server = await startServer(dir);
  try {
    // the hooks only with ?testHooks=1 (builds before the hardening ignore it); the predicates need the CSP bypassed
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    await page.addInitScript(PROBES);
    await page.goto(`${server.url}?hidden=${hidden}&backend=cpu&testHooks=1`);
    await page.getByRole('button', { name: 'Play' }).waitFor();
    await page.waitForFunction(() => window.__dropoutLab?.view().phase === 'ready', undefined, { timeout: 120_000 });
    await page.waitForTimeout(1000);
    let cpu = 0;
    const play = await page.getByRole('button', { name: 'Play' }).elementHandle();
    const main = await mainThread(page, async () => {
      const c0 = rendererMainCpuSeconds(marker);
      await play.click();
      await page.waitForTimeout(seconds * 1000);
      cpu = rendererMainCpuSeconds(marker) - c0;
    });
    await page.close();
    return { ...main, mainThreadCpuPercent: (100 * cpu) / seconds };
  } finally {
    await server.close();
  }
}

const results: Record<string, unknown> = {};
const server = await startServer(DIST);
try {
  // (--only mainthread: only the main-thread figures, before and after)
  if (only !== 'mainthread') {
    await forEachBackend(only, async (backend, browser) => {
      const plays: PlayFigures[] = [];
      for (const hidden of [16, 300]) {
        for (let i = 0; i < repeat; i++) {
          const f = await playOnce(browser, server, backend, hidden, 'tutorial');
          console.log(JSON.stringify(f));
          plays.push(f);
        }
      }
      if (backend === 'cpu') {
        for (const speed of ['slow', 'fast', 'max']) {
          const f = await playOnce(browser, server, backend, 16, speed);
          console.log(JSON.stringify(f));
          plays.push(f);
        }
      }
      const latencies: Latency[] = [];
      for (const hidden of [16, 300]) {
        const l = await latency(browser, server, backend, hidden);
        console.log(JSON.stringify(l));
        latencies.push(l);
      }
      const costs: { hidden: number; ms: number | null; preview: boolean }[] = [];
      for (const hidden of [8, 16, 32, 64, 128, 300]) {
        const ms = await runCost(browser, server, backend, hidden);
        costs.push({ hidden, ms, preview: ms !== null && ms <= PREVIEW_MAX_MS });
        console.log(JSON.stringify({ backend, hidden, runMs: ms }));
      }
      results[backend] = { plays, latencies, costs };
    });
  }
  if (before) {
    const marker = `dropout-lab-measure-${process.pid}`;
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--headless=new', `--${marker}`] });
    try {
      const old: Record<string, BeforeAfter> = {};
      const now: Record<string, BeforeAfter> = {};
      for (const hidden of [16, 300]) {
        old[`hidden${hidden}`] = await beforeFigures(browser, marker, before, hidden, 8);
        now[`hidden${hidden}`] = await beforeFigures(browser, marker, DIST, hidden, 8);
        console.log(JSON.stringify({ hidden, before: old[`hidden${hidden}`], after: now[`hidden${hidden}`] }));
      }
      results.mainThreadBeforeAfter = { before: old, after: now, note: 'CPU backend, 8 s from pressing Play' };
    } finally {
      await browser.close();
    }
  }
} finally {
  await server.close();
}
mkdirSync(join(ROOT, 'test-results'), { recursive: true });
writeFileSync(join(ROOT, 'test-results', 'playback-metrics.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log('wrote test-results/playback-metrics.json');
