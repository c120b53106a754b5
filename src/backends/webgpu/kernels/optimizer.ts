// Kernel program for OptimizerKernel: one thread per parameter element, all tensors of all models
// in one dispatch (x·y: element blocks, z: model; shaders/optimizer.wgsl).

import { BackendError } from '../../backend';
import { bufferSpec, type OptimizerKernel, type Plan } from '../../../engine/plan';
import { optimizerWgsl } from '../shaders.gen';
import { WORKGROUP_SIZE } from '../shared-constants';
import { constants, f32, u32 } from '../wgsl';
import { foldDispatch, requireElems, type KernelContext, type KernelProgram } from './program';
import { flatSlots } from './tensor-table';

/** Distinct (β1, β2) of a plan's optimizer kernels, in first-use order: the bias-correction table's columns. */
export function biasPairs(plan: Plan): [number, number][] {
  const pairs: [number, number][] = [];
  for (const program of Object.values(plan.programs)) {
    for (const k of program.kernels) {
      if (k.kind === 'optimizer' && !pairs.some(([b1, b2]) => b1 === k.beta1 && b2 === k.beta2)) pairs.push([k.beta1, k.beta2]);
    }
  }
  return pairs;
}

function biasPairIndex(pairs: readonly (readonly [number, number])[], k: OptimizerKernel): number {
  const i = pairs.findIndex(([b1, b2]) => b1 === k.beta1 && b2 === k.beta2);
  if (i < 0) throw new BackendError('internal', 'optimizer: betas missing from the bias-correction table');
  return i;
}

/** One element per thread on a GPU; on a CPU emulation fewer, fuller workgroups (each costs ~50 µs there). */
function elementsPerThread(ctx: KernelContext): number {
  return ctx.tilingProfile.kind === 'cpu' ? 64 : 1;
}

export function optimizerProgram(ctx: KernelContext, k: OptimizerKernel): KernelProgram {
  if (k.params.length === 0) throw new BackendError('validation', 'optimizer: no parameter tensors');
  for (const [name, beta] of [
    ['beta1', k.beta1],
    ['beta2', k.beta2],
  ] as const) {
    if (!(beta > 0 && beta < 1)) throw new BackendError('validation', `optimizer: ${name} must be in (0, 1), got ${beta}`);
  }
  const lengths = k.params.map((t) => {
    const n = bufferSpec(ctx.plan, t.param).elemsPerModel;
    requireElems(ctx, t.grad, n, 'optimizer grad');
    requireElems(ctx, t.m, n, 'optimizer m');
    requireElems(ctx, t.v, n, 'optimizer v');
    return n;
  });
  const total = lengths.reduce((a, b) => a + b, 0);
  const lists = (['param', 'grad', 'm', 'v'] as const).map((f) => k.params.map((t) => t[f]));
  const decls = [
    constants({
      E_TOTAL: u32(total),
      B1: f32(k.beta1),
      B2: f32(k.beta2),
      EPS: f32(k.eps),
      ONE_MINUS_B1: f32(1 - k.beta1),
      ONE_MINUS_B2: f32(1 - k.beta2),
      BIAS_PAIR: u32(biasPairIndex(ctx.biasPairs, k)),
    }),
    flatSlots(ctx, 'opt_slot', 'OptSlot', lists, lengths),
  ].join('\n');
  const ids = k.params.flatMap((t) => [t.param, t.grad, t.m, t.v]);
  return {
    key: `optimizer\n${decls}`,
    label: `optimizer over ${k.params.length} tensors (${total} elements per model)`,
    dispatch: foldDispatch(Math.ceil(total / (WORKGROUP_SIZE * elementsPerThread(ctx))), ctx.plan.models),
    body: `${decls}\n\n${optimizerWgsl}`,
    workgroupWords: 0,
    libraries: [],
    reads: ids,
    writes: k.params.flatMap((t) => [t.param, t.m, t.v]),
    perModel: false, // frozen models return early
  };
}
