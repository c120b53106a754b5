// The per-dispatch profile of the WebGPU backend, the same in Node and in Chromium: a job (the seed
// job's 2 nets 1→300→300→1 on 20 points, or the 8 × 8 grid of 64 models) compiled as the runner
// compiles it, each dispatch of the train and eval programs replayed alone (best of `trials`
// trials), then each whole program, so the parts can be checked against the whole. "ms/epoch" =
// one train replay + one eval replay per 50 epochs (the tutorial's checkpoints). Drivers:
// profile-kernels.ts (Node, with the emulator's CPU time) and profile-browser.ts (Chromium).

import type { WebGpuCompiledPlan } from '../../src/backends/webgpu/compiled-plan';
import type { WebGpuBackend } from '../../src/backends/webgpu/webgpu-backend';
import { hyperTable } from '../../src/engine/hyper';
import { initParams } from '../../src/engine/init';
import { traceMlp } from '../../src/engine/mlp';
import { bufferLength, bufferSpec } from '../../src/engine/plan';
import { gridNets } from '../../src/experiment/grid';
import { tutorialNets, type NetSpec } from '../../src/experiment/runner';
import { defaultSettings } from '../../src/experiment/settings';

export const EVAL_EVERY = 50;
/** A trial of a short dispatch repeats it for about this long. */
const TRIAL_MS = 300;

export type JobName = 'seed' | 'grid';

export interface ProfileOptions {
  /** calls per trial at least (short dispatches get more, up to 200) */
  readonly reps: number;
  readonly trials: number;
}

/** Wall-clock milliseconds, and optionally the emulator's CPU milliseconds, so far. */
export interface Clock {
  now(): number;
  cpu?(): number;
}

export interface Timing {
  /** wall-clock milliseconds per call */
  readonly ms: number;
  /** CPU milliseconds per call (Clock.cpu), when the clock has them */
  readonly cpu?: number;
}

export interface DispatchRow extends Timing {
  readonly program: string;
  readonly index: number;
  readonly label: string;
  readonly workgroups: string;
}

export interface JobProfile {
  readonly job: string;
  readonly adapter: string;
  readonly dispatches: Readonly<Record<string, number>>;
  readonly rows: readonly DispatchRow[];
  readonly whole: Readonly<Record<string, Timing>>;
}

export function jobNets(name: JobName): { title: string; nets: NetSpec[] } {
  const s = defaultSettings();
  return name === 'seed' ? { title: 'seed job (2 nets)', nets: tutorialNets(s) } : { title: 'grid 8×8 (64 models)', nets: gridNets(s, 8) };
}

/** Best-of-trials time per call of `issue`, after a warm-up call (SwiftShader compiles a pipeline at its first dispatch). */
async function time(issue: () => void, sync: () => Promise<unknown>, clock: Clock, o: ProfileOptions): Promise<Timing> {
  issue();
  await sync();
  const t0 = clock.now();
  issue();
  await sync();
  // the readback's latency is in every trial: short dispatches are repeated more
  const n = Math.max(o.reps, Math.min(200, Math.ceil(TRIAL_MS / Math.max(0.01, clock.now() - t0))));
  let ms = Infinity;
  let cpu = Infinity;
  for (let t = 0; t < o.trials; t++) {
    const c0 = clock.cpu?.() ?? 0;
    const t1 = clock.now();
    for (let r = 0; r < n; r++) issue();
    await sync();
    ms = Math.min(ms, (clock.now() - t1) / n);
    if (clock.cpu) cpu = Math.min(cpu, (clock.cpu() - c0) / n);
  }
  return clock.cpu ? { ms, cpu } : { ms };
}

export async function profileJob(backend: WebGpuBackend, name: JobName, clock: Clock, o: ProfileOptions): Promise<JobProfile> {
  const { title, nets } = jobNets(name);
  const models = nets.length;
  const traced = traceMlp({ models, sizes: [1, 300, 300, 1], dropout: true, trainN: 20, testN: 20, gridN: 121, historyLength: 1000 });
  const cp = (await backend.compile(traced.plan)) as WebGpuCompiledPlan;
  try {
    traced.params.forEach((p, k) => {
      const all = new Float32Array(p.rows * p.cols * models);
      nets.forEach((net, m) => all.set(initParams(traced.params, net.hyper.seed, net.initDraw)[k], m * p.rows * p.cols));
      cp.write(p.value, all);
    });
    for (const buf of [traced.io.x, traced.io.y, traced.io.testX, traced.io.testY, traced.io.gridX]) {
      const n = bufferLength(traced.plan, bufferSpec(traced.plan, buf));
      cp.write(
        buf,
        Float32Array.from({ length: n }, (_, i) => Math.sin(i)),
      );
    }
    cp.writeHyper(hyperTable(nets.map((n) => n.hyper)));
    await cp.variantsSettled(); // a plain-Adam sweep variant, compiled when the table asks for it
    const sync = () => cp.read(traced.io.testLoss);
    const rows: DispatchRow[] = [];
    const whole: Record<string, Timing> = {};
    for (const program of ['train', 'eval']) {
      const dps = cp.dispatchPrograms.get(program) ?? [];
      for (let i = 0; i < dps.length; i++) {
        const timing = await time(() => cp.runDispatch(program, i), sync, clock, o);
        rows.push({ program, index: i, label: cp.dispatchLabel(program, i), workgroups: dps[i].dispatch.join('×'), ...timing });
      }
      whole[program] = await time(
        () => {
          cp.setStep(1);
          cp.run(program);
        },
        sync,
        clock,
        o,
      );
    }
    return {
      job: title,
      adapter: backend.description,
      dispatches: { train: cp.dispatchCount('train'), eval: cp.dispatchCount('eval') },
      rows,
      whole,
    };
  } finally {
    cp.dispose();
  }
}

const fixed = (v: number | undefined) => (v === undefined ? '' : v.toFixed(2));

/** The profile as a markdown table, the shares of an epoch from CPU time where measured, else wall time. */
export function formatProfile(p: JobProfile, where: string): string {
  const hasCpu = p.rows.every((r) => r.cpu !== undefined);
  const f = (t: Timing) => (hasCpu ? (t.cpu ?? 0) : t.ms);
  const epoch = (g: (t: Timing) => number) => g(p.whole.train) + g(p.whole.eval) / EVAL_EVERY;
  const share = (r: DispatchRow) => ((r.program === 'train' ? f(r) : f(r) / EVAL_EVERY) / epoch(f)) * 100;
  const lines = [
    `### ${p.job}: ${p.adapter}, ${where}, ${p.dispatches.train} train + ${p.dispatches.eval} eval dispatches`,
    '',
    `| program | # | dispatch | workgroups | wall ms |${hasCpu ? ' CPU ms |' : ''} share of an epoch |`,
    `|---|---:|---|---|---:|${hasCpu ? '---:|' : ''}---:|`,
  ];
  for (const r of p.rows) {
    lines.push(
      `| ${r.program} | ${r.index} | ${r.label} | ${r.workgroups} | ${fixed(r.ms)} |${hasCpu ? ` ${fixed(r.cpu)} |` : ''} ${share(r).toFixed(1)}% |`,
    );
  }
  for (const program of ['train', 'eval']) {
    const parts = p.rows.filter((r) => r.program === program);
    const sum = (g: (t: Timing) => number) => parts.reduce((s, r) => s + g(r), 0).toFixed(2);
    const w = p.whole[program];
    lines.push(
      `| ${program} | | **whole replay** (its dispatches alone add up to ${sum((t) => t.ms)} ms wall${hasCpu ? `, ${sum((t) => t.cpu ?? 0)} ms CPU` : ''}) | | ` +
        `**${fixed(w.ms)}** |${hasCpu ? ` **${fixed(w.cpu)}** |` : ''} |`,
    );
  }
  lines.push(
    '',
    `ms/epoch (train + eval/${EVAL_EVERY}): wall **${epoch((t) => t.ms).toFixed(2)}**${hasCpu ? `, CPU **${epoch((t) => t.cpu ?? 0).toFixed(2)}**` : ''}`,
  );
  return lines.join('\n');
}
