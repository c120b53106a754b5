// A kernel program: what the backend needs to run one plan kernel (TF.js-WebGPU style, minus the
// per-dispatch uniforms): a key that identifies its WGSL, its dispatch shape (workgroups of
// WORKGROUP_SIZE threads, shared-constants.ts, unless it names fewer) and its body, the baked constants plus the kernel file, which defines
// fn kernel(wg, nwg, li). dispatch.ts wraps one body, or several independent ones, in an entry
// point. Every program uses the plan's single bind group layout (hyper, ctl, replay, arenas).

import { BackendError } from '../../backend';
import { bufferSpec, type BufferId, type Kernel, type Plan } from '../../../engine/plan';
import { locationOf, type ArenaLayout } from '../arena';
import { u32, type WgslLibrary, type WgslValue } from '../wgsl';
import type { TilingProfile } from './matmul-tiling';

export interface KernelProgram {
  /** identifies the body exactly: equal keys, equal WGSL */
  readonly key: string;
  readonly label: string;
  readonly dispatch: readonly [number, number, number];
  /** baked constants, generated lookups and the kernel file: defines fn kernel(wg, nwg, li) */
  readonly body: string;
  /** f32 words of workgroup memory (the shared \`sm\` array) the body uses */
  readonly workgroupWords: number;
  /**
   * Threads per workgroup the body needs (default WORKGROUP_SIZE, the WGSL \`WG\`, which bodies
   * that use WG require). A dispatch runs at the largest of its kernels' sizes, so a body must
   * return early from the threads past its own.
   */
  readonly workgroupSize?: number;
  readonly libraries: readonly WgslLibrary[];
  /**
   * The body calls subgroup builtins and reads \`subgroup_lane\` (the invocation's lane, a private
   * the entry point sets): its module enables the 'subgroups' extension.
   */
  readonly subgroups?: boolean;
  /**
   * The same kernel for a hyperparameter table in which every model's step is a plain Adam one
   * (allModelsPlainAdam in param-sweep.ts): the backend runs it instead while the table says so.
   */
  readonly plainAdamVariant?: KernelProgram;
  /** plan buffers the kernel reads and writes (for merging independent kernels) */
  readonly reads: readonly BufferId[];
  readonly writes: readonly BufferId[];
  /**
   * One workgroup per model (grid 1 x 1 x M) that writes only its model's slices and returns
   * from fn kernel in every invocation: a dependent kernel of the same kind can then run right
   * after it in the same workgroup (a chain, see schedule.ts).
   */
  readonly perModel: boolean;
}

export interface KernelContext {
  readonly plan: Plan;
  readonly layout: ArenaLayout;
  readonly arenaCount: number;
  /** what the matmul tiling is optimized for */
  readonly tilingProfile: TilingProfile;
  /** the plan's distinct optimizer (β1, β2), the columns of the bias-correction table */
  readonly biasPairs: readonly (readonly [number, number])[];
  /** the backend's own scratch buffer for a kernel (penalty partial sums) */
  scratch(k: Kernel): BufferId | undefined;
  /** matmuls whose whole output (per model) should come from one workgroup, to chain with their consumer */
  readonly wholeOutput: ReadonlySet<Kernel>;
  /** backward matmuls whose dropout mask the ReLU gate implies (gated-masks.ts) */
  readonly gatedMasks: ReadonlySet<Kernel>;
}

/** X_AR, X_OFF, X_MS constants locating buffer `id` (zeros when absent). */
export function operand(ctx: KernelContext, prefix: string, id: BufferId | undefined): Record<string, WgslValue> {
  if (id === undefined) return { [`${prefix}_AR`]: u32(0), [`${prefix}_OFF`]: u32(0), [`${prefix}_MS`]: u32(0) };
  const loc = locationOf(ctx.layout, id);
  return { [`${prefix}_AR`]: u32(loc.arena), [`${prefix}_OFF`]: u32(loc.offset), [`${prefix}_MS`]: u32(loc.modelStride) };
}

/** Elements per model of buffer `id`, checked to hold at least `need` (a plan consistency check). */
export function requireElems(ctx: KernelContext, id: BufferId, need: number, what: string): number {
  const spec = bufferSpec(ctx.plan, id);
  if (spec.elemsPerModel < need) {
    throw new BackendError('validation', `${what}: buffer "${spec.name}" has ${spec.elemsPerModel} elements per model, needs ${need}`);
  }
  return spec.elemsPerModel;
}

/** True when none of `ids` is a shared (all-models) buffer. */
export function allPerModel(ctx: KernelContext, ids: readonly BufferId[]): boolean {
  return ids.every((id) => id >= ctx.plan.buffers.length || !bufferSpec(ctx.plan, id).shared);
}

/** A 3-D dispatch with x split into x*y when it exceeds the 65535 per-dimension limit. */
export function foldDispatch(blocks: number, z: number): [number, number, number] {
  const x = Math.min(Math.max(blocks, 1), 65535);
  return [x, Math.ceil(Math.max(blocks, 1) / x), z];
}
