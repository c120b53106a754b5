// One timed job for the benchmarks (npm run bench, bench/device/run.ts): an experiment of the given
// nets trained for `epochs` with a checkpoint readback every 50 epochs, and a check of its result.

import type { Backend } from '../src/backends/backend';
import { createCpuBackend } from '../src/backends/cpu/cpu-backend';
import { seedRunInit, type SeedRun } from '../src/cli/pytorch-init';
import { Experiment, runSchedule, type NetSpec } from '../src/experiment/runner';
import type { Settings } from '../src/experiment/settings';

/** Where a job starts: PyTorch's initial weights of the seed's two nets, and its checkpoint to compare with. */
export interface PytorchStart {
  /** the plain net's and the dropout net's parameters, in the plan's order */
  readonly init: Float32Array[][];
  /** PyTorch's eval-mode test MSE of the plain net at epoch 450 (seed_run.json) */
  readonly plainTestMse450: number;
}

/**
 * PyTorch's start for these settings' shape (undefined without seed_run.json). The parameter order
 * comes from an experiment probed on the CPU backend: the same for every backend, and no GPU work
 * for it.
 */
export async function pytorchStart(s: Settings, seedRun: SeedRun | undefined): Promise<PytorchStart | undefined> {
  if (!seedRun) return undefined;
  const at450 = seedRun.checkpoints.epochs.indexOf(450);
  const plainTestMse450 = seedRun.checkpoints.test_mse.overfitting[at450];
  if (!(plainTestMse450 > 0)) throw new RangeError('seed_run.json: no test MSE of the plain net at epoch 450');
  const cpu = createCpuBackend();
  try {
    const probe = await Experiment.create(s, cpu);
    try {
      return { init: seedRunInit(seedRun, probe.parameterNames), plainTestMse450 };
    } finally {
      probe.dispose();
    }
  } finally {
    cpu.dispose();
  }
}

export function median(v: readonly number[]): number {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/**
 * Milliseconds from the first epoch to the last checkpoint's readback (setup excluded), and the
 * plain net's test MSE at epoch 451 (after 451 updates: PyTorch's t = 450) against PyTorch's when the run starts from PyTorch's weights
 * and reaches it (else the number of checkpoints, and NON-FINITE when a loss diverged). `start`:
 * PyTorch's two nets; with `nets`, net 0 starts from the plain one and every other net from the
 * dropout one.
 */
export async function timeJob(
  backend: Backend,
  s: Settings,
  epochs: number,
  nets: NetSpec[] | undefined,
  start: PytorchStart | undefined,
): Promise<{ ms: number; check: string }> {
  const init = start?.init;
  const exp = await Experiment.create(s, backend, { nets, initialParams: init && nets ? nets.map((_, m) => init[m === 0 ? 0 : 1]) : init });
  try {
    const t0 = performance.now();
    const cps = await runSchedule(exp, epochs, 50);
    const ms = performance.now() - t0;
    const at450 = cps.find((c) => c.epoch === 451);
    const finite = cps.every((c) => c.nets.every((net) => Number.isFinite(net.testMse)));
    const check =
      at450 && start
        ? `plain test MSE @451 ${at450.nets[0].testMse.toFixed(4)} (PyTorch t = 450: ${start.plainTestMse450.toFixed(4)})`
        : `${cps.length} checkpoints${finite ? '' : ', NON-FINITE'}`;
    return { ms, check };
  } finally {
    exp.dispose();
  }
}

/** One warm-up run (at most 60 epochs: pipelines, JIT), then `runs` timed runs and their median. */
export async function timeRuns(
  backend: Backend,
  s: Settings,
  epochs: number,
  nets: NetSpec[] | undefined,
  start: PytorchStart | undefined,
  runs: number,
): Promise<{ ms: number; runs: number[]; check: string }> {
  await timeJob(backend, s, Math.min(epochs, 60), nets, start);
  const ms: number[] = [];
  let check = '';
  for (let r = 0; r < runs; r++) {
    const t = await timeJob(backend, s, epochs, nets, start);
    ms.push(t.ms);
    check = t.check;
  }
  return { ms: median(ms), runs: ms, check };
}
