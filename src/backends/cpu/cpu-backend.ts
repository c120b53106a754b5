// The CPU backend: the readable reference. It owns one Float32Array per plan buffer (all in one
// WebAssembly.Memory, so the SIMD twins of the hot loops can run on them) and replays a program
// by calling the kernels in order.

import { BackendError, type Backend, type CompiledPlan } from '../backend';
import { bufferLength, type BufferId, type Kernel, type Plan } from '../../engine/plan';
import { Arena } from './arena';
import { HyperView } from './hyper-view';
import * as kernels from './kernels';
import type { CpuBuffer, KernelContext } from './kernels';
import { loadSimdKernels, type SimdKernels } from './wasm/simd';

export interface CpuBackendOptions {
  /** use the WebAssembly SIMD loops where available (default true); false runs the TypeScript loops */
  readonly simd?: boolean;
}

class CpuCompiledPlan implements CompiledPlan {
  private readonly buffers: CpuBuffer[];
  private readonly hyper: HyperView;
  private readonly scratch: Float32Array;
  private readonly simd: SimdKernels | undefined;
  private currentStep = 1;

  constructor(
    readonly plan: Plan,
    options: CpuBackendOptions,
  ) {
    const scratchFloats = Math.max(
      1,
      ...Object.values(plan.programs)
        .flatMap((p) => p.kernels)
        .map((k) => (k.kind === 'matmul' && k.transB ? k.inner * k.cols : 0)),
    );
    const lengths = plan.buffers.map((spec) => bufferLength(plan, spec));
    const arena = new Arena([...lengths, scratchFloats].reduce((sum, n) => sum + Arena.footprint(n), 0));
    this.buffers = plan.buffers.map((spec, i) => ({ data: arena.alloc(lengths[i]), modelStride: spec.shared ? 0 : spec.elemsPerModel }));
    this.scratch = arena.alloc(scratchFloats);
    this.simd = options.simd === false ? undefined : loadSimdKernels(arena.memory);
    this.hyper = new HyperView(plan.models);
  }

  /** whether the WebAssembly SIMD loops are in use */
  get usesSimd(): boolean {
    return this.simd !== undefined;
  }

  get step(): number {
    return this.currentStep;
  }

  private buffer(id: BufferId): CpuBuffer {
    const b = this.buffers[id];
    if (!b) throw new BackendError('internal', `cpu: no buffer ${id}`);
    return b;
  }

  write(buf: BufferId, data: Float32Array): void {
    const target = this.buffer(buf).data;
    if (data.length !== target.length) {
      throw new RangeError(`write ${this.plan.buffers[buf].name}: expected ${target.length} floats, got ${data.length}`);
    }
    target.set(data);
  }

  writeHyper(table: ArrayBuffer): void {
    this.hyper.set(table);
  }

  setStep(step: number): void {
    if (!Number.isInteger(step) || step < 1) throw new RangeError(`step must be a whole number ≥ 1, got ${step}`);
    this.currentStep = step;
  }

  run(program: string, times = 1): void {
    const prog = this.plan.programs[program];
    if (!prog) throw new BackendError('internal', `cpu: no program "${program}"`);
    for (let i = 0; i < times; i++) {
      const ctx: KernelContext = {
        models: this.plan.models,
        step: this.currentStep,
        hyper: this.hyper,
        buffer: (id) => this.buffer(id),
        scratch: (n) => this.scratch.subarray(0, n),
        simd: this.simd,
      };
      for (const kernel of prog.kernels) this.dispatch(ctx, kernel);
      if (prog.advancesStep) this.currentStep++;
    }
  }

  private dispatch(ctx: KernelContext, k: Kernel): void {
    const size = (id: BufferId) => this.plan.buffers[id].elemsPerModel;
    switch (k.kind) {
      case 'matmul':
        return kernels.matmul(ctx, k);
      case 'mse':
        return kernels.mse(ctx, k, size(k.lossOut));
      case 'penalty':
        return kernels.penalty(ctx, k, size(k.out), k.params.map(size));
      case 'optimizer':
        return kernels.optimizer(
          ctx,
          k,
          k.params.map((p) => size(p.param)),
        );
    }
  }

  read(buf: BufferId): Promise<Float32Array> {
    return Promise.resolve(this.buffer(buf).data.slice());
  }

  readMany(bufs: readonly BufferId[]): Promise<Float32Array[]> {
    return Promise.resolve(bufs.map((b) => this.buffer(b).data.slice()));
  }

  flush(): Promise<void> {
    return Promise.resolve();
  }

  dispose(): void {
    this.buffers.length = 0;
  }
}

export function createCpuBackend(options: CpuBackendOptions = {}): Backend {
  const simd = options.simd !== false && loadSimdKernels(new WebAssembly.Memory({ initial: 1 })) !== undefined;
  return {
    name: 'cpu',
    description: simd ? 'CPU (reference, WebAssembly SIMD)' : 'CPU (reference)',
    memoryLimits: { kind: 'wasm', memories: 1 },
    compile: (plan: Plan) => Promise.resolve(new CpuCompiledPlan(plan, options)),
    dispose: () => {},
  };
}
