// Kernel programs for PenaltyKernel, in two passes so that large models use many workgroups:
// partial sums over fixed chunks of the flattened tensors (also adding l1·sign(w) to the grads),
// then one workgroup per model that adds the partials in a fixed order (shaders/penalty*.wgsl).
// The finish touches neither params nor grads, so it shares the optimizer's dispatch. (CPU
// emulations use param-sweep.ts instead.)

import { BackendError } from '../../backend';
import { bufferSpec, type Plan, type PenaltyKernel } from '../../../engine/plan';
import { penaltyFinishWgsl, penaltyWgsl } from '../shaders.gen';
import { WORKGROUP_SIZE } from '../shared-constants';
import { bool, constants, u32 } from '../wgsl';
import { allPerModel, operand, requireElems, type KernelContext, type KernelProgram } from './program';
import type { TilingProfile } from './matmul-tiling';
import { sweepThreads } from './param-sweep';
import { flatSlots } from './tensor-table';

/** Elements each thread of a pass-1 workgroup handles (about). */
const PER_THREAD = 8;

function totalElems(plan: Plan, k: PenaltyKernel): number {
  return k.params.reduce((s, p) => s + bufferSpec(plan, p).elemsPerModel, 0);
}

/**
 * Partial sums per model: one per pass-1 workgroup (at most 256, one per finishing thread), or on
 * a CPU emulation one per thread of the barrier-free sweep (param-sweep.ts).
 */
export function penaltyPartials(plan: Plan, k: PenaltyKernel, profile: TilingProfile): number {
  if (profile.kind === 'cpu') return sweepThreads(totalElems(plan, k));
  return Math.min(WORKGROUP_SIZE, Math.max(1, Math.ceil(totalElems(plan, k) / (WORKGROUP_SIZE * PER_THREAD))));
}

export function penaltyPrograms(ctx: KernelContext, k: PenaltyKernel): KernelProgram[] {
  if (k.params.length !== k.grads.length) {
    throw new BackendError('validation', `penalty: ${k.params.length} params but ${k.grads.length} grads`);
  }
  const partials = ctx.scratch(k);
  if (partials === undefined) throw new BackendError('internal', 'penalty: no scratch buffer for the partial sums');
  const lengths = k.params.map((p) => bufferSpec(ctx.plan, p).elemsPerModel);
  k.grads.forEach((g, j) => requireElems(ctx, g, lengths[j], 'penalty grad'));
  const outLen = requireElems(ctx, k.out, 1, 'penalty out');
  const total = totalElems(ctx.plan, k);
  const nPart = penaltyPartials(ctx.plan, k, ctx.tilingProfile);
  const partDecls = [
    constants({ E_TOTAL: u32(total), CHUNK: u32(Math.ceil(total / nPart)), ...operand(ctx, 'PART', partials) }),
    flatSlots(ctx, 'pen_slot', 'PenSlot', [k.params, k.grads], lengths),
  ].join('\n');
  const finishDecls = constants({
    NPART: u32(nPart),
    HISTORY: bool(k.history),
    OUT_LEN: u32(outLen),
    ...operand(ctx, 'PART', partials),
    ...operand(ctx, 'OUT', k.out),
  });
  const out = bufferSpec(ctx.plan, k.out).name;
  return [
    {
      key: `penalty\n${partDecls}`,
      label: `penalty partial sums over ${k.params.length} tensors (${nPart} per model)`,
      dispatch: [nPart, 1, ctx.plan.models],
      body: `${partDecls}\n\n${penaltyWgsl}`,
      workgroupWords: 2 * WORKGROUP_SIZE,
      libraries: ['pairSum'],
      reads: [...k.params, ...k.grads],
      writes: [...k.grads, partials],
      perModel: false,
    },
    {
      key: `penalty-finish\n${finishDecls}`,
      label: `penalty -> ${out}`,
      dispatch: [1, 1, ctx.plan.models],
      body: `${finishDecls}\n\n${penaltyFinishWgsl}`,
      workgroupWords: 2 * WORKGROUP_SIZE,
      libraries: ['pairSum'],
      reads: [partials],
      writes: [k.out],
      perModel: allPerModel(ctx, [k.out]),
    },
  ];
}
