// The page's own work never makes a long task while a run plays (Chromium, CPU backend). A long task
// is one of 50 ms or more of wall time; wall time is a task's CPU time plus the time it waited for a
// core, which on a busy machine the other threads decide. So over the whole first play of a freshly
// opened page (its heaviest: its code runs cold), no main-thread task may use 50 ms of CPU (its
// thread time, from a Chromium trace); on this machine the heaviest used 10–17 ms. The wall-time
// figures are in docs/PLAYBACK.md (scripts/measure-playback.ts, scripts/measure-first-play.ts).
// Build first: `npx vite build`.

import { describe, expect, it } from 'vitest';
import { e2e } from './fixture';
import { waitState } from './lab-page';
import { traceMainThreadTasks } from './main-thread-trace';

/** A long task's threshold, here in CPU time: the page's own work in one task stays under it. */
const TASK_CPU_MS = 50;

const lab = e2e({ webgpu: false, query: 'backend=cpu' });

describe('the main thread while a run plays', () => {
  it.each([
    ['Hidden units 16', 'hidden=16'],
    ['the tutorial’s 300 hidden units', 'hidden=300'],
  ])(
    '%s, the first play of a fresh page at the default speed: no main-thread task uses 50 ms of CPU',
    (_, query) =>
      lab.withPage(query, async ({ page }) => {
        // found before the trace: Playwright's role query runs in the page, a task of its own
        const play = await page.getByRole('button', { name: 'Play' }).elementHandle();
        const tasks = await traceMainThreadTasks(page, async () => {
          await play.click();
          await waitState(page, 'finished');
        });
        // the trace saw the play: a task for each animation frame of about 5 s at least
        expect(tasks.length).toBeGreaterThan(300);
        const heaviest = [...tasks].sort((a, b) => b.cpuMs - a.cpuMs).slice(0, 5);
        const shown = heaviest.map((t) => `${t.cpuMs.toFixed(1)} ms CPU (${t.wallMs.toFixed(1)} ms wall) at ${Math.round(t.startMs)} ms`);
        const longest = Math.max(...tasks.map((t) => t.wallMs));
        console.log(`main thread, ${query}: ${tasks.length} tasks; heaviest ${shown[0]}; longest wall time ${longest.toFixed(1)} ms`);
        expect(heaviest[0].cpuMs, `the heaviest tasks: ${shown.join('; ')}`).toBeLessThan(TASK_CPU_MS);
        // CPU time is part of wall time: a trace that mixed them up would pass the bound above
        for (const t of tasks) expect(t.cpuMs).toBeLessThanOrEqual(t.wallMs + 0.5);
      }),
    120_000,
  );
});
