// One screen (Chromium, CPU backend): at 1280×800 the transport, the lesson's sliders, the fit
// chart, the loss chart and the results table (the generalisation gap) are inside the viewport at
// load, without scrolling; at 390×844 the fit chart comes before the controls, the results table
// after them, and nothing makes the page wider than the viewport (the weights table scrolls in its
// own box). The tabs below are an ARIA tablist with one Tab stop. Saves
// docs/screenshots/desktop.png and phone.png for the README. Build first: `npx vite build`.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, e2e } from './fixture';

const SHOTS = join(ROOT, 'docs', 'screenshots');
const lab = e2e({ webgpu: false, query: 'backend=cpu' });

beforeAll(() => {
  mkdirSync(SHOTS, { recursive: true });
});

/** Opens the page at width × height (CPU backend, the default settings). */
function atSize<T>(width: number, height: number, body: (p: { page: Page }) => Promise<T>): Promise<T> {
  return lab.withPage('', body, { viewport: { width, height } });
}

interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

async function box(l: Locator): Promise<Box> {
  const b = await l.boundingBox();
  if (!b) throw new Error(`${l.toString()} has no box (not rendered)`);
  return b;
}

/** The elements the first screen must show, by accessible name or test id. */
function required(page: Page): Record<string, Locator> {
  return {
    play: page.getByRole('button', { name: 'Play' }),
    step: page.getByRole('button', { name: 'Step' }),
    reset: page.getByRole('button', { name: 'Reset' }),
    speed: page.getByLabel('Speed', { exact: true }),
    dropout: page.getByLabel('Dropout rate', { exact: true }),
    weightDecay: page.getByLabel('Weight decay', { exact: true }),
    l1: page.getByLabel('L1 strength', { exact: true }),
    fitChart: page.locator('.fit-chart-box'),
    timeline: page.getByLabel('Timeline'),
    lossChart: page.locator('.loss-chart-box'),
    resultsTable: page.getByTestId('results-table'),
    tour: page.getByRole('button', { name: 'Tour', exact: true }),
  };
}

describe('one screen', () => {
  it('at 1280×800 the transport, the sliders, the fit and loss charts and the results table are in the viewport at load', () =>
    atSize(1280, 800, async ({ page }) => {
      const boxes: Record<string, Box> = {};
      for (const [name, l] of Object.entries(required(page))) boxes[name] = await box(l);
      const scroll = await page.evaluate(() => ({ x: window.scrollX, y: window.scrollY, w: document.documentElement.scrollWidth }));
      expect(scroll).toEqual({ x: 0, y: 0, w: 1280 });
      for (const [name, b] of Object.entries(boxes)) {
        expect.soft(b.x, name).toBeGreaterThanOrEqual(0);
        expect.soft(b.y, name).toBeGreaterThanOrEqual(0);
        expect.soft(b.x + b.width, name).toBeLessThanOrEqual(1280);
        expect.soft(b.y + b.height, name).toBeLessThanOrEqual(800);
      }
      // the charts are charts, not slivers
      expect(boxes.fitChart?.height).toBeGreaterThanOrEqual(240);
      expect(boxes.lossChart?.height).toBeGreaterThanOrEqual(140);
      // the Timeline sits under the fit chart, the loss chart under both
      expect(boxes.timeline?.y).toBeGreaterThan((boxes.fitChart?.y ?? 0) + (boxes.fitChart?.height ?? 0) - 1);
      expect(boxes.lossChart?.y).toBeGreaterThan(boxes.timeline?.y ?? 0);
      // the results table beside the loss chart, with both nets' rows
      expect(boxes.resultsTable?.x).toBeGreaterThanOrEqual((boxes.lossChart?.x ?? 0) + (boxes.lossChart?.width ?? 0));
      expect(boxes.resultsTable?.y).toBeGreaterThan(boxes.timeline?.y ?? 0);
      expect(await page.getByTestId('results-table').locator('tbody tr').count()).toBe(2);
      // the settings beyond the lesson's are folded: their controls are not on screen
      expect(await page.getByLabel('Hidden units', { exact: true }).isVisible()).toBe(false);
      console.log('1280×800 boxes', JSON.stringify(boxes));
      await page.screenshot({ path: join(SHOTS, 'desktop.png') });
    }));

  it('at 390×844 the fit chart comes first, then the controls, and nothing is wider than the viewport', () =>
    atSize(390, 844, async ({ page }) => {
      const r = required(page);
      const fit = await box(r.fitChart);
      const play = await box(r.play);
      const dropout = await box(r.dropout);
      const loss = await box(r.lossChart);
      const results = await box(r.resultsTable);
      const tour = await box(r.tour);
      expect(fit.y + fit.height).toBeLessThanOrEqual(844); // the whole fit chart is on the first screen
      expect(tour.y + tour.height).toBeLessThanOrEqual(fit.y);
      expect(play.y).toBeGreaterThan(fit.y + fit.height);
      expect(dropout.y).toBeGreaterThan(play.y);
      expect(results.y).toBeGreaterThan(dropout.y);
      expect(results.x + results.width).toBeLessThanOrEqual(390);
      expect(loss.y).toBeGreaterThan(results.y);
      const widths = async (): Promise<{ scroll: number; inner: number }> =>
        page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
      expect((await widths()).scroll).toBeLessThanOrEqual(390);
      console.log('390×844 boxes', JSON.stringify({ fit, play, dropout, results, loss }));
      await page.screenshot({ path: join(SHOTS, 'phone.png') });

      // every tab, the weights table at a checkpoint and the sweep's grid included: still no overflow
      await page.getByRole('button', { name: 'Step' }).click();
      await page.waitForFunction(() => Number(document.querySelector('[data-testid="epoch"]')?.textContent) > 0, undefined, {
        timeout: 120_000,
      });
      for (const name of ['Checkpoints', 'Data', 'Seeds', 'Sweep', 'Weights', 'Export', 'Parity']) {
        await page.getByRole('tab', { name }).click();
        await page.getByRole('tabpanel', { name }).scrollIntoViewIfNeeded();
        const w = await widths();
        expect.soft(w.scroll, `${name} tab`).toBeLessThanOrEqual(w.inner);
      }
      await page.getByRole('tab', { name: 'Weights' }).click();
      await page.getByTestId('weights-dropout-W2').waitFor({ timeout: 60_000 });
      const table = await box(page.getByRole('tabpanel', { name: 'Weights' }));
      expect(table.x + table.width).toBeLessThanOrEqual(390);
      expect((await widths()).scroll).toBeLessThanOrEqual(390);
    }));
});

describe('the tabs', () => {
  it('are one tablist with one Tab stop; arrows, Home and End move and select', () =>
    atSize(1280, 800, async ({ page }) => {
      const tabs = page.getByRole('tablist', { name: 'More of the experiment' }).getByRole('tab');
      expect(await tabs.allTextContents()).toEqual(['Checkpoints', 'Data', 'Seeds', 'Sweep', 'Weights', 'Export', 'Parity']);
      const focusable = await tabs.evaluateAll((els) => els.map((e) => e.getAttribute('tabindex')));
      expect(focusable).toEqual(['0', '-1', '-1', '-1', '-1', '-1', '-1']);
      await page.getByRole('tab', { name: 'Checkpoints' }).focus();
      await page.keyboard.press('ArrowRight');
      expect(await page.getByRole('tab', { name: 'Data' }).getAttribute('aria-selected')).toBe('true');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Data');
      expect(await page.getByRole('tabpanel', { name: 'Data' }).isVisible()).toBe(true);
      expect(await page.getByRole('tabpanel', { name: 'Checkpoints', includeHidden: true }).isVisible()).toBe(false);
      await page.keyboard.press('End');
      expect(await page.getByRole('tab', { name: 'Parity' }).getAttribute('aria-selected')).toBe('true');
      await page.keyboard.press('ArrowRight'); // wraps
      expect(await page.getByRole('tab', { name: 'Checkpoints' }).getAttribute('aria-selected')).toBe('true');
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('Home');
      expect(await page.getByRole('tab', { name: 'Checkpoints' }).getAttribute('aria-selected')).toBe('true');
      // Tab leaves the tablist for the panel
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('tabpanel');
    }));
});
