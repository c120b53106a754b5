// What the benchmark measures: the cells (system × backend × job), which of this project's cells
// each peer is compared with, and how a target is judged (the targets themselves are data, in
// bench/reference-figures.json). Pure data and small functions.

import type { JobKind } from './job';

export const SYSTEMS = ['dropout-lab', 'tfjs', 'jaxjs', 'pytorch'] as const;
export const BACKEND_KINDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export const WHERES = ['chromium', 'node', 'python'] as const;
export type System = (typeof SYSTEMS)[number];
export type BackendKind = (typeof BACKEND_KINDS)[number];
export type Where = (typeof WHERES)[number];

export interface CellSpec {
  readonly system: System;
  readonly backend: BackendKind;
  readonly job: JobKind;
  readonly epochs: number;
  readonly every: number;
  readonly runs: number;
  /** time allowed for one timed run (ms) */
  readonly runBudgetMs: number;
  /** grid size (64 unless reduced for a quick try) */
  readonly models: number;
  /** after the timed runs, one split run: issuing vs waiting vs readback */
  readonly explain: boolean;
}

export interface PageInfo {
  readonly userAgent: string;
  readonly crossOriginIsolated: boolean;
  readonly hardwareConcurrency: number;
  readonly webgpu: string;
  readonly webgl: string;
  readonly tfjs: string;
}

export interface CellId {
  readonly system: System;
  readonly backend: BackendKind;
  readonly where: Where;
}

export const LABELS: Record<System, string> = {
  'dropout-lab': 'Dropout Lab',
  tfjs: 'TensorFlow.js',
  jaxjs: 'jax-js',
  pytorch: 'PyTorch',
};

/** The browser cells, in the order they run (this project first: the others are compared with it). */
export const BROWSER_CELLS: readonly CellId[] = [
  { system: 'dropout-lab', backend: 'webgpu', where: 'chromium' },
  { system: 'dropout-lab', backend: 'cpu', where: 'chromium' },
  { system: 'tfjs', backend: 'webgpu', where: 'chromium' },
  { system: 'tfjs', backend: 'webgl', where: 'chromium' },
  { system: 'tfjs', backend: 'wasm', where: 'chromium' },
  { system: 'tfjs', backend: 'cpu', where: 'chromium' },
  { system: 'jaxjs', backend: 'webgpu', where: 'chromium' },
  { system: 'jaxjs', backend: 'wasm', where: 'chromium' },
];

export function cellKey(c: CellId): string {
  return `${c.system}/${c.backend}@${c.where}`;
}

/**
 * The cell of this project a row is compared with: the same backend in the same place (GPU peers
 * with this project's WebGPU backend, WebGL too; CPU and Wasm peers with its CPU backend; PyTorch
 * with its CPU backend in Node, as both run outside the browser).
 */
export function baselineOf(c: CellId): CellId {
  if (c.where === 'python' || c.where === 'node') return { system: 'dropout-lab', backend: 'cpu', where: 'node' };
  const gpu = c.backend === 'webgpu' || c.backend === 'webgl';
  return { system: 'dropout-lab', backend: gpu ? 'webgpu' : 'cpu', where: 'chromium' };
}

export interface Target {
  readonly job: JobKind;
  readonly ours: CellId;
  readonly peer: CellId;
  /** this project must be at least this many times faster */
  readonly factor: number;
  readonly text: string;
}

export interface TargetVerdict {
  readonly target: Target;
  /** peer time / our time; undefined when a side is missing */
  readonly speedup?: number;
  readonly met?: boolean;
  readonly note: string;
}

export function judgeTargets(jobMs: (job: JobKind, c: CellId) => number | undefined, targets: readonly Target[]): TargetVerdict[] {
  return targets.map((target) => {
    const ours = jobMs(target.job, target.ours),
      peer = jobMs(target.job, target.peer);
    if (ours === undefined || peer === undefined) {
      return { target, note: `not measured (${ours === undefined ? cellKey(target.ours) : cellKey(target.peer)} missing)` };
    }
    const speedup = peer / ours;
    const met = speedup >= target.factor;
    return { target, speedup, met, note: `${speedup.toFixed(2)}× (${met ? 'met' : 'missed'})` };
  });
}
