// Accessibility in Chromium (CPU backend, small nets): axe-core finds no violation on load, after
// a run, with the checkpoint dialog open and at 390×844; the page works by keyboard alone (the
// skip link, Play, every slider with its key steps, the heatmap grid, the dialog's focus trap and
// focus return); toggletips work on touch; the live region announces checkpoints. Build first:
// `npx vite build`.

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './axe';
import { e2e } from './fixture';
import { openSettingsGroup, openTab } from './lab-page';

const lab = e2e({ webgpu: false, query: 'backend=cpu' });

const SMALL = 'hidden=8&epochs=40&every=10';
const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true };

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
  it(
    'on load, and with a toggletip open',
    () =>
      lab.withPage(SMALL, async ({ page }) => {
        await expectNoAxeViolations(page, 'on load');
        await page.getByRole('button', { name: 'About Weight decay', exact: true }).click();
        await expectNoAxeViolations(page, 'with a toggletip open');
      }),
    180_000,
  );

  it(
    'at 390×844 (a phone)',
    () =>
      lab.withPage(
        SMALL,
        async ({ page }) => {
          await expectNoAxeViolations(page, 'at 390×844');
        },
        PHONE,
      ),
    180_000,
  );
});

describe('keyboard only', () => {
  it(
    'the skip link comes first and moves focus to the chart',
    () =>
      lab.withPage(SMALL, async ({ page }) => {
        await page.keyboard.press('Tab');
        expect(await focused(page)).toMatchObject({ tag: 'a', name: 'Skip to chart' });
        expect(await page.getByRole('link', { name: 'Skip to chart' }).isVisible()).toBe(true);
        await page.keyboard.press('Enter');
        expect(await page.evaluate(() => document.activeElement?.id)).toBe('fit-chart');
        expect(new URL(page.url()).hash).toBe(''); // the hash holds own points: the link does not touch it
        // the next Tab goes on from the chart, not from the top
        await page.keyboard.press('Tab');
        expect(await page.evaluate(() => document.getElementById('fit-chart')?.contains(document.activeElement))).toBe(true);
      }),
    120_000,
  );

  it(
    'Play by keyboard, axe after the run, the checkpoint dialog traps Tab and returns focus',
    () =>
      lab.withPage(SMALL, async ({ page }) => {
        await page.getByLabel('Speed', { exact: true }).selectOption('max');
        await page.locator('body').focus();
        await tabTo(page, (f) => f.tag === 'button' && f.name === 'Play');
        await page.keyboard.press('Enter');
        await waitState(page, 'finished');
        await expectNoAxeViolations(page, 'after a run');

        // open a checkpoint from the film-strip by keyboard
        await tabTo(page, (f) => f.name === 'Checkpoint at epoch 11');
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
        expect(await focused(page)).toMatchObject({ inDialog: false, name: 'Checkpoint at epoch 11' });

        // again, closed with its Close button
        await page.keyboard.press('Enter');
        await dialog.waitFor();
        await page.keyboard.press('Enter'); // the Close button has focus
        await dialog.waitFor({ state: 'detached' });
        expect((await focused(page)).name).toBe('Checkpoint at epoch 11');
      }),
    240_000,
  );

  it(
    'every slider moves with the keys: a log slider a tenth of a decade per arrow, a decade per page key',
    () =>
      lab.withPage(`${SMALL}&weightDecay=0&lrPlain=0.001&l1=0`, async ({ page }) => {
        for (const group of ['Optimization', 'Network', 'Data']) await openSettingsGroup(page, group);
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
          .locator('[data-setting] input[type="range"]')
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
      }),
    180_000,
  );

  it(
    'the heatmap is one Tab stop; arrows move between cells, Enter loads the cell',
    () =>
      lab.withPage(SMALL, async ({ page }) => {
        await openTab(page, 'Sweep');
        await page.getByLabel('Grid rows').fill('3');
        await page.getByLabel('Grid columns').fill('4');
        await page.getByRole('button', { name: 'Run sweep' }).click();
        await page.waitForFunction(
          () => document.querySelector('[data-testid="sweep"]')?.getAttribute('data-phase') === 'done',
          undefined,
          {
            timeout: 180_000,
            polling: 200,
          },
        );
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
        expect(await page.getByTestId('sweep-hover').textContent()).toMatch(
          /^dropout 0\.8, weight decay 0\.1: final test MSE \S+, best \S+$/,
        );
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
      }),
    300_000,
  );
});

describe('rough edges', () => {
  it(
    '"Lowest" appears only once the sweep is done; the texts say the size that runs',
    () =>
      lab.withPage('hidden=8&epochs=100000&every=50', async ({ page }) => {
        await openTab(page, 'Sweep');
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
        await page.waitForFunction(
          () => document.querySelector('[data-testid="sweep"]')?.getAttribute('data-phase') === 'done',
          undefined,
          {
            timeout: 60_000,
          },
        );
        expect(await page.getByTestId('sweep-hover').textContent()).toMatch(
          /^Lowest final test MSE: \S+ at dropout \S+, weight decay \S+ \(outlined\)/,
        );
        expect(await page.locator('[role="gridcell"][data-best]').count()).toBe(1);
        expect(await page.getByTestId('sweep-status').textContent()).toMatch(/2×2 grid \(4 models\)/);
        expect(await page.getByTestId('sweep-description').textContent()).toMatch(/^10 models \(a 5×2 grid\)/);
      }),
    240_000,
  );

  it(
    'after the last epoch: a hint that tells the truth, Play replays, more Epochs train further',
    () =>
      lab.withPage(SMALL, async ({ page }) => {
        await page.getByLabel('Speed', { exact: true }).selectOption('max');
        await page.getByRole('button', { name: 'Play', exact: true }).click();
        await waitState(page, 'finished');
        const hint = page.getByTestId('finished-hint');
        expect(await hint.textContent()).toMatch(/^Run finished: press Play to watch it again, raise Epochs to train further/);
        expect(await page.getByRole('button', { name: 'Play', exact: true }).isEnabled()).toBe(true);
        // Play watches it again: the playhead goes back to the start and plays to the end
        await page.evaluate(() => {
          const w = window as unknown as { __low: number };
          w.__low = Infinity;
          const el = document.querySelector('[data-testid="epoch"]');
          if (el)
            new MutationObserver(() => (w.__low = Math.min(w.__low, Number(el.textContent)))).observe(el, {
              childList: true,
              characterData: true,
              subtree: true,
            });
        });
        await page.getByRole('button', { name: 'Play', exact: true }).click();
        await waitState(page, 'finished');
        expect(await page.evaluate(() => (window as unknown as { __low: number }).__low)).toBeLessThan(10);
        // raising Epochs trains further: the run replays to the new end
        await openSettingsGroup(page, 'Training');
        await page.getByLabel('Epochs', { exact: true }).fill('60');
        await page.getByLabel('Epochs', { exact: true }).press('Enter');
        await page.waitForFunction(() => window.__dropoutLab?.view().worker.epoch === 60, undefined, { timeout: 60_000, polling: 100 });
        await waitState(page, 'finished');
        expect(await page.getByTestId('epoch').textContent()).toBe('60');
        expect(await hint.isVisible()).toBe(true);
      }),
    180_000,
  );

  it(
    'the live region announces checkpoints at most every 2 s while playing, and the last one',
    () =>
      lab.withPage('hidden=8&epochs=300&every=10', async ({ page }) => {
        const region = page.getByTestId('announcer');
        expect(await region.getAttribute('role')).toBe('status');
        expect(await region.textContent()).toMatch(/^Epoch 0: Plain net test MSE \S+, Regularized net test MSE \S+$/);
        await page.evaluate(() => {
          const el = document.querySelector('[data-testid="announcer"]');
          const seen: { text: string; t: number }[] = [];
          (window as unknown as { __said: typeof seen }).__said = seen;
          if (el)
            new MutationObserver(() => seen.push({ text: el.textContent ?? '', t: performance.now() })).observe(el, {
              childList: true,
              characterData: true,
              subtree: true,
            });
        });
        await page.getByLabel('Speed', { exact: true }).selectOption('slow'); // 25 epochs/s: 300 epochs in about 12 s
        await page.getByRole('button', { name: 'Play', exact: true }).click();
        await waitState(page, 'finished', 120_000);
        await page.waitForTimeout(300);
        const said = await page.evaluate(() =>
          (window as unknown as { __said: { text: string; t: number }[] }).__said.filter((s) => s.text !== ''),
        );
        expect(said.length).toBeGreaterThanOrEqual(3);
        // throttled: 300 epochs pass 30 checkpoints, far fewer are announced, never two within ~2 s (the last may follow at once)
        expect(said.length).toBeLessThan(20);
        // (measured when the page shows them: a busy page may draw one a little late, so the next seems early)
        for (let i = 1; i < said.length - 1; i++) expect(said[i].t - said[i - 1].t).toBeGreaterThanOrEqual(1500);
        expect(said.at(-1)?.text).toMatch(/^Epoch 300: Plain net test MSE \S+, Regularized net test MSE \S+$/);
        // the numbers are the ones on the page
        const shownPlain = await page.getByTestId('test-mse-overfitting').textContent();
        expect(said.at(-1)?.text).toContain(`Plain net test MSE ${shownPlain}`);
      }),
    180_000,
  );

  it(
    'the loss chart labels its log axis once per value at epoch 0',
    () =>
      lab.withPage(SMALL, async ({ page }) => {
        const ticks = await page.evaluate(() => window.__dropoutLab?.ticks('loss', 'y') ?? []);
        const labels = ticks.map((t) => t.label).filter((l) => l !== '');
        expect(labels.length).toBeGreaterThanOrEqual(2);
        expect(new Set(labels).size).toBe(labels.length);
        // the axis spans a decade around the data (its ticks a good part of it), not 0.531…0.532
        expect(Math.max(...ticks.map((t) => t.value)) / Math.min(...ticks.map((t) => t.value))).toBeGreaterThan(3);
      }),
    120_000,
  );

  it(
    'MC-dropout says "computing…" until its band arrives',
    () =>
      lab.withPage(SMALL, async ({ page }) => {
        await page.getByRole('button', { name: 'Step', exact: true }).click();
        await page.waitForFunction(() => (window.__dropoutLab?.playback().epoch ?? 0) >= 1, undefined, { timeout: 60_000 });
        await page.evaluate(() => {
          const states: string[] = [];
          (window as unknown as { __mc: string[] }).__mc = states;
          new MutationObserver(() => {
            const el = document.querySelector('[data-testid="mc-status"]');
            const s = el ? `${el.getAttribute('data-state')}|${el.textContent?.trim()}` : '';
            if (s && states.at(-1) !== s) states.push(s);
          }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
        });
        await page.getByLabel('MC-dropout samples').fill('8');
        await page.getByLabel('MC-dropout uncertainty').check();
        await page.waitForFunction(
          () => document.querySelector('[data-testid="mc-status"]')?.getAttribute('data-state') === 'ready',
          undefined,
          {
            timeout: 60_000,
          },
        );
        const states = await page.evaluate(() => (window as unknown as { __mc: string[] }).__mc);
        expect(states[0]).toBe('computing|computing 8 passes…');
        expect(states.at(-1)).toMatch(/^ready\|8 passes at epoch \d+$/);
      }),
    120_000,
  );

  it(
    'controls keep their text whole: "New data", "(modified)", the sweep\'s Show menu, the bands checkbox',
    () =>
      lab.withPage(`${SMALL}&dropout=0.3`, async ({ page }) => {
        const lines = (selector: string): Promise<number> =>
          page
            .locator(selector)
            .first()
            .evaluate((el) => {
              const r = document.createRange();
              r.selectNodeContents(el);
              return new Set([...r.getClientRects()].map((c) => Math.round(c.top))).size;
            });
        expect(await lines('.transport button:nth-child(4)')).toBe(1);
        expect(await page.locator('.transport button:nth-child(4)').textContent()).toBe('New data');
        expect(await page.locator('.presets .muted').textContent()).toBe('(modified)');
        expect(await lines('.presets .muted')).toBe(1);
        await openTab(page, 'Sweep');
        const show = page.getByLabel('Heatmap metric');
        for (const option of ['final', 'best']) {
          await show.selectOption(option);
          const fits = await show.evaluate((el) => {
            const select = el as HTMLSelectElement;
            const ctx = document.createElement('canvas').getContext('2d');
            if (!ctx) return false;
            ctx.font = getComputedStyle(select).font;
            return ctx.measureText(select.selectedOptions[0]?.text ?? '').width + 20 <= select.clientWidth;
          });
          expect(fits, option).toBe(true);
        }
        await openTab(page, 'Seeds');
        const box = await page.getByLabel('bands on the charts').boundingBox();
        expect(box?.width).toBeLessThan(24);
      }),
    120_000,
  );

  it(
    'toggletips open and close by touch',
    () =>
      lab.withPage(
        SMALL,
        async ({ page }) => {
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
        },
        PHONE,
      ),
    120_000,
  );

  it(
    'the parity panel replays the golden file the page ships',
    () =>
      lab.withPage(SMALL, async ({ page }) => {
        await openTab(page, 'Parity');
        await page.getByRole('button', { name: 'Run bundled golden file' }).click();
        await page.waitForFunction(
          () => document.querySelector('[data-testid="parity"]')?.getAttribute('data-phase') === 'done',
          undefined,
          {
            timeout: 120_000,
            polling: 200,
          },
        );
        expect(await page.getByTestId('parity-status').textContent()).toMatch(
          /^golden_small\.json · 6 \/ 6 cases · CPU.* · all within tolerance$/,
        );
        expect(lab.server.missing).toEqual([]);
      }),
    180_000,
  );
});
