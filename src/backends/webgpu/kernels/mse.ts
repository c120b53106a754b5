// Kernel program for MseKernel: one 256-thread workgroup per model with a tree reduction
// (shaders/mse.wgsl), or on a CPU emulation one thread per model without barriers
// (shaders/mse-direct.wgsl).

import { BackendError } from '../../backend';
import { bufferSpec, type MseKernel } from '../../../engine/plan';
import { mseDirectWgsl, mseWgsl } from '../shaders.gen';
import { WORKGROUP_SIZE } from '../shared-constants';
import { bool, constants, f32, u32 } from '../wgsl';
import { allPerModel, operand, requireElems, type KernelContext, type KernelProgram } from './program';

/** Models per workgroup of the direct kernel (one thread each). */
const MSE_WG = 64;

export function mseProgram(ctx: KernelContext, k: MseKernel): KernelProgram {
  if (!Number.isInteger(k.n) || k.n < 1) throw new BackendError('validation', `mse: bad n ${k.n}`);
  requireElems(ctx, k.pred, k.n, 'mse pred');
  requireElems(ctx, k.target, k.n, 'mse target');
  if (k.grad !== undefined) requireElems(ctx, k.grad, k.n, 'mse grad');
  const lossLen = requireElems(ctx, k.lossOut, 1, 'mse lossOut');
  const models = ctx.plan.models;
  const direct = ctx.tilingProfile.kind === 'cpu';
  const perWorkgroup = Math.min(MSE_WG, models);
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
    ...(direct ? { MODELS: u32(models), MSE_WG: u32(perWorkgroup) } : {}),
  });
  const writes = k.grad !== undefined ? [k.lossOut, k.grad] : [k.lossOut];
  const common = {
    key: `${direct ? 'mse-direct' : 'mse'}\n${decls}`,
    label: `mse ${bufferSpec(ctx.plan, k.pred).name} -> ${bufferSpec(ctx.plan, k.lossOut).name}`,
    libraries: [],
    reads: [k.pred, k.target],
    writes,
  };
  if (direct) {
    return {
      ...common,
      dispatch: [Math.ceil(models / perWorkgroup), 1, 1],
      body: `${decls}\n\n${mseDirectWgsl}`,
      workgroupWords: 0,
      workgroupSize: perWorkgroup,
      perModel: false,
    };
  }
  return {
    ...common,
    dispatch: [1, 1, models],
    body: `${decls}\n\n${mseWgsl}`,
    workgroupWords: WORKGROUP_SIZE,
    perModel: allPerModel(ctx, writes),
  };
}
