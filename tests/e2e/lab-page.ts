// What the browser tests read from the playground page: the epoch counter, the run state, the charts'
// datasets and the page's test hooks (window.__dropoutLab). Opening and closing pages is fixture.ts's job.

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
