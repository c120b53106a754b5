// What the browser tests read from the playground page (the epoch counter, the run state, the charts'
// datasets, the frame rate, the page's test hooks window.__dropoutLab), the waits on it and Pause.
// Opening and closing pages is fixture.ts's job.

import type { Page } from 'playwright-core';

export interface ChartDataset {
  label: string;
  data: { x: number; y: number }[];
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

export async function waitState(page: Page, state: 'paused' | 'finished' | 'training', timeout = 120_000): Promise<void> {
  await page.waitForFunction((s) => document.querySelector('[data-testid="run-state"]')?.textContent === s, state, {
    timeout,
    polling: 100,
  });
}

export async function charts(page: Page): Promise<{ main: ChartDataset[] | null; loss: ChartDataset[] | null }> {
  return page.evaluate(() => {
    const hooks = window.__dropoutLab;
    if (!hooks) throw new Error('no test hooks');
    return hooks.charts();
  });
}

/** Evaluates `pick` on the page's test hooks (its source is sent to the page: no closures). */
export async function view<T>(page: Page, pick: (v: NonNullable<Window['__dropoutLab']>) => T): Promise<T> {
  return page.evaluate<T>(`(${pick.toString()})(window.__dropoutLab)`);
}

/** Waits until the panel with data-testid `panel` reports `phase` in its data-phase attribute. */
export async function waitForPhase(page: Page, panel: string, phase: string, timeout = 120_000): Promise<void> {
  await page.waitForFunction(
    ([id, want]) => document.querySelector(`[data-testid="${id}"]`)?.getAttribute('data-phase') === want,
    [panel, phase] as const,
    { timeout, polling: 200 },
  );
}

/** Sets the sweep panel's grid to rows × columns and presses Run sweep. */
export async function runSweep(page: Page, rows: number, columns: number): Promise<void> {
  await page.getByLabel('Grid rows').fill(String(rows));
  await page.getByLabel('Grid columns').fill(String(columns));
  await page.getByRole('button', { name: 'Run sweep' }).click();
}

/**
 * Pause unless the run already finished (a fast backend may get there first). The check and the
 * click are one step in the page: between two playwright calls the run can finish, and Pause then
 * becomes a disabled Play that a click would wait for until it times out.
 */
export async function pauseIfTraining(page: Page): Promise<void> {
  await page.evaluate(() => {
    if (document.querySelector('[data-testid="run-state"]')?.textContent !== 'training') return;
    [...document.querySelectorAll('button')].find((b) => b.textContent === 'Pause' && !b.disabled)?.click();
  });
  await page.waitForFunction(() => document.querySelector('[data-testid="run-state"]')?.textContent !== 'training', undefined, {
    polling: 100,
  });
}

/** Frames the page draws per second, counted over `ms` of requestAnimationFrame. */
export async function measureFps(page: Page, ms: number): Promise<number> {
  return page.evaluate(
    (duration) =>
      new Promise<number>((resolve) => {
        let frames = 0;
        const start = performance.now();
        const tick = (t: number): void => {
          frames++;
          if (t - start >= duration) resolve((1000 * frames) / (t - start));
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
    ms,
  );
}
