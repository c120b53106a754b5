// "Copy as PyTorch" end to end: the generated script runs under Debian's system Python with torch
// (skipped when that has no torch) and reproduces the tutorial's PyTorch run (seed_run.json).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pytorchScript } from '../../src/analysis/pytorch-script';
import { datasetFor } from '../../src/experiment/runner';
import { defaultSettings, type Settings } from '../../src/experiment/settings';
import { GOLDEN_DIR } from '../helpers/golden-files';

const base = defaultSettings();

// Debian's system python has torch (see ../shared/reference/README.md); the pyenv python3 has not.
const PYTHON = '/usr/bin/python3';
function hasTorch(): boolean {
  if (!existsSync(PYTHON)) return false;
  try {
    execFileSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
}
const TORCH = hasTorch();
const SEED_RUN = join(GOLDEN_DIR, 'seed_run.json');

function runScript(script: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'dropout-lab-py-'));
  const file = join(dir, 'dropout_lab.py');
  writeFileSync(file, script);
  return execFileSync(PYTHON, [file], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, OMP_NUM_THREADS: '1' } });
}

describe.runIf(TORCH)('the generated script runs under PyTorch', () => {
  it('a small changed setting (SGD, L1, vanilla dropout, own data) trains and prints every checkpoint', () => {
    const s: Settings = {
      ...base,
      optimizer: 'sgd',
      momentum: 0.9,
      weightDecay: 0.001,
      l1: 1e-4,
      hidden: 16,
      layers: 3,
      convention: 'vanilla',
      epochs: 25,
      every: 10,
      points: 8,
      seed: 3,
    };
    const out = runScript(pytorchScript(s, datasetFor(s)));
    const epochs = [...out.matchAll(/^epoch (\d+): plain test MSE ([\d.]+), regularized test MSE ([\d.]+)$/gm)];
    expect(epochs.map((m) => Number(m[1]))).toEqual([1, 11, 21, 25]);
    for (const m of epochs) expect(Number.isFinite(Number(m[2])) && Number.isFinite(Number(m[3]))).toBe(true);
  }, 120_000);
  it.runIf(existsSync(SEED_RUN))(
    "the tutorial setting reproduces the tutorial's PyTorch run (seed_run.json)",
    () => {
      const out = runScript(pytorchScript(base, datasetFor(base)));
      const seedRun = JSON.parse(readFileSync(SEED_RUN, 'utf8')) as {
        checkpoints: { epochs: number[]; test_mse: { overfitting: number[]; dropped: number[] } };
      };
      const printed = new Map(
        [...out.matchAll(/^epoch (\d+): plain test MSE ([\d.]+), regularized test MSE ([\d.]+)$/gm)].map((m) => [
          Number(m[1]),
          [Number(m[2]), Number(m[3])],
        ]),
      );
      seedRun.checkpoints.epochs.forEach((e, i) => {
        const got = printed.get(e + 1);
        expect(got, `epoch ${e + 1}`).toBeDefined();
        expect(got?.[0]).toBeCloseTo(seedRun.checkpoints.test_mse.overfitting[i], 7);
        expect(got?.[1]).toBeCloseTo(seedRun.checkpoints.test_mse.dropped[i], 7);
      });
    },
    180_000,
  );
});
