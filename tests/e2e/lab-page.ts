// What the browser tests read from the playground page (the epoch counter, the run state, the charts'
// datasets, the frame rate, the page's test hooks window.__dropoutLab), the waits on it, Pause, and
// opening a tab or a settings group.
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

export async function waitState(page: Page, state: 'paused' | 'finished' | 'playing', timeout = 120_000): Promise<void> {
  await page.waitForFunction((s) => document.querySelector('[data-testid="run-state"]')?.textContent === s, state, {
    timeout,
    polling: 100,
  });
}

/**
 * The datasets the charts hold. The charts take a change a task after the render that made it
 * (useChartInOwnTask), so this waits an animation frame and a task first.
 */
export async function charts(page: Page): Promise<{ main: ChartDataset[] | null; loss: ChartDataset[] | null }> {
  return page.evaluate(async () => {
    const hooks = window.__dropoutLab;
    if (!hooks) throw new Error('no test hooks');
    await new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
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

/** Opens the Sweep tab, sets the grid to rows × columns and presses Run sweep. */
export async function runSweep(page: Page, rows: number, columns: number): Promise<void> {
  await openTab(page, 'Sweep');
  await page.getByLabel('Grid rows').fill(String(rows));
  await page.getByLabel('Grid columns').fill(String(columns));
  await page.getByRole('button', { name: 'Run sweep' }).click();
}

/**
 * Pause unless the run already finished playing (a fast backend may get there first). The check and
 * the click are one step in the page: between two playwright calls the run can finish, and Pause
 * then becomes a disabled Play that a click would wait for until it times out.
 */
export async function pauseIfPlaying(page: Page): Promise<void> {
  const playing = ['playing', 'buffering'];
  await page.evaluate((states) => {
    if (!states.includes(document.querySelector('[data-testid="run-state"]')?.textContent ?? '')) return;
    [...document.querySelectorAll('button')].find((b) => b.textContent === 'Pause' && !b.disabled)?.click();
  }, playing);
  await page.waitForFunction(
    (states) => !states.includes(document.querySelector('[data-testid="run-state"]')?.textContent ?? ''),
    playing,
    { timeout: 60_000, polling: 100 },
  );
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
