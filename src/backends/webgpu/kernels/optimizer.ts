// Kernel program for OptimizerKernel: one thread per parameter element, all tensors of all models
// in one dispatch (x·y: element blocks, z: model; shaders/optimizer-rule.wgsl, shaders/optimizer.wgsl).
// CPU emulations run the step in param-sweep.ts instead.

import { BackendError } from '../../backend';
import { bufferSpec, type OptimizerKernel, type Plan } from '../../../engine/plan';
import { optimizerRuleWgsl, optimizerWgsl } from '../shaders.gen';
import { WORKGROUP_SIZE } from '../shared-constants';
import { constants, f32, u32, type WgslValue } from '../wgsl';
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

/** Adam's constants (optimizer-rule.wgsl) of `k`, or placeholders for a kernel body without an optimizer. */
export function optimizerConstants(ctx: KernelContext, k?: OptimizerKernel): Record<string, WgslValue> {
  const beta1 = k?.beta1 ?? 0.9;
  const beta2 = k?.beta2 ?? 0.999;
  return {
    B1: f32(beta1),
    B2: f32(beta2),
    EPS: f32(k?.eps ?? 1e-8),
    ONE_MINUS_B1: f32(1 - beta1),
    ONE_MINUS_B2: f32(1 - beta2),
    BIAS_PAIR: u32(k ? biasPairIndex(ctx.biasPairs, k) : 0),
  };
}

/** Elements per model of each parameter tensor (checked: grads and moments as long). */
export function optimizerLengths(ctx: KernelContext, k: OptimizerKernel): number[] {
  if (k.params.length === 0) throw new BackendError('validation', 'optimizer: no parameter tensors');
  for (const [name, beta] of [
    ['beta1', k.beta1],
    ['beta2', k.beta2],
  ] as const) {
    if (!(beta > 0 && beta < 1)) throw new BackendError('validation', `optimizer: ${name} must be in (0, 1), got ${beta}`);
  }
  return k.params.map((t) => {
    const n = bufferSpec(ctx.plan, t.param).elemsPerModel;
    requireElems(ctx, t.grad, n, 'optimizer grad');
    requireElems(ctx, t.m, n, 'optimizer m');
    requireElems(ctx, t.v, n, 'optimizer v');
    return n;
  });
}

export function optimizerProgram(ctx: KernelContext, k: OptimizerKernel): KernelProgram {
  const lengths = optimizerLengths(ctx, k);
  const total = lengths.reduce((a, b) => a + b, 0);
  const lists = (['param', 'grad', 'm', 'v'] as const).map((f) => k.params.map((t) => t[f]));
  const decls = [
    constants({ E_TOTAL: u32(total), ...optimizerConstants(ctx, k) }),
    flatSlots(ctx, 'opt_slot', 'OptSlot', lists, lengths),
  ].join('\n');
  const ids = k.params.flatMap((t) => [t.param, t.grad, t.m, t.v]);
  return {
    key: `optimizer\n${decls}`,
    label: `optimizer over ${k.params.length} tensors (${total} elements per model)`,
    dispatch: foldDispatch(Math.ceil(total / WORKGROUP_SIZE), ctx.plan.models),
    body: `${decls}\n\n${optimizerRuleWgsl}\n\n${optimizerWgsl}`,
    workgroupWords: 0,
    libraries: [],
    reads: ids,
    writes: k.params.flatMap((t) => [t.param, t.m, t.v]),
    perModel: false, // frozen models return early
  };
}
