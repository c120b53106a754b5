// Compute pipelines cached by dispatch program key (one cache per device): equal keys mean equal
// WGSL, so a kernel that recurs (in another program or another compiled plan) compiles once.
// Each compiled shader is printed when DROPOUT_LAB_DUMP_WGSL=1 (wgsl-dump.ts).

import { BackendError } from '../backend';
import { compileErrors } from './errors';
import type { DispatchProgram } from './kernels/dispatch';
import { dumpWgsl } from './wgsl-dump';

export class PipelineCache {
  private readonly cache = new Map<string, Promise<GPUComputePipeline>>();

  constructor(private readonly device: GPUDevice) {}

  get(program: DispatchProgram, layout: GPUPipelineLayout): Promise<GPUComputePipeline> {
    let p = this.cache.get(program.key);
    if (!p) {
      p = this.create(program, layout);
      this.cache.set(program.key, p);
      p.catch(() => this.cache.delete(program.key));
    }
    return p;
  }

  get size(): number {
    return this.cache.size;
  }

  private async create(program: DispatchProgram, layout: GPUPipelineLayout): Promise<GPUComputePipeline> {
    dumpWgsl(program.label, program.wgsl);
    const module = this.device.createShaderModule({ label: program.label, code: program.wgsl });
    const error = await compileErrors(module, program.label, program.wgsl);
    if (error) throw error;
    try {
      return await this.device.createComputePipelineAsync({
        label: program.label,
        layout,
        compute: { module, entryPoint: 'main' },
      });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      throw new BackendError('shader-compile', `pipeline "${program.label}": ${message}`, program.wgsl);
    }
  }
}
