// Read access to the per-model hyperparameter table (M rows of HYPER_STRIDE 32-bit words).

import { HYPER_STRIDE, Hyper } from '../../engine/plan';

export class HyperView {
  readonly f32: Float32Array;
  readonly u32: Uint32Array;
  constructor(readonly models: number) {
    const bytes = new ArrayBuffer(models * HYPER_STRIDE * 4);
    this.f32 = new Float32Array(bytes);
    this.u32 = new Uint32Array(bytes);
  }
  set(table: ArrayBuffer): void {
    if (table.byteLength !== this.u32.byteLength) {
      throw new RangeError(`hyper table: expected ${this.u32.byteLength} bytes for ${this.models} models, got ${table.byteLength}`);
    }
    this.u32.set(new Uint32Array(table));
  }
  f(model: number, field: Exclude<keyof typeof Hyper, 'seed'>): number {
    return this.f32[model * HYPER_STRIDE + Hyper[field]];
  }
  seed(model: number): number {
    return this.u32[model * HYPER_STRIDE + Hyper.seed];
  }
}
