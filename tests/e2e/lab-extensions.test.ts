// End-to-end tests of the "beyond one run" features in Debian's Chromium (SwiftShader WebGPU):
// exports (downloads happen, files parse), weight histograms, the grid sweep (heatmap fills, hover
// shows a cell's numbers, a click loads the cell) and the seed bands. Build first: `npx vite build`.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { GOLDEN_DIR } from '../helpers/golden-files';
import { e2e } from './fixture';
import { openTab, runSweep, waitForPhase } from './lab-page';

const SMALL = 'hidden=16&epochs=60&every=20';

// these tests ran on WebGPU: ask for it (Auto, the default, never picks SwiftShader)
const lab = e2e({ webgpu: true, query: 'backend=webgpu' });

async function download(page: Page, button: string): Promise<{ name: string; bytes: Buffer }> {
  const [d] = await Promise.all([
    page.waitForEvent('download', { timeout: 30_000 }),
    page.getByRole('button', { name: button, exact: true }).click(),
  ]);
  const path = await d.path();
  return { name: d.suggestedFilename(), bytes: readFileSync(path) };
}

describe('exports and weights', () => {
  it(
    'after a Step: weight histograms show, every export downloads and parses',
    () =>
      lab.withPage(SMALL, async ({ page }) => {
        // Step: to the next checkpoint (after update 1), then the next (after update 21)
        await page.getByRole('button', { name: 'Step' }).click();
        await page.waitForFunction(() => window.__dropoutLab?.playback().epoch === 1, undefined, { timeout: 120_000, polling: 100 });
        await page.getByRole('button', { name: 'Step' }).click();
        await page.waitForFunction(() => window.__dropoutLab?.playback().epoch === 21, undefined, { timeout: 120_000, polling: 100 });
        // the histograms are drawn while their panel is on screen
        await openTab(page, 'Weights');
        await page.getByRole('heading', { name: 'Weights' }).scrollIntoViewIfNeeded();
        await page.waitForFunction(
          () => Number(document.querySelector('[data-testid="weights"]')?.getAttribute('data-epoch')) === 21,
          undefined,
          { timeout: 120_000, polling: 100 },
        );
        const cell = page.getByTestId('weights-dropout-W2');
        expect(Number(await cell.getAttribute('data-total'))).toBe(256);
        expect(Number(await cell.getAttribute('data-near-zero'))).toBeGreaterThanOrEqual(0);
        expect(await cell.textContent()).toMatch(/≈0: \d+ \/ 256/);

        await openTab(page, 'Export');
        const fit = await download(page, 'Fit chart PNG');
        expect(fit.name).toMatch(/fit\.png$/);
        expect(fit.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
        const loss = await download(page, 'Loss chart PNG');
        expect(loss.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');

        const csv = await download(page, 'Run CSV');
        const lines = csv.bytes.toString('utf8').trim().split('\n');
        expect(lines[0].split(',')).toContain('dropout_test_mse');
        expect(lines.length).toBe(23); // header, epoch 0 (the first checkpoint), epochs 1..21
        expect(lines.slice(1).every((l) => l.split(',').length === lines[0].split(',').length)).toBe(true);

        const json = JSON.parse((await download(page, 'Run JSON')).bytes.toString('utf8')) as {
          settings: { hidden: number };
          nets: { train_mse: number[] }[];
          checkpoints: { epoch: number; nets: { grid_pred: number[] }[] }[];
        };
        expect(json.settings.hidden).toBe(16);
        expect(json.nets).toHaveLength(2);
        expect(json.nets[0].train_mse).toHaveLength(21);
        expect(json.checkpoints.map((c) => c.epoch)).toEqual([0, 1, 21]);
        expect(json.checkpoints.at(-1)?.nets[0].grid_pred.length).toBeGreaterThan(50);

        const weights = JSON.parse((await download(page, 'Weights JSON')).bytes.toString('utf8')) as {
          arch: { sizes: number[]; param_order: string[] };
          nets: Record<string, { params: Record<string, number[][] | number[]> }>;
        };
        expect(weights.arch.sizes).toEqual([1, 16, 16, 1]);
        expect(weights.arch.param_order).toEqual(['W1', 'b1', 'W2', 'b2', 'W3', 'b3']);
        const w2 = weights.nets.dropout.params.W2 as number[][];
        expect(w2).toHaveLength(16);
        expect(w2[0]).toHaveLength(16);
        expect((weights.nets.overfitting.params.W3 as number[][])[0]).toHaveLength(16);

        await page.getByRole('button', { name: 'Copy as PyTorch' }).click();
        await page.waitForFunction(
          () =>
            /PyTorch script copied|refused the clipboard/.test(document.querySelector('[data-testid="export-status"]')?.textContent ?? ''),
          undefined,
          { timeout: 10_000 },
        );
        const py = (await download(page, 'PyTorch .py')).bytes.toString('utf8');
        expect(py).toMatch(/^N_HIDDEN = 16$/m);
        expect(py).toMatch(/^EPOCHS = 60$/m);
      }),
    240_000,
  );
});

describe('grid sweep', () => {
  it(
    'a 3×3 sweep fills the heatmap, hover shows the numbers, a click loads the cell',
    () =>
      lab.withPage(SMALL, async ({ page }) => {
        await runSweep(page, 3, 3);
        await waitForPhase(page, 'sweep', 'done', 180_000);
        const values: number[] = [];
        for (let r = 0; r < 3; r++)
          for (let c = 0; c < 3; c++) values.push(Number(await page.getByTestId(`cell-${r}-${c}`).getAttribute('data-value')));
        expect(values).toHaveLength(9);
        for (const v of values) {
          expect(Number.isFinite(v)).toBe(true);
          expect(v).toBeGreaterThan(0);
        }
        expect(await page.getByTestId('sweep-status').textContent()).toMatch(/Epoch 60 \/ 60/);

        await page.getByTestId('cell-1-2').hover();
        expect(await page.getByTestId('sweep-hover').textContent()).toMatch(
          /^dropout 0\.4, weight decay 0\.1: final test MSE \S+, best \S+/,
        );

        await page.getByTestId('cell-2-1').click();
        await page.waitForFunction(() => window.__dropoutLab?.settings().dropout === 0.8, undefined, { timeout: 10_000 });
        const s = await page.evaluate(() => window.__dropoutLab?.settings());
        expect(s?.dropout).toBe(0.8);
        expect(s?.weightDecay).toBeCloseTo(1e-5, 12);
        expect(await page.getByTestId('value-dropout').textContent()).toMatch(/0\.8/);
        expect(page.url()).toMatch(/dropout=0\.8/);
      }),
    300_000,
  );

  it(
    'a lost GPU device restarts the sweep on the CPU and says so',
    () =>
      lab.withPage('hidden=8&epochs=40&every=20', async ({ page }) => {
        await runSweep(page, 5, 5);
        // the start message is posted already: the loss hits the job's first checkpoint interval
        expect(await page.evaluate(() => window.__dropoutLab?.simulateBatchDeviceLoss('sweep'))).toBe(true);
        await waitForPhase(page, 'sweep', 'done', 180_000);
        expect(await page.getByTestId('sweep-reduced').textContent()).toBe(
          'The GPU device was lost (simulated device loss (test hook)); the job restarted on the CPU.',
        );
        // a short job: the whole grid, on the CPU
        expect(await page.getByTestId('sweep-status').textContent()).toMatch(/Epoch 40 \/ 40 · 5×5 grid \(25 models\) · CPU/);
        expect(await page.locator('[data-testid^="cell-"]').count()).toBe(25);
        expect(Number(await page.getByTestId('cell-4-4').getAttribute('data-value'))).toBeGreaterThan(0);
      }),
    240_000,
  );
});

describe('seed bands', () => {
  it(
    'K seeds of each net: bands on both charts, a verdict, the toggle hides them',
    () =>
      lab.withPage(SMALL, async ({ page }) => {
        await openTab(page, 'Seeds');
        await page.getByLabel('Seeds per net').fill('4');
        await page.getByRole('button', { name: 'Run seeds' }).click();
        await waitForPhase(page, 'seeds', 'done', 180_000);
        const verdict = await page.getByTestId('seeds-verdict').getAttribute('data-verdict');
        expect(['lower', 'higher', 'within-spread']).toContain(verdict);
        expect(await page.getByTestId('seeds-verdict').textContent()).toMatch(
          /regularized [\d.]+ ± [\d.]+ \(n=4\) vs plain [\d.]+ ± [\d.]+ \(n=4\)/,
        );
        const labels = async (): Promise<{ main: string[]; loss: string[] }> =>
          page.evaluate(() => {
            const c = window.__dropoutLab?.charts();
            return { main: c?.main?.map((d) => d.label) ?? [], loss: c?.loss?.map((d) => d.label) ?? [] };
          });
        await page.waitForFunction(
          () => window.__dropoutLab?.charts().loss?.some((d) => d.label.startsWith('Regularized net · test MSE, mean ± std')) === true,
          undefined,
          { timeout: 10_000 },
        );
        const on = await labels();
        expect(on.loss).toContain('Regularized net · test MSE, mean ± std over seeds (K=4)');
        expect(on.loss).toContain('Plain net · train MSE, mean ± std over seeds (K=4)');
        expect(on.main).toContain('Plain net · mean ± std over seeds (K=4)');
        expect(on.main).toContain('Regularized net · mean ± std over seeds (K=4) (upper edge)');
        const band = await page.evaluate(
          () => window.__dropoutLab?.charts().main?.find((d) => d.label === 'Plain net · mean ± std over seeds (K=4)')?.data.length ?? 0,
        );
        expect(band).toBeGreaterThan(50);
        const trainBand = await page.evaluate(
          () =>
            window.__dropoutLab?.charts().loss?.find((d) => d.label === 'Plain net · train MSE, mean ± std over seeds (K=4)')?.data
              .length ?? 0,
        );
        expect(trainBand).toBe(60); // every epoch of SMALL's 60
        await page.getByLabel('bands on the charts').uncheck();
        await page.waitForFunction(
          () => window.__dropoutLab?.charts().main?.every((d) => !d.label.includes('over seeds')) === true,
          undefined,
          { timeout: 10_000 },
        );
      }),
    300_000,
  );
});

describe('own data', () => {
  it(
    'pasted CSV: bad rows listed by line, valid rows used; points added, moved and deleted on the chart',
    () =>
      lab.withPage(SMALL, async ({ page }) => {
        const dataX = async (): Promise<number[]> => page.evaluate(() => [...(window.__dropoutLab?.view().current?.data.x ?? [])]);
        const waitX = async (pred: string): Promise<number[]> => {
          await page.waitForFunction(
            `(() => { const x = window.__dropoutLab?.view().current?.data.x ?? []; const v = window.__dropoutLab?.view(); return v?.phase === 'ready' && (v.current?.frames.length ?? 0) > 0 && (${pred}); })()`,
            undefined,
            { timeout: 60_000, polling: 100 },
          );
          return dataX();
        };
        const csv = 'x,y\n-0.5,-0.4\n0.1,abc\n0.2,0.3\n1,2,3\n0.7,0.8\n';
        await openTab(page, 'Data');
        await page.locator('#csv-input').fill(csv);
        await page.getByRole('button', { name: 'Use pasted points' }).click();
        expect(await page.getByTestId('csv-result').textContent()).toMatch(/^Using 3 valid rows; 2 rows skipped:/);
        expect(await page.getByTestId('csv-errors').locator('li').allTextContents()).toEqual([
          'line 3: y "abc" is not a finite number',
          'line 5: expected 2 values (x,y), found 3',
        ]);
        expect(await waitX('x.length === 3')).toEqual([-0.5, 0.2, 0.7]);
        expect(await page.locator('#csv-input').inputValue()).toBe(csv);
        expect(await page.getByTestId('own-data-status').textContent()).toMatch(/Own data: 3 training points/);

        await page.getByRole('button', { name: 'Edit points on the chart' }).click();
        await page.getByTestId('edit-hint').waitFor();
        await page.evaluate(() => window.scrollTo(0, 0));
        const at = async (x: number, y: number): Promise<{ x: number; y: number }> => {
          const p = await page.evaluate(([a, b]) => window.__dropoutLab?.clientPoint('main', a, b) ?? null, [x, y]);
          if (!p) throw new Error('no main chart');
          return p;
        };
        // click on an empty spot adds a point
        const empty = await at(-0.9, 0.1);
        await page.mouse.click(empty.x, empty.y);
        const added = await waitX('x.length === 4');
        expect(added[3]).toBeCloseTo(-0.9, 1);
        // right-click on a point deletes it
        const p02 = await at(0.2, 0.3);
        await page.mouse.click(p02.x, p02.y, { button: 'right' });
        const afterDelete = await waitX('x.length === 3 && !x.includes(0.2)');
        expect(afterDelete).toContain(0.7);
        // drag moves a point
        const from = await at(0.7, 0.8);
        const to = await at(0.4, -0.2);
        await page.mouse.move(from.x, from.y);
        await page.mouse.down();
        await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2);
        await page.mouse.move(to.x, to.y);
        await page.mouse.up();
        const moved = await waitX('x.length === 3 && !x.includes(0.7)');
        expect(moved.some((v) => Math.abs(v - 0.4) < 0.05)).toBe(true);
        // Delete key removes the point under the pointer
        const target = moved.findIndex((v) => Math.abs(v - 0.4) < 0.05);
        const y = await page.evaluate((i) => window.__dropoutLab?.view().current?.data.y[i] ?? 0, target);
        const q = await at(moved[target], y);
        await page.mouse.move(q.x, q.y);
        await page.keyboard.press('Delete');
        await waitX('x.length === 2');

        await page.getByRole('button', { name: 'Back to generated data' }).click();
        await waitX('x.length === 20');
      }),
    240_000,
  );

  it(
    'the link carries own points: it opens with the same training and test points',
    () =>
      lab.withPage(SMALL, async ({ page }) => {
        const data = async (p: Page): Promise<{ x: number[]; testX: number[] }> => {
          await p.waitForFunction(() => window.__dropoutLab?.view().phase === 'ready', undefined, { timeout: 60_000, polling: 100 });
          return p.evaluate(() => ({
            x: [...(window.__dropoutLab?.view().current?.data.x ?? [])],
            testX: [...(window.__dropoutLab?.view().current?.data.testX ?? [])],
          }));
        };
        await openTab(page, 'Data');
        await page.locator('#csv-input').fill('-0.5,-0.4\n0.123456,0.3\n0.7,0.8');
        await page.getByRole('button', { name: 'Use pasted points' }).click();
        await page.waitForFunction(() => window.__dropoutLab?.view().current?.data.x.length === 3, undefined, {
          timeout: 60_000,
          polling: 100,
        });
        const first = await data(page);
        expect(first.x).toEqual([-0.5, 0.1235, 0.7]); // rounded to 1e-4, as the link holds them
        const link = page.url();
        // own points live in the hash (servers never see it)
        expect(new URL(link).hash).toBe('#pts=-0.5,-0.4;0.1235,0.3;0.7,0.8');
        expect(new URL(link).searchParams.get('pts')).toBeNull();

        // the link opened in a second page, while the first stays open
        await lab.withPage(`${new URL(link).search.slice(1)}${new URL(link).hash}`, async ({ page: copy }) => {
          await copy.waitForFunction(() => window.__dropoutLab?.view().current?.data.x.length === 3, undefined, {
            timeout: 60_000,
            polling: 100,
          });
          const second = await data(copy);
          expect(second).toEqual(first);
          expect(await copy.getByTestId('own-data-status').textContent()).toMatch(/Own data: 3 training points/);
          await openTab(copy, 'Data');
          await copy.getByRole('button', { name: 'Back to generated data' }).click();
          await copy.waitForFunction(() => window.__dropoutLab?.view().current?.data.x.length === 20, undefined, {
            timeout: 60_000,
            polling: 100,
          });
          expect(new URL(copy.url()).hash).toBe('');
        });
      }),
    240_000,
  );
});

describe('MC-dropout', () => {
  it(
    'the toggle draws the mean ± std of T stochastic passes of the regularized net',
    () =>
      lab.withPage(SMALL, async ({ page }) => {
        await page.getByRole('button', { name: 'Step' }).click();
        await page.waitForFunction(() => (window.__dropoutLab?.playback().epoch ?? 0) >= 1, undefined, { timeout: 60_000 });
        await page.getByLabel('MC-dropout samples').fill('8');
        await page.getByLabel('MC-dropout uncertainty').check();
        await page.waitForFunction(
          () => window.__dropoutLab?.charts().main?.some((d) => d.label === 'MC-dropout mean ± std (T=8)' && d.data.length > 50) === true,
          undefined,
          { timeout: 60_000, polling: 100 },
        );
        expect(await page.getByTestId('mc-status').textContent()).toMatch(/8 passes at epoch \d+/);
        const band = await page.evaluate(() => {
          const main = window.__dropoutLab?.charts().main ?? [];
          const up = main.find((d) => d.label === 'MC-dropout mean ± std (T=8) (upper edge)')?.data ?? [];
          const lo = main.find((d) => d.label === 'MC-dropout mean ± std (T=8) (lower edge)')?.data ?? [];
          return up.map((p, i) => p.y - (lo[i]?.y ?? p.y));
        });
        expect(band.length).toBeGreaterThan(50);
        expect(Math.max(...band)).toBeGreaterThan(0); // dropout 0.5: the passes differ
        await page.getByLabel('MC-dropout uncertainty').uncheck();
        await page.waitForFunction(
          () => window.__dropoutLab?.charts().main?.every((d) => !d.label.startsWith('MC-dropout')) === true,
          undefined,
          { timeout: 10_000 },
        );
      }),
    180_000,
  );
});

describe('parity panel', () => {
  it(
    'replays golden_small.json on WebGPU and shows the deviations; a bad file gets a clear error',
    () =>
      lab.withPage(SMALL, async ({ page }) => {
        await openTab(page, 'Parity');
        const input = page.getByLabel('Golden file');
        await input.setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"arch":{}}') });
        await waitForPhase(page, 'parity', 'error', 10_000);
        expect(await page.getByTestId('parity').textContent()).toMatch(/bad\.json\): not a golden file: arch\.sizes: missing/);
        await input.setInputFiles(join(GOLDEN_DIR, 'golden_small.json'));
        await waitForPhase(page, 'parity', 'done', 120_000);
        expect(await page.getByTestId('parity-table').locator('tbody tr').count()).toBe(6);
        const status = await page.getByTestId('parity-status').textContent();
        expect(status).toMatch(/golden_small\.json · 6 \/ 6 cases · WebGPU/);
        expect(status).toMatch(/all within tolerance/);
        expect(await page.getByTestId('parity-report').textContent()).toMatch(/loss_mse/);

        // a lost device during a replay: every case is replayed again on the CPU, and the panel says so
        expect(await page.evaluate(() => window.__dropoutLab?.simulateBatchDeviceLoss('parity'))).toBe(true);
        await input.setInputFiles({
          name: 'golden_small.json',
          mimeType: 'application/json',
          buffer: readFileSync(join(GOLDEN_DIR, 'golden_small.json')),
        });
        await page.waitForFunction(
          () => /CPU/.test(document.querySelector('[data-testid="parity-status"]')?.textContent ?? ''),
          undefined,
          {
            timeout: 60_000,
            polling: 100,
          },
        );
        await waitForPhase(page, 'parity', 'done', 120_000);
        expect(await page.getByTestId('parity-notice').textContent()).toBe(
          'The GPU device was lost (simulated device loss (test hook)); every case is replayed on the CPU.',
        );
        const cpuStatus = await page.getByTestId('parity-status').textContent();
        expect(cpuStatus).toMatch(/golden_small\.json · 6 \/ 6 cases · CPU/);
        expect(cpuStatus).toMatch(/all within tolerance/);
        expect(await page.getByTestId('parity-table').locator('tbody tr').count()).toBe(6);
      }),
    180_000,
  );
});

describe('on the CPU backend', () => {
  const cpuLab = e2e({ webgpu: false });

  it(
    'a short sweep runs whole on the CPU, with no question asked',
    () =>
      cpuLab.withPage('hidden=8&epochs=40&every=20', async ({ page }) => {
        await runSweep(page, 5, 5);
        await waitForPhase(page, 'sweep', 'done', 180_000);
        expect(await page.getByTestId('sweep-reduced').count()).toBe(0);
        expect(await page.getByTestId('sweep-status').textContent()).toMatch(/Epoch 40 \/ 40 · 5×5 grid \(25 models\) · CPU ×\d+ workers?/);
        expect(await page.locator('[data-testid^="cell-"]').count()).toBe(25);
        expect(Number(await page.getByTestId('cell-4-4').getAttribute('data-value'))).toBeGreaterThan(0);
      }),
    240_000,
  );
});
