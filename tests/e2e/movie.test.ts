// The run is a movie (Chromium, CPU backend for speed): every frame reaches the screen at the
// default speed, a change after the run replays it from epoch 0 beside a ghost of the previous
// run, the Timeline shows any computed epoch, Max adds no delay, "Continue from here" keeps the
// epoch counter, a cheap run previews while a slider is dragged, and the Tutorial preset's epoch
// 451 is PyTorch's. Build first: `npx vite build`.

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { SeedRun } from '../../src/cli/pytorch-init';
import { readReference } from '../helpers/golden-files';
import { e2e } from './fixture';
import { epoch, waitForEpoch, waitState } from './lab-page';

const lab = e2e({ webgpu: false, query: 'backend=cpu' });

/** Records every epoch the status shows (text changes), with the time, from now on. */
async function recordEpochs(page: Page): Promise<void> {
  await page.evaluate(() => {
    const el = document.querySelector('[data-testid="epoch"]');
    if (!el) throw new Error('no epoch on the page');
    const seen: { epoch: number; t: number }[] = [{ epoch: Number(el.textContent), t: performance.now() }];
    (window as unknown as { __seen: typeof seen }).__seen = seen;
    new MutationObserver(() => seen.push({ epoch: Number(el.textContent), t: performance.now() })).observe(el, {
      characterData: true,
      childList: true,
      subtree: true,
    });
  });
}

async function seenEpochs(page: Page): Promise<{ epoch: number; t: number }[]> {
  return page.evaluate(() => (window as unknown as { __seen: { epoch: number; t: number }[] }).__seen);
}

async function playToEnd(page: Page, speed = 'max'): Promise<void> {
  await page.getByLabel('Speed', { exact: true }).selectOption(speed);
  await page.getByRole('button', { name: 'Play' }).click();
  await waitState(page, 'finished');
}

/** The page's own rounding of a loss (chart-data's formatLoss for values in [1e-3, 1e4)). */
function shown(v: number): string {
  return v.toPrecision(3);
}

describe('the run is a movie', () => {
  it(
    'hidden 16 on the CPU at the default speed: every recorded frame’s epoch reaches the screen, over at least 3 s',
    () =>
      lab.withPage('hidden=16', async ({ page }) => {
        expect(await page.getByLabel('Speed', { exact: true }).inputValue()).toBe('tutorial');
        await recordEpochs(page);
        await page.getByRole('button', { name: 'Play' }).click();
        await waitState(page, 'finished');
        const seen = await seenEpochs(page);
        const pb = await page.evaluate(() => window.__dropoutLab?.playback());
        if (!pb) throw new Error('no playback');
        expect(pb.epochs[0]).toBe(0);
        expect(pb.epochs.at(-1)).toBe(500);
        expect(pb.epochs.length).toBeGreaterThanOrEqual(12); // at least the checkpoints 0, 1, 51, …, 451, 500
        // every frame was the playhead's frame on some animation frame…
        expect(pb.shownTick.filter((t) => t < 0)).toEqual([]);
        // …and its epoch was in the status, in order
        const onScreen = seen.map((s) => s.epoch);
        for (const e of pb.epochs) expect(onScreen, `epoch ${e}`).toContain(e);
        for (let i = 1; i < onScreen.length; i++) expect(onScreen[i]).toBeGreaterThanOrEqual(onScreen[i - 1]);
        const moving = seen.filter((s) => s.epoch > 0);
        const seconds = (moving[moving.length - 1].t - moving[0].t) / 1000;
        expect(seconds).toBeGreaterThanOrEqual(3);
        // the end is not a dead end: a hint, and Play watches the run again from epoch 0
        await page.getByTestId('finished-hint').waitFor();
        await page.getByRole('button', { name: 'Play' }).click();
        // the playhead moves in the task after the click's (Play sends its command first)
        await expect.poll(() => page.evaluate(() => window.__dropoutLab?.playback().epoch ?? 500), { timeout: 5_000 }).toBeLessThan(500);
        await page.getByRole('button', { name: 'Pause' }).click();
      }),
    180_000,
  );

  it(
    'after the run ends, moving "Dropout rate" replays it from epoch 0 beside the ghost of the previous run',
    () =>
      lab.withPage('hidden=16', async ({ page }) => {
        await playToEnd(page);
        const first = await page.evaluate(() => window.__dropoutLab?.view().run ?? 0);
        await recordEpochs(page);
        await page.getByLabel('Speed', { exact: true }).selectOption('tutorial');
        await page.getByLabel('Dropout rate', { exact: true }).fill('0.2');
        await page.waitForFunction((r) => window.__dropoutLab?.view().run === r + 1, first, { timeout: 30_000 });
        expect(await page.evaluate(() => window.__dropoutLab?.view().current?.cause)).toBe('replay');
        await waitState(page, 'playing');
        await waitForEpoch(page, 60);
        const seen = (await seenEpochs(page)).map((s) => s.epoch);
        expect(seen[0]).toBe(500);
        expect(seen).toContain(0); // back to epoch 0, then forward again
        expect(new URL(page.url()).searchParams.get('dropout')).toBe('0.2');

        // the ghost: the previous run's curves at the same epoch, faded and dashed, named by what differed
        await page.getByRole('button', { name: 'Pause' }).click();
        await page.getByTestId('ghost').waitFor();
        expect(await page.getByTestId('ghost').textContent()).toContain('before: dropout 0.5');
        const readCheck = () =>
          page.evaluate(() => {
            const h = window.__dropoutLab;
            const v = h?.view();
            const at = h?.playback().epoch ?? -1;
            const prev = v?.previous;
            let ghost = null;
            if (prev) for (const f of prev.frames) if (f.epoch <= at) ghost = f;
            const main = h?.charts().main ?? [];
            return {
              at,
              labels: main.map((d) => d.label),
              lossLabels: h?.charts().loss?.map((d) => d.label) ?? [],
              drawn: main.find((d) => d.label === 'Regularized net · before: dropout 0.5')?.data.map((p) => p.y) ?? [],
              expected: ghost?.nets[1].gridPred ?? [],
              current: main.find((d) => d.label === 'Regularized net')?.data.map((p) => p.y) ?? [],
            };
          });
        // the chart takes the paused frame a task after the panel renders it
        await expect
          .poll(async () => {
            const c = await readCheck();
            return c.drawn.length > 0 && c.drawn.every((y, k) => y === c.expected[k]);
          })
          .toBe(true);
        const check = await readCheck();
        // the plain net does not use dropout: its ghost would be its own curve, so there is none
        expect(check.labels).not.toContain('Plain net · before: dropout 0.5');
        expect(check.labels).toContain('Regularized net · before: dropout 0.5');
        expect(check.lossLabels).toContain('Regularized net · test MSE · before: dropout 0.5');
        expect(check.drawn).toEqual(check.expected);
        expect(check.drawn).not.toEqual(check.current);
        // Compare with previous run: off hides it
        await page.getByLabel('Compare with previous run').uncheck();
        await page.waitForFunction(
          () => window.__dropoutLab?.charts().main?.every((d) => !d.label.includes('before')) === true,
          undefined,
          {
            timeout: 10_000,
          },
        );
        expect(await page.getByTestId('ghost').count()).toBe(0);
      }),
    180_000,
  );

  it(
    'dragging "Timeline" back to epoch 51 shows the test MSE of the checkpoint at 51; arrows, Home and End step through frames',
    () =>
      lab.withPage('hidden=16', async ({ page }) => {
        await playToEnd(page);
        const timeline = page.getByLabel('Timeline');
        const epochs = await page.evaluate(() => window.__dropoutLab?.playback().epochs ?? []);
        await timeline.focus();
        await page.keyboard.press('Home');
        expect(await timeline.getAttribute('aria-valuetext')).toBe('epoch 0');
        await page.keyboard.press('ArrowRight');
        expect(await timeline.getAttribute('aria-valuetext')).toBe(`epoch ${epochs[1]}`);
        await page.keyboard.press('ArrowRight');
        expect(await timeline.getAttribute('aria-valuetext')).toBe(`epoch ${epochs[2]}`);
        await page.keyboard.press('ArrowLeft');
        expect(await epoch(page)).toBe(epochs[1]);
        await page.keyboard.press('End');
        expect(await epoch(page)).toBe(500);

        // drag back to epoch 51
        await timeline.fill(String(epochs.indexOf(51)));
        await page.waitForFunction(() => window.__dropoutLab?.playback().epoch === 51, undefined, { timeout: 10_000 });
        expect(await epoch(page)).toBe(51);
        const checkpoint = await page.evaluate(() => window.__dropoutLab?.view().current?.checkpoints.find((f) => f.epoch === 51));
        expect(checkpoint?.checkpoint).toBe(true);
        expect(await page.getByTestId('test-mse-overfitting').textContent()).toBe(shown(checkpoint?.nets[0].testMse ?? NaN));
        expect(await page.getByTestId('test-mse-dropout').textContent()).toBe(shown(checkpoint?.nets[1].testMse ?? NaN));
        // the loss chart marks epoch 51 and draws nothing after it
        await page.waitForFunction(() => window.__dropoutLab?.charts().loss?.some((d) => d.label === 'epoch 51') === true, undefined, {
          timeout: 10_000,
        });
        const lastLoss = await page.evaluate(
          () =>
            window.__dropoutLab
              ?.charts()
              .loss?.find((d) => d.label === 'Plain net · train MSE')
              ?.data.at(-1)?.x ?? -1,
        );
        expect(lastLoss).toBe(51);
        // Play continues from there
        await page.getByLabel('Speed', { exact: true }).selectOption('slow');
        await page.getByRole('button', { name: 'Play' }).click();
        await page.waitForFunction(() => (window.__dropoutLab?.playback().epoch ?? 0) > 51, undefined, { timeout: 10_000 });
        expect(await page.evaluate(() => window.__dropoutLab?.playback().epoch)).toBe(epochs[epochs.indexOf(51) + 1]);
        await page.getByRole('button', { name: 'Pause' }).click();
      }),
    180_000,
  );

  it(
    'between two frames the curves morph: the fit chart is redrawn differently on most animation frames',
    () =>
      lab.withPage('hidden=16', async ({ page }) => {
        await page.getByLabel('Speed', { exact: true }).selectOption('slow');
        await page.getByRole('button', { name: 'Play' }).click();
        await waitForEpoch(page, 21);
        // the fit chart's pixels and the epoch on screen, on 40 animation frames in a row
        const seen = await page.evaluate(async () => {
          const canvas = document.querySelector<HTMLCanvasElement>('#fit-chart canvas');
          const ctx = canvas?.getContext('2d');
          if (!canvas || !ctx) throw new Error('no fit chart');
          const out: { pixels: number; epoch: string }[] = [];
          for (let i = 0; i < 40; i++) {
            await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
            const d = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
            let h = 0;
            for (let j = 0; j < d.length; j += 3) h = (Math.imul(h, 31) + d[j]) | 0;
            out.push({ pixels: h, epoch: document.querySelector('[data-testid="epoch"]')?.textContent ?? '' });
          }
          return out;
        });
        await page.getByRole('button', { name: 'Pause' }).click();
        // once the last tween has ended, the curves are drawn at the frame's own data
        await expect
          .poll(() => page.evaluate(() => window.__dropoutLab?.drawnOffBy('main') ?? Infinity), { timeout: 5_000 })
          .toBeLessThan(0.01);
        const changed = (k: 'pixels' | 'epoch') => seen.filter((s, i) => i > 0 && s[k] !== seen[i - 1][k]).length;
        // at Slow speed a frame stays for ~12 animation frames (5 epochs at 25 epochs/s): a chart that only
        // jumped from frame to frame would change as often as the epoch does
        expect(changed('epoch')).toBeGreaterThanOrEqual(1);
        expect(changed('pixels')).toBeGreaterThanOrEqual(3 * changed('epoch'));
      }),
    180_000,
  );

  it(
    'at "Max" the playhead adds no delay: the newest frame is on screen on the first animation frame after it arrives',
    () =>
      lab.withPage('hidden=64&epochs=1500&every=100', async ({ page }) => {
        // a run that takes a few seconds to compute here, so frames arrive slice by slice
        await playToEnd(page, 'max');
        const pb = await page.evaluate(() => window.__dropoutLab?.playback());
        if (!pb) throw new Error('no playback');
        const n = pb.epochs.length;
        // frames come in batches (one per slice); the last of each batch is the newest when it arrives
        // (frame 0 arrived before Play)
        const newest = pb.arrivedTick.map((_, i) => i).filter((i) => i > 0 && (i === n - 1 || pb.arrivedTick[i + 1] > pb.arrivedTick[i]));
        expect(newest.length).toBeGreaterThanOrEqual(3);
        for (const i of newest) expect(pb.shownTick[i], `frame ${i} (epoch ${pb.epochs[i]})`).toBe(pb.arrivedTick[i] + 1);
        expect(pb.epoch).toBe(1500);
      }),
    180_000,
  );

  it(
    '"Continue from here" keeps the run and its epoch counter when a slider moves while playing',
    () =>
      lab.withPage('hidden=16&epochs=100000', async ({ page }) => {
        await page.getByLabel('On change').selectOption({ label: 'Continue from here' });
        await page.getByRole('button', { name: 'Play' }).click();
        await waitForEpoch(page, 100);
        const run = await page.evaluate(() => window.__dropoutLab?.view().run);
        await recordEpochs(page);
        const before = (await seenEpochs(page))[0].epoch;
        await page.getByLabel('Dropout rate', { exact: true }).fill('0.2');
        await page.waitForFunction(() => window.__dropoutLab?.view().current?.appliedSettings.dropout === 0.2, undefined, {
          timeout: 30_000,
        });
        await waitForEpoch(page, before + 100);
        expect(await page.evaluate(() => window.__dropoutLab?.view().run)).toBe(run);
        const seen = (await seenEpochs(page)).map((s) => s.epoch);
        expect(Math.min(...seen)).toBeGreaterThanOrEqual(before);
        for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1]);
        await page.getByRole('button', { name: 'Pause' }).click();
      }),
    180_000,
  );

  it(
    'a slider dragged where a whole run is cheap previews its end; elsewhere the run replays on release',
    () =>
      lab.withPage('hidden=8&epochs=60&every=20', async ({ page }) => {
        await playToEnd(page);
        // the cost is measured on a replay (warm)
        await page.getByLabel('Dropout rate', { exact: true }).fill('0.3');
        await page.waitForFunction(() => window.__dropoutLab?.view().current?.cause === 'replay', undefined, { timeout: 30_000 });
        await waitState(page, 'finished');
        const cost = await page.evaluate(() => window.__dropoutLab?.view().worker.cost);
        expect(cost?.measured).toBe(true);
        const preview = (cost?.ms ?? Infinity) <= 150;
        expect(await page.getByTestId('slider-mode').getAttribute('data-mode')).toBe(preview ? 'preview' : 'on-release');
        const run = await page.evaluate(() => window.__dropoutLab?.view().run ?? 0);
        const box = await page.getByLabel('Weight decay', { exact: true }).boundingBox();
        if (!box) throw new Error('no slider');
        await page.mouse.move(box.x + 4, box.y + box.height / 2);
        await page.mouse.down();
        for (let k = 1; k <= 8; k++) {
          await page.mouse.move(box.x + 4 + k * box.width * 0.08, box.y + box.height / 2);
          await page.waitForTimeout(80);
        }
        if (preview) {
          await page.waitForFunction(() => window.__dropoutLab?.view().preview !== null, undefined, { timeout: 10_000 });
          const p = await page.evaluate(() => window.__dropoutLab?.view().preview);
          expect(p?.frame.epoch).toBe(60);
          expect(p?.settings.weightDecay).toBeGreaterThan(0);
          expect(await page.locator('#main-chart-title').textContent()).toMatch(/preview of the whole run: epoch 60/);
        } else {
          expect(await page.evaluate(() => window.__dropoutLab?.view().preview)).toBeNull();
        }
        // no new run while the thumb is held…
        expect(await page.evaluate(() => window.__dropoutLab?.view().run)).toBe(run);
        await page.mouse.up();
        // …one on release, from epoch 0, with the value the thumb was let go at
        await page.waitForFunction((r) => window.__dropoutLab?.view().run === r + 1, run, { timeout: 30_000 });
        const released = await page.evaluate(() => ({
          s: window.__dropoutLab?.view().current?.settings.weightDecay,
          url: window.__dropoutLab?.settings().weightDecay,
        }));
        expect(released.s).toBe(released.url);
      }),
    180_000,
  );

  it(
    'the Tutorial preset: the plain net’s test MSE at epoch 451 is PyTorch’s (seed_run.json) within the parity tolerance',
    () =>
      lab.withPage('', async ({ page }) => {
        await playToEnd(page);
        const mse = await page.evaluate(
          () => window.__dropoutLab?.view().current?.checkpoints.find((f) => f.epoch === 451)?.nets[0].testMse ?? NaN,
        );
        const run = readReference<SeedRun>('seed_run.json');
        const torch = run.checkpoints.test_mse.overfitting[run.checkpoints.updates_done.indexOf(451)];
        expect(Math.abs(mse - torch) / torch, `page ${mse} vs PyTorch ${torch}`).toBeLessThanOrEqual(0.02);
      }),
    300_000,
  );
});
