// Measures how soon Pause, Reset, a shape change and Stop take effect on the built page at the
// heaviest settings the schema allows (a measurement, not a test), on the CPU backend and on WebGPU
// (SwiftShader here), with the machine's load beside the figures:
//   - training at Hidden units 1024, 4 hidden layers, 500 points, Checkpoint every 10000:
//     Pause (the trainer takes it up; the page sees the trainer stopped), Reset and a change of
//     Hidden units (the trainer takes it up; the page has the new run ready), and a Reset while
//     MC-dropout with T = 256 computes;
//   - a grid sweep of those nets, and seed bands of them: Stop (the page shows it stopped; the
//     worker computes no more — at its next slice, or terminated after STOP_GRACE_MS).
//
//   npx vite build && npx tsx scripts/measure-latency.ts [--only cpu|webgpu] [--case training|mc|sweep|seeds]
//     [--tries N] [--grid N] [--seeds K]
//
// `--grid N`: the sweep's side (default 4: 16 models; the largest that fits here is 7×7 on the CPU
// and 9×9 on SwiftShader, 4-7 GB). Results: stdout and test-results/latency-metrics.json
// (latency-metrics-cpu.json with --only cpu).

import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { openSettingsGroup, openTab } from '../tests/e2e/lab-page';
import { DIST, ROOT, forEachBackend, startServer, waitReady, withTestHooks, type StaticServer } from '../tests/e2e/server-and-browser';

type BackendName = 'cpu' | 'webgpu';
const args = process.argv.slice(2);
const flag = (name: string): string | null => (args.includes(name) ? (args[args.indexOf(name) + 1] ?? null) : null);
const only = flag('--only') as BackendName | null;
const tries = Number(flag('--tries') ?? 5);
const gridSide = Number(flag('--grid') ?? 4);
/** `--seeds K`: seeds per net of the Seeds job (default 8: 16 models, as the 4×4 sweep) */
const seedsK = Number(flag('--seeds') ?? 8);
/** `--case training|mc|sweep|seeds`: only that part (default: all) */
const onlyCase = flag('--case');
const runs = (part: 'training' | 'mc' | 'sweep' | 'seeds'): boolean => onlyCase === null || onlyCase === part;
const HEAVIEST = 'hidden=1024&layers=4&points=500&epochs=100000&every=10000';
const TIMEOUT = 600_000;

interface Figures {
  readonly n: number;
  readonly medianMs: number;
  readonly maxMs: number;
  readonly all: readonly number[];
}

function figures(values: readonly number[]): Figures {
  const v = values.filter(Number.isFinite);
  const sorted = [...v].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  const median = sorted.length === 0 ? NaN : sorted.length % 2 ? sorted[Math.floor(mid)] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { n: v.length, medianMs: Math.round(median), maxMs: Math.round(Math.max(...sorted)), all: v.map(Math.round) };
}

const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

async function open(browser: Browser, server: StaticServer, backend: BackendName, query: string): Promise<Page> {
  // the test hooks, and the CSP bypassed for the predicates Playwright evaluates in the page
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
  await page.goto(withTestHooks(`${server.url}?backend=${backend}&${query}`));
  await waitReady(page, TIMEOUT);
  return page;
}

/** Plays until the trainer has finished `slices` more slices (states it posted while running). */
async function playSlices(page: Page, slices: number): Promise<void> {
  await page.getByRole('button', { name: 'Play' }).click();
  await page.evaluate(
    async ({ n, timeout }) => {
      const hooks = window.__dropoutLab;
      if (!hooks) throw new Error('no test hooks');
      const seen = new Set<number>();
      const t0 = performance.now();
      while (seen.size < n && performance.now() - t0 < timeout) {
        const w = hooks.view().worker;
        if (w.running && w.postedAt !== null) seen.add(w.postedAt);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    { n: slices, timeout: TIMEOUT },
  );
}

/**
 * Clicks Pause or Reset in the page and waits until it took effect, timing it in the page: Pause,
 * until the trainer posted a stopped state; Reset, until the new run is ready and the trainer's
 * state of it, posted after the click, reports the Reset taken up (its handled latency is then the
 * new one: compared by the command count, not by value, as two latencies can be equal at the
 * clock's resolution).
 */
async function clickAndWait(
  page: Page,
  name: 'Pause' | 'Reset',
  until: 'stopped' | 'ready',
): Promise<{ pageMs: number; handledMs: number | null }> {
  return page.evaluate(
    async ({ name, until, timeout }) => {
      const hooks = window.__dropoutLab;
      if (!hooks) throw new Error('no test hooks');
      const button = [...document.querySelectorAll('button')].find((b) => b.textContent === name);
      if (!button) throw new Error(`no ${name} button`);
      const before = hooks.view();
      const clickedAt = performance.timeOrigin + performance.now();
      const t0 = performance.now();
      button.click();
      // (no named function here: tsx's keepNames would wrap it in a helper the page lacks)
      for (;;) {
        const v = hooks.view();
        const taken = (v.worker.postedAt ?? 0) > clickedAt && v.commandsTaken > before.commandsTaken;
        const stopped = taken && !v.worker.running;
        const ready = taken && v.run > before.run && v.phase === 'ready';
        if ((until === 'stopped' ? stopped : ready) || performance.now() - t0 > timeout) break;
        await new Promise((r) => setTimeout(r, 2));
      }
      const pageMs = performance.now() - t0;
      const latency = hooks.view().latency;
      return { pageMs, handledMs: (name === 'Pause' ? latency.pause : latency.reset) ?? null };
    },
    { name, until, timeout: TIMEOUT },
  );
}

interface TrainingFigures {
  pauseTaken: number[];
  pauseStopped: number[];
  resetTaken: number[];
  resetReady: number[];
  shapeTaken: number[];
  shapeReady: number[];
  epochsPerSlice: number[];
}

async function trainingLatency(browser: Browser, server: StaticServer, backend: BackendName): Promise<TrainingFigures> {
  const out: TrainingFigures = {
    pauseTaken: [],
    pauseStopped: [],
    resetTaken: [],
    resetReady: [],
    shapeTaken: [],
    shapeReady: [],
    epochsPerSlice: [],
  };
  const page = await open(browser, server, backend, HEAVIEST);
  try {
    for (let i = 0; i < tries; i++) {
      // Pause: taken up by the trainer (its handled latency) and seen stopped by the page
      await playSlices(page, 2);
      const e0 = await page.evaluate(() => window.__dropoutLab?.view().worker.epoch ?? 0);
      const pause = await clickAndWait(page, 'Pause', 'stopped');
      out.pauseStopped.push(pause.pageMs);
      if (pause.handledMs !== null) out.pauseTaken.push(pause.handledMs);
      const e1 = await page.evaluate(() => window.__dropoutLab?.view().worker.epoch ?? 0);
      out.epochsPerSlice.push(e1 - e0);
      console.log(JSON.stringify({ backend, what: 'pause', try: i, ...pause, epochsAfterClick: e1 - e0, load: load() }));

      // Reset while computing: the new run is ready
      await playSlices(page, 1);
      const reset = await clickAndWait(page, 'Reset', 'ready');
      out.resetReady.push(reset.pageMs);
      if (reset.handledMs !== null) out.resetTaken.push(reset.handledMs);
      console.log(JSON.stringify({ backend, what: 'reset', try: i, newRunReady: reset.pageMs, takenUp: reset.handledMs, load: load() }));

      // a shape change while computing: Hidden units 1024 ↔ 1023
      await playSlices(page, 1);
      await openSettingsGroup(page, 'Network');
      const before = await page.evaluate(() => {
        const v = window.__dropoutLab?.view();
        return { run: v?.run ?? 0, taken: v?.commandsTaken ?? 0, at: performance.timeOrigin + performance.now() };
      });
      const t0 = Date.now();
      await page.getByLabel('Hidden units', { exact: true }).fill(String(i % 2 === 0 ? 1023 : 1024));
      await page.getByLabel('Hidden units', { exact: true }).press('Enter');
      // the new run ready, and the trainer's state of it (posted after the change) has the change taken up
      await page.waitForFunction(
        (b) => {
          const v = window.__dropoutLab?.view();
          return v !== undefined && v.run > b.run && v.phase === 'ready' && v.commandsTaken > b.taken && (v.worker.postedAt ?? 0) > b.at;
        },
        before,
        { timeout: TIMEOUT, polling: 5 },
      );
      const shapeReady = Date.now() - t0;
      const shapeTaken = await page.evaluate(() => window.__dropoutLab?.view().latency.settings ?? null);
      out.shapeReady.push(shapeReady);
      if (shapeTaken !== null) out.shapeTaken.push(shapeTaken);
      console.log(JSON.stringify({ backend, what: 'shape', try: i, shapeReady, shapeTaken, load: load() }));
      await page.getByRole('button', { name: 'Pause' }).click();
    }
  } finally {
    await page.close();
  }
  return out;
}

/** A Reset while MC-dropout (T = 256) computes its groups: how soon the trainer takes it up. */
async function mcResetLatency(browser: Browser, server: StaticServer, backend: BackendName): Promise<number[]> {
  const out: number[] = [];
  const page = await open(browser, server, backend, HEAVIEST);
  try {
    await page.getByLabel('MC-dropout samples').fill('256');
    for (let i = 0; i < Math.max(1, Math.min(tries, 3)); i++) {
      await page.getByLabel('MC-dropout uncertainty').check();
      await page.waitForTimeout(500);
      const reset = await clickAndWait(page, 'Reset', 'ready');
      if (reset.handledMs !== null) out.push(reset.handledMs);
      console.log(
        JSON.stringify({ backend, what: 'reset-during-mc', try: i, newRunReady: reset.pageMs, takenUp: reset.handledMs, load: load() }),
      );
      await page.getByLabel('MC-dropout uncertainty').uncheck();
      await page.waitForFunction(() => window.__dropoutLab?.view().phase === 'ready', undefined, { timeout: TIMEOUT });
    }
  } finally {
    await page.close();
  }
  return out;
}

interface StopFigures {
  shown: number[];
  computing: number[];
  terminated: number;
}

/** A batch panel: its tab, test id, buttons, and how its size is set. */
interface BatchPanel {
  readonly tab: 'Sweep' | 'Seeds';
  readonly testId: 'sweep' | 'seeds';
  readonly run: string;
  readonly stop: string;
  readonly size: (page: Page) => Promise<void>;
}

const SWEEP: BatchPanel = {
  tab: 'Sweep',
  testId: 'sweep',
  run: 'Run sweep',
  stop: 'Stop sweep',
  size: async (page) => {
    await page.getByLabel('Grid rows').fill(String(gridSide));
    await page.getByLabel('Grid columns').fill(String(gridSide));
  },
};

const SEEDS: BatchPanel = {
  tab: 'Seeds',
  testId: 'seeds',
  run: 'Run seeds',
  stop: 'Stop seeds',
  size: (page) => page.getByLabel('Seeds per net').fill(String(seedsK)),
};

/** Stop pressed while the panel's job runs: when the page shows it stopped, and when the worker computes no more. */
async function batchStop(browser: Browser, server: StaticServer, backend: BackendName, panel: BatchPanel): Promise<StopFigures> {
  const out: StopFigures = { shown: [], computing: [], terminated: 0 };
  const page = await open(browser, server, backend, HEAVIEST);
  const phaseOf = async (): Promise<string> => (await page.getByTestId(panel.testId).getAttribute('data-phase')) ?? '';
  try {
    await openTab(page, panel.tab);
    await panel.size(page);
    for (let i = 0; i < tries; i++) {
      await page.getByRole('button', { name: panel.run }).click();
      await page.waitForFunction(
        (id) =>
          ['running', 'confirm', 'too-big', 'error'].includes(
            document.querySelector(`[data-testid="${id}"]`)?.getAttribute('data-phase') ?? '',
          ),
        panel.testId,
        { timeout: TIMEOUT, polling: 20 },
      );
      const phase = await phaseOf();
      if (phase === 'confirm') await page.getByTestId(`${panel.testId}-estimate`).getByRole('button', { name: 'Run it' }).click();
      else if (phase !== 'running')
        throw new Error(`the ${panel.testId} job did not run: ${phase} ${await page.getByTestId(panel.testId).textContent()}`);
      await page.waitForFunction(
        (id) => document.querySelector(`[data-testid="${id}"]`)?.getAttribute('data-phase') === 'running',
        panel.testId,
        {
          timeout: TIMEOUT,
        },
      );
      await page.waitForTimeout(300);
      const shown = await page.evaluate(
        async ({ id, stop }) => {
          const element = document.querySelector(`[data-testid="${id}"]`);
          const button = [...document.querySelectorAll('button')].find((b) => b.textContent === stop);
          if (!element || !button) throw new Error(`no running ${id} job`);
          const t0 = performance.now();
          button.click();
          while (element.getAttribute('data-phase') !== 'done') await new Promise((r) => setTimeout(r, 1));
          return performance.now() - t0;
        },
        { id: panel.testId, stop: panel.stop },
      );
      await page.waitForFunction((id) => document.querySelector(`[data-testid="${id}"]`)?.getAttribute('data-stop-ms'), panel.testId, {
        timeout: TIMEOUT,
        polling: 20,
      });
      const computing = Number(await page.getByTestId(panel.testId).getAttribute('data-stop-ms'));
      const terminated = (await page.getByTestId(panel.testId).getAttribute('data-stop-terminated')) === 'true';
      out.shown.push(shown);
      out.computing.push(computing);
      if (terminated) out.terminated++;
      console.log(JSON.stringify({ backend, what: `${panel.testId}-stop`, try: i, shown, computing, terminated, load: load() }));
    }
  } finally {
    await page.close();
  }
  return out;
}

function stopFigures(s: StopFigures, size: string): Record<string, unknown> {
  return { size, shown: figures(s.shown), computeEnded: figures(s.computing), terminated: s.terminated };
}

const results: Record<string, unknown> = { settings: HEAVIEST, tries, grid: gridSide, loadBefore: load() };
const server = await startServer(DIST);
try {
  await forEachBackend(only, async (backend, browser) => {
    const loadStart = load();
    const figuresOf: Record<string, unknown> = { loadStart };
    if (runs('training')) {
      const t = await trainingLatency(browser, server, backend);
      figuresOf.pause = { takenUp: figures(t.pauseTaken), pageSawStopped: figures(t.pauseStopped), epochsAfterClick: t.epochsPerSlice };
      figuresOf.reset = { takenUp: figures(t.resetTaken), newRunReady: figures(t.resetReady) };
      figuresOf.shapeChange = { takenUp: figures(t.shapeTaken), newRunReady: figures(t.shapeReady) };
    }
    if (runs('mc')) figuresOf.resetDuringMcDropout = { takenUp: figures(await mcResetLatency(browser, server, backend)) };
    if (runs('sweep')) figuresOf.sweepStop = stopFigures(await batchStop(browser, server, backend, SWEEP), `${gridSide}×${gridSide}`);
    if (runs('seeds')) figuresOf.seedsStop = stopFigures(await batchStop(browser, server, backend, SEEDS), `K = ${seedsK}`);
    figuresOf.loadEnd = load();
    results[backend] = figuresOf;
    console.log(JSON.stringify({ backend, summary: results[backend] }, null, 2));
  });
} finally {
  await server.close();
}
results.loadAfter = load();
mkdirSync(join(ROOT, 'test-results'), { recursive: true });
const file = `latency-metrics${only ? `-${only}` : ''}${onlyCase ? `-${onlyCase}` : ''}.json`;
writeFileSync(join(ROOT, 'test-results', file), JSON.stringify(results, null, 2));
console.log(`written test-results/${file}`);
