// The WebGPU backend: opens a device (navigator.gpu by default, or the GPU object given, e.g. from
// node-gpu.ts), compiles plans into arenas + cached pipelines + one bind group, and turns every
// WebGPU failure into a typed BackendError (device loss through onLost and rejected reads).

import { BackendError, type Backend, type CompiledPlan, type MemoryLimits } from '../backend';
import type { Plan } from '../../engine/plan';
import { compilePlan } from './compiled-plan';
import { REPLAY_STRIDE, type BackendContext, type PlanLayouts } from './context';
import { hasFixedSubgroups, openDevice } from './device';
import { BufferUsage, ShaderStage } from './gpu-flags';
import type { TilingOverride } from './kernels/matmul';
import { DEFAULT_PARALLEL_SLOTS, type TilingProfile } from './kernels/matmul-tiling';
import { PipelineCache } from './pipelines';
import { Binding } from './shared-constants';

export interface WebGpuBackendOptions {
  /** called once when the device is lost (not after dispose) */
  readonly onLost?: (error: BackendError) => void;
  /** called for asynchronous errors of run() (the next read also rejects with them) */
  readonly onError?: (error: BackendError) => void;
  readonly powerPreference?: GPUPowerPreference;
  /** replays recorded per command buffer (default 1024) */
  readonly replayChunk?: number;
  /** tune the matmul tiling for a GPU or a CPU emulation (default: from the adapter) */
  readonly profile?: 'gpu' | 'cpu';
  /**
   * resident 256-thread workgroups the GPU tiling assumes (default DEFAULT_PARALLEL_SLOTS, 264:
   * 132 SMs x 2; WebGPU reports no SM count to derive it from, see matmul-tiling.ts)
   */
  readonly parallelSlots?: number;
  /**
   * CPU-emulation profile: share the direct matmul's op(A) loads over subgroups where the device
   * has fixed 4-lane subgroups (SwiftShader; default true). False keeps the kernels without
   * subgroups (tests and benchmarks compare the two).
   */
  readonly subgroups?: boolean;
  /** replace the matmul tiling (tests) */
  readonly tiling?: TilingOverride;
  /**
   * run independent kernels of a program in one dispatch and chain per-model kernels (default: on
   * a GPU; off on a CPU emulation, where a merged dispatch runs as slowly as its slowest member:
   * SwiftShader runs a whole dispatch in its slow barrier mode when any member has a barrier)
   */
  readonly merge?: boolean;
  /** cap on one arena's bytes below the device limit (tests use it to spread plans over arenas) */
  readonly arenaBytes?: number;
}

function tilingProfile(options: WebGpuBackendOptions, emulated: boolean, device: GPUDevice): TilingProfile {
  const kind = options.profile ?? (emulated ? 'cpu' : 'gpu');
  if (kind === 'cpu') return { kind, subgroups: (options.subgroups ?? true) && hasFixedSubgroups(device) };
  const parallelSlots = options.parallelSlots ?? DEFAULT_PARALLEL_SLOTS;
  if (!Number.isInteger(parallelSlots) || parallelSlots < 1) {
    throw new BackendError('validation', `parallelSlots must be a whole number ≥ 1, got ${parallelSlots}`);
  }
  return { kind, parallelSlots };
}

export class WebGpuBackend implements Backend {
  readonly name = 'webgpu';
  private readonly ctx: BackendContext;
  private readonly plans = new Set<CompiledPlan>();
  private readonly layouts = new Map<number, PlanLayouts>();
  private lostError: BackendError | undefined;
  private disposed = false;

  constructor(
    readonly device: GPUDevice,
    readonly description: string,
    private readonly options: WebGpuBackendOptions = {},
    emulated = false,
  ) {
    const profile = tilingProfile(options, emulated, device); // validates before anything is created
    const chunk = Math.max(1, Math.floor(options.replayChunk ?? 1024));
    const replay = device.createBuffer({
      label: 'replay-index',
      size: chunk * REPLAY_STRIDE,
      usage: BufferUsage.UNIFORM,
      mappedAtCreation: true,
    });
    const words = new Uint32Array(replay.getMappedRange());
    const offsets = new Uint32Array(chunk);
    for (let i = 0; i < chunk; i++) {
      words[(i * REPLAY_STRIDE) / 4] = i;
      offsets[i] = i * REPLAY_STRIDE;
    }
    replay.unmap();
    const limits = device.limits;
    this.ctx = {
      device,
      pipelines: new PipelineCache(device),
      layoutsFor: (n) => this.layoutsFor(n),
      replay,
      replayChunk: chunk,
      replayOffsets: offsets,
      arenaBytes: Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize, options.arenaBytes ?? Infinity),
      maxArenas: limits.maxStorageBuffersPerShaderStage - 2, // besides Binding.hyper and Binding.biasTable
      tilingProfile: profile,
      tiling: options.tiling,
      merge: options.merge ?? profile.kind === 'gpu',
      assertUsable: () => this.assertUsable(),
      lost: () => this.lostError,
      report: (e) => this.options.onError?.(e),
      forget: (plan) => this.plans.delete(plan),
    };
    void device.lost.then((info) => {
      if (this.disposed) return;
      this.lostError = new BackendError('device-lost', `WebGPU device lost (${info.reason}): ${info.message}`);
      this.options.onLost?.(this.lostError);
    });
    device.onuncapturederror = (ev: GPUUncapturedErrorEvent) => {
      this.options.onError?.(new BackendError('internal', `uncaptured WebGPU error: ${ev.error.message}`));
    };
  }

  async compile(plan: Plan): Promise<CompiledPlan> {
    const compiled = await compilePlan(this.ctx, plan);
    this.plans.add(compiled);
    return compiled;
  }

  /** the device's limits as plans are laid out on it (an `arenaBytes` cap included) */
  get memoryLimits(): MemoryLimits {
    return {
      kind: 'gpu',
      maxStorageBufferBindingSize: this.ctx.arenaBytes,
      maxBufferSize: this.ctx.arenaBytes,
      maxStorageBuffersPerShaderStage: this.device.limits.maxStorageBuffersPerShaderStage,
    };
  }

  /** Distinct pipelines compiled so far. */
  get pipelineCount(): number {
    return this.ctx.pipelines.size;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const p of [...this.plans]) p.dispose();
    this.ctx.replay.destroy();
    this.device.destroy();
  }

  private assertUsable(): void {
    if (this.lostError) throw this.lostError;
    if (this.disposed) throw new BackendError('validation', 'the WebGPU backend was disposed');
  }

  private layoutsFor(arenaCount: number): PlanLayouts {
    let l = this.layouts.get(arenaCount);
    if (!l) {
      const entries: GPUBindGroupLayoutEntry[] = [
        { binding: Binding.hyper, visibility: ShaderStage.COMPUTE, buffer: { type: 'read-only-storage' } },
        { binding: Binding.ctl, visibility: ShaderStage.COMPUTE, buffer: { type: 'uniform', minBindingSize: 16 } },
        {
          binding: Binding.replay,
          visibility: ShaderStage.COMPUTE,
          buffer: { type: 'uniform', hasDynamicOffset: true, minBindingSize: 16 },
        },
        { binding: Binding.biasTable, visibility: ShaderStage.COMPUTE, buffer: { type: 'read-only-storage' } },
      ];
      for (let a = 0; a < arenaCount; a++) {
        entries.push({ binding: Binding.arena0 + a, visibility: ShaderStage.COMPUTE, buffer: { type: 'storage' } });
      }
      const bindGroupLayout = this.device.createBindGroupLayout({ label: `plan/${arenaCount}`, entries });
      const pipelineLayout = this.device.createPipelineLayout({ label: `plan/${arenaCount}`, bindGroupLayouts: [bindGroupLayout] });
      l = { bindGroupLayout, pipelineLayout };
      this.layouts.set(arenaCount, l);
    }
    return l;
  }
}

/** Opens a WebGPU device (navigator.gpu unless `gpu` is given) and returns the backend. */
export async function createWebGpuBackend(gpu?: GPU, options: WebGpuBackendOptions = {}): Promise<WebGpuBackend> {
  const { device, description, emulated } = await openDevice(gpu, { powerPreference: options.powerPreference });
  try {
    return new WebGpuBackend(device, description, options, emulated);
  } catch (e) {
    device.destroy();
    throw e;
  }
}
