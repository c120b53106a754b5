// L1 and L2 as the tutorial teaches them. L1: λ·Σ|w| is added to the loss (so λ·sign(w) is added to
// every gradient, biases included, as torch's `loss + l1 * sum(p.abs())` over all parameters).
// L2: weight decay inside the optimizer; its implied penalty 0.5·wd·Σw² is reported, not
// backpropagated. One launch computes both values and adds the L1 gradient.

import type { BufferId, PenaltyKernel } from './plan';
import type { Param } from './ops';

export function penaltyKernel(params: readonly Param[], out: BufferId, history: boolean): PenaltyKernel {
  return { kind: 'penalty', params: params.map((p) => p.value), grads: params.map((p) => p.grad), out, history };
}

export function validateRegularization(l1: number, weightDecay: number, where: string): void {
  if (!Number.isFinite(l1) || l1 < 0) throw new RangeError(`${where}: L1 strength must be a finite number ≥ 0, got ${l1}`);
  if (!Number.isFinite(weightDecay) || weightDecay < 0)
    throw new RangeError(`${where}: weight decay must be a finite number ≥ 0, got ${weightDecay}`);
}
