// One meaning of "epoch": with the Tutorial preset, the page's training session (what the page
// plays), `npm run train -- --json` and PyTorch's seed_run.json report the same plain-net test MSE
// at epoch 451 (after 451 updates; the tutorial's t = 450).
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedRunInit, type SeedRun } from '../../src/cli/pytorch-init';
import { createCpuBackend } from '../../src/backends/cpu/cpu-backend';
import { packInit } from '../../src/experiment/pytorch-init';
import { Experiment } from '../../src/experiment/runner';
import { defaultSettings } from '../../src/experiment/settings';
import type { Frame } from '../../src/experiment/types';
import { GOLDEN_DIR, readReference } from '../helpers/golden-files';
import { startHarness, type Harness } from '../worker/session-harness';

/** the relative tolerance of the seed-run parity test at every checkpoint */
const PARITY_REL = 0.02;

describe('epoch 451 of the Tutorial preset: the page, `train --json` and PyTorch agree', () => {
  const seedRun = readReference<SeedRun>('seed_run.json');
  let h: Harness;
  let pageFrames: Frame[];

  beforeAll(async () => {
    const probe = await Experiment.create(defaultSettings(), createCpuBackend());
    const packed = packInit(seedRunInit(seedRun, probe.parameterNames));
    probe.dispose();
    const bytes = packed.buffer.slice(packed.byteOffset, packed.byteOffset + packed.byteLength) as ArrayBuffer;
    h = startHarness(defaultSettings(), { pytorchInit: () => Promise.resolve(bytes), sliceMs: 100 });
    await h.session.whenIdle();
    h.send({ type: 'play' });
    await h.session.whenIdle();
    pageFrames = h.frames(h.lastRun());
  }, 300_000);
  afterAll(() => h?.close());

  it('the page checkpoints at 451, and its plain-net test MSE there is the CLI’s, bit for bit, and PyTorch’s within the parity tolerance', () => {
    const page = pageFrames.find((f) => f.epoch === 451);
    expect(page?.checkpoint).toBe(true);
    const pageMse = page?.nets[0].testMse ?? NaN;

    const r = spawnSync('npx', ['tsx', 'src/cli/train.ts', '--preset', 'tutorial', '--json'], {
      cwd: resolve(__dirname, '../..'),
      encoding: 'utf8',
      env: { ...process.env, GOLDEN_DIR },
      timeout: 240_000,
    });
    expect(r.status, r.stderr).toBe(0);
    const cli = JSON.parse(r.stdout) as { init: string; checkpoints: { epoch: number; nets: { overfitting: { test_mse: number } } }[] };
    expect(cli.init).toBe('pytorch');
    const cliMse = cli.checkpoints.find((c) => c.epoch === 451)?.nets.overfitting.test_mse;
    expect(pageMse).toBe(cliMse);

    const i = seedRun.checkpoints.updates_done.indexOf(451);
    expect(i).toBe(9);
    const torch = seedRun.checkpoints.test_mse.overfitting[i];
    expect(Math.abs(pageMse - torch) / torch, `page ${pageMse} vs PyTorch ${torch}`).toBeLessThanOrEqual(PARITY_REL);
  }, 300_000);
});
