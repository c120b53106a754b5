// Collects the buffers and programs of a Plan while the engine traces a model.

import type { BufferId, BufferSpec, Kernel, Plan, Program } from './plan';

export class PlanBuilder {
  private readonly buffers: BufferSpec[] = [];
  private readonly programs: Record<string, Program> = {};

  constructor(readonly models: number) {
    if (!Number.isInteger(models) || models < 1) throw new RangeError(`plan: models must be a whole number ≥ 1, got ${models}`);
  }

  buffer(name: string, elemsPerModel: number, role: BufferSpec['role'], shared = false): BufferId {
    if (!Number.isInteger(elemsPerModel) || elemsPerModel < 1) {
      throw new RangeError(`plan: buffer "${name}" needs a whole number ≥ 1 of elements, got ${elemsPerModel}`);
    }
    const id = this.buffers.length;
    this.buffers.push({ id, name, elemsPerModel, shared, role });
    return id;
  }

  spec(id: BufferId): BufferSpec {
    return this.buffers[id];
  }

  program(name: string, kernels: readonly Kernel[], advancesStep: boolean): void {
    if (this.programs[name]) throw new Error(`plan: program "${name}" defined twice`);
    this.programs[name] = { kernels: [...kernels], advancesStep };
  }

  build(): Plan {
    return { models: this.models, buffers: [...this.buffers], programs: { ...this.programs } };
  }
}
