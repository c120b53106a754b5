// Plan kernel -> kernel programs (one each, except the penalty: partial sums, then a finish).

import type { Kernel } from '../../../engine/plan';
import { matmulProgram, type TilingOverride } from './matmul';
import { mseProgram } from './mse';
import { optimizerProgram } from './optimizer';
import { penaltyPrograms } from './penalty';
import type { KernelContext, KernelProgram } from './program';

export function kernelPrograms(ctx: KernelContext, k: Kernel, tiling?: TilingOverride): KernelProgram[] {
  switch (k.kind) {
    case 'matmul':
      return [matmulProgram(ctx, k, tiling)];
    case 'mse':
      return [mseProgram(ctx, k)];
    case 'penalty':
      return penaltyPrograms(ctx, k);
    case 'optimizer':
      return [optimizerProgram(ctx, k)];
  }
}
