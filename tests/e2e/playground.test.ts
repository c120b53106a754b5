// End-to-end tests of the playground page in Debian's Chromium (playwright-core, no download).
// Build first: `npx vite build`. WebGPU in headless Chromium is SwiftShader (slow), so the tests
// use small nets and few epochs through URL settings.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, e2e } from './fixture';
import { charts, epoch, measureFps, openSettingsGroup, pauseIfPlaying, view, waitForEpoch, waitState } from './lab-page';

// Long enough that a fast backend does not finish while a test watches it.
const SMALL = 'hidden=16&epochs=100000&every=10';
const METRICS: Record<string, unknown> = {};

function curves(datasets: { label: string; data: { x: number; y: number }[] }[] | null): number[][] {
  return (datasets ?? []).filter((d) => d.label.endsWith('net')).map((d) => d.data.map((p) => p.y));
}

afterAll(() => {
  mkdirSync(join(ROOT, 'test-results'), { recursive: true });
  writeFileSync(join(ROOT, 'test-results', 'e2e-metrics.json'), `${JSON.stringify(METRICS, null, 2)}\n`);
  console.log('e2e metrics', METRICS);
});

describe('with WebGPU (SwiftShader)', () => {
  // these tests are about WebGPU: ask for it (Auto, the default, never picks SwiftShader)
  const lab = e2e({ webgpu: true, query: 'backend=webgpu' });

  it(
    'loads with no console errors, no remote requests, and reports a WebGPU adapter',
    () =>
      lab.withPage(SMALL, async ({ page, log }) => {
        const backend = page.getByTestId('backend');
        expect(await backend.getAttribute('data-backend')).toBe('webgpu');
        expect(await backend.textContent()).toMatch(/^WebGPU · \S/);
        await page.waitForTimeout(500);
        expect(log.errors).toEqual([]);
        expect(log.requests.filter((u) => !u.startsWith(lab.url))).toEqual([]);
        expect(lab.server.missing).toEqual([]);
      }),
    120_000,
  );

  it(
    'Play trains and plays: epochs advance, curves change, the loss chart grows; Pause stops',
    () =>
      lab.withPage(SMALL, async ({ page }) => {
        expect(await epoch(page)).toBe(0);
        await expect.poll(async () => curves((await charts(page)).main).length, { timeout: 15_000 }).toBe(2);
        const before = curves((await charts(page)).main);
        expect(before[0].length).toBeGreaterThan(50);

        const t0 = Date.now();
        await page.getByRole('button', { name: 'Play' }).click();
        await waitForEpoch(page, 10);
        METRICS.webgpuSmallEpoch10ShownMs = Date.now() - t0;
        await waitForEpoch(page, 30);
        const lastEpoch = (c: Awaited<ReturnType<typeof charts>>): number =>
          c.loss?.find((d) => d.label === 'Plain net · train MSE')?.data.at(-1)?.x ?? 0;
        // The loss chart redraws at most 4 times a second while playing: wait for it to catch up with the epoch counter.
        await expect.poll(async () => lastEpoch(await charts(page)), { timeout: 15_000 }).toBeGreaterThanOrEqual(30);
        const mid = await charts(page);
        const lossMid = lastEpoch(mid);
        expect(curves(mid.main)).not.toEqual(before);
        METRICS.webgpuSmallFps = await measureFps(page, 2000);
        await waitForEpoch(page, (await epoch(page)) + 20);
        expect(lossMid).toBeGreaterThanOrEqual(30);
        // the charts take their changes a task after the epoch counter: wait for them
        await expect.poll(async () => lastEpoch(await charts(page)), { timeout: 15_000 }).toBeGreaterThan(lossMid);
        await expect.poll(async () => curves((await charts(page)).main), { timeout: 15_000 }).not.toEqual(curves(mid.main));
        const later = await charts(page);
        expect(later.loss?.map((d) => d.label)).toContain('Regularized net · test MSE');
        METRICS.webgpuSmallEpochsPerSecond = await view(page, (h) => h.view().epochsPerSecond);

        await page.getByRole('button', { name: 'Pause' }).click();
        await waitState(page, 'paused');
        const stopped = await epoch(page);
        await page.waitForTimeout(1500);
        expect(await epoch(page)).toBe(stopped);
        expect(await page.getByRole('button', { name: 'Play' }).isEnabled()).toBe(true);
      }),
    240_000,
  );

  it(
    'with "Continue from here", moving Dropout rate and Weight decay changes the run without resetting the epoch counter',
    () =>
      lab.withPage(SMALL, async ({ page }) => {
        const run = await view(page, (h) => h.view().run);
        await page.getByLabel('On change').selectOption({ label: 'Continue from here' });
        await page.getByRole('button', { name: 'Play' }).click();
        await waitForEpoch(page, 20);

        await page.getByLabel('Dropout rate', { exact: true }).fill('0.2');
        await expect.poll(() => page.getByTestId('value-dropout').textContent()).toBe('0.2');
        await expect.poll(() => view(page, (h) => h.view().current?.appliedSettings.dropout), { timeout: 60_000 }).toBe(0.2);
        const afterDropout = await epoch(page);
        expect(afterDropout).toBeGreaterThanOrEqual(20);

        // Weight decay: the log slider's right end is the schema maximum.
        await page.getByLabel('Weight decay', { exact: true }).fill('1000');
        await expect.poll(() => page.getByTestId('value-weightDecay').textContent()).toBe('0.1');
        await expect.poll(() => view(page, (h) => h.view().current?.appliedSettings.weightDecay), { timeout: 60_000 }).toBe(0.1);
        await waitForEpoch(page, (await epoch(page)) + 20);
        expect(await epoch(page)).toBeGreaterThan(afterDropout);
        // The L2 penalty shows up on the loss chart once weight decay is on.
        await expect
          .poll(async () => (await charts(page)).loss?.find((d) => d.label === 'Regularized net · penalty (L1/L2)')?.data.length ?? 0, {
            timeout: 60_000,
          })
          .toBeGreaterThan(0);
        expect(await view(page, (h) => h.view().run)).toBe(run);
        expect(page.url()).toContain('dropout=0.2');
        expect(page.url()).toContain('weightDecay=0.1');

        await page.getByRole('button', { name: 'Pause' }).click();
      }),
    240_000,
  );

  it('a URL with valid settings reproduces them (controls, run settings, results)', async () => {
    const query =
      'dropout=0.25&weightDecay=0.001&lrRegularized=0.003&optimizer=adamw&convention=vanilla&hidden=12&layers=1&epochs=40&every=20&noise=0.5&points=30&seed=5';
    const finals: number[][][] = [];
    for (let k = 0; k < 2; k++) {
      await lab.withPage(query, async ({ page }) => {
        expect(await page.getByTestId('url-notice').count()).toBe(0);
        expect(await page.getByTestId('value-dropout').textContent()).toBe('0.25');
        expect(await page.getByTestId('value-weightDecay').textContent()).toBe('0.001');
        expect(await page.getByTestId('value-lrRegularized').textContent()).toBe('0.003');
        expect(await page.getByTestId('value-hidden').textContent()).toBe('12');
        expect(await page.getByLabel('Optimizer', { exact: true }).inputValue()).toBe('adamw');
        expect(await page.getByLabel('Dropout convention', { exact: true }).inputValue()).toBe('vanilla');
        expect(await page.getByLabel('Epochs', { exact: true }).inputValue()).toBe('40');
        expect(await page.getByLabel('Checkpoint every', { exact: true }).inputValue()).toBe('20');
        expect(await page.getByLabel('Points', { exact: true }).inputValue()).toBe('30');
        expect(await page.getByLabel('Seed', { exact: true }).inputValue()).toBe('5');
        const s = await view(page, (h) => h.view().current?.settings);
        expect(s).toMatchObject({
          dropout: 0.25,
          weightDecay: 0.001,
          optimizer: 'adamw',
          hidden: 12,
          layers: 1,
          points: 30,
          seed: 5,
          noise: 0.5,
        });
        expect((await charts(page)).main?.find((d) => d.label === 'Train points')?.data).toHaveLength(30);
        // the link is already canonical: nothing rewritten
        expect(new URL(page.url()).searchParams.get('dropout')).toBe('0.25');
        await page.getByRole('button', { name: 'Play' }).click();
        await waitState(page, 'finished');
        expect(await epoch(page)).toBe(40);
        finals.push(curves((await charts(page)).main));
      });
    }
    // same link, same run
    finals[1].forEach((curve, i) => curve.forEach((y, j) => expect(y).toBeCloseTo(finals[0][i][j], 4)));
  }, 300_000);

  it('a URL with bad values is clamped, with a visible notice, and never a blank page', async () => {
    await lab.withPage(
      'dropout=7&hidden=99999&layers=0&optimizer=nope&epochs=abc&every=20&weightDecay=-3&foo=bar&backend=tpu',
      async ({ page }) => {
        const notice = page.getByTestId('url-notice');
        await expect.poll(() => notice.isVisible()).toBe(true);
        const text = (await notice.textContent()) ?? '';
        for (const label of ['Dropout rate', 'Hidden units', 'Hidden layers', 'Optimizer', 'Epochs', 'Weight decay', 'foo', 'Backend'])
          expect(text).toContain(label);
        expect(await page.getByTestId('value-dropout').textContent()).toBe('0.9');
        expect(await page.getByTestId('value-hidden').textContent()).toBe('1024');
        expect(await page.getByTestId('value-layers').textContent()).toBe('1');
        expect(await page.getByLabel('Optimizer', { exact: true }).inputValue()).toBe('adam');
        // the address bar now holds the corrected, canonical state
        const params = new URL(page.url()).searchParams;
        expect(params.get('dropout')).toBe('0.9');
        expect(params.get('hidden')).toBe('1024');
        expect(params.get('foo')).toBeNull();
      },
    );

    // pure garbage still renders the page (no uncaught exception; the notice says what was wrong)
    await lab.withPage(
      '%E0%A4%A=%&dropout=%%%&&<script>alert(1)</script>=1&hidden=1e999999&seed=-5',
      async ({ page }) => {
        await page.getByRole('button', { name: 'Play' }).waitFor();
        await expect.poll(() => page.getByTestId('url-notice').isVisible()).toBe(true);
        expect(await page.getByTestId('crash').count()).toBe(0);
      },
      { ready: false, allowErrors: 'console' },
    );
  }, 180_000);

  it(
    'the film-strip shows checkpoints; clicking one opens it large',
    () =>
      lab.withPage('hidden=16&epochs=30&every=10', async ({ page }) => {
        await page.getByRole('button', { name: 'Play' }).click();
        await waitState(page, 'finished');
        const thumbs = page.getByTestId('film-strip').getByRole('button');
        expect(await thumbs.count()).toBe(5); // epochs 0, 1, 11, 21, 30: before training, after updates 1, 11, 21, and the last
        await page.getByRole('button', { name: 'Checkpoint at epoch 11' }).click();
        const dialog = page.getByRole('dialog', { name: 'Checkpoint at epoch 11' });
        await dialog.waitFor();
        expect(await dialog.locator('canvas').count()).toBe(1);
        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'detached' });
      }),
    180_000,
  );

  it(
    'a lost GPU device falls back to the CPU and continues from the last checkpoint',
    () =>
      lab.withPage(
        SMALL,
        async ({ page }) => {
          await page.getByRole('button', { name: 'Play' }).click();
          await waitForEpoch(page, 20);
          await page.evaluate(() => window.__dropoutLab?.simulateDeviceLoss());
          await page.waitForFunction(
            () => document.querySelector('[data-testid="backend"]')?.getAttribute('data-backend') === 'cpu',
            undefined,
            {
              timeout: 60_000,
            },
          );
          expect(await page.getByTestId('backend').textContent()).toMatch(/^CPU ×\d+ workers? \(WebGPU device lost/);
          expect(await page.getByTestId('notices').textContent()).toMatch(/device was lost.*continues on the CPU from epoch \d+/);
          const resumed = await epoch(page);
          expect(resumed).toBeGreaterThanOrEqual(10);
          await waitForEpoch(page, resumed + 20);
          await page.getByRole('button', { name: 'Pause' }).click();
        },
        // the lost device is reported on the console; nothing may go uncaught
        { allowErrors: 'console' },
      ),
    180_000,
  );

  it(
    'saves a screenshot after a few checkpoints (docs/screenshot.png)',
    () =>
      lab.withPage('hidden=64&epochs=300&every=30&lrPlain=0.01', async ({ page }) => {
        await page.getByRole('button', { name: 'Play' }).click();
        await waitForEpoch(page, 150, 200_000);
        await pauseIfPlaying(page);
        await page.waitForTimeout(600); // let the last chart animation finish
        mkdirSync(join(ROOT, 'docs'), { recursive: true });
        await page.screenshot({ path: join(ROOT, 'docs', 'screenshot.png'), fullPage: true });
      }),
    300_000,
  );
});

describe('without WebGPU (no --enable-unsafe-webgpu)', () => {
  const lab = e2e({ webgpu: false });

  it(
    'trains on the CPU and says why',
    () =>
      lab.withPage(SMALL, async ({ page }) => {
        const backend = page.getByTestId('backend');
        expect(await backend.getAttribute('data-backend')).toBe('cpu');
        // one line, the whole reason on demand
        expect(await backend.textContent()).toMatch(/^CPU ×\d+ workers? \(WebGPU unavailable\)$/);
        expect(await page.getByTestId('backend-why').textContent()).toMatch(/^WebGPU unavailable: .+$/);
        await page.getByRole('button', { name: 'Play' }).click();
        await waitForEpoch(page, 30);
        METRICS.cpuSmallEpochsPerSecond = await view(page, (h) => h.view().epochsPerSecond);
        await page.getByRole('button', { name: 'Pause' }).click();
      }),
    180_000,
  );

  it(
    'Step, Reset, New data, presets, and shape changes that reset the run',
    () =>
      lab.withPage('hidden=16&epochs=200&every=25', async ({ page }) => {
        const run = await view(page, (h) => h.view().run);

        // Step: to the next checkpoint, after update 1, then after update 26 (every 25)
        await page.getByRole('button', { name: 'Step' }).click();
        await waitForEpoch(page, 1);
        await waitState(page, 'paused');
        expect(await epoch(page)).toBe(1);
        await page.getByRole('button', { name: 'Step' }).click();
        await waitForEpoch(page, 26);
        await waitState(page, 'paused');
        expect(await epoch(page)).toBe(26);

        await page.getByRole('button', { name: 'Reset' }).click();
        await expect.poll(() => view(page, (h) => h.view().run)).toBe(run + 1);
        await expect.poll(() => epoch(page)).toBe(0);

        // New data: the next seed, generated points instead of the tutorial's
        const before = (await charts(page)).main?.find((d) => d.label === 'Train points')?.data.map((p) => p.y);
        await page.getByRole('button', { name: 'New data' }).click();
        await expect.poll(() => view(page, (h) => h.view().current?.settings.seed)).toBe(2);
        expect(new URL(page.url()).searchParams.get('seed')).toBe('2');
        await expect
          .poll(async () => (await charts(page)).main?.find((d) => d.label === 'Train points')?.data.map((p) => p.y))
          .not.toEqual(before);

        // new data is a new run, and a new run after a change plays at once
        await waitState(page, 'playing');
        // a shape change while playing restarts from epoch 0 (and keeps playing)
        await waitForEpoch(page, 50);
        const runBefore = await view(page, (h) => h.view().run);
        await openSettingsGroup(page, 'Network');
        await page.getByLabel('Hidden units', { exact: true }).fill('24');
        await expect.poll(() => view(page, (h) => h.view().current?.settings.hidden)).toBe(24);
        expect(await view(page, (h) => h.view().run)).toBeGreaterThan(runBefore);
        await pauseIfPlaying(page);

        // presets
        await page.getByRole('button', { name: 'Strong over-fitting' }).click();
        await expect.poll(() => page.getByTestId('value-lrPlain').textContent()).toBe('0.01');
        expect(await page.getByRole('button', { name: 'Strong over-fitting' }).getAttribute('aria-pressed')).toBe('true');
        await expect.poll(() => view(page, (h) => h.view().current?.settings.preset)).toBe('strong-overfitting');
        expect(await view(page, (h) => h.view().current?.settings.hidden)).toBe(300);
        await page.getByRole('button', { name: 'Tutorial' }).click();
        await expect.poll(() => page.getByTestId('value-lrPlain').textContent()).toBe('0.001');
        expect(new URL(page.url()).search).toBe('');
      }),
    180_000,
  );

  it(
    'the tutorial setting on the CPU: time to epoch 50 on screen and frame rate',
    () =>
      lab.withPage('', async ({ page }) => {
        const t0 = Date.now();
        await page.getByRole('button', { name: 'Play' }).click();
        await waitForEpoch(page, 50);
        METRICS.cpuTutorialEpoch50ShownMs = Date.now() - t0;
        METRICS.cpuTutorialFps = await measureFps(page, 2000);
        await waitForEpoch(page, 150);
        METRICS.cpuTutorialEpochsPerSecond = await view(page, (h) => h.view().epochsPerSecond);
        await pauseIfPlaying(page);
      }),
    240_000,
  );
});
