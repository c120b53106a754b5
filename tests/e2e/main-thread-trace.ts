// The page's main-thread tasks over a stretch of time, from a Chromium trace (category "toplevel"):
// each task's wall time and its CPU time (the trace's thread time). A task's wall time is its CPU
// time plus the time it waited for a core, which on a machine with few cores depends on every other
// thread; its CPU time is the page's own work. Used by main-thread.test.ts and by
// scripts/measure-playback.ts and scripts/measure-first-play.ts.

import type { Page } from 'playwright-core';

export interface MainThreadTask {
  /** ms from the first traced event */
  readonly startMs: number;
  readonly wallMs: number;
  readonly cpuMs: number;
}

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly ts: number;
  readonly dur?: number;
  readonly tdur?: number;
  readonly pid: number;
  readonly tid: number;
  readonly args?: { readonly name?: string };
}

const TASK = 'ThreadControllerImpl::RunTask';

/**
 * The tasks of the renderer main thread that worked most while `during` ran. The trace covers the
 * whole browser; other pages' renderers, if any, did less.
 */
export async function traceMainThreadTasks(page: Page, during: () => Promise<void>): Promise<MainThreadTask[]> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
  const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', { categories: 'toplevel', transferMode: 'ReportEvents' });
  try {
    await during();
  } finally {
    await cdp.send('Tracing.end');
    await complete;
    await cdp.detach();
  }
  const mains = new Set(
    events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    const thread = `${e.pid}:${e.tid}`;
    if (e.ph !== 'X' || e.name !== TASK || !mains.has(thread)) continue;
    const tasks = byThread.get(thread) ?? [];
    tasks.push(e);
    byThread.set(thread, tasks);
  }
  const cpuOf = (tasks: TraceEvent[]): number => tasks.reduce((s, e) => s + (e.tdur ?? 0), 0);
  const busiest = [...byThread.values()].sort((a, b) => cpuOf(b) - cpuOf(a))[0] ?? [];
  const t0 = events.reduce((min, e) => (e.ts > 0 && e.ts < min ? e.ts : min), Infinity);
  return busiest.map((e) => ({ startMs: (e.ts - t0) / 1000, wallMs: (e.dur ?? 0) / 1000, cpuMs: (e.tdur ?? 0) / 1000 }));
}
