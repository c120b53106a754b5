// The guided tour on the page (Chromium, CPU backend): a link with ?tour=1 opens step 1; Next goes
// through all six steps, and at each one the panel says which step it is, the element the step
// points at is on the page, visible and marked (data-tour-active), the step's settings patch is in
// effect (read back from the address bar with the page's own parser, and from the sliders' shown
// values) and `tour=N` is in the URL. The links are the tutorial's and cs231n's. The last step's
// "Try “Dropout helps”" loads that preset; Skip closes the tour, `tour` leaves the URL and the
// focus returns to the Tour button. axe finds no violation with the tour open.
// Build first: `npx vite build`.

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { presetSettings, type Settings } from '../../src/experiment/settings';
import { CS231N_URL, TOUR_STEPS, TUTORIAL_URL } from '../../src/ui/tour-steps';
import { parseUrlState } from '../../src/ui/url-state';
import { expectNoAxeViolations } from './axe';
import { e2e } from './fixture';

const lab = e2e({ webgpu: false, query: 'backend=cpu' });

/** The settings and tour step the address bar holds now, parsed as a fresh page would. */
function urlState(page: Page): { settings: Settings; tour: number | null } {
  const url = new URL(page.url());
  const state = parseUrlState(url.search, url.hash);
  return { settings: state.settings, tour: state.tour ?? null };
}

/** The settings `patch` sets, as the address bar holds them now (only the patched names). */
function patched(page: Page, patch: Partial<Settings>): Partial<Settings> {
  const { settings } = urlState(page);
  return Object.fromEntries(Object.keys(patch).map((k) => [k, settings[k as keyof Settings]]));
}

async function expectStep(page: Page, n: number): Promise<void> {
  const step = TOUR_STEPS[n - 1];
  const panel = page.getByTestId('tour');
  await expect.poll(() => panel.getAttribute('data-step')).toBe(String(n));
  expect(await panel.getByRole('heading', { level: 2 }).textContent()).toBe(step.title);
  // the target: on the page, visible, the only one marked
  const target = page.locator(`[data-tour="${step.target}"]`);
  await expect.poll(() => target.getAttribute('data-tour-active'), { timeout: 30_000 }).toBe('');
  expect(await target.isVisible(), `${step.target} visible`).toBe(true);
  const box = await target.boundingBox();
  expect(box?.height ?? 0, `${step.target} has a size`).toBeGreaterThan(20);
  expect(await page.locator('[data-tour-active]').count()).toBe(1);
  // the patch, in the link and on the controls
  await expect.poll(() => urlState(page).tour).toBe(n);
  await expect.poll(() => patched(page, step.patch)).toEqual(step.patch);
  if (step.patch.dropout !== undefined) expect(await page.getByTestId('value-dropout').textContent()).toBe(String(step.patch.dropout));
  if (step.patch.weightDecay !== undefined)
    expect(await page.getByTestId('value-weightDecay').textContent()).toBe(String(step.patch.weightDecay));
  // links only, to the two sources
  const hrefs = await panel.getByRole('link').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  expect(hrefs.length).toBeGreaterThan(0);
  for (const h of hrefs) expect([TUTORIAL_URL, CS231N_URL]).toContain(h);
}

describe('the guided tour', () => {
  it(
    '?tour=1 opens step 1; Next walks through the six steps, each target marked and each patch applied; Skip closes it',
    () =>
      lab.withPage('tour=1', async ({ page }) => {
        const tourButton = page.getByRole('button', { name: 'Tour', exact: true });
        expect(await tourButton.getAttribute('aria-expanded')).toBe('true');
        expect(TOUR_STEPS).toHaveLength(6);
        await expectStep(page, 1);
        await expectNoAxeViolations(page, 'with the tour open at step 1');
        for (let n = 2; n <= TOUR_STEPS.length; n++) {
          await page.getByTestId('tour').getByRole('button', { name: 'Next' }).click();
          await expectStep(page, n);
          console.log(`tour step ${n}: target ${TOUR_STEPS[n - 1].target}, url ${new URL(page.url()).search}`);
        }
        // Back once, then forward again
        await page.getByTestId('tour').getByRole('button', { name: 'Back' }).click();
        await expectStep(page, 5);
        await page.getByTestId('tour').getByRole('button', { name: 'Next' }).click();
        await expectStep(page, 6);

        // the last step invites "Dropout helps"
        await page.getByRole('button', { name: 'Try “Dropout helps”' }).click();
        const helps = presetSettings('dropout-helps');
        await expect.poll(() => patched(page, helps)).toEqual(helps);
        expect(await page.getByRole('button', { name: 'Dropout helps', exact: true }).getAttribute('aria-pressed')).toBe('true');

        // Skip: closed, out of the URL, focus on the Tour button
        await page.getByTestId('tour').getByRole('button', { name: 'Skip' }).click();
        await page.getByTestId('tour').waitFor({ state: 'detached' });
        await expect.poll(() => new URL(page.url()).searchParams.has('tour')).toBe(false);
        expect(urlState(page).settings.preset).toBe('dropout-helps'); // what the tour set stays
        expect(await page.locator('[data-tour-active]').count()).toBe(0);
        expect(await tourButton.getAttribute('aria-expanded')).toBe('false');
        expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Tour');

        // the button opens it again at step 1, back in the URL
        await tourButton.click();
        await expectStep(page, 1);
      }),
    240_000,
  );

  it(
    '?tour=5 opens step 5 directly: L1 on, dropout off, the Weights tab open',
    () =>
      lab.withPage('tour=5', async ({ page }) => {
        await expectStep(page, 5);
        expect(await page.getByRole('tab', { name: 'Weights' }).getAttribute('aria-selected')).toBe('true');
      }),
    120_000,
  );
});
