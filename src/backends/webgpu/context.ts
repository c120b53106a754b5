// What a compiled plan shares with its backend: the device, the pipeline cache, the bind group
// layouts (one per arena count), the replay-index buffer and the backend's health.

import type { BackendError, CompiledPlan } from '../backend';
import type { TilingOverride } from './kernels/matmul';
import type { TilingProfile } from './kernels/matmul-tiling';
import type { PipelineCache } from './pipelines';

export interface PlanLayouts {
  readonly bindGroupLayout: GPUBindGroupLayout;
  readonly pipelineLayout: GPUPipelineLayout;
}

export interface BackendContext {
  readonly device: GPUDevice;
  readonly pipelines: PipelineCache;
  layoutsFor(arenaCount: number): PlanLayouts;
  /** replayChunk u32 indices 0, 1, 2, ... at 256-byte strides (a dynamic uniform offset picks one) */
  readonly replay: GPUBuffer;
  readonly replayChunk: number;
  /** dynamic offsets 0, 256, 512, ... for setBindGroup */
  readonly replayOffsets: Uint32Array;
  readonly arenaBytes: number;
  readonly maxArenas: number;
  readonly tilingProfile: TilingProfile;
  readonly tiling?: TilingOverride;
  /** run independent kernels of a program in one dispatch */
  readonly merge: boolean;
  /** throws if the device is lost or the backend disposed */
  assertUsable(): void;
  /** the device-lost error, once the device is lost */
  lost(): BackendError | undefined;
  /** an asynchronous error (from a run's error scopes) for the onError callback */
  report(error: BackendError): void;
  /** a compiled plan was disposed: the backend stops tracking it */
  forget(plan: CompiledPlan): void;
}

/** Bytes between replay indices: WebGPU's minimum uniform buffer offset alignment. */
export const REPLAY_STRIDE = 256;
