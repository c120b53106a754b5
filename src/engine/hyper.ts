// Builds the per-model hyperparameter table (see Hyper in plan.ts) from per-model configurations.

import { HYPER_STRIDE, Hyper, OptimizerCode } from './plan';
import { validateOptimizer, type OptimizerConfig } from './optimizers';
import { validateRegularization } from './regularizers';

export type DropoutConvention = 'inverted' | 'vanilla';

export interface ModelHyper {
  readonly optimizer: OptimizerConfig;
  /** drop probability of every Dropout layer, in [0, 1) */
  readonly pDrop: number;
  readonly convention: DropoutConvention;
  readonly l1: number;
  /** u32 seed of the dropout masks */
  readonly seed: number;
  /** false freezes the model (diverged): the optimizer skips it */
  readonly active: boolean;
}

export function validateModelHyper(h: ModelHyper, where: string): void {
  validateOptimizer(h.optimizer);
  validateRegularization(h.l1, h.optimizer.weightDecay, where);
  if (!Number.isFinite(h.pDrop) || h.pDrop < 0 || h.pDrop >= 1) {
    throw new RangeError(`${where}: Dropout p must be in [0, 1) (the probability of dropping a unit), got ${h.pDrop}`);
  }
  if (h.convention !== 'inverted' && h.convention !== 'vanilla')
    throw new RangeError(`${where}: unknown dropout convention "${String(h.convention)}"`);
  if (!Number.isInteger(h.seed) || h.seed < 0 || h.seed > 0xffffffff)
    throw new RangeError(`${where}: seed must be a whole number in [0, 2^32), got ${h.seed}`);
}

/** Multipliers of the two conventions: inverted scales kept units by 1/(1-p) in training, vanilla scales by 1-p at test time. */
export function dropoutScales(pDrop: number, convention: DropoutConvention): { trainScale: number; evalScale: number } {
  const keep = 1 - pDrop;
  return convention === 'inverted' ? { trainScale: 1 / keep, evalScale: 1 } : { trainScale: 1, evalScale: keep };
}

export function hyperTable(models: readonly ModelHyper[]): ArrayBuffer {
  const bytes = new ArrayBuffer(models.length * HYPER_STRIDE * 4);
  const f32 = new Float32Array(bytes);
  const u32 = new Uint32Array(bytes);
  models.forEach((h, m) => {
    validateModelHyper(h, `model ${m}`);
    const row = m * HYPER_STRIDE;
    const { trainScale, evalScale } = dropoutScales(h.pDrop, h.convention);
    f32[row + Hyper.lr] = h.optimizer.lr;
    f32[row + Hyper.pDrop] = h.pDrop;
    f32[row + Hyper.trainScale] = trainScale;
    f32[row + Hyper.evalScale] = evalScale;
    f32[row + Hyper.weightDecay] = h.optimizer.weightDecay;
    f32[row + Hyper.l1] = h.l1;
    f32[row + Hyper.optimizer] = OptimizerCode[h.optimizer.type];
    f32[row + Hyper.momentum] = h.optimizer.momentum;
    u32[row + Hyper.seed] = h.seed >>> 0;
    f32[row + Hyper.active] = h.active ? 1 : 0;
  });
  return bytes;
}
