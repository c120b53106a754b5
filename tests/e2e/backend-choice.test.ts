// End-to-end tests of the backend choice and the CPU pool in Debian's Chromium (build first:
// `npx vite build`): Auto, the default, never picks SwiftShader and says why; ?backend=webgpu
// still runs on WebGPU; the CPU pool runs the tutorial's two nets on pool workers (one per net,
// up to the cores but one); a long sweep asks before it runs (run it, or a reduced 4×4 grid).
// Frame rate and speeds go to test-results/e2e-backend-metrics.json; no timing is asserted.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, e2e } from './fixture';
import { measureFps, openSettingsGroup, openTab, pauseIfPlaying, runSweep, waitForEpoch, waitForPhase } from './lab-page';

const METRICS: Record<string, unknown> = {};
const lab = e2e({ webgpu: true });

afterAll(() => {
  mkdirSync(join(ROOT, 'test-results'), { recursive: true });
  writeFileSync(join(ROOT, 'test-results', 'e2e-backend-metrics.json'), `${JSON.stringify(METRICS, null, 2)}\n`);
  console.log('e2e backend metrics', METRICS);
});

function poolWorkers(page: Page): number {
  return page.workers().filter((w) => w.url().includes('pool-worker')).length;
}

describe('with WebGPU on SwiftShader', () => {
  it('Auto, the default, picks the CPU and says why', () => {
    const t0 = Date.now();
    return lab.withPage('', async ({ page }) => {
      METRICS.autoReadyMs = Date.now() - t0;
      const backend = page.getByTestId('backend');
      expect(await backend.getAttribute('data-backend')).toBe('cpu');
      // one line, the whole reason on demand
      expect(await backend.textContent()).toMatch(/^CPU ×\d+ workers? \(WebGPU adapter is software \(SwiftShader\)\)$/);
      const why = (await page.getByTestId('backend-why').textContent()) ?? '';
      METRICS.autoStatus = why;
      expect(why).toMatch(
        // measured: "10× slower here", or on a loaded machine "not used unless chosen, though 1.2× faster in a quick test"
        /^WebGPU adapter is software \(SwiftShader\): ([\d.]+× slower here|not used unless chosen, though [\d.]+× faster in a quick test)$/,
      );
      expect(await page.getByLabel('Backend', { exact: true }).inputValue()).toBe('auto');
      expect(new URL(page.url()).searchParams.get('backend')).toBeNull();
      await page.getByRole('button', { name: 'Play' }).click();
      await waitForEpoch(page, 51);
      await pauseIfPlaying(page);
    });
  }, 240_000);

  it(
    'forcing WebGPU (?backend=webgpu) still trains on WebGPU; back to Auto drops it from the link',
    () =>
      lab.withPage('backend=webgpu&hidden=16&epochs=100000&every=10', async ({ page }) => {
        const backend = page.getByTestId('backend');
        expect(await backend.getAttribute('data-backend')).toBe('webgpu');
        expect(await backend.textContent()).toMatch(/^WebGPU · \S/);
        expect(await page.getByLabel('Backend', { exact: true }).inputValue()).toBe('webgpu');
        await page.getByRole('button', { name: 'Play' }).click();
        await waitForEpoch(page, 20);
        await pauseIfPlaying(page);
        expect(new URL(page.url()).searchParams.get('backend')).toBe('webgpu');

        await openSettingsGroup(page, 'Backend');
        await page.getByLabel('Backend', { exact: true }).selectOption('auto');
        await page.waitForFunction(
          () => document.querySelector('[data-testid="backend"]')?.getAttribute('data-backend') === 'cpu',
          undefined,
          {
            timeout: 120_000,
          },
        );
        expect(new URL(page.url()).searchParams.get('backend')).toBeNull();
      }),
    240_000,
  );
});

describe('the CPU pool', () => {
  it(
    "runs the tutorial's two nets on the pool, one worker per net (up to the cores but one); the page keeps drawing",
    () =>
      lab.withPage('backend=cpu&epochs=100000', async ({ page }) => {
        const cores = await page.evaluate(() => navigator.hardwareConcurrency);
        const workers = Math.max(1, cores - 1);
        const backend = page.getByTestId('backend');
        expect(await backend.getAttribute('data-backend')).toBe('cpu');
        expect(await backend.textContent()).toBe(`CPU ×${workers} worker${workers === 1 ? '' : 's'} (WebAssembly SIMD)`);
        // two workers on three cores or more; this 2-core machine keeps one core for the page
        expect(poolWorkers(page)).toBe(Math.min(2, workers));
        await page.getByRole('button', { name: 'Play' }).click();
        await waitForEpoch(page, 51);
        METRICS.cpuPoolTutorialFps = await measureFps(page, 3000);
        METRICS.cpuPoolTutorialFpsShown = await page.evaluate(() => window.__dropoutLab?.fps() ?? null);
        await waitForEpoch(page, 201);
        METRICS.cpuPoolTutorialEpochsPerSecond = await page.evaluate(() => window.__dropoutLab?.view().epochsPerSecond ?? null);
        METRICS.cores = cores;
        await pauseIfPlaying(page);
        // a Reset while training starts a new run, which trains on the pool again
        await page.getByRole('button', { name: 'Play' }).click();
        await page.getByRole('button', { name: 'Reset' }).click();
        await page.waitForFunction(() => document.querySelector('[data-testid="epoch"]')?.textContent === '0', undefined, {
          timeout: 30_000,
        });
        await page.getByRole('button', { name: 'Step' }).click();
        await waitForEpoch(page, 1);
        expect(poolWorkers(page)).toBeGreaterThanOrEqual(Math.min(2, workers));
      }),
    300_000,
  );

  it(
    'a long sweep asks first: run it, or a reduced 4×4 grid; the texts say what runs',
    () =>
      lab.withPage('backend=cpu&epochs=20000&every=50', async ({ page }) => {
        await runSweep(page, 8, 8);
        const estimate = page.getByTestId('sweep-estimate-text');
        await estimate.waitFor({ timeout: 120_000 });
        const text = (await estimate.textContent()) ?? '';
        METRICS.sweepEstimate = text;
        expect(text).toMatch(
          /^8×8 grid \(64 models\), 20000 epochs: about \d+(\.\d)? (s|min|h) on this machine \(CPU ×\d+ workers?\): run it, or run a reduced 4×4 grid\.$/,
        );
        expect(await page.getByTestId('sweep').getAttribute('data-phase')).toBe('confirm');
        expect(await page.locator('[data-testid^="cell-"]').count()).toBe(0); // nothing ran

        await page.getByRole('button', { name: 'Run a reduced 4×4 grid' }).click();
        await page.waitForFunction(
          () => /Epoch [1-9]\d* \/ 20000/.test(document.querySelector('[data-testid="sweep-status"]')?.textContent ?? ''),
          undefined,
          {
            timeout: 120_000,
            polling: 200,
          },
        );
        expect(await page.getByTestId('sweep-status').textContent()).toMatch(/ · 4×4 grid \(16 models\) · CPU ×\d+ workers?/);
        expect(await page.getByTestId('sweep-reduced').textContent()).toMatch(
          /^Reduced to the 4×4 grid \(16 models\) as chosen; the 8×8 grid \(64 models\) was estimated at about /,
        );
        expect(await page.locator('[data-testid^="cell-"]').count()).toBe(16);
        // the description says the 16 models that run, not the 64 asked for
        expect(await page.getByTestId('sweep-description').textContent()).toMatch(/^16 models \(a 4×4 grid\) of the regularized net/);
        await page.getByRole('button', { name: 'Stop sweep' }).click();
        await waitForPhase(page, 'sweep', 'done', 60_000);

        // seeds: "Run it" runs the whole job
        await openTab(page, 'Seeds');
        await page.getByLabel('Seeds per net').fill('16');
        await page.getByRole('button', { name: 'Run seeds' }).click();
        await page.getByTestId('seeds-estimate-text').waitFor({ timeout: 120_000 });
        expect(await page.getByTestId('seeds-estimate-text').textContent()).toMatch(
          /^16 seeds per net \(32 models\), 20000 epochs: about .+: run it, or run 6 seeds per net\.$/,
        );
        await page.getByTestId('seeds-estimate').getByRole('button', { name: 'Run it' }).click();
        await page.waitForFunction(
          () => / · 16 seeds per net \(32 models\) · /.test(document.querySelector('[data-testid="seeds-status"]')?.textContent ?? ''),
          undefined,
          {
            timeout: 120_000,
            polling: 200,
          },
        );
        expect(await page.getByTestId('seeds-reduced').count()).toBe(0);
        await page.getByRole('button', { name: 'Stop seeds' }).click();
        // …and the reduced choice: the texts say K = 6, not the 16 asked for
        await waitForPhase(page, 'seeds', 'done', 60_000);
        await page.getByRole('button', { name: 'Run seeds' }).click();
        await page.getByTestId('seeds-estimate').getByRole('button', { name: 'Run 6 seeds per net' }).click();
        await page.waitForFunction(
          () => / · 6 seeds per net \(12 models\) · /.test(document.querySelector('[data-testid="seeds-status"]')?.textContent ?? ''),
          undefined,
          { timeout: 120_000, polling: 200 },
        );
        expect(await page.getByTestId('seeds-description').textContent()).toMatch(/^12 models: K = 6 copies of each net/);
        await page.getByRole('button', { name: 'Stop seeds' }).click();
      }),
    300_000,
  );
});
