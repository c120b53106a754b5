// End-to-end tests of interruptible work in Debian's Chromium (build first: `npx vite build`):
// Pause at Checkpoint every 10000 lands within one slice of work (read from the page's state, not
// from wall time); a 16×16 sweep on WebGPU (SwiftShader) gets a plain answer and its largest job
// that fits runs and stops; a lost device mid-sweep resumes the sweep on the CPU from its recovery
// point and ends with every cell. axe-core checks the page with the refusal and with the notice.

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './axe';
import { e2e } from './fixture';
import { openTab } from './lab-page';

async function phase(page: Page, testId: string): Promise<string | null> {
  return page.getByTestId(testId).getAttribute('data-phase');
}

async function waitPhase(page: Page, testId: string, phases: readonly string[], timeout = 180_000): Promise<string> {
  await page.waitForFunction(
    ({ id, want }) => want.includes(document.querySelector(`[data-testid="${id}"]`)?.getAttribute('data-phase') ?? ''),
    { id: testId, want: phases },
    { timeout, polling: 100 },
  );
  return (await phase(page, testId)) ?? '';
}

describe('on the CPU backend', () => {
  const lab = e2e({ webgpu: false, query: 'backend=cpu' });

  it(
    'at Checkpoint every 10000, Pause stops training within one slice',
    () =>
      // a wide net: one epoch is a slice of its own here
      lab.withPage(
        'hidden=1024&layers=4&epochs=100000&every=10000',
        async ({ page }) => {
          await page.getByRole('button', { name: 'Play' }).click();
          await page.waitForFunction(() => (window.__dropoutLab?.view().worker.epoch ?? 0) >= 3, undefined, {
            timeout: 180_000,
            polling: 50,
          });
          // every state the worker posts (one per slice), with when it was posted; Pause is clicked in
          // between, and the states posted after the click are those of the slices after the Pause
          const r = await page.evaluate(async () => {
            const hooks = window.__dropoutLab;
            if (!hooks) throw new Error('no test hooks');
            const states: { epoch: number; postedAt: number; running: boolean }[] = [];
            const sample = (): void => {
              const w = hooks.view().worker;
              if (w.postedAt !== null && states.at(-1)?.postedAt !== w.postedAt)
                states.push({ epoch: w.epoch, postedAt: w.postedAt, running: w.running });
            };
            const frames = (n: number) =>
              new Promise<void>((resolve) => {
                let left = n;
                const tick = (): void => {
                  sample();
                  if (--left <= 0) resolve();
                  else requestAnimationFrame(tick);
                };
                requestAnimationFrame(tick);
              });
            // a few slices first (their size is what the page knows of a slice)
            const start = performance.now();
            while (states.length < 4 && performance.now() - start < 120_000) await frames(1);
            const button = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Pause');
            if (!button) throw new Error('no Pause button');
            const clickedAt = performance.timeOrigin + performance.now();
            button.click();
            const t0 = performance.now();
            while (performance.now() - t0 < 60_000) {
              await frames(1);
              const v = hooks.view();
              if (!v.worker.running && v.latency.pause !== undefined && (states.at(-1)?.postedAt ?? 0) > clickedAt) break;
            }
            await frames(30);
            return { states, clickedAt };
          });
          const before = r.states.filter((s) => s.postedAt <= r.clickedAt);
          const after = r.states.filter((s) => s.postedAt > r.clickedAt);
          expect(before.length).toBeGreaterThan(2);
          expect(after.at(-1)?.running).toBe(false);
          // the slice size, as the page sees it: epochs between two states of slices
          const steps = r.states.slice(1).map((s, i) => s.epoch - r.states[i].epoch);
          const slice = Math.max(...steps);
          expect(slice).toBeGreaterThan(0);
          const atClick = Math.max(...before.map((s) => s.epoch));
          const finalEpoch = after.at(-1)?.epoch ?? NaN;
          // at most one slice (the one in progress when the Pause arrived) completes after it
          const advances = new Set(after.map((s) => s.epoch).filter((e) => e > atClick));
          expect(advances.size).toBeLessThanOrEqual(1);
          expect(finalEpoch - atClick).toBeLessThanOrEqual(slice);
          // and the counter stays there
          await page.waitForTimeout(1500);
          expect(await page.evaluate(() => window.__dropoutLab?.view().worker.epoch)).toBe(finalEpoch);
        },
        { timeout: 180_000 },
      ),
    300_000,
  );
});

describe('on WebGPU (SwiftShader)', () => {
  const lab = e2e({ webgpu: true, query: 'backend=webgpu' });

  /** Opens the page at `query` on WebGPU with the Sweep tab open, and runs `body`. */
  function onSweepTab(query: string, body: (page: Page) => Promise<void>): Promise<void> {
    return lab.withPage(
      query,
      async ({ page }) => {
        await openTab(page, 'Sweep');
        await body(page);
      },
      { timeout: 180_000 },
    );
  }

  /** Runs the sweep as asked when the page asks whether it should (a long job). */
  async function runIfAsked(page: Page): Promise<void> {
    if ((await phase(page, 'sweep')) === 'confirm')
      await page.getByTestId('sweep-estimate').getByRole('button', { name: 'Run it' }).click();
  }

  /** Runs the sweep set on the tab (saying "Run it" if asked) until its status shows an epoch past 0. */
  async function runSweepPastEpochZero(page: Page): Promise<void> {
    await page.getByRole('button', { name: 'Run sweep' }).click();
    await waitPhase(page, 'sweep', ['confirm', 'running']);
    await runIfAsked(page);
    await page.waitForFunction(
      () => /^Epoch [1-9]/.test(document.querySelector('[data-testid="sweep-status"]')?.textContent ?? ''),
      undefined,
      { timeout: 180_000, polling: 50 },
    );
  }

  it(
    'a 16×16 sweep at the widest shape gets a plain answer: what to reduce, and the largest sweep that fits as a button',
    () =>
      onSweepTab('hidden=1024&layers=4&epochs=40&every=20', async (page) => {
        await page.getByLabel('Grid rows').fill('16');
        await page.getByLabel('Grid columns').fill('16');
        await page.getByRole('button', { name: 'Run sweep' }).click();
        // 256 nets of 1024×4 need about 13 GB: more than the device binds
        expect(await waitPhase(page, 'sweep', ['too-big', 'confirm', 'running', 'done', 'error'])).toBe('too-big');
        const text = (await page.getByTestId('sweep-too-big-text').textContent()) ?? '';
        expect(text).toMatch(
          /^A 16×16 sweep at 1024×4 needs \d+(?:\.\d)? GB; this GPU binds \d+ buffers of at most [\d.]+ [GM]B \([\d.]+ [GM]B\); it would need \d+\. Use a grid of at most (\d+)×\1, or fewer hidden units\.$/,
        );
        const side = Number(/at most (\d+)×/.exec(text)?.[1]);
        expect(side).toBeGreaterThan(1);
        expect(side).toBeLessThan(16);
        expect(
          await page.getByRole('button', { name: `Run the largest that fits: ${side}×${side} grid (${side * side} models)` }).count(),
        ).toBe(1);
        expect(await page.getByTestId('sweep-status').textContent()).toMatch(/^Waiting for your choice · WebGPU/);
        expect(await page.getByRole('alert').count()).toBe(0);
        await expectNoAxeViolations(page, 'with a sweep too big for the GPU');
      }),
    300_000,
  );

  it(
    'Stop ends a running sweep at once with its checkpoints so far; the next sweep runs',
    () =>
      onSweepTab('hidden=8&epochs=100000&every=10000', async (page) => {
        await page.getByLabel('Grid rows').fill('3');
        await page.getByLabel('Grid columns').fill('3');
        for (const round of [1, 2]) {
          await runSweepPastEpochZero(page);
          await page.getByRole('button', { name: 'Stop sweep' }).click();
          expect(await phase(page, 'sweep'), `round ${round}`).toBe('done');
          expect(await page.getByTestId('sweep-status').textContent()).toMatch(
            /^Epoch [1-9]\d* \/ 100000 · 3×3 grid \(9 models\) · WebGPU.* · stopped$/,
          );
          expect(await page.locator('[data-testid^="cell-"]').count()).toBe(9);
          expect(Number(await page.getByTestId('cell-2-2').getAttribute('data-value'))).toBeGreaterThan(0);
        }
      }),
    300_000,
  );

  it(
    'a lost device mid-sweep resumes the sweep on the CPU from its recovery point; the result has every cell',
    () =>
      onSweepTab('hidden=8&epochs=3000&every=1000', async (page) => {
        await page.getByLabel('Grid rows').fill('5');
        await page.getByLabel('Grid columns').fill('5');
        // past the first checkpoint (after update 1): the job has taken a recovery point
        await runSweepPastEpochZero(page);
        expect(await page.getByTestId('sweep-status').textContent()).toMatch(/WebGPU/);
        expect(await page.evaluate(() => window.__dropoutLab?.simulateBatchDeviceLoss('sweep'))).toBe(true);
        await page.getByTestId('sweep-reduced').waitFor({ timeout: 60_000 });
        const notice = (await page.getByTestId('sweep-reduced').textContent()) ?? '';
        expect(notice).toMatch(
          /^The GPU device was lost \(simulated device loss \(test hook\)\); the job resumed on the CPU from epoch (\d+)\.$/,
        );
        expect(Number(/from epoch (\d+)/.exec(notice)?.[1])).toBeGreaterThan(0);
        await expectNoAxeViolations(page, 'with a sweep resumed on the CPU');
        await waitPhase(page, 'sweep', ['done', 'error'], 240_000);
        expect(await page.getByTestId('sweep-status').textContent()).toMatch(
          /^Epoch 3000 \/ 3000 · 5×5 grid \(25 models\) · CPU.* · done in/,
        );
        expect(await page.locator('[data-testid^="cell-"]').count()).toBe(25);
        for (let row = 0; row < 5; row++)
          for (let col = 0; col < 5; col++)
            expect(Number(await page.getByTestId(`cell-${row}-${col}`).getAttribute('data-value'))).toBeGreaterThan(0);
      }),
    300_000,
  );
});
