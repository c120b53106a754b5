// Runs dispatch-profile.ts in headless Chromium (Debian's, as bench:peers does; CHROMIUM_PATH
// names another): browser/profile-page.ts bundled by esbuild into a temporary folder, served by
// Vite's preview server (bench/peers/server.ts), WebGPU on (SwiftShader without a GPU). Only wall
// time there: the emulator runs in Chromium's GPU process.

import { build } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { WebGpuBackendOptions } from '../../src/backends/webgpu/webgpu-backend';
import { serve } from '../peers/server';
import type { JobName, JobProfile, ProfileOptions } from './dispatch-profile';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium';
const CHROMIUM_ARGS = ['--enable-unsafe-webgpu', '--no-sandbox', '--headless=new', '--disable-background-networking', '--no-first-run'];

/** The profiles of `jobs` measured in Chromium, and the browser's version. */
export async function profileInChromium(
  jobs: JobName[],
  o: ProfileOptions,
  backend: WebGpuBackendOptions,
): Promise<{ version: string; profiles: JobProfile[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'dropout-lab-profile-'));
  try {
    await build({
      entryPoints: [join(import.meta.dirname, 'browser', 'profile-page.ts')],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      outdir: dir,
      logLevel: 'warning',
    });
    writeFileSync(
      join(dir, 'index.html'),
      '<!doctype html><meta charset="utf-8"><script type="module" src="./profile-page.js"></script>\n',
    );
    const server = await serve(dir, false);
    try {
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
      try {
        const page = await browser.newPage();
        await page.goto(server.url);
        await page.waitForFunction(() => 'profileDispatches' in window, undefined, { timeout: 60_000 });
        page.setDefaultTimeout(0);
        const profiles = await page.evaluate(([j, opts, b]) => window.profileDispatches(j, opts, b), [jobs, o, backend] as const);
        return { version: browser.version(), profiles };
      } finally {
        await browser.close();
      }
    } finally {
      await server.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
