// Resource estimates before a job starts: the memory of a training run, a grid sweep, seed bands
// or MC-dropout, from the plan the runner would trace, against the chosen backend's limits —
// the CPU backend's one WebAssembly.Memory per compiled plan (at most 65,536 pages of 64 KiB =
// 4 GiB), or the WebGPU device's binding, buffer and storage-buffers-per-stage limits (how many
// arenas the plan needs, as the WebGPU backend lays them out). A check gives "fits" or a
// plain-words message with what to reduce and the largest job that fits; MC-dropout samples can
// be split into groups that fit. Pure: nothing is allocated, no device is touched.

import { msg, type Message } from '../analysis/message';
import type { Backend } from '../backends/backend';
import { Arena } from '../backends/cpu/arena';
import { layoutArenas, type ScratchSpec } from '../backends/webgpu/arena';
import { bufferLength, type Plan } from '../engine/plan';
import { traceMlp } from '../engine/mlp';
import { resolveSettings, type Settings } from './settings';

/** WebAssembly's page size and the most pages one 32-bit memory can have (4 GiB). */
export const WASM_PAGE_BYTES = 65_536;
export const WASM_MAX_PAGES = 65_536;
/** Bytes the CPU backend's arena adds to its buffers (backends/cpu/arena.ts). */
const CPU_ARENA_SLACK = 64 * 1024;
/** Points of the runner's dense prediction grid (ExperimentOptions.gridPoints' default). */
export const GRID_POINTS = 121;
/** Upper bound of the WebGPU penalty's partial sums per model (2 × at most 256 workgroups). */
const PENALTY_SCRATCH_PER_MODEL = 2 * 256;
/** Storage buffers of a plan's bind group that are not arenas (the hyper table and the bias table). */
const NON_ARENA_STORAGE_BUFFERS = 2;

/** The three limits of a GPUDevice that decide whether a plan fits (GPUSupportedLimits has them). */
export interface GpuLimits {
  readonly maxStorageBufferBindingSize: number;
  readonly maxBufferSize: number;
  readonly maxStorageBuffersPerShaderStage: number;
}

/**
 * The backend a job is checked against. CPU: `memories` WebAssembly memories (default 1), the
 * models spread evenly over them (a CPU pool: one memory per worker).
 */
export type ResourceTarget =
  { readonly backend: 'cpu'; readonly memories?: number } | { readonly backend: 'webgpu'; readonly limits: GpuLimits };

/** The target of a backend's reported limits (null: it reports none, nothing can be checked). */
export function resourceTargetOf(backend: Backend): ResourceTarget | null {
  const limits = backend.memoryLimits;
  if (!limits) return null;
  if (limits.kind === 'wasm') return { backend: 'cpu', memories: limits.memories };
  const { maxStorageBufferBindingSize, maxBufferSize, maxStorageBuffersPerShaderStage } = limits;
  return { backend: 'webgpu', limits: { maxStorageBufferBindingSize, maxBufferSize, maxStorageBuffersPerShaderStage } };
}

/** A job as the workers run it. `trainN`: own training points, when they replace the settings' data. */
export type Job =
  | { readonly kind: 'training'; readonly settings: Settings; readonly trainN?: number }
  | { readonly kind: 'sweep'; readonly settings: Settings; readonly rows: number; readonly cols: number; readonly trainN?: number }
  | { readonly kind: 'seeds'; readonly settings: Settings; readonly k: number; readonly trainN?: number }
  | { readonly kind: 'mc-dropout'; readonly settings: Settings; readonly samples: number; readonly gridN?: number };

export type ResourceCheck =
  | { readonly fits: true; readonly bytes: number }
  | {
      readonly fits: false;
      /** what the job needs (CPU: the WebAssembly.Memory; WebGPU: all its arenas) */
      readonly bytes: number;
      /** the plain-words answer: what does not fit, what to reduce, the largest job that fits */
      readonly message: Message;
      /** the largest job of the same kind (smaller T, K, grid or width) that fits, or null */
      readonly largest: Job | null;
      /** MC-dropout only: sample counts of groups that fit and add up to T, or null */
      readonly groups: readonly number[] | null;
    };

function modelsOf(job: Job): number {
  switch (job.kind) {
    case 'training':
      return 2;
    case 'sweep':
      return job.rows * job.cols;
    case 'seeds':
      return 2 * job.k;
    case 'mc-dropout':
      return job.samples;
  }
}

/**
 * The plan the runner traces for the job (Experiment.create; McDropout.create for MC-dropout);
 * `models`: only that many of its models (what one worker of a CPU pool holds).
 */
export function jobPlan(job: Job, models: number = modelsOf(job)): Plan {
  const { settings: s } = resolveSettings(job.settings); // as Experiment.create does (every ≤ epochs)
  const sizes = [1, ...Array<number>(s.layers).fill(s.hidden), 1];
  if (job.kind === 'mc-dropout') {
    const gridN = job.gridN ?? GRID_POINTS;
    // T frozen copies; the grid is their "training" input; epochs ≥ 1 and every = 1
    return traceMlp({ models, sizes, dropout: true, trainN: gridN, testN: 1, gridN: 1, historyLength: 1000 }).plan;
  }
  return traceMlp({
    models,
    sizes,
    dropout: true,
    trainN: job.trainN ?? s.points,
    testN: s.points,
    gridN: GRID_POINTS,
    historyLength: Math.max(1000, s.every),
  }).plan;
}

/** Pages of the CPU backend's WebAssembly.Memory for the plan, counted as CpuCompiledPlan allocates them. */
export function cpuPages(plan: Plan): number {
  let scratch = 1;
  for (const program of Object.values(plan.programs))
    for (const k of program.kernels) if (k.kind === 'matmul' && k.transB) scratch = Math.max(scratch, k.inner * k.cols);
  let floats = Arena.footprint(scratch);
  for (const spec of plan.buffers) floats += Arena.footprint(bufferLength(plan, spec));
  return Math.ceil((floats * 4 + CPU_ARENA_SLACK) / WASM_PAGE_BYTES);
}

export interface GpuNeeds {
  /** arenas the plan needs at the device's arena size */
  readonly arenas: number;
  /** arenas the device binds (storage buffers per stage, less the hyper and bias tables) */
  readonly maxArenas: number;
  /** bytes of one arena at most: min(maxStorageBufferBindingSize, maxBufferSize) */
  readonly arenaBytes: number;
  /** bytes of all the plan's buffers together */
  readonly bytes: number;
  /** a single buffer larger than an arena may be, else null */
  readonly oversized: { readonly name: string; readonly bytes: number } | null;
}

/** How the WebGPU backend would lay the plan out (layoutArenas) on a device with these limits. */
export function gpuNeeds(plan: Plan, limits: GpuLimits): GpuNeeds {
  const arenaBytes = Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize);
  const maxArenas = limits.maxStorageBuffersPerShaderStage - NON_ARENA_STORAGE_BUFFERS;
  const scratch: ScratchSpec[] = [];
  for (const [name, program] of Object.entries(plan.programs))
    program.kernels.forEach((k, i) => {
      if (k.kind === 'penalty') scratch.push({ name: `${name}#${i}.penalty-partials`, elemsPerModel: PENALTY_SCRATCH_PER_MODEL });
    });
  let bytes = 0;
  let oversized: GpuNeeds['oversized'] = null;
  const maxElems = Math.floor(arenaBytes / 4 / 64) * 64;
  for (const spec of plan.buffers) {
    const length = bufferLength(plan, spec);
    bytes += length * 4;
    if (length > maxElems && (oversized === null || length * 4 > oversized.bytes)) oversized = { name: spec.name, bytes: length * 4 };
  }
  for (const s of scratch) bytes += s.elemsPerModel * plan.models * 4;
  if (oversized !== null) return { arenas: Infinity, maxArenas, arenaBytes, bytes, oversized };
  const layout = layoutArenas(plan, arenaBytes, Infinity, scratch);
  return { arenas: layout.arenaElems.length, maxArenas, arenaBytes, bytes, oversized };
}

/** Bytes in plain words: "6.9 GB", "310 MB" (binary units, as the limits are). */
export function formatMemory(bytes: number): string {
  const gib = bytes / 2 ** 30;
  if (gib >= 1) return `${gib >= 10 ? gib.toFixed(0) : gib.toFixed(1)} GB`;
  const mib = bytes / 2 ** 20;
  return mib >= 1 ? `${mib.toFixed(0)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

interface Need {
  readonly fits: boolean;
  readonly bytes: number;
  /** why it does not fit, in words about the backend ("the CPU backend holds 4.0 GB") */
  readonly why: Message;
}

function need(job: Job, target: ResourceTarget): Need {
  if (target.backend === 'cpu') {
    const memories = Math.max(1, Math.floor(target.memories ?? 1));
    const pages = cpuPages(jobPlan(job, Math.ceil(modelsOf(job) / memories)));
    const used = Math.min(memories, modelsOf(job));
    const bytes = pages * WASM_PAGE_BYTES * used;
    const holds = formatMemory(WASM_MAX_PAGES * WASM_PAGE_BYTES);
    const why = used > 1 ? msg('resources.why.cpuPool', { workers: used, holds }) : msg('resources.why.cpu', { holds });
    return { fits: pages <= WASM_MAX_PAGES, bytes, why };
  }
  const g = gpuNeeds(jobPlan(job), target.limits);
  if (g.oversized !== null) {
    return {
      fits: false,
      bytes: g.bytes,
      why: msg('resources.why.gpuBuffer', {
        buffer: g.oversized.name,
        needs: formatMemory(g.oversized.bytes),
        binds: formatMemory(g.arenaBytes),
      }),
    };
  }
  return {
    fits: g.arenas <= g.maxArenas,
    bytes: g.bytes,
    why: msg('resources.why.gpuArenas', {
      buffers: g.maxArenas,
      each: formatMemory(g.arenaBytes),
      total: formatMemory(g.maxArenas * g.arenaBytes),
      needs: g.arenas,
    }),
  };
}

/** Largest n in [lo, hi] with fits(n), for fits monotone (true up to some n); null if none. */
function largestWhere(lo: number, hi: number, fits: (n: number) => boolean): number | null {
  if (hi < lo || !fits(lo)) return null;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The same job with its size knob at n (T, K, grid side, or hidden width for a training run). */
function resized(job: Job, n: number): Job {
  switch (job.kind) {
    case 'mc-dropout':
      return { ...job, samples: n };
    case 'seeds':
      return { ...job, k: n };
    case 'sweep':
      return { ...job, rows: Math.min(job.rows, n), cols: Math.min(job.cols, n) };
    case 'training':
      return { ...job, settings: { ...job.settings, hidden: n } };
  }
}

function knob(job: Job): { lo: number; hi: number } {
  switch (job.kind) {
    case 'mc-dropout':
      return { lo: 2, hi: job.samples };
    case 'seeds':
      return { lo: 1, hi: job.k };
    case 'sweep':
      return { lo: 1, hi: Math.max(job.rows, job.cols) };
    case 'training':
      return { lo: 8, hi: job.settings.hidden };
  }
}

/** The largest job of the same kind that fits (smaller T, K, grid or hidden width), or null. */
export function largestFitting(job: Job, target: ResourceTarget): Job | null {
  const { lo, hi } = knob(job);
  const n = largestWhere(lo, hi, (m) => need(resized(job, m), target).fits);
  return n === null ? null : resized(job, n);
}

/** T samples split into the fewest groups that each fit (sizes differ by at most 1), or null when 2 samples do not fit. */
export function mcDropoutGroups(settings: Settings, samples: number, target: ResourceTarget, gridN?: number): number[] | null {
  const job: Job = { kind: 'mc-dropout', settings, samples, gridN };
  const largest = largestFitting(job, target);
  if (largest === null || largest.kind !== 'mc-dropout') return null;
  const count = Math.ceil(samples / largest.samples);
  const base = Math.floor(samples / count);
  return Array.from({ length: count }, (_, i) => base + (i < samples % count ? 1 : 0));
}

function describeJob(job: Job): Message {
  const shape = `${job.settings.hidden}×${job.settings.layers}`;
  switch (job.kind) {
    case 'training':
      return msg('resources.job.training', { shape });
    case 'sweep':
      return msg('resources.job.sweep', { rows: job.rows, cols: job.cols, shape });
    case 'seeds':
      return msg('resources.job.seeds', { k: job.k, shape });
    case 'mc-dropout':
      return msg('resources.job.mc', { samples: job.samples, shape });
  }
}

function reduceAdvice(job: Job, largest: Job | null, groups: readonly number[] | null): Message {
  if (largest === null) return msg(job.kind === 'training' ? 'resources.advice.noTraining' : 'resources.advice.noJob');
  switch (largest.kind) {
    case 'mc-dropout':
      return groups && groups.length > 1
        ? msg('resources.advice.mcGroups', { samples: largest.samples, groups: groups.length, size: groups[0] })
        : msg('resources.advice.mc', { samples: largest.samples });
    case 'seeds':
      return msg('resources.advice.seeds', { k: largest.k });
    case 'sweep':
      return msg('resources.advice.sweep', { rows: largest.rows, cols: largest.cols });
    case 'training':
      return msg('resources.advice.training', { hidden: largest.settings.hidden });
  }
}

/** Whether the job fits the backend; if not, a message in plain words with what to reduce. */
export function checkResources(job: Job, target: ResourceTarget): ResourceCheck {
  const n = need(job, target);
  if (n.fits) return { fits: true, bytes: n.bytes };
  const largest = largestFitting(job, target);
  const groups = job.kind === 'mc-dropout' ? mcDropoutGroups(job.settings, job.samples, target, job.gridN) : null;
  const message = msg('resources.tooBig', {
    job: describeJob(job),
    needs: formatMemory(n.bytes),
    why: n.why,
    advice: reduceAdvice(job, largest, groups),
  });
  return { fits: false, bytes: n.bytes, message, largest, groups };
}
