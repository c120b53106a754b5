// The CPU backend: the readable reference. It owns one Float32Array per plan buffer and replays a
// program by calling the plain-loop kernels in order.

import { BackendError, type Backend, type CompiledPlan } from '../backend';
import { bufferLength, type BufferId, type Kernel, type Plan } from '../../engine/plan';
import { HyperView } from './hyper-view';
import * as kernels from './kernels';
import type { CpuBuffer, KernelContext } from './kernels';

class CpuCompiledPlan implements CompiledPlan {
  private readonly buffers: CpuBuffer[];
  private readonly hyper: HyperView;
  private currentStep = 1;

  constructor(readonly plan: Plan) {
    this.buffers = plan.buffers.map((spec) => ({
      data: new Float32Array(bufferLength(plan, spec)),
      modelStride: spec.shared ? 0 : spec.elemsPerModel,
    }));
    this.hyper = new HyperView(plan.models);
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
      };
      for (const kernel of prog.kernels) this.dispatch(ctx, kernel);
      if (prog.advancesStep) this.currentStep++;
    }
  }

  private dispatch(ctx: KernelContext, k: Kernel): void {
    const size = (id: BufferId) => this.plan.buffers[id].elemsPerModel;
    switch (k.kind) {
      case 'matmul': return kernels.matmul(ctx, k);
      case 'mse': return kernels.mse(ctx, k, size(k.lossOut));
      case 'penalty': return kernels.penalty(ctx, k, size(k.out), k.params.map(size));
      case 'optimizer': return kernels.optimizer(ctx, k, k.params.map((p) => size(p.param)));
    }
  }

  async read(buf: BufferId): Promise<Float32Array> {
    return this.buffer(buf).data.slice();
  }

  async readMany(bufs: readonly BufferId[]): Promise<Float32Array[]> {
    return bufs.map((b) => this.buffer(b).data.slice());
  }

  dispose(): void {
    this.buffers.length = 0;
  }
}

export function createCpuBackend(): Backend {
  return {
    name: 'cpu',
    description: 'CPU (reference)',
    compile: async (plan: Plan) => new CpuCompiledPlan(plan),
    dispose: () => {},
  };
}
