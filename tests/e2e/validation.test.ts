// Bounded, validated input in the built page (CPU backend, Chromium): a 10 MB paste is refused by
// its size before any parsing and the page still answers; a 300k-point link opens with a notice and
// keeps its other settings; the page trains under its Content-Security-Policy with no violation;
// the test hooks exist only with ?testHooks=1. Behaviour is asserted, never wall time.

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { e2e } from './fixture';
import { openTab, waitForEpoch } from './lab-page';

const lab = e2e({ webgpu: false });

/** CSP violations the page reports (securitypolicyviolation events), collected from the start. */
async function recordViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
}
const violations = (page: Page): Promise<string[]> =>
  page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);

describe('bounded input', () => {
  it(
    'a 10 MB paste is refused by its size before any parsing, and the page answers a click afterwards',
    () =>
      lab.withPage('backend=cpu&hidden=8&epochs=50&every=10', async ({ page }) => {
        await openTab(page, 'Data');
        const box = page.locator('#csv-input');
        // a real paste event carrying 10 MB of valid rows
        const refused = await box.evaluate((el) => {
          const row = '0.5,0.25\n';
          const text = row.repeat(Math.ceil((10 * 1024 * 1024) / row.length));
          const data = new DataTransfer();
          data.setData('text/plain', text);
          const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
          el.dispatchEvent(event);
          return event.defaultPrevented;
        });
        expect(refused).toBe(true);
        const message = page.getByTestId('csv-refused');
        await message.waitFor();
        expect(await message.textContent()).toBe(
          'Paste refused: The text is 10.0 MB; at most 64 KB (about 500 rows) is read. Nothing was read: paste at most 500 rows.',
        );
        expect(await box.inputValue()).toBe('');
        expect(await page.getByTestId('csv-result').count()).toBe(0);
        // the same text typed or dropped in (an input event, not a paste) is refused the same way
        await box.evaluate((el) => {
          // the prototype's setter, so React's value tracker sees a change (as with typing or a drop)
          // eslint-disable-next-line @typescript-eslint/unbound-method
          const setValue = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set;
          setValue?.call(el, '0.5,0.25\n'.repeat(1_200_000));
          el.dispatchEvent(new Event('input', { bubbles: true }));
        });
        expect(await message.textContent()).toMatch(/^Text refused: The text is 10\.3 MB; at most 64 KB/);
        expect(await box.inputValue()).toBe('');
        // the page answers: a click toggles editing
        const edit = page.getByRole('button', { name: 'Edit points on the chart' });
        await edit.click({ timeout: 10_000 });
        expect(await page.getByRole('button', { name: 'Stop editing points' }).getAttribute('aria-pressed')).toBe('true');
        // and a paste within the limit is read as before
        await box.fill('x,y\n-0.5,-0.4\n0.2,0.3\n5,1\n');
        await page.getByRole('button', { name: 'Use pasted points' }).click();
        expect(await page.getByTestId('csv-result').textContent()).toMatch(/^Using 3 valid rows\./);
        expect(await page.getByTestId('csv-warning').textContent()).toMatch(
          /^1 point lies outside the chart's x range \[-1\.1, 1\.1\] \(first: line 4, x = 5\)/,
        );
        expect(await page.getByTestId('csv-refused').count()).toBe(0);
      }),
    180_000,
  );

  it('a 300k-point link opens with a notice and keeps the link’s other settings', () => {
    const pts = Array.from({ length: 300_000 }, (_, i) => `${(i % 3) - 1},1`).join(';');
    // Chromium itself needs seconds for a 1.2 MB URL (16 s to load a static file under it here): a long timeout
    return lab.withPage(
      `backend=cpu&hidden=16&seed=5&toString=1#pts=${pts}`,
      async ({ page }) => {
        const notice = page.getByTestId('url-notice');
        await notice.waitFor();
        expect(await notice.locator('li').allTextContents()).toEqual([
          'Training points (pts): the link holds 300,000 points; only the first 500 were read (the most a run takes)',
          'Ignored unknown setting “toString”',
        ]);
        expect(await page.getByTestId('value-hidden').textContent()).toBe('16');
        expect(await page.locator('#backend-pref').inputValue()).toBe('cpu');
        expect(await page.evaluate(() => window.__dropoutLab?.view().current?.data.x.length)).toBe(500);
        const url = new URL(page.url());
        expect(url.searchParams.get('seed')).toBe('5');
        expect(url.searchParams.get('toString')).toBeNull();
        expect(url.hash.split(';')).toHaveLength(500);
      },
      { timeout: 240_000 },
    );
  }, 300_000);
});

describe('hardening', () => {
  it(
    'the built page carries a Content-Security-Policy and trains under it with no violation',
    () =>
      // a plain page: the CSP is enforced (the fixture's pages bypass it), hooks asked for in the URL
      lab.withPage(
        'backend=cpu&hidden=16&epochs=60&every=20&testHooks=1',
        async ({ page, log }) => {
          const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
          expect(csp).toContain("default-src 'self'");
          expect(csp).toContain("'wasm-unsafe-eval'");
          expect(csp).not.toMatch(/'unsafe-eval'/);
          await page.getByRole('button', { name: 'Play' }).click();
          await waitForEpoch(page, 41);
          expect(await page.evaluate(() => window.__dropoutLab?.view().backend?.name)).toBe('cpu');
          expect(await violations(page)).toEqual([]);
          expect(log.errors.filter((e) => /Content Security Policy|CSP/i.test(e))).toEqual([]);
        },
        { plain: true, init: recordViolations },
      ),
    180_000,
  );

  it('the test hooks are absent without ?testHooks=1', async () => {
    await lab.withPage(
      'backend=cpu&hidden=8',
      async ({ page: plain }) => {
        await plain.getByRole('button', { name: 'Reset' }).and(plain.locator(':enabled')).waitFor({ timeout: 120_000 });
        expect(await plain.evaluate(() => '__dropoutLab' in window)).toBe(false);
        expect(await plain.evaluate(() => window.__dropoutLab === undefined)).toBe(true);
      },
      { plain: true, ready: false },
    );
    await lab.withPage(
      'backend=cpu&hidden=8&testHooks=1',
      async ({ page: hooked }) => {
        expect(await hooked.evaluate(() => typeof window.__dropoutLab?.simulateDeviceLoss)).toBe('function');
        expect(new URL(hooked.url()).searchParams.get('testHooks')).toBeNull(); // not part of the canonical link
      },
      { plain: true, allowErrors: 'all' },
    );
  }, 180_000);
});
