// The one interface every backend implements (CPU reference, WebGPU). The engine hands a backend
// a Plan; the backend returns a CompiledPlan that owns the buffers and replays programs.

import type { BufferId, Plan } from '../engine/plan';

export type BackendName = 'cpu' | 'webgpu';

export interface CompiledPlan {
  readonly plan: Plan;
  /** the step t the next train replay will run (starts at 1) */
  readonly step: number;
  /** overwrite a whole buffer (all models, [M][elemsPerModel], or the shared copy) */
  write(buf: BufferId, data: Float32Array): void;
  /** overwrite the per-model hyperparameter table: M rows of HYPER_STRIDE 32-bit words */
  writeHyper(table: ArrayBuffer): void;
  /** set the step counter (e.g. when restoring a checkpoint) */
  setStep(step: number): void;
  /** replay a program `times` times (train programs advance the step after each replay) */
  run(program: string, times?: number): void;
  /** read a whole buffer back ([M][elemsPerModel] or the shared copy); waits for queued work */
  read(buf: BufferId): Promise<Float32Array>;
  /** read several buffers at once (one round trip on the GPU) */
  readMany(bufs: readonly BufferId[]): Promise<Float32Array[]>;
  /** resolves once every queued replay has run, with no readback (CPU: at once; it runs synchronously) */
  flush(): Promise<void>;
  dispose(): void;
}

/**
 * What bounds a plan's memory on a backend (src/experiment/resources.ts checks a job against it
 * before it starts): WebAssembly memories of at most 4 GiB each, the models spread evenly over
 * `memories` of them (a CPU pool: one per worker); or a GPU device's buffer and binding limits.
 */
export type MemoryLimits =
  | { readonly kind: 'wasm'; readonly memories: number }
  | {
      readonly kind: 'gpu';
      readonly maxStorageBufferBindingSize: number;
      readonly maxBufferSize: number;
      readonly maxStorageBuffersPerShaderStage: number;
    };

export interface Backend {
  readonly name: BackendName;
  /** human-readable: "CPU (reference)", "WebGPU · nvidia-h100-80gb-hbm3" */
  readonly description: string;
  /** the limits a plan must fit (absent: unknown, nothing is checked) */
  readonly memoryLimits?: MemoryLimits;
  compile(plan: Plan): Promise<CompiledPlan>;
  dispose(): void;
}

/** Typed backend errors, so callers (the runner, the UI) can fall back and say why. */
export type BackendErrorKind = 'no-webgpu' | 'no-adapter' | 'shader-compile' | 'validation' | 'out-of-memory' | 'device-lost' | 'internal';

export class BackendError extends Error {
  constructor(
    readonly kind: BackendErrorKind,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'BackendError';
  }
}

/** A BackendError, also one that lost its prototype (e.g. rethrown across a bundle boundary). */
export function isBackendError(e: unknown): e is BackendError {
  return e instanceof BackendError || (e instanceof Error && e.name === 'BackendError' && 'kind' in e);
}
