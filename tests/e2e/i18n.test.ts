// The page in 简体中文 (Chromium, CPU backend): the main flow found by the accessible names the
// zh-CN catalog gives (Play, the sliders, the Timeline), no English word left on the first screen
// or in its tabs beyond names and symbols, the browser's language chosen when the link names none,
// and the header's switch changing <html lang> and the link. Saves docs/screenshots/desktop-zh-CN.png
// and phone-zh-CN.png for the README. Build first: `npx vite build`.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import en from '../../src/ui/i18n/en.json';
import zh from '../../src/ui/i18n/zh-CN.json';
import { expectNoAxeViolations } from './axe';
import { ROOT, e2e } from './fixture';
import { openTab, waitForEpoch, waitForPhase } from './lab-page';

const SHOTS = join(ROOT, 'docs', 'screenshots');
mkdirSync(SHOTS, { recursive: true });
const PHONE = { viewport: { width: 390, height: 844 } } as const;

/**
 * Words of Latin letters that may stay in the Chinese page: the product's and libraries' names,
 * units, symbols and formulas (x, y, σ·N(0,1), 1e-3), the optimizers' and conventions' own names.
 */
const ALLOWED = new Set(
  [
    'Dropout',
    'Lab',
    'dropout',
    'MC',
    'MSE',
    'L1',
    'L2',
    'Adam',
    'AdamW',
    'SGD',
    'WebGPU',
    'CPU',
    'PyTorch',
    'PNG',
    'CSV',
    'JSON',
    'py',
    'NaN',
    'Inf',
    'KB',
    'MB',
    'x',
    'y',
    'w',
    'e',
    'p',
    'T',
    'N',
    'W',
    'b',
    'lr',
    'max',
    'inverted',
    'vanilla',
    'weight_decay',
    // the tutorial's own gloss: 轮次 (epoch)
    'epoch',
    // the language switch names each language in itself
    'English',
    // a key's name, and the golden files' [out][in] layout
    'Delete',
    'out',
    'in',
    // the golden files' names, the heatmap's axis symbols (p \\ wd), the seeds' K
    'golden_small',
    // …and the backend's own description in a batch job's status line ("CPU ×2 workers (WebAssembly SIMD)")
    'workers',
    'worker',
    'WebAssembly',
    'SIMD',
    'golden_h300',
    'wd',
    'K',
    // the tour's formulas and references: torch's Adam, λ·sign(w), mean ± std, the cs231n notes
    'torch',
    'sign',
    'std',
    'cs231n',
  ].map((w) => w.toLowerCase()),
);

/** Latin-letter words in the visible text and the read attributes of `selector`, minus the allowed ones and the backend's own description. */
async function englishWords(page: Page, selector = 'body'): Promise<string[]> {
  const text = await page.evaluate((sel) => {
    const root = document.querySelector<HTMLElement>(sel);
    if (!root) return '';
    // the backend names itself (its adapter, its worker count): data, not the page's words
    const skip = [...root.querySelectorAll<HTMLElement>('[data-testid="backend"], footer')];
    let visible = root.innerText;
    for (const e of skip) visible = visible.replace(e.innerText, '');
    const attrs = [...root.querySelectorAll('[aria-label], [title], [placeholder]')]
      .filter((e) => !e.closest('[data-testid="backend"], footer, textarea, [hidden]'))
      .flatMap((e) => ['aria-label', 'title'].map((a) => e.getAttribute(a) ?? ''));
    return `${visible}\n${attrs.join('\n')}`;
  }, selector);
  const words = text.match(/[A-Za-z][A-Za-z0-9_]*/g) ?? [];
  // parameter names (W1, b1, …) are the nets' own
  return [...new Set(words.filter((w) => !ALLOWED.has(w.toLowerCase()) && !/^[Wb]\d+$/.test(w)))].sort();
}

describe('the page in 简体中文', () => {
  const lab = e2e({ webgpu: false, query: 'backend=cpu' });

  it(
    'runs the main flow by the catalog’s names, with <html lang="zh-CN"> and no English words left',
    () =>
      lab.withPage(
        'lang=zh-CN',
        async ({ page }) => {
          expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
          expect(await page.locator('h1').textContent()).toBe(zh.app.title);
          expect(page.url()).toContain('lang=zh-CN');

          // the lesson's sliders by their Chinese names, with the tutorial's words
          expect(zh.setting.dropout.label).toBe('丢弃率');
          expect(zh.setting.weightDecay.label).toBe('权重衰减');
          const dropout = page.getByLabel(zh.setting.dropout.label, { exact: true });
          const weightDecay = page.getByLabel(zh.setting.weightDecay.label, { exact: true });
          expect(await dropout.inputValue()).toBe('0.5');
          expect(await weightDecay.isVisible()).toBe(true);
          await expect.poll(() => page.getByLabel(zh.timeline.aria).isVisible()).toBe(true);
          // the skip link and the toggletips speak Chinese too
          expect(await page.getByRole('link', { name: zh.app.skipToChart }).count()).toBe(1);
          expect(
            await page
              .getByRole('button', { name: zh.toggletip.about.replace('{{topic}}', zh.setting.dropout.label), exact: true })
              .count(),
          ).toBe(1);

          // Play by its Chinese name; it becomes Pause (暂停)
          await page.getByRole('button', { name: zh.transport.play, exact: true }).click();
          await waitForEpoch(page, 51);
          await page.getByRole('button', { name: zh.transport.pause, exact: true }).click();
          await expect.poll(() => page.getByTestId('run-state').getAttribute('data-state')).toBe('paused');
          expect(await page.getByTestId('run-state').textContent()).toBe(zh.status.states.paused);
          const mse = Number(await page.getByTestId('test-mse-dropout').textContent());
          expect(mse).toBeGreaterThan(0);
          expect(await page.getByTestId('test-losses').textContent()).toContain('正则化网络：测试集 MSE');
          // the live region announces the checkpoint on screen in Chinese
          await expect
            .poll(() => page.getByTestId('announcer').textContent(), { timeout: 10_000 })
            .toMatch(/^第 \d+ 轮：普通网络 测试集 MSE /);

          // moving a slider by keyboard replays the run; the ghost's legend says what changed in Chinese
          await dropout.focus();
          await page.keyboard.press('ArrowLeft');
          await expect
            .poll(() => page.getByTestId('ghost').textContent(), { timeout: 60_000 })
            .toBe('虚线：上一次训练在同一轮次的结果（之前：丢弃率 0.5）。');

          // nothing in English on the first screen
          expect(await englishWords(page, 'main.stage')).toEqual([]);
          expect(await englishWords(page, 'header')).toEqual([]);
          await page.screenshot({ path: join(SHOTS, 'desktop-zh-CN.png') });
          await expectNoAxeViolations(page, 'zh-CN, after a run and a slider move');

          // …nor in any tab
          for (const tab of ['checkpoints', 'data', 'seeds', 'sweep', 'weights', 'export', 'parity'] as const) {
            await openTab(page, zh.tabs[tab]);
            expect.soft(await englishWords(page, `[data-tab="${tab}"]`), tab).toEqual([]);
          }
        },
        { viewport: { width: 1280, height: 800 } },
      ),
    180_000,
  );

  it(
    'the tour (?tour=1) and the results table’s caption in Chinese: the catalog’s words, no English left, axe 0 violations',
    () =>
      lab.withPage(
        'lang=zh-CN&tour=1',
        async ({ page }) => {
          const tour = page.getByTestId('tour');
          await expect.poll(() => tour.getAttribute('data-step')).toBe('1');
          expect(await tour.getByRole('heading', { level: 2 }).textContent()).toBe(zh.tour.steps.data.title);
          expect(await tour.textContent()).toContain('第 1 步，共 6 步');
          expect(await tour.getByRole('link', { name: zh.tour.links.tutorial }).count()).toBe(1);
          expect(await englishWords(page, '[data-testid="tour"]')).toEqual([]);
          await expectNoAxeViolations(page, 'zh-CN, tour step 1');

          // Next (下一步) to the results table's step; a run gives the caption its numbers
          await tour.getByRole('button', { name: zh.tour.next, exact: true }).click();
          await expect.poll(() => tour.getAttribute('data-step')).toBe('2');
          expect(await tour.getByRole('heading', { level: 2 }).textContent()).toBe(zh.tour.steps.overfit.title);
          await page.getByRole('button', { name: zh.transport.play, exact: true }).click();
          await waitForEpoch(page, 51);
          await page.getByRole('button', { name: zh.transport.pause, exact: true }).click();
          const caption = page.getByTestId('results-table').locator('caption');
          await expect.poll(() => caption.textContent()).toMatch(/^第 \d+ 轮的泛化情况 普通网络/);
          expect(await caption.textContent()).toContain('在这次运行中，正则化网络的测试 MSE');
          expect(await page.getByTestId('results-table').locator('thead').textContent()).toBe(
            '网络训练 MSE测试 MSE差距（测试 − 训练）比值（测试 / 训练）',
          );
          expect(await englishWords(page, '[data-testid="results-table"]')).toEqual([]);
          expect(await englishWords(page, '[data-testid="tour"]')).toEqual([]);
          await expectNoAxeViolations(page, 'zh-CN, tour step 2 over the results table');
        },
        { viewport: { width: 1280, height: 800 } },
      ),
    180_000,
  );

  it(
    'the sweep and its batch panel in Chinese: names from the catalog, a heatmap grid, axe 0 violations',
    () =>
      lab.withPage('lang=zh-CN&hidden=8&epochs=20&every=10', async ({ page }) => {
        await openTab(page, zh.tabs.sweep);
        await page.getByLabel(zh.sweep.rowsName, { exact: true }).fill('2');
        await page.getByLabel(zh.sweep.colsName, { exact: true }).fill('2');
        await page.getByRole('button', { name: zh.sweep.run, exact: true }).click();
        await waitForPhase(page, 'sweep', 'done', 180_000);
        expect(await page.getByTestId('sweep-description').textContent()).toMatch(/^正则化网络的 4 个模型（2×2 网格；/);
        expect(await page.getByTestId('sweep-status').textContent()).toMatch(
          /^第 20 \/ 20 轮 · 2×2 网格（4 个模型） · CPU.* · 用时 [\d.]+ 秒$/,
        );
        expect(await page.getByRole('grid', { name: zh.heatmap.gridName }).count()).toBe(1);
        expect(await page.getByTestId('heat-legend').getAttribute('aria-label')).toBe(zh.heatmap.legendName);
        expect(await englishWords(page, '[data-tab="sweep"]')).toEqual([]);
        await expectNoAxeViolations(page, 'zh-CN, the sweep tab after a sweep');

        await openTab(page, zh.tabs.seeds);
        expect(await page.getByTestId('seeds-description').textContent()).toMatch(/^32 个模型：每个网络 K = 16 个副本/);
        await expectNoAxeViolations(page, 'zh-CN, the seeds tab');
      }),
    240_000,
  );

  it(
    'a link’s bad values are reported in Chinese',
    () =>
      lab.withPage('lang=zh-CN&dropout=2&foo=1', async ({ page }) => {
        const notice = await page.getByTestId('url-notice').textContent();
        expect(notice).toContain(zh.url.title);
        expect(notice).toContain('丢弃率：“2” → 0.9（高于最大值 0.9）');
        expect(notice).toContain('已忽略未知设置“foo”');
        await expectNoAxeViolations(page, 'zh-CN on load, with the link’s notice');
      }),
    120_000,
  );

  it(
    'at 390×844 (phone), for the README',
    () =>
      lab.withPage(
        'lang=zh-CN',
        async ({ page }) => {
          expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
          await page.screenshot({ path: join(SHOTS, 'phone-zh-CN.png') });
          await expectNoAxeViolations(page, 'zh-CN at 390×844');
        },
        PHONE,
      ),
    120_000,
  );
});

describe('choosing the language', () => {
  const lab = e2e({ webgpu: false, query: 'backend=cpu' });

  it(
    'follows the browser’s language when the link names none (zh-TW → zh-CN), and leaves the link alone',
    () =>
      lab.withPage(
        '',
        async ({ page }) => {
          expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
          expect(await page.getByRole('button', { name: zh.transport.play, exact: true }).isVisible()).toBe(true);
          expect(page.url()).not.toContain('lang=');
        },
        { locale: 'zh-TW' },
      ),
    120_000,
  );

  it('the header’s switch changes <html lang>, the words and the link, and the link reopens in that language', async () => {
    const link = await lab.withPage(
      'dropout=0.3',
      async ({ page }) => {
        expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
        await page.getByLabel(en.app.language).selectOption('zh-CN');
        await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
        expect(await page.getByRole('button', { name: zh.transport.play, exact: true }).isVisible()).toBe(true);
        await expect.poll(() => page.url()).toContain('lang=zh-CN');
        expect(page.url()).toContain('dropout=0.3');
        const inChinese = page.url();

        await page.getByLabel(zh.app.language).selectOption('en');
        await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
        expect(await page.getByRole('button', { name: en.transport.play, exact: true }).isVisible()).toBe(true);
        await expect.poll(() => page.url()).toContain('lang=en');
        return inChinese;
      },
      { locale: 'en-US' },
    );

    // the link taken in Chinese opens in Chinese for an English browser
    const params = new URLSearchParams(new URL(link).search);
    params.delete('backend'); // the lab's own query gives it
    params.delete('testHooks');
    const query = params.toString();
    await lab.withPage(
      query,
      async ({ page }) => {
        expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
        expect(await page.getByLabel(zh.setting.dropout.label, { exact: true }).inputValue()).toBe('0.3');
      },
      { locale: 'en-US' },
    );
  }, 180_000);
});
