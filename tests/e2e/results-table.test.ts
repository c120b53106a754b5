// The results table's verdict on the page (Chromium, CPU backend, small nets): one run is labelled as
// one run until the Seeds job has run for this very setting; then the table's verdict is the Seeds
// panel's (same K, same epoch), and its caption speaks of seeds; a setting changed afterwards makes
// it one run again, saying the bands were for another setting. Build first: `npx vite build`.

import { describe, expect, it } from 'vitest';
import { e2e } from './fixture';
import { openTab, waitForPhase, waitState } from './lab-page';

const lab = e2e({ webgpu: false, query: 'backend=cpu' });

describe('the results table', () => {
  it(
    'claims a winner only from seed bands of the same setting',
    () =>
      lab.withPage('hidden=16&epochs=60&every=20', async ({ page }) => {
        const table = page.getByTestId('results-table');
        await page.getByLabel('Speed', { exact: true }).selectOption('max');
        await page.getByRole('button', { name: 'Play' }).click();
        await waitState(page, 'finished');
        await expect.poll(() => table.locator('caption .results-title').textContent()).toBe('Generalisation at epoch 60');
        expect(await table.getAttribute('data-evidence')).toBe('none');
        expect(await table.getAttribute('data-verdict')).toBe('one-run');
        expect(await table.textContent()).toContain('seed bands are needed');

        await openTab(page, 'Seeds');
        await page.getByLabel('Seeds per net').fill('4');
        await page.getByRole('button', { name: 'Run seeds' }).click();
        await waitForPhase(page, 'seeds', 'done', 180_000);
        const panelVerdict = await page.getByTestId('seeds-verdict').getAttribute('data-verdict');
        await expect.poll(() => table.getAttribute('data-evidence')).toBe('same-setting');
        expect(await table.getAttribute('data-verdict')).toBe(panelVerdict);
        expect(await table.textContent()).toContain('Over 4 seeds at epoch 60');

        // another setting: one run again, and the caption says why
        await page.getByLabel('Dropout rate', { exact: true }).fill('0.2');
        await expect.poll(() => table.getAttribute('data-evidence'), { timeout: 30_000 }).toBe('other-setting');
        expect(await table.getAttribute('data-verdict')).toBe('one-run');
        expect(await table.textContent()).toContain('another setting');
      }),
    240_000,
  );
});
