// The page in 简体中文 (Chromium, CPU backend): the main flow found by the accessible names the
// zh-CN catalog gives (Play, the sliders, the Timeline), no English word left on the first screen
// or in its tabs beyond names and symbols, the browser's language chosen when the link names none,
// and the header's switch changing <html lang> and the link. Saves docs/screenshots/desktop-zh-CN.png
// and phone-zh-CN.png for the README. Build first: `npx vite build`.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import en from '../../src/ui/i18n/en.json';
import zh from '../../src/ui/i18n/zh-CN.json';
import { ROOT, launch, startServer, waitForEpoch, waitReady, watch, type StaticServer } from './harness';

let server: StaticServer;
let browser: Browser;
const SHOTS = join(ROOT, 'docs', 'screenshots');

beforeAll(async () => {
  server = await startServer();
  browser = await launch({ webgpu: false });
  mkdirSync(SHOTS, { recursive: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(query: string, options: { width?: number; height?: number; locale?: string } = {}): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: options.width ?? 1280, height: options.height ?? 800 }, locale: options.locale });
  await page.goto(`${server.url}${query}`);
  await waitReady(page);
  return page;
}

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
  it('runs the main flow by the catalog’s names, with <html lang="zh-CN"> and no English words left', async () => {
    const page = await open('?backend=cpu&lang=zh-CN');
    const log = watch(page);
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

    // Play by its Chinese name; it becomes Pause (暂停)
    await page.getByRole('button', { name: zh.transport.play, exact: true }).click();
    await waitForEpoch(page, 51);
    await page.getByRole('button', { name: zh.transport.pause, exact: true }).click();
    await expect.poll(() => page.getByTestId('run-state').getAttribute('data-state')).toBe('paused');
    expect(await page.getByTestId('run-state').textContent()).toBe(zh.status.states.paused);
    const mse = Number(await page.getByTestId('test-mse-dropout').textContent());
    expect(mse).toBeGreaterThan(0);
    expect(await page.getByTestId('test-losses').textContent()).toContain('正则化网络：测试集 MSE');

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

    // …nor in the tabs that are translated (the batch panels follow once the a11y branch lands)
    for (const tab of ['checkpoints', 'data', 'weights', 'export'] as const) {
      await page.getByRole('tab', { name: zh.tabs[tab], exact: true }).click();
      expect.soft(await englishWords(page, `[data-tab="${tab}"]`), tab).toEqual([]);
    }
    expect(log.errors).toEqual([]);
    await page.close();
  });

  it('a link’s bad values are reported in Chinese', async () => {
    const page = await open('?backend=cpu&lang=zh-CN&dropout=2&foo=1');
    const notice = await page.getByTestId('url-notice').textContent();
    expect(notice).toContain(zh.url.title);
    expect(notice).toContain('丢弃率：“2” → 0.9（高于最大值 0.9）');
    expect(notice).toContain('已忽略未知设置“foo”');
    await page.close();
  });

  it('at 390×844 (phone), for the README', async () => {
    const page = await open('?backend=cpu&lang=zh-CN', { width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(SHOTS, 'phone-zh-CN.png') });
    await page.close();
  });
});

describe('choosing the language', () => {
  it('follows the browser’s language when the link names none (zh-TW → zh-CN), and leaves the link alone', async () => {
    const page = await open('?backend=cpu', { locale: 'zh-TW' });
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await page.getByRole('button', { name: zh.transport.play, exact: true }).isVisible()).toBe(true);
    expect(page.url()).not.toContain('lang=');
    await page.close();
  });

  it('the header’s switch changes <html lang>, the words and the link, and the link reopens in that language', async () => {
    const page = await open('?backend=cpu&dropout=0.3', { locale: 'en-US' });
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.getByLabel(en.app.language).selectOption('zh-CN');
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await page.getByRole('button', { name: zh.transport.play, exact: true }).isVisible()).toBe(true);
    await expect.poll(() => page.url()).toContain('lang=zh-CN');
    expect(page.url()).toContain('dropout=0.3');
    const link = page.url();

    await page.getByLabel(zh.app.language).selectOption('en');
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.getByRole('button', { name: en.transport.play, exact: true }).isVisible()).toBe(true);
    await expect.poll(() => page.url()).toContain('lang=en');
    await page.close();

    // the link taken in Chinese opens in Chinese for an English browser
    const again = await open(link.replace(server.url, ''), { locale: 'en-US' });
    expect(await again.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await again.getByLabel(zh.setting.dropout.label, { exact: true }).inputValue()).toBe('0.3');
    await again.close();
  });
});
