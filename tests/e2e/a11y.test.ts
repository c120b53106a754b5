// Accessibility in Chromium (CPU backend, small nets): axe-core finds no violation on load, after
// a run, with the checkpoint dialog open and at 390×844; the page works by keyboard alone (the
// skip link, Play, every slider with its key steps, the heatmap grid, the dialog's focus trap and
// focus return); toggletips work on touch; the live region announces checkpoints. Build first:
// `npx vite build`.

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './axe';
import { launch, startServer, waitReady, watch, type StaticServer } from './harness';

let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launch({ webgpu: false });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const SMALL = 'hidden=8&epochs=40&every=10';

async function open(
  query: string,
  viewport = { width: 1280, height: 900 },
  hasTouch = false,
): Promise<{ page: Page; log: ReturnType<typeof watch> }> {
  const page = await browser.newPage({ viewport, hasTouch });
  const log = watch(page);
  await page.goto(`${server.url}?backend=cpu&${query}`);
  await waitReady(page);
  return { page, log };
}

async function waitState(page: Page, state: string, timeout = 120_000): Promise<void> {
  await page.waitForFunction((s) => document.querySelector('[data-testid="run-state"]')?.textContent === s, state, {
    timeout,
    polling: 100,
  });
}

/** What has focus: its tag, accessible name or text, and whether it sits in the open dialog. */
async function focused(page: Page): Promise<{ tag: string; name: string; inDialog: boolean; testId: string | null }> {
  return page.evaluate(() => {
    const el = document.activeElement;
    return {
      tag: el?.tagName.toLowerCase() ?? '',
      name: el?.getAttribute('aria-label') ?? el?.textContent?.trim() ?? '',
      inDialog: el?.closest('dialog[open]') !== null && el?.closest('dialog[open]') !== undefined,
      testId: el?.getAttribute('data-testid') ?? null,
    };
  });
}

/** Presses Tab until `match` has focus (at most `max` times); gives the presses it took. */
async function tabTo(page: Page, match: (f: Awaited<ReturnType<typeof focused>>) => boolean, max = 80): Promise<number> {
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press('Tab');
    if (match(await focused(page))) return i;
  }
  throw new Error(`not reached by ${max} Tab presses`);
}

describe('axe-core finds no violation', () => {
  it('on load, and with a toggletip open', async () => {
    const { page, log } = await open(SMALL);
    await expectNoAxeViolations(page, 'on load');
    await page.getByRole('button', { name: 'About Weight decay', exact: true }).click();
    await expectNoAxeViolations(page, 'with a toggletip open');
    expect(log.errors).toEqual([]);
    await page.close();
  }, 180_000);

  it('at 390×844 (a phone)', async () => {
    const { page, log } = await open(SMALL, { width: 390, height: 844 }, true);
    await expectNoAxeViolations(page, 'at 390×844');
    expect(log.errors).toEqual([]);
    await page.close();
  }, 180_000);
});

describe('keyboard only', () => {
  it('Play by keyboard, axe after the run, the checkpoint dialog traps Tab and returns focus', async () => {
    const { page, log } = await open(SMALL);
    await tabTo(page, (f) => f.tag === 'button' && f.name === 'Play');
    await page.keyboard.press('Enter');
    await waitState(page, 'finished');
    await expectNoAxeViolations(page, 'after a run');

    // open a checkpoint from the film-strip by keyboard
    await tabTo(page, (f) => f.name === 'Checkpoint at epoch 10');
    await page.keyboard.press('Enter');
    const dialog = page.getByTestId('frame-dialog');
    await dialog.waitFor();
    expect(await focused(page)).toMatchObject({ inDialog: true, name: 'Close' });
    await expectNoAxeViolations(page, 'with the checkpoint dialog open');
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      expect((await focused(page)).inDialog).toBe(true);
      await page.keyboard.press('Shift+Tab');
      expect((await focused(page)).inDialog).toBe(true);
    }
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await focused(page)).toMatchObject({ inDialog: false, name: 'Checkpoint at epoch 10' });

    // again, closed with its Close button
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await page.keyboard.press('Enter'); // the Close button has focus
    await dialog.waitFor({ state: 'detached' });
    expect((await focused(page)).name).toBe('Checkpoint at epoch 10');
    expect(log.errors).toEqual([]);
    await page.close();
  }, 240_000);

  it('every slider moves with the keys: a log slider a tenth of a decade per arrow, a decade per page key', async () => {
    const { page, log } = await open(`${SMALL}&weightDecay=0&lrPlain=0.001&l1=0`);
    const shown = (name: string): Promise<string | null> => page.getByTestId(`value-${name}`).textContent();
    const press = async (label: string, key: string): Promise<void> => {
      await page.getByLabel(label, { exact: true }).focus();
      await page.keyboard.press(key);
    };
    await press('Weight decay', 'ArrowRight');
    expect(await shown('weightDecay')).toBe('1e-6');
    await press('Weight decay', 'PageUp');
    expect(await shown('weightDecay')).toBe('1e-5');
    await press('Weight decay', 'ArrowRight');
    expect(await shown('weightDecay')).toBe('1.26e-5');
    await press('Weight decay', 'ArrowLeft');
    await press('Weight decay', 'ArrowLeft');
    expect(await shown('weightDecay')).toBe('7.94e-6');
    await press('Weight decay', 'End');
    expect(await shown('weightDecay')).toBe('0.1');
    await press('Weight decay', 'Home');
    expect(await shown('weightDecay')).toBe('0');
    await press('Learning rate (plain net)', 'ArrowUp');
    expect(await shown('lrPlain')).toBe('0.00126');
    await press('Learning rate (plain net)', 'PageDown');
    expect(await shown('lrPlain')).toBe('1.26e-4');
    await press('L1 strength', 'PageUp');
    expect(await shown('l1')).toBe('1e-7');
    await press('Dropout rate', 'ArrowRight');
    expect(await shown('dropout')).toBe('0.51');
    await press('Dropout rate', 'PageDown');
    expect(await shown('dropout')).toBe('0.5');
    // the settings (and so the link) hold the rounded values the slider shows
    await page.waitForFunction(() => window.__dropoutLab?.settings().lrPlain === 0.000126, undefined, { timeout: 10_000 });
    expect(await page.evaluate(() => window.__dropoutLab?.settings().l1)).toBe(1e-7);

    // every slider on the page answers its keys
    const sliders = await page
      .locator('input[type="range"]')
      .evaluateAll((els) => els.map((el) => el.closest('[data-setting]')?.getAttribute('data-setting') ?? ''));
    expect(sliders.length).toBeGreaterThanOrEqual(8);
    for (const name of sliders) {
      const slider = page.locator(`[data-setting="${name}"] input[type="range"]`);
      const before = await shown(name);
      await slider.focus();
      await page.keyboard.press('ArrowRight');
      let after = await shown(name);
      if (after === before) {
        await page.keyboard.press('ArrowLeft'); // at the right end already
        after = await shown(name);
      }
      expect(after, `slider ${name}`).not.toBe(before);
    }
    expect(log.errors).toEqual([]);
    await page.close();
  }, 180_000);

  it('the heatmap is one Tab stop; arrows move between cells, Enter loads the cell', async () => {
    const { page, log } = await open(SMALL);
    await page.getByLabel('Grid rows').fill('3');
    await page.getByLabel('Grid columns').fill('4');
    await page.getByRole('button', { name: 'Run sweep' }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid="sweep"]')?.getAttribute('data-phase') === 'done', undefined, {
      timeout: 180_000,
      polling: 200,
    });
    // exact axis labels: the grid's own values
    const grid = page.getByRole('grid', { name: /^Test MSE by dropout rate/ });
    const headers = await grid.getByRole('columnheader').allTextContents();
    expect(headers.slice(1)).toEqual(['0', '1e-5', '0.001', '0.1']);
    expect(await grid.getByRole('rowheader').allTextContents()).toEqual(['p 0', 'p 0.4', 'p 0.8']);
    expect(await page.locator('[role="gridcell"][tabindex="0"]').count()).toBe(1);
    expect(await page.locator('[role="gridcell"][tabindex="-1"]').count()).toBe(11);

    await tabTo(page, (f) => f.testId === 'cell-0-0');
    await page.keyboard.press('ArrowRight');
    expect((await focused(page)).testId).toBe('cell-0-1');
    await page.keyboard.press('ArrowDown');
    expect((await focused(page)).testId).toBe('cell-1-1');
    await page.keyboard.press('End');
    expect((await focused(page)).testId).toBe('cell-1-3');
    await page.keyboard.press('ArrowDown');
    expect((await focused(page)).testId).toBe('cell-2-3');
    expect(await page.getByTestId('sweep-hover').textContent()).toMatch(/^dropout 0\.8, weight decay 0\.1: final test MSE \S+, best \S+$/);
    // still one Tab stop: Tab leaves the grid, Shift+Tab comes back to the same cell
    await page.keyboard.press('Tab');
    expect((await focused(page)).testId ?? '').not.toMatch(/^cell-/);
    await page.keyboard.press('Shift+Tab');
    expect((await focused(page)).testId).toBe('cell-2-3');

    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.__dropoutLab?.settings().dropout === 0.8, undefined, { timeout: 10_000 });
    expect(await page.evaluate(() => window.__dropoutLab?.settings().weightDecay)).toBe(0.001);
    await page.waitForFunction(() => /weightDecay=0\.001(&|$)/.test(location.search), undefined, { timeout: 10_000 });
    expect(page.url()).toMatch(/dropout=0\.8(&|$)/);
    expect(await page.getByTestId('sweep-loaded').textContent()).toMatch(/dropout 0\.8 and weight decay 0\.001.*replays from epoch 0/);

    // the legend: the lowest and highest value shown
    const values = await page.locator('[role="gridcell"]').evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-value'))));
    const lo = Math.min(...values);
    const hi = Math.max(...values);
    expect(Number(await page.getByTestId('heat-legend-min').textContent())).toBeCloseTo(lo, 2);
    expect(Number(await page.getByTestId('heat-legend-max').textContent())).toBeCloseTo(hi, 2);
    await expectNoAxeViolations(page, 'with a filled heatmap');
    expect(log.errors).toEqual([]);
    await page.close();
  }, 300_000);
});

describe('rough edges', () => {
  it('"Lowest" appears only once the sweep is done; the texts say the size that runs', async () => {
    const { page, log } = await open('hidden=8&epochs=100000&every=50');
    await page.getByLabel('Grid rows').fill('2');
    await page.getByLabel('Grid columns').fill('2');
    await page.getByRole('button', { name: 'Run sweep' }).click();
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid="cell-1-1"]')?.getAttribute('data-value')) > 0,
      undefined,
      {
        timeout: 120_000,
        polling: 100,
      },
    );
    expect(await page.getByTestId('sweep').getAttribute('data-phase')).toBe('running');
    expect(await page.getByTestId('sweep-hover').textContent()).not.toMatch(/Lowest/);
    expect(await page.locator('[role="gridcell"][data-best]').count()).toBe(0);
    expect(await page.getByTestId('sweep-description').textContent()).toMatch(/^4 models \(a 2×2 grid\)/);
    await page.getByLabel('Grid rows').fill('5'); // the description follows the job that runs, not the field
    expect(await page.getByTestId('sweep-description').textContent()).toMatch(/^4 models \(a 2×2 grid\)/);
    await page.getByRole('button', { name: 'Stop sweep' }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid="sweep"]')?.getAttribute('data-phase') === 'done', undefined, {
      timeout: 60_000,
    });
    expect(await page.getByTestId('sweep-hover').textContent()).toMatch(
      /^Lowest final test MSE: \S+ at dropout \S+, weight decay \S+ \(outlined\)/,
    );
    expect(await page.locator('[role="gridcell"][data-best]').count()).toBe(1);
    expect(await page.getByTestId('sweep-status').textContent()).toMatch(/2×2 grid \(4 models\)/);
    expect(await page.getByTestId('sweep-description').textContent()).toMatch(/^10 models \(a 5×2 grid\)/);
    expect(log.errors).toEqual([]);
    await page.close();
  }, 240_000);

  it('toggletips open and close by touch', async () => {
    const { page, log } = await open(SMALL, { width: 390, height: 844 }, true);
    const button = page.getByRole('button', { name: 'About Dropout rate', exact: true });
    await button.tap();
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    const tip = page.locator(`#${await button.getAttribute('aria-controls')}`);
    expect(await tip.getAttribute('role')).toBe('status');
    expect(await tip.textContent()).toMatch(/green curve gets smoother/);
    expect(await tip.isVisible()).toBe(true);
    await page.locator('h1').tap();
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    expect(await tip.textContent()).toBe('');
    expect(log.errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('the parity panel replays the golden file the page ships', async () => {
    const { page, log } = await open(SMALL);
    await page.getByRole('button', { name: 'Run bundled golden file' }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid="parity"]')?.getAttribute('data-phase') === 'done', undefined, {
      timeout: 120_000,
      polling: 200,
    });
    expect(await page.getByTestId('parity-status').textContent()).toMatch(
      /^golden_small\.json · 6 \/ 6 cases · CPU.* · all within tolerance$/,
    );
    expect(server.missing).toEqual([]);
    expect(log.errors).toEqual([]);
    await page.close();
  }, 180_000);
});
