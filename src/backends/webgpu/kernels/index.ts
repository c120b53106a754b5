// Plan kernels -> kernel programs: one each, except the penalty (partial sums, then their total).
// On a CPU emulation the penalty and the optimizer run as barrier-free sweeps over the parameter
// elements (param-sweep.ts), and a penalty directly followed by the optimizer step over the same
// tensors becomes one sweep.

import type { Kernel } from '../../../engine/plan';
import { matmulProgram, type TilingOverride } from './matmul';
import { mseProgram } from './mse';
import { optimizerProgram } from './optimizer';
import { fusable, sweepPrograms } from './param-sweep';
import { penaltyPrograms } from './penalty';
import type { KernelContext, KernelProgram } from './program';

export function kernelPrograms(ctx: KernelContext, k: Kernel, tiling?: TilingOverride): KernelProgram[] {
  const emulated = ctx.tilingProfile.kind === 'cpu';
  switch (k.kind) {
    case 'matmul':
      return [matmulProgram(ctx, k, tiling)];
    case 'mse':
      return [mseProgram(ctx, k)];
    case 'penalty':
      return emulated ? sweepPrograms(ctx, k, undefined) : penaltyPrograms(ctx, k);
    case 'optimizer':
      return emulated ? sweepPrograms(ctx, undefined, k) : [optimizerProgram(ctx, k)];
  }
}

/** The kernel programs of a plan program's kernels, in order (fusing as described above). */
export function programKernels(ctx: KernelContext, kernels: readonly Kernel[], tiling?: TilingOverride): KernelProgram[] {
  const out: KernelProgram[] = [];
  for (let i = 0; i < kernels.length; i++) {
    const k = kernels[i];
    const next = kernels[i + 1];
    if (ctx.tilingProfile.kind === 'cpu' && k.kind === 'penalty' && next?.kind === 'optimizer' && fusable(k, next)) {
      // the sweep first (it writes the partials), then the total
      out.push(...sweepPrograms(ctx, k, next));
      i++;
      continue;
    }
    out.push(...kernelPrograms(ctx, k, tiling));
  }
  return out;
}
