// The job every system runs, defined once: the seed's run (two nets 1→300→300→1 on PyTorch's 20
// points, 500 full-batch Adam epochs, eval-mode test MSE read back every 50 epochs) and the
// 64-model grid (dropout × weight decay). Plain data, so the same job reaches the page (as JSON)
// and the Node runner; every system starts from the same initial weights.

import { isCheckpoint } from '../../src/experiment/runner';

/** PyTorch's parameter order and layout: Wk is nn.Linear.weight, [out][in] row-major. */
export const PARAM_NAMES = ['W1', 'b1', 'W2', 'b2', 'W3', 'b3'] as const;

export interface JobData {
  readonly x: Float32Array;
  readonly y: Float32Array;
  readonly testX: Float32Array;
  readonly testY: Float32Array;
}

export interface JobNet {
  readonly name: string;
  /** Adam learning rate (betas 0.9/0.999, eps 1e-8, as torch.optim.Adam) */
  readonly lr: number;
  /** Dropout(p) after each hidden Linear, before the ReLU; 0 = none */
  readonly pDrop: number;
  /** coupled L2 (torch Adam weight_decay): g += wd·p */
  readonly weightDecay: number;
  /** initial W1, b1, W2, b2, W3, b3 in PyTorch's layout */
  readonly init: readonly Float32Array[];
}

export const JOB_KINDS = ['seed', 'grid'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

export interface Job {
  readonly kind: JobKind;
  /** [1, 300, 300, 1] */
  readonly sizes: readonly number[];
  readonly data: JobData;
  readonly nets: readonly JobNet[];
  readonly epochs: number;
  /** eval every this many epochs (PyTorch's `if t % 50 == 0`) */
  readonly every: number;
}

/** What the build step writes for the page (and the Node runner reads): numbers only. */
export interface SeedJobFile {
  readonly data: { readonly x: number[]; readonly y: number[]; readonly test_x: number[]; readonly test_y: number[] };
  readonly init_params: Readonly<Record<'overfitting' | 'dropped', Readonly<Record<string, number[]>>>>;
  /** PyTorch's eval-mode test MSE of both nets at epochs 0, 50, …, 450 */
  readonly checkpoints: { readonly epochs: number[]; readonly test_mse: Readonly<Record<'overfitting' | 'dropped', number[]>> };
  readonly dropped_band: { readonly mean: number[]; readonly std: number[] };
}

export const SIZES = [1, 300, 300, 1] as const;
export const GRID_DROPOUT = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7] as const;
export const GRID_WEIGHT_DECAY = [0, 1e-5, 3e-5, 1e-4, 3e-4, 1e-3, 3e-3, 1e-2] as const;
export const GRID_LR = 0.01;

type Nested = number | Nested[];
function flat(v: Nested): number[] {
  return Array.isArray(v) ? v.flatMap(flat) : [v];
}

/** The parts of the reference's seed_run.json that the benchmark reads. */
export interface SeedRun {
  data: { x: number[]; y: number[]; test_x: number[]; test_y: number[] };
  init_params: Record<'overfitting' | 'dropped', Record<string, Nested>>;
  checkpoints: { epochs: number[]; test_mse: Record<'overfitting' | 'dropped', number[]> };
  dropped_mask_variability: { mean: number[]; std: number[] };
}

/** Reduces seed_run.json to what the benchmark needs (flattened, float32-exact after fround). */
export function seedJobFileFrom(seedRun: SeedRun): SeedJobFile {
  const params = (net: 'overfitting' | 'dropped') => Object.fromEntries(PARAM_NAMES.map((n) => [n, flat(seedRun.init_params[net][n])]));
  return {
    data: seedRun.data,
    init_params: { overfitting: params('overfitting'), dropped: params('dropped') },
    checkpoints: seedRun.checkpoints,
    dropped_band: { mean: seedRun.dropped_mask_variability.mean, std: seedRun.dropped_mask_variability.std },
  };
}

function f32(v: readonly number[]): Float32Array {
  return Float32Array.from(v, Math.fround);
}

function initOf(file: SeedJobFile, net: 'overfitting' | 'dropped'): Float32Array[] {
  return PARAM_NAMES.map((n) => f32(file.init_params[net][n]));
}

export function jobData(file: SeedJobFile): JobData {
  return { x: f32(file.data.x), y: f32(file.data.y), testX: f32(file.data.test_x), testY: f32(file.data.test_y) };
}

/** The seed's run: the plain net (Adam lr 0.001) and the dropout(0.5) net (Adam lr 0.01). */
export function seedJob(file: SeedJobFile, epochs = 500, every = 50): Job {
  return {
    kind: 'seed',
    sizes: SIZES,
    data: jobData(file),
    epochs,
    every,
    nets: [
      { name: 'overfitting', lr: 0.001, pDrop: 0, weightDecay: 0, init: initOf(file, 'overfitting') },
      { name: 'dropped', lr: 0.01, pDrop: 0.5, weightDecay: 0, init: initOf(file, 'dropped') },
    ],
  };
}

/**
 * The grid: 8 dropout rates × 8 weight decays = 64 models, all Adam lr 0.01, all from PyTorch's
 * initial weights of the seed's dropout net (model 0, p 0 and wd 0, is deterministic, so every
 * system must reach about the same test MSE with it).
 */
export function gridJob(file: SeedJobFile, epochs = 500, every = 50, models = 64): Job {
  const init = initOf(file, 'dropped');
  const nets: JobNet[] = [];
  for (const pDrop of GRID_DROPOUT) {
    for (const weightDecay of GRID_WEIGHT_DECAY) nets.push({ name: `p${pDrop}-wd${weightDecay}`, lr: GRID_LR, pDrop, weightDecay, init });
  }
  if (!Number.isInteger(models) || models < 1 || models > nets.length)
    throw new RangeError(`grid: models must be 1..${nets.length}, got ${models}`);
  return { kind: 'grid', sizes: SIZES, data: jobData(file), epochs, every, nets: nets.slice(0, models) };
}

/** The updates (1-based epoch counts) after which a run evaluates: 1, every+1, …, and the last. */
export function checkpointUpdates(epochs: number, every: number): number[] {
  const out: number[] = [];
  for (let u = 1; u <= epochs; u++) if (isCheckpoint(u, epochs, every)) out.push(u);
  return out;
}

/** Transposes a PyTorch weight [out][in] into [in][out] (the x·W layout of TF.js and jax-js). */
export function transposed(w: Float32Array, rows: number, cols: number): Float32Array {
  if (w.length !== rows * cols) throw new RangeError(`transpose: ${w.length} values for [${rows}][${cols}]`);
  const out = new Float32Array(w.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = w[r * cols + c];
  return out;
}
