// Kernel programs of the CPU-emulation profile for the kernels that visit every parameter element:
// a penalty, an optimizer step, or a penalty and the optimizer step after it over the same tensors
// fused into one pass (shaders/param-sweep.wgsl), plus the penalty's total (shaders/penalty-total.wgsl).
// None uses workgroup memory or barriers, which put a whole SwiftShader dispatch in its slow mode;
// fusing reads the weights and gradients once instead of twice and saves a dispatch.

import { BackendError } from '../../backend';
import { HYPER_STRIDE, Hyper, OptimizerCode, bufferSpec, type OptimizerKernel, type PenaltyKernel, type Plan } from '../../../engine/plan';
import { locationOf } from '../arena';
import { optimizerRuleWgsl, paramSweepWgsl, penaltyTotalWgsl } from '../shaders.gen';
import { bool, constants, u32 } from '../wgsl';
import { optimizerConstants, optimizerLengths } from './optimizer';
import { foldDispatch, operand, requireElems, type KernelContext, type KernelProgram } from './program';

/** Threads per workgroup of the sweep. */
const SWEEP_WG = 64;
/** Elements a sweep thread visits (about): its hyperparameter loads are paid once for these. */
const ELEMENTS_PER_THREAD = 64;
/** Models per workgroup of the penalty's total (one thread each). */
const TOTAL_WG = 64;

/**
 * True when every model of a hyperparameter table takes param-sweep.wgsl's plain Adam path
 * (plain_adam: training, Adam or AdamW, no L1, no weight decay in the loss), judged strictly: an
 * active flag of exactly 1, an optimizer code of exactly Adam's or AdamW's, an L1 of exactly 0 and,
 * for Adam, a weight decay of exactly 0. Anything else (NaN included) answers false, and the
 * general kernel runs, which is right for every model.
 */
export function allModelsPlainAdam(table: ArrayBuffer, models: number): boolean {
  const f = new Float32Array(table, 0, models * HYPER_STRIDE);
  for (let m = 0; m < models; m++) {
    const row = m * HYPER_STRIDE;
    const kind = f[row + Hyper.optimizer];
    if (f[row + Hyper.active] !== 1 || f[row + Hyper.l1] !== 0) return false;
    if (kind === OptimizerCode.adamw) continue;
    if (kind !== OptimizerCode.adam || f[row + Hyper.weightDecay] !== 0) return false;
  }
  return true;
}

/** Threads per model of a sweep over `elements` elements per model (the penalty's partial sums: one pair each). */
export function sweepThreads(elements: number): number {
  return Math.max(1, Math.ceil(elements / ELEMENTS_PER_THREAD));
}

/** Elements per model of a penalty's tensors. */
export function penaltyElements(plan: Plan, k: PenaltyKernel): number {
  return k.params.reduce((s, p) => s + bufferSpec(plan, p).elemsPerModel, 0);
}

/** A penalty whose tensors (params and grads, in order) are exactly those of the optimizer step after it. */
export function fusable(penalty: PenaltyKernel, optimizer: OptimizerKernel): boolean {
  return (
    penalty.params.length === optimizer.params.length &&
    optimizer.params.every((t, i) => t.param === penalty.params[i] && t.grad === penalty.grads[i])
  );
}

interface TensorLocations {
  readonly length: number;
  readonly ids: readonly (number | undefined)[];
}

/** `(arena)u, offset + m * stride + i` of buffer `id` (arena 0, index 0 when absent: never touched). */
function slotArgs(ctx: KernelContext, id: number | undefined): string {
  if (id === undefined) return '0u, 0u';
  const loc = locationOf(ctx.layout, id);
  return `${loc.arena}u, ${loc.offset}u + m * ${loc.modelStride}u + i`;
}

/**
 * fn sweep_tensors (every model: sweep_element; empty with `general` false) and fn
 * sweep_tensors_adam (a plain Adam step: adam_element; empty without an optimizer): one loop per
 * tensor over the thread's elements, with the tensor's locations baked.
 */
function sweepTensors(ctx: KernelContext, tensors: readonly TensorLocations[], optimize: boolean, general = true): string {
  const loops = (element: string, extra: string) =>
    tensors.map(
      (t) =>
        `  for (var i = g; i < ${t.length}u; i += SWEEP_THREADS) { ${element}(h, ${extra}${t.ids.map((id) => slotArgs(ctx, id)).join(', ')}); }`,
    );
  return [
    'fn sweep_tensors(m: u32, g: u32, h: SweepHyper, sums: ptr<function, vec2<f32>>) {',
    ...(general ? loops('sweep_element', 'sums, ') : []),
    '}',
    'fn sweep_tensors_adam(m: u32, g: u32, h: SweepHyper) {',
    ...(optimize ? loops('adam_element', '') : []),
    '}',
  ].join('\n');
}

/**
 * The sweep (and, with a penalty, its total) for a penalty, an optimizer, or both over the same
 * tensors (fusable), in that order.
 */
export function sweepPrograms(
  ctx: KernelContext,
  penalty: PenaltyKernel | undefined,
  optimizer: OptimizerKernel | undefined,
): KernelProgram[] {
  if (penalty && optimizer && !fusable(penalty, optimizer))
    throw new BackendError('internal', 'param sweep: penalty and optimizer tensors differ');
  let tensors: TensorLocations[];
  let total: number;
  if (optimizer) {
    const lengths = optimizerLengths(ctx, optimizer);
    tensors = optimizer.params.map((t, i) => ({ length: lengths[i], ids: [t.param, t.grad, t.m, t.v] }));
    total = lengths.reduce((a, b) => a + b, 0);
  } else if (penalty) {
    if (penalty.params.length !== penalty.grads.length) {
      throw new BackendError('validation', `penalty: ${penalty.params.length} params but ${penalty.grads.length} grads`);
    }
    tensors = penalty.params.map((p, i) => {
      const length = bufferSpec(ctx.plan, p).elemsPerModel;
      requireElems(ctx, penalty.grads[i], length, 'penalty grad');
      return { length, ids: [p, penalty.grads[i], undefined, undefined] };
    });
    total = penaltyElements(ctx.plan, penalty);
  } else {
    throw new BackendError('internal', 'param sweep: neither a penalty nor an optimizer');
  }
  const threads = sweepThreads(total);
  const partials = penalty ? ctx.scratch(penalty) : undefined;
  if (penalty && partials === undefined) throw new BackendError('internal', 'penalty: no scratch buffer for the partial sums');
  const sweepDecls = (general: boolean) =>
    [
      constants({
        SWEEP_WG: u32(SWEEP_WG),
        SWEEP_THREADS: u32(threads),
        PENALTY: bool(penalty !== undefined),
        OPTIMIZE: bool(optimizer !== undefined),
        ...operand(ctx, 'PART', partials),
        ...(optimizer ? optimizerConstants(ctx, optimizer) : optimizerConstants(ctx)),
      }),
      sweepTensors(ctx, tensors, optimizer !== undefined, general),
    ].join('\n');
  const ids = tensors.flatMap((t) => t.ids.filter((id): id is number => id !== undefined));
  const what = [penalty && 'penalty', optimizer && 'optimizer'].filter(Boolean).join(' + ');
  const sweepProgram = (general: boolean): KernelProgram => {
    const decls = sweepDecls(general);
    return {
      key: `param-sweep\n${decls}`,
      label: `${what} sweep over ${tensors.length} tensors (${total} elements per model, ${threads} threads)${general ? '' : ', plain Adam'}`,
      dispatch: foldDispatch(Math.ceil(threads / SWEEP_WG), ctx.plan.models),
      body: `${decls}\n\n${optimizerRuleWgsl}\n\n${paramSweepWgsl}`,
      workgroupWords: 0,
      workgroupSize: SWEEP_WG,
      libraries: [],
      reads: ids,
      writes: [
        ...(penalty ? penalty.grads : []),
        ...(optimizer ? optimizer.params.flatMap((t) => [t.param, t.m, t.v]) : []),
        ...(partials !== undefined ? [partials] : []),
      ],
      perModel: false,
    };
  };
  // without the general loops: SwiftShader runs a plain Adam model's loops a quarter faster when the
  // kernel does not also carry them, even though they would run zero times
  const sweep: KernelProgram = optimizer ? { ...sweepProgram(true), plainAdamVariant: sweepProgram(false) } : sweepProgram(true);
  if (!penalty || partials === undefined) return [sweep];
  const models = ctx.plan.models;
  const perWorkgroup = Math.min(TOTAL_WG, models);
  const totalDecls = constants({
    MODELS: u32(models),
    TOTAL_WG: u32(perWorkgroup),
    NPART: u32(threads),
    HISTORY: bool(penalty.history),
    OUT_LEN: u32(requireElems(ctx, penalty.out, 1, 'penalty out')),
    ...operand(ctx, 'PART', partials),
    ...operand(ctx, 'OUT', penalty.out),
  });
  const totalProgram: KernelProgram = {
    key: `penalty-total\n${totalDecls}`,
    label: `penalty -> ${bufferSpec(ctx.plan, penalty.out).name} (one thread per model)`,
    dispatch: [Math.ceil(models / perWorkgroup), 1, 1],
    body: `${totalDecls}\n\n${penaltyTotalWgsl}`,
    workgroupWords: 0,
    workgroupSize: perWorkgroup,
    libraries: [],
    reads: [partials],
    writes: [penalty.out],
    perModel: false,
  };
  return [sweep, totalProgram];
}
