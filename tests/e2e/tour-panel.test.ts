// The Tour component in Chromium, on its own (esbuild bundles it with a small host page that holds
// the step and one element per `data-tour` target): opening, Next, Back, Escape and Finish call
// the callbacks with the right steps and patches, focus moves to each step's heading and back to
// the Tour button when the tour closes, and exactly the current step's target is marked.
import { build } from 'esbuild';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { englishT } from '../../src/ui/i18n/english';
import { TOUR_STEPS } from '../../src/ui/tour-steps';
import { ROOT, launchBrowser } from './server-and-browser';

const HOST = `
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { createI18n } from './src/ui/i18n/i18n';
import { PageI18nProvider } from './src/ui/i18n/useLocale';
import { Tour } from './src/ui/Tour';
import { TOUR_TARGETS } from './src/ui/tour-steps';
const log = { steps: [], applied: [] };
window.tourLog = log;
function Host() {
  const [step, setStep] = useState(null);
  return (
    <div>
      <Tour step={step} onStep={(s) => { log.steps.push(s); setStep(s); }} onApply={(patch, st) => log.applied.push([st.id, patch])} />
      {TOUR_TARGETS.map((t) => <div key={t} data-tour={t} style={{ height: 300 }}>{t}</div>)}
    </div>
  );
}
createRoot(document.getElementById('root')).render(<PageI18nProvider i18n={createI18n('en')}><Host /></PageI18nProvider>);
`;

interface TourLog {
  steps: (number | null)[];
  applied: [string, Record<string, unknown>][];
}

let browser: Browser;
let page: Page;

const log = (): Promise<TourLog> => page.evaluate(() => (window as unknown as { tourLog: TourLog }).tourLog);
const focused = (): Promise<string> =>
  page.evaluate(() => `${document.activeElement?.tagName.toLowerCase()}:${document.activeElement?.textContent ?? ''}`);
const active = (): Promise<string[]> =>
  page.evaluate(() => [...document.querySelectorAll('[data-tour-active]')].map((e) => e.getAttribute('data-tour') ?? ''));

beforeAll(async () => {
  const bundle = await build({
    stdin: { contents: HOST, loader: 'tsx', resolveDir: ROOT, sourcefile: 'tour-host.tsx' },
    bundle: true,
    write: false,
    format: 'iife',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    absWorkingDir: join(ROOT),
    logLevel: 'silent',
  });
  browser = await launchBrowser({ webgpu: false });
  page = await browser.newPage();
  await page.setContent(`<!doctype html><html><body><div id="root"></div><script>${bundle.outputFiles[0].text}</script></body></html>`);
});

afterAll(async () => {
  await browser?.close();
});

describe('Tour panel', () => {
  it('opens at step 1, applies its settings, focuses its heading and marks its target', async () => {
    const open = page.getByRole('button', { name: 'Tour', exact: true });
    await expect.poll(() => open.getAttribute('aria-expanded')).toBe('false');
    await open.click();
    await page.getByTestId('tour').waitFor();
    expect((await log()).steps).toEqual([1]);
    expect((await log()).applied[0]).toEqual(['data', JSON.parse(JSON.stringify(TOUR_STEPS[0].patch))]);
    expect(await focused()).toBe(`h2:${englishT(TOUR_STEPS[0].title)}`);
    expect(await active()).toEqual([TOUR_STEPS[0].target]);
    expect(await open.getAttribute('aria-expanded')).toBe('true');
    expect(await page.getByRole('button', { name: 'Back' }).isDisabled()).toBe(true);
  });

  it('Next and Back move one step, apply it, move the focus and the marked target', async () => {
    await page.getByRole('button', { name: 'Next' }).click();
    await expect.poll(focused).toBe(`h2:${englishT(TOUR_STEPS[1].title)}`);
    expect(await active()).toEqual([TOUR_STEPS[1].target]);
    await page.getByRole('button', { name: 'Next' }).click();
    await expect.poll(focused).toBe(`h2:${englishT(TOUR_STEPS[2].title)}`);
    await page.getByRole('button', { name: 'Back' }).click();
    await expect.poll(focused).toBe(`h2:${englishT(TOUR_STEPS[1].title)}`);
    expect(await active()).toEqual([TOUR_STEPS[1].target]);
    const l = await log();
    expect(l.steps).toEqual([1, 2, 3, 2]);
    expect(l.applied.map(([id]) => id)).toEqual(['data', 'overfit', 'dropout', 'overfit']);
  });

  it('Escape closes it: focus back on the Tour button, no target marked', async () => {
    await page.keyboard.press('Escape');
    await page.getByTestId('tour').waitFor({ state: 'detached' });
    expect(await focused()).toBe('button:Tour');
    expect(await active()).toEqual([]);
    expect((await log()).steps.at(-1)).toBeNull();
  });

  it('the last step offers “Dropout helps” and Finish closes the tour', async () => {
    await page.getByRole('button', { name: 'Tour', exact: true }).click();
    for (let i = 1; i < TOUR_STEPS.length; i++) await page.getByRole('button', { name: 'Next' }).click();
    await expect.poll(focused).toBe(`h2:${englishT(TOUR_STEPS[5].title)}`);
    await page.getByRole('button', { name: 'Try “Dropout helps”' }).click();
    expect((await log()).applied.at(-1)?.[1]).toMatchObject({ preset: 'dropout-helps', dropout: 0.7 });
    await page.getByRole('button', { name: 'Finish' }).click();
    await page.getByTestId('tour').waitFor({ state: 'detached' });
    expect(await focused()).toBe('button:Tour');
    expect((await log()).steps.slice(-7)).toEqual([1, 2, 3, 4, 5, 6, null]);
  });
});
