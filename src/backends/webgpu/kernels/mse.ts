// Kernel program for MseKernel: one 256-thread workgroup per model (shaders/mse.wgsl).

import { BackendError } from '../../backend';
import { bufferSpec, type MseKernel } from '../../../engine/plan';
import { mseWgsl } from '../shaders.gen';
import { WORKGROUP_SIZE } from '../shared-constants';
import { bool, constants, f32, u32 } from '../wgsl';
import { allPerModel, operand, requireElems, type KernelContext, type KernelProgram } from './program';

export function mseProgram(ctx: KernelContext, k: MseKernel): KernelProgram {
  if (!Number.isInteger(k.n) || k.n < 1) throw new BackendError('validation', `mse: bad n ${k.n}`);
  requireElems(ctx, k.pred, k.n, 'mse pred');
  requireElems(ctx, k.target, k.n, 'mse target');
  if (k.grad !== undefined) requireElems(ctx, k.grad, k.n, 'mse grad');
  const lossLen = requireElems(ctx, k.lossOut, 1, 'mse lossOut');
  const decls = constants({
    N: u32(k.n),
    TWO_OVER_N: f32(2 / k.n),
    HISTORY: bool(k.history),
    LOSS_LEN: u32(lossLen),
    HAS_GRAD: bool(k.grad !== undefined),
    ...operand(ctx, 'PRED', k.pred),
    ...operand(ctx, 'TARGET', k.target),
    ...operand(ctx, 'GRAD', k.grad),
    ...operand(ctx, 'LOSS', k.lossOut),
  });
  return {
    key: `mse\n${decls}`,
    label: `mse ${bufferSpec(ctx.plan, k.pred).name} -> ${bufferSpec(ctx.plan, k.lossOut).name}`,
    dispatch: [1, 1, ctx.plan.models],
    body: `${decls}\n\n${mseWgsl}`,
    workgroupWords: WORKGROUP_SIZE,
    libraries: [],
    reads: [k.pred, k.target],
    writes: k.grad !== undefined ? [k.lossOut, k.grad] : [k.lossOut],
    perModel: allPerModel(ctx, k.grad !== undefined ? [k.lossOut, k.grad] : [k.lossOut]),
  };
}
