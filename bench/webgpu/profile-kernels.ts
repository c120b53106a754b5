// Per-dispatch profile of the WebGPU backend (not a vitest file): the seed job (2 nets
// 1→300→300→1 on the tutorial's 20 points) and the 64-model grid (8 × 8 dropout × weight decay),
// compiled as the runner compiles them, with the backend's dispatch grouping for the adapter
// (or --merge on|off, --profile gpu|cpu). Each dispatch of the train and eval programs is replayed
// alone (--reps times in one compute pass, best of --trials), then each whole program, so the sum
// of the parts can be checked against the whole. "ms/epoch" = one train replay + one eval replay
// every 50 epochs (the tutorial's checkpoints). Prints one markdown table per job.
//   npm run profile:webgpu [-- --jobs seed,grid --merge on --profile cpu --reps 5 --trials 3]
// (SwiftShader unless VK_ICD_FILENAMES names another driver's ICD, as on a GPU machine.)

import { readFileSync, readdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { WebGpuCompiledPlan } from '../../src/backends/webgpu/compiled-plan';
import { createNodeGpu } from '../../src/backends/webgpu/node-gpu';
import { createWebGpuBackend, type WebGpuBackend } from '../../src/backends/webgpu/webgpu-backend';
import { hyperTable } from '../../src/engine/hyper';
import { initParams } from '../../src/engine/init';
import { traceMlp } from '../../src/engine/mlp';
import { bufferLength, bufferSpec } from '../../src/engine/plan';
import { gridNets } from '../../src/experiment/grid';
import { tutorialNets, type NetSpec } from '../../src/experiment/runner';
import { defaultSettings } from '../../src/experiment/settings';

const EVAL_EVERY = 50;
/** A trial of a short dispatch repeats it for about this long. */
const TRIAL_MS = 300;

const { values: opts } = parseArgs({
  options: {
    jobs: { type: 'string', default: 'seed,grid' },
    merge: { type: 'string', default: 'default' },
    profile: { type: 'string', default: 'auto' },
    reps: { type: 'string', default: '5' },
    trials: { type: 'string', default: '3' },
  },
});
const reps = Number(opts.reps);
const trials = Number(opts.trials);

interface Job {
  readonly name: string;
  readonly nets: NetSpec[];
}

function jobs(): Job[] {
  const s = defaultSettings();
  const all: Record<string, Job> = {
    seed: { name: 'seed job (2 nets)', nets: tutorialNets(s) },
    grid: { name: 'grid 8×8 (64 models)', nets: gridNets(s, 8) },
  };
  return String(opts.jobs)
    .split(',')
    .map((j) => {
      const job = all[j.trim()];
      if (!job) throw new Error(`--jobs: unknown job "${j}" (seed, grid)`);
      return job;
    });
}

interface Timing {
  /** wall-clock milliseconds per call */
  readonly ms: number;
  /** CPU milliseconds per call of the process's threads but the main one (workerCpuMs) */
  readonly cpu: number;
}

/**
 * CPU milliseconds used so far by the process's threads other than the main (JavaScript) one:
 * on SwiftShader, its worker threads, which run the shaders (plus Node's small change). The main
 * thread's own time is left out because Dawn's Node binding polls there while a readback waits.
 * From /proc (10 ms ticks); process.cpuUsage() (all threads) where there is no /proc.
 */
function workerCpuMs(): number {
  try {
    let ticks = 0;
    for (const tid of readdirSync('/proc/self/task')) {
      if (Number(tid) === process.pid) continue;
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    }
    return ticks * 10;
  } catch {
    const c = process.cpuUsage();
    return (c.user + c.system) / 1000;
  }
}

/**
 * Best-of-trials time per call of `issue` (after one untimed call), synchronized by a readback. On
 * a shared machine the CPU time is the steadier figure: other processes stretch the wall clock.
 */
async function time(issue: () => void, sync: () => Promise<unknown>): Promise<Timing> {
  const t0 = performance.now();
  issue();
  await sync();
  // at least --reps calls per trial, more for short dispatches (the readback's latency is in every trial)
  const n = Math.max(reps, Math.min(200, Math.ceil(TRIAL_MS / Math.max(0.01, performance.now() - t0))));
  let ms = Infinity;
  let cpu = Infinity;
  for (let t = 0; t < trials; t++) {
    const c0 = workerCpuMs();
    const t1 = performance.now();
    for (let r = 0; r < n; r++) issue();
    await sync();
    ms = Math.min(ms, (performance.now() - t1) / n);
    cpu = Math.min(cpu, (workerCpuMs() - c0) / n);
  }
  return { ms, cpu };
}

async function profileJob(backend: WebGpuBackend, job: Job): Promise<void> {
  const models = job.nets.length;
  const traced = traceMlp({ models, sizes: [1, 300, 300, 1], dropout: true, trainN: 20, testN: 20, gridN: 121, historyLength: 1000 });
  const cp = (await backend.compile(traced.plan)) as WebGpuCompiledPlan;
  try {
    traced.params.forEach((p, k) => {
      const all = new Float32Array(p.rows * p.cols * models);
      job.nets.forEach((net, m) => all.set(initParams(traced.params, net.hyper.seed, net.initDraw)[k], m * p.rows * p.cols));
      cp.write(p.value, all);
    });
    for (const buf of [traced.io.x, traced.io.y, traced.io.testX, traced.io.testY, traced.io.gridX]) {
      const n = bufferLength(traced.plan, bufferSpec(traced.plan, buf));
      cp.write(
        buf,
        Float32Array.from({ length: n }, (_, i) => Math.sin(i)),
      );
    }
    cp.writeHyper(hyperTable(job.nets.map((n) => n.hyper)));
    const sync = () => cp.read(traced.io.testLoss);
    const rows: ({ program: string; index: number; label: string; grid: string } & Timing)[] = [];
    const whole: Record<string, Timing> = {};
    for (const program of ['train', 'eval']) {
      const dps = cp.dispatchPrograms.get(program) ?? [];
      for (let i = 0; i < dps.length; i++) {
        const timing = await time(() => cp.runDispatch(program, i), sync);
        const [x, y, z] = dps[i].dispatch;
        rows.push({ program, index: i, label: dps[i].label, grid: `${x}×${y}×${z}`, ...timing });
      }
      whole[program] = await time(() => {
        cp.setStep(1);
        cp.run(program);
      }, sync);
    }
    const epoch = (f: keyof Timing) => whole.train[f] + whole.eval[f] / EVAL_EVERY;
    const share = (r: (typeof rows)[number]) => ((r.program === 'train' ? r.cpu : r.cpu / EVAL_EVERY) / epoch('cpu')) * 100;
    console.log(
      `\n### ${job.name}: ${backend.description}, ${cp.dispatchCount('train')} train + ${cp.dispatchCount('eval')} eval dispatches\n`,
    );
    console.log('| program | # | dispatch | workgroups | wall ms | CPU ms | share of an epoch (CPU) |\n|---|---:|---|---|---:|---:|---:|');
    for (const r of rows)
      console.log(
        `| ${r.program} | ${r.index} | ${r.label} | ${r.grid} | ${r.ms.toFixed(2)} | ${r.cpu.toFixed(2)} | ${share(r).toFixed(1)}% |`,
      );
    const sum = (p: string, f: keyof Timing) => rows.filter((r) => r.program === p).reduce((s, r) => s + r[f], 0);
    for (const p of ['train', 'eval'])
      console.log(
        `| ${p} | | **whole replay** (its dispatches alone add up to ${sum(p, 'ms').toFixed(2)} wall, ${sum(p, 'cpu').toFixed(2)} CPU) | | ` +
          `**${whole[p].ms.toFixed(2)}** | **${whole[p].cpu.toFixed(2)}** | |`,
      );
    console.log(`\nms/epoch (train + eval/${EVAL_EVERY}): wall **${epoch('ms').toFixed(2)}**, CPU **${epoch('cpu').toFixed(2)}**`);
  } finally {
    cp.dispose();
  }
}

async function main(): Promise<void> {
  const merge = opts.merge === 'on' ? true : opts.merge === 'off' ? false : undefined;
  const profile = opts.profile === 'gpu' || opts.profile === 'cpu' ? opts.profile : undefined;
  const node = createNodeGpu();
  try {
    const backend = await createWebGpuBackend(node.gpu, { merge, profile });
    try {
      console.log(`reps ${reps}, best of ${trials} trials; merge ${opts.merge}; profile ${opts.profile}`);
      for (const job of jobs()) await profileJob(backend, job);
    } finally {
      backend.dispose();
    }
  } finally {
    node.dispose();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
