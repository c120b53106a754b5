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
  /** this project's CPU backend: the pool's workers (the page's pool code, as the product runs it) */
  readonly workers?: number;
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
  /** this project's CPU backend: workers of the CPU pool over the model axis (Node: --threads N) */
  readonly workers?: number;
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
  { system: 'dropout-lab', backend: 'cpu', where: 'chromium', workers: 1 },
  { system: 'dropout-lab', backend: 'cpu', where: 'chromium', workers: 2 },
  { system: 'tfjs', backend: 'webgpu', where: 'chromium' },
  { system: 'tfjs', backend: 'webgl', where: 'chromium' },
  { system: 'tfjs', backend: 'wasm', where: 'chromium' },
  { system: 'tfjs', backend: 'cpu', where: 'chromium' },
  { system: 'jaxjs', backend: 'webgpu', where: 'chromium' },
  { system: 'jaxjs', backend: 'wasm', where: 'chromium' },
];

export function cellKey(c: CellId): string {
  return `${c.system}/${c.backend}${c.workers ? `×${c.workers}` : ''}@${c.where}`;
}

/** The same system, backend and place (any number of CPU workers). */
export function sameKind(a: CellId, b: CellId): boolean {
  return a.system === b.system && a.backend === b.backend && a.where === b.where;
}

/** "cpu ×2 workers" for a pooled CPU cell, else the backend. */
export function backendText(c: CellId): string {
  return c.workers ? `${c.backend} ×${c.workers} worker${c.workers === 1 ? '' : 's'}` : c.backend;
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
  /** this project's candidate cells: the fastest usable one is judged (and named) */
  readonly ours: readonly CellId[];
  readonly peer: CellId;
  /** this project must be at least this many times faster */
  readonly factor: number;
  readonly text: string;
}

export interface TargetVerdict {
  readonly target: Target;
  /** peer time / our time; undefined when a side is missing */
  readonly speedup?: number;
  /** the candidate of this project that was judged (the fastest) */
  readonly ours?: CellId;
  readonly met?: boolean;
  readonly note: string;
}

export function judgeTargets(jobMs: (job: JobKind, c: CellId) => number | undefined, targets: readonly Target[]): TargetVerdict[] {
  return targets.map((target) => {
    const best = target.ours
      .map((c) => ({ c, ms: jobMs(target.job, c) }))
      .filter((o): o is { c: CellId; ms: number } => o.ms !== undefined)
      .sort((a, b) => a.ms - b.ms)[0];
    const peer = jobMs(target.job, target.peer);
    if (best === undefined || peer === undefined) {
      const missing = best === undefined ? target.ours.map(cellKey).join(', ') : cellKey(target.peer);
      return { target, note: `not measured (${missing} missing)` };
    }
    const speedup = peer / best.ms;
    const met = speedup >= target.factor;
    const which = target.ours.length > 1 ? `; best of ours: ${cellKey(best.c)}` : '';
    return { target, speedup, ours: best.c, met, note: `${speedup.toFixed(2)}× (${met ? 'met' : 'missed'}${which})` };
  });
}
