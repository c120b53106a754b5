// Records the page for the README: the Tutorial preset playing at Tutorial speed, then "Dropout
// rate" moved to 0.2 and the replay playing beside the ghost of the first run — docs/demo.webm —
// and a few stills of the fit panel (docs/demo-1.png … docs/demo-4.png).
//
//   npx vite build && npx tsx scripts/record-demo.ts [--webgpu]
//
// Playwright records through ffmpeg: it uses the system's (apt-get install ffmpeg), linked where
// playwright-core looks for its own. The CPU backend computes the Tutorial run here more slowly
// than it plays, so each run is computed before it is played (at Max, then Play from epoch 0
// again); those waits are cut from the video. Everything else is the page as it plays.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, symlinkSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM, DIST, ROOT, startServer, waitReady } from '../tests/e2e/server-and-browser';

const webgpu = process.argv.includes('--webgpu');
const VIEW = { width: 1100, height: 760 };

/** playwright-core's ffmpeg path for its pinned revision, linked to the system's ffmpeg when missing. */
function ensureFfmpeg(): void {
  const browsers = JSON.parse(readFileSync(join(ROOT, 'node_modules/playwright-core/browsers.json'), 'utf8')) as {
    browsers: { name: string; revision: string }[];
  };
  const revision = browsers.browsers.find((b) => b.name === 'ffmpeg')?.revision;
  if (!revision) throw new Error('playwright-core names no ffmpeg revision');
  const dir = join(process.env.PLAYWRIGHT_BROWSERS_PATH ?? join(homedir(), '.cache/ms-playwright'), `ffmpeg-${revision}`);
  const target = join(dir, 'ffmpeg-linux');
  if (existsSync(target)) return;
  if (!existsSync('/usr/bin/ffmpeg')) throw new Error('recording needs ffmpeg: apt-get install -y ffmpeg');
  mkdirSync(dir, { recursive: true });
  symlinkSync('/usr/bin/ffmpeg', target);
}

async function waitState(page: Page, state: string, timeout = 300_000): Promise<void> {
  await page.waitForFunction((s) => document.querySelector('[data-testid="run-state"]')?.textContent === s, state, {
    timeout,
    polling: 50,
  });
}

async function epochShown(page: Page, atLeast: number): Promise<void> {
  await page.waitForFunction((n) => (window.__dropoutLab?.playback().epoch ?? 0) >= n, atLeast, { timeout: 120_000, polling: 30 });
}

async function still(page: Page, file: string): Promise<void> {
  await page.locator('section[aria-labelledby="main-chart-title"]').screenshot({ path: join(ROOT, 'docs', file) });
}

ensureFfmpeg();
const server = await startServer(DIST);
const raw = mkdtempSync(join(tmpdir(), 'dropout-lab-demo-'));
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--no-sandbox', '--headless=new', ...(webgpu ? ['--enable-unsafe-webgpu'] : [])],
});
/** [start, end] seconds of the raw video to keep */
const keep: [number, number][] = [];
try {
  // the test hooks (?testHooks=1) tell when a frame is on screen; Playwright's predicates need the CSP bypassed
  const context = await browser.newContext({ viewport: VIEW, recordVideo: { dir: raw, size: VIEW }, bypassCSP: true });
  const page = await context.newPage();
  const t0 = Date.now();
  const now = (): number => (Date.now() - t0) / 1000;
  await page.goto(`${server.url}?backend=${webgpu ? 'webgpu' : 'cpu'}&testHooks=1`);
  await waitReady(page, 180_000);
  await page.evaluate(() => window.scrollTo(0, 150));
  // compute the run first (Max), so the recording plays at Tutorial speed without waiting
  await page.getByLabel('Speed', { exact: true }).selectOption('max');
  await page.getByRole('button', { name: 'Play' }).click();
  await waitState(page, 'finished');
  await page.getByLabel('Speed', { exact: true }).selectOption('tutorial');

  // 1. the Tutorial preset plays: 500 epochs in about 5 s
  let start = now();
  await page.getByRole('button', { name: 'Play' }).click();
  await epochShown(page, 100);
  await still(page, 'demo-1.png');
  await waitState(page, 'finished');
  await still(page, 'demo-2.png');
  await page.waitForTimeout(800);
  // 2. "Dropout rate" dragged from 0.5 to 0.2: the run replays from epoch 0
  const slider = page.getByLabel('Dropout rate', { exact: true });
  const box = await slider.boundingBox();
  if (!box) throw new Error('no Dropout rate slider');
  const xOf = (v: number): number => box.x + 8 + ((box.width - 16) * v) / 0.9;
  await page.mouse.move(xOf(0.5), box.y + box.height / 2);
  await page.mouse.down();
  for (let k = 1; k <= 12; k++) {
    await page.mouse.move(xOf(0.5 - (0.3 * k) / 12), box.y + box.height / 2);
    await page.waitForTimeout(40);
  }
  await page.mouse.up();
  await page.waitForTimeout(600);
  keep.push([start, now()]);
  // (the replay is computed here; this wait is cut)
  await page.waitForFunction(() => window.__dropoutLab?.view().worker.finished === true, undefined, { timeout: 300_000 });
  // 3. the replay from epoch 0, beside the ghost of the first run
  const pause = page.getByRole('button', { name: 'Pause' });
  if ((await pause.count()) > 0) await pause.click();
  await page.getByLabel('Timeline').fill('0');
  start = now();
  await page.getByRole('button', { name: 'Play' }).click();
  await epochShown(page, 150);
  await still(page, 'demo-3.png');
  await waitState(page, 'finished');
  await still(page, 'demo-4.png');
  await page.waitForTimeout(1200);
  keep.push([start, now()]);
  await context.close();
} finally {
  await browser.close();
  await server.close();
}

// cut and encode: VP9, small
const [video] = readdirSync(raw).filter((f) => f.endsWith('.webm'));
if (!video) throw new Error(`no video in ${raw}`);
const parts = keep.map(([a, b], i) => `[0:v]trim=start=${a.toFixed(2)}:end=${b.toFixed(2)},setpts=PTS-STARTPTS[v${i}]`);
const filter = `${parts.join(';')};${keep.map((_, i) => `[v${i}]`).join('')}concat=n=${keep.length}:v=1:a=0,scale=880:-2[out]`;
const out = join(ROOT, 'docs', 'demo.webm');
execFileSync('ffmpeg', [
  '-y',
  '-loglevel',
  'error',
  '-i',
  join(raw, video),
  '-filter_complex',
  filter,
  '-map',
  '[out]',
  '-c:v',
  'libvpx-vp9',
  '-b:v',
  '350k',
  '-deadline',
  'good',
  out,
]);
for (const f of ['demo.webm', 'demo-1.png', 'demo-2.png', 'demo-3.png', 'demo-4.png']) {
  console.log(`docs/${f}: ${(statSync(join(ROOT, 'docs', f)).size / 1024).toFixed(0)} KiB`);
}
console.log(`kept ${keep.map(([a, b]) => `${a.toFixed(1)}–${b.toFixed(1)} s`).join(', ')} of the raw recording`);
