// One timed job for the benchmarks (npm run bench, bench/device/run.ts): an experiment of the given
// nets trained for `epochs` with a checkpoint readback every 50 epochs, and a check of its result.

import type { Backend } from '../backends/backend';
import { createCpuBackend } from '../backends/cpu/cpu-backend';
import { Experiment, runSchedule, type NetSpec } from '../experiment/runner';
import type { Settings } from '../experiment/settings';
import { seedRunInit, type SeedRun } from './pytorch-init';

/**
 * PyTorch's initial parameters of the seed's two nets for these settings' shape (undefined without
 * seed_run.json). The parameter order comes from an experiment probed on the CPU backend: the same
 * for every backend, and no GPU work for it.
 */
export async function pytorchInit(s: Settings, seedRun: SeedRun | undefined): Promise<Float32Array[][] | undefined> {
  if (!seedRun) return undefined;
  const cpu = createCpuBackend();
  try {
    const probe = await Experiment.create(s, cpu);
    try {
      return seedRunInit(seedRun, probe.parameterNames);
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
 * plain net's test MSE at epoch 450 against PyTorch's when the run reaches it (else the number of
 * checkpoints, and NON-FINITE when a loss diverged). `init`: PyTorch's two nets; with `nets`, net 0
 * starts from the plain one and every other net from the dropout one.
 */
export async function timeJob(
  backend: Backend,
  s: Settings,
  epochs: number,
  nets: NetSpec[] | undefined,
  init: Float32Array[][] | undefined,
): Promise<{ ms: number; check: string }> {
  const exp = await Experiment.create(s, backend, { nets, initialParams: init && nets ? nets.map((_, m) => init[m === 0 ? 0 : 1]) : init });
  try {
    const t0 = performance.now();
    const cps = await runSchedule(exp, epochs, 50);
    const ms = performance.now() - t0;
    const at450 = cps.find((c) => c.epoch === 451);
    const finite = cps.every((c) => c.nets.every((net) => Number.isFinite(net.testMse)));
    const check = at450
      ? `plain test MSE @450 ${at450.nets[0].testMse.toFixed(4)} (PyTorch 0.1301)`
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
  init: Float32Array[][] | undefined,
  runs: number,
): Promise<{ ms: number; runs: number[]; check: string }> {
  await timeJob(backend, s, Math.min(epochs, 60), nets, init);
  const ms: number[] = [];
  let check = '';
  for (let r = 0; r < runs; r++) {
    const t = await timeJob(backend, s, epochs, nets, init);
    ms.push(t.ms);
    check = t.check;
  }
  return { ms: median(ms), runs: ms, check };
}
