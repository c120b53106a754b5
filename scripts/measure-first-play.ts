// Measures the first play of freshly opened pages (a measurement, not a test): for each of N pages,
// the main thread's tasks over 30 ms in the first WINDOW ms after the click on Play and the most CPU
// time one task used (a Chromium trace, tests/e2e/main-thread-trace.ts), and the CPU time of the
// page's threads over the same window (from /proc: the main thread, V8's compiler and GC threads,
// the workers). The first play of a page runs its code cold, and on a machine with few cores that
// contention stretches its tasks.
//
//   npx vite build && npx tsx scripts/measure-first-play.ts [--plays N] [--window MS] [--query Q] [--dir DIST] [--before DIR]
//
// --query: the page's query (default backend=cpu&hidden=16); --dir: the build to measure (default
// dist/); --before DIR: measures that build the same way first, for a comparison in one run.
// Results: stdout and test-results/first-play.json.

import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { traceMainThreadTasks } from '../tests/e2e/main-thread-trace';
import { DIST, ROOT, launchBrowser, startServer, waitReady, withTestHooks } from '../tests/e2e/server-and-browser';

const args = process.argv.slice(2);
const option = (name: string): string | null => (args.includes(name) ? (args[args.indexOf(name) + 1] ?? null) : null);
const plays = Math.max(1, Math.floor(Number(option('--plays') ?? 12)) || 12);
const windowMs = Math.max(100, Number(option('--window') ?? 800) || 800);
const query = option('--query') ?? 'backend=cpu&hidden=16';
const dir = option('--dir') ?? DIST;
const before = option('--before');
/** a task this long counts (the long-task threshold is 50 ms; contention stretches tasks up to it) */
const OVER_MS = 30;

/** CPU ms per thread name of every renderer process, from /proc (10 ms ticks). */
function rendererThreadCpu(): Map<string, number> {
  const out = new Map<string, number>();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let cmd: string;
    let tids: string[];
    try {
      cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('--type=renderer')) continue;
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tids) {
      try {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        out.set(name, (out.get(name) ?? 0) + (Number(fields[11]) + Number(fields[12])) * 10);
      } catch {
        // the thread ended
      }
    }
  }
  return out;
}

interface FirstPlay {
  /** main-thread tasks over OVER_MS, in ms, longest first */
  readonly tasksOver: number[];
  readonly longestTaskMs: number;
  /** the most CPU time one main-thread task used (the page's own work, without the wait for a core) */
  readonly heaviestTaskCpuMs: number;
  /** CPU ms in the window: the page's main thread, V8's thread pool, the workers */
  readonly mainCpuMs: number;
  readonly v8PoolCpuMs: number;
  readonly workersCpuMs: number;
}

async function firstPlay(browser: Browser, url: string): Promise<FirstPlay> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  try {
    await page.goto(withTestHooks(url));
    await waitReady(page, 180_000);
    await page.waitForTimeout(1000);
    const play = await page.getByRole('button', { name: 'Play' }).elementHandle();
    if (!play) throw new Error('no Play button');
    let cpu0 = new Map<string, number>();
    let cpu1 = new Map<string, number>();
    const traced = await traceMainThreadTasks(page, async () => {
      cpu0 = rendererThreadCpu();
      const t0 = Date.now();
      await play.click();
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, windowMs - (Date.now() - t0))));
      cpu1 = rendererThreadCpu();
    });
    const tasks = traced.map((t) => t.wallMs);
    const over = tasks.filter((ms) => ms > OVER_MS).sort((a, b) => b - a);
    const spent = (thread: string): number => (cpu1.get(thread) ?? 0) - (cpu0.get(thread) ?? 0);
    return {
      tasksOver: over.map((ms) => Math.round(ms)),
      longestTaskMs: Math.round(Math.max(0, ...tasks)),
      heaviestTaskCpuMs: Math.round(Math.max(0, ...traced.map((t) => t.cpuMs)) * 10) / 10,
      mainCpuMs: spent('chromium'),
      v8PoolCpuMs: spent('ThreadPoolForeg'),
      workersCpuMs: spent('DedicatedWorker'),
    };
  } finally {
    await page.close();
  }
}

async function measure(build: string): Promise<{ build: string; plays: FirstPlay[] }> {
  const server = await startServer(build);
  const browser = await launchBrowser({ webgpu: query.includes('webgpu') });
  const out: FirstPlay[] = [];
  try {
    for (let i = 0; i < plays; i++) {
      const p = await firstPlay(browser, `${server.url}?${query}`);
      console.log(JSON.stringify({ build, play: i, ...p }));
      out.push(p);
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const mean = (f: (p: FirstPlay) => number): number => Math.round(out.reduce((s, p) => s + f(p), 0) / out.length);
  const longest = out.map((p) => p.longestTaskMs).sort((a, b) => a - b);
  console.log(
    `${build}: ${out.reduce((s, p) => s + p.tasksOver.length, 0)} tasks over ${OVER_MS} ms in ${out.length} first plays ` +
      `(${out.filter((p) => p.tasksOver.length > 0).length} plays had one); longest task: median ${longest[Math.floor(longest.length / 2)]} ms, ` +
      `max ${longest[longest.length - 1]} ms; heaviest task's CPU: max ${Math.max(...out.map((p) => p.heaviestTaskCpuMs))} ms; CPU in the first ${windowMs} ms: main thread ${mean((p) => p.mainCpuMs)} ms, ` +
      `V8 thread pool ${mean((p) => p.v8PoolCpuMs)} ms, workers ${mean((p) => p.workersCpuMs)} ms`,
  );
  return { build, plays: out };
}

const results = [];
if (before) results.push(await measure(before));
results.push(await measure(dir));
mkdirSync(join(ROOT, 'test-results'), { recursive: true });
writeFileSync(join(ROOT, 'test-results', 'first-play.json'), `${JSON.stringify({ query, windowMs, overMs: OVER_MS, results }, null, 2)}\n`);
console.log('wrote test-results/first-play.json');
