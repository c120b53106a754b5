// Runs one plan on the CPU reference and on WebGPU with identical inputs, and compares outputs
// element by element with per-element tolerances (outputs are NaN-poisoned first, so an element
// the GPU never wrote fails).

import { expect } from 'vitest';
import type { CompiledPlan } from '../../../src/backends/backend';
import { createCpuBackend } from '../../../src/backends/cpu/cpu-backend';
import type { WebGpuBackend } from '../../../src/backends/webgpu/webgpu-backend';
import { bufferLength, bufferSpec, type BufferId, type Plan } from '../../../src/engine/plan';

export const EPS32 = 2 ** -24;

export interface Pair {
  readonly cpu: CompiledPlan;
  readonly gpu: CompiledPlan;
  readonly write: (buf: BufferId, data: Float32Array) => void;
  readonly writeHyper: (table: ArrayBuffer) => void;
  setStep(t: number): void;
  run(program: string, times?: number): void;
  /** fills a buffer with NaN on both sides */
  poison(buf: BufferId): void;
  read(buf: BufferId): Promise<{ cpu: Float32Array; gpu: Float32Array }>;
  dispose(): void;
}

export async function compileBoth(gpu: WebGpuBackend, plan: Plan): Promise<Pair> {
  const c = await createCpuBackend().compile(plan);
  const g = await gpu.compile(plan);
  const both = (f: (p: CompiledPlan) => void) => {
    f(c);
    f(g);
  };
  return {
    cpu: c,
    gpu: g,
    write: (buf, data) => both((p) => p.write(buf, data)),
    writeHyper: (table) => both((p) => p.writeHyper(table)),
    setStep: (t) => both((p) => p.setStep(t)),
    run: (program, times) => both((p) => p.run(program, times)),
    poison: (buf) => both((p) => p.write(buf, new Float32Array(bufferLength(plan, bufferSpec(plan, buf))).fill(NaN))),
    read: async (buf) => {
      const [cpu, gpu] = await Promise.all([c.read(buf), g.read(buf)]);
      return { cpu, gpu };
    },
    dispose: () => both((p) => p.dispose()),
  };
}

/**
 * Every element: both finite (or both NaN where `nanOk` says the element is never written) and
 * |gpu - cpu| <= tol[i]. Lists the first mismatches.
 */
export function expectClose(
  what: string,
  gpu: Float32Array,
  cpu: Float32Array,
  tol: number | ((i: number) => number),
  nanOk?: (i: number) => boolean,
): void {
  expectMostlyClose(what, gpu, cpu, tol, { count: 0, bound: 0 }, nanOk);
}

/**
 * expectClose, except that up to `outliers.count` finite elements may differ by up to
 * `outliers.bound`: Adam's normalization turns rounding noise in a nearly cancelling gradient
 * entry (|g| ≈ eps) into a visibly different step, on any two correct implementations.
 */
export function expectMostlyClose(
  what: string,
  gpu: Float32Array,
  cpu: Float32Array,
  tol: number | ((i: number) => number),
  outliers: { count: number; bound: number },
  nanOk?: (i: number) => boolean,
): void {
  expect(gpu.length, `${what}: length`).toBe(cpu.length);
  const bad: string[] = [];
  let count = 0;
  let tolerated = 0;
  for (let i = 0; i < cpu.length; i++) {
    const t = typeof tol === 'number' ? tol : tol(i);
    const ok = nanOk?.(i)
      ? Number.isNaN(gpu[i]) && Number.isNaN(cpu[i])
      : Number.isFinite(gpu[i]) && Number.isFinite(cpu[i]) && Math.abs(gpu[i] - cpu[i]) <= t;
    if (!ok && tolerated < outliers.count && Number.isFinite(gpu[i]) && Math.abs(gpu[i] - cpu[i]) <= outliers.bound) {
      tolerated++;
    } else if (!ok) {
      count++;
      if (bad.length < 8) bad.push(`[${i}] gpu ${gpu[i]} cpu ${cpu[i]} (tol ${t.toExponential(2)})`);
    }
  }
  expect(bad, `${what}: ${count} of ${cpu.length} elements differ`).toEqual([]);
}

/** Exact (bitwise, up to ±0) equality of every element. */
export function expectEqual(what: string, gpu: Float32Array, cpu: Float32Array): void {
  expectClose(what, gpu, cpu, 0);
}
