// The live dropout diagram on the page (Chromium, CPU backend, a short run of the tutorial's nets):
// it follows the Timeline — at each epoch it greys exactly the units that the mask of that epoch's
// update drops (diagramModel run here in Node on the settings the address bar holds, the function
// the unit tests check against the CPU kernels' masks), the dropped set changes from epoch to
// epoch, and over the epochs visited the greyed fraction is p within binomial bounds; the results
// table beside the loss chart shows the same frame's train and test MSE. Switching
// "Dropout convention" to vanilla moves the scaling marks from the kept units at training time
// (×1/(1−p)) to every unit at test time (×(1−p)); dropout 0 hides the diagram. axe finds no
// violation with the diagram shown. Build first: `npx vite build`.

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { diagramModel } from '../../src/ui/dropout-diagram';
import { formatMse } from '../../src/ui/results-text';
import { parseUrlState } from '../../src/ui/url-state';
import { expectNoAxeViolations } from './axe';
import { e2e } from './fixture';
import { waitState } from './lab-page';

const lab = e2e({ webgpu: false, query: 'backend=cpu' });

/** kept flags of the shown units, per hidden layer, in the training panel */
async function shownMask(page: Page): Promise<boolean[][]> {
  return page
    .getByTestId('dropout-diagram')
    .locator('[data-panel="train"] [data-layer]')
    .evaluateAll((layers) => layers.map((l) => [...l.querySelectorAll('[data-unit]')].map((u) => u.getAttribute('data-kept') === 'true')));
}

async function scaleMarks(page: Page, panel: 'train' | 'test'): Promise<string[]> {
  return page.getByTestId('dropout-diagram').locator(`[data-panel="${panel}"] .scale-label`).allTextContents();
}

describe('the live dropout diagram', () => {
  it(
    'greys the units of the mask of the update at the Timeline’s epoch; vanilla moves the scaling to test time',
    () =>
      lab.withPage('epochs=60', async ({ page }) => {
        const diagram = page.getByTestId('dropout-diagram');
        expect(await diagram.textContent()).toContain('16 of 300 shown');
        await page.getByLabel('Speed', { exact: true }).selectOption('max');
        await page.getByRole('button', { name: 'Play' }).click();
        await waitState(page, 'finished');
        const url = new URL(page.url());
        const settings = parseUrlState(url.search, url.hash).settings;
        expect(settings.dropout).toBe(0.5);
        const epochs = await page.evaluate(() => window.__dropoutLab?.playback().epochs ?? []);
        expect(epochs.at(-1)).toBe(60);

        const timeline = page.getByLabel('Timeline', { exact: true });
        // up to 8 frames spread over the timeline (Max may skip frames: only computed epochs are on it)
        const after0 = epochs.filter((e) => e > 0);
        const visited = [...new Set(Array.from({ length: 8 }, (_, i) => after0[Math.round((i * (after0.length - 1)) / 7)]))];
        console.log(`diagram: timeline epochs ${epochs.length}, visiting ${visited.join(', ')}`);
        expect(visited.length).toBeGreaterThanOrEqual(5);
        const masks: boolean[][][] = [];
        let dropped = 0;
        let shown = 0;
        for (const epoch of visited) {
          await timeline.fill(String(epochs.indexOf(epoch)));
          const want = diagramModel(settings, epoch, 0, settings.points);
          await expect.poll(() => diagram.getAttribute('data-step')).toBe(String(want.step));
          const mask = await shownMask(page);
          expect(mask, `mask at epoch ${epoch}`).toEqual(want.layers.map((l) => l.units.map((u) => u.kept)));
          masks.push(mask);
          // the results table follows the Timeline too: the frame's train and test MSE of both nets
          const nets = await page.evaluate(
            (e) =>
              window.__dropoutLab
                ?.view()
                .current?.frames.find((f) => f.epoch === e)
                ?.nets.map((n) => [n.trainMseEval, n.testMse]) ?? [],
            epoch,
          );
          const table = page.getByTestId('results-table');
          await expect.poll(() => table.locator('caption .results-title').textContent()).toBe(`Generalisation at epoch ${epoch}`);
          const cells = await table
            .locator('tbody tr')
            .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].slice(0, 2).map((td) => td.textContent)));
          expect(cells).toEqual(nets.map((n) => n.map(formatMse)));
          for (const layer of mask) {
            shown += layer.length;
            dropped += layer.filter((k) => !k).length;
          }
          // inverted: every kept unit marked ×2 at training time, nothing at test time
          const kept = mask.flat().filter(Boolean).length;
          expect(await scaleMarks(page, 'train')).toEqual(Array<string>(kept).fill('×2'));
          expect(await scaleMarks(page, 'test')).toEqual([]);
        }
        expect(shown).toBe(visited.length * 2 * 16);
        // the masks change from update to update
        expect(new Set(masks.map((m) => JSON.stringify(m))).size).toBe(visited.length);
        // Binomial(shown, 0.5): within 4 standard deviations of the mean
        const sd = Math.sqrt(shown * 0.5 * 0.5);
        console.log(
          `diagram: ${dropped} of ${shown} shown units dropped over ${visited.length} epochs (expected ${shown / 2} ± ${sd.toFixed(1)})`,
        );
        expect(Math.abs(dropped - shown / 2)).toBeLessThan(4 * sd);
        await expectNoAxeViolations(page, 'with the dropout diagram');

        // vanilla: no scaling at training time, every unit ×0.5 at test time
        await page.getByLabel('Dropout convention', { exact: true }).selectOption('vanilla');
        await expect.poll(() => diagram.getAttribute('data-convention'), { timeout: 30_000 }).toBe('vanilla');
        expect(await scaleMarks(page, 'train')).toEqual([]);
        expect(await scaleMarks(page, 'test')).toEqual(Array<string>(2 * 16).fill('×0.5'));
        expect(await diagram.textContent()).toContain('at test time');

        // no dropout, no diagram
        await page.getByLabel('Dropout rate', { exact: true }).fill('0');
        await diagram.waitFor({ state: 'detached', timeout: 30_000 });
      }),
    240_000,
  );
});
