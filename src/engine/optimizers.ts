// Optimizers with torch 1.13's formulas (SGD with momentum and weight_decay; Adam with coupled
// weight_decay; AdamW with decoupled decay). The arithmetic lives in the backends' optimizer
// kernels; here is the per-model configuration and the launch that updates every parameter.

import { OptimizerCode, type OptimizerKernel, type OptimizerName } from './plan';
import type { Param } from './ops';

export interface OptimizerConfig {
  readonly type: OptimizerName;
  readonly lr: number;
  readonly weightDecay: number;
  /** SGD only */
  readonly momentum: number;
}

export const ADAM_DEFAULTS = { beta1: 0.9, beta2: 0.999, eps: 1e-8 } as const;

export function SGD(lr: number, options: { momentum?: number; weightDecay?: number } = {}): OptimizerConfig {
  return validateOptimizer({ type: 'sgd', lr, momentum: options.momentum ?? 0, weightDecay: options.weightDecay ?? 0 });
}
export function Adam(lr: number, options: { weightDecay?: number } = {}): OptimizerConfig {
  return validateOptimizer({ type: 'adam', lr, momentum: 0, weightDecay: options.weightDecay ?? 0 });
}
export function AdamW(lr: number, options: { weightDecay?: number } = {}): OptimizerConfig {
  return validateOptimizer({ type: 'adamw', lr, momentum: 0, weightDecay: options.weightDecay ?? 0.01 });
}

export function validateOptimizer(config: OptimizerConfig): OptimizerConfig {
  const where = `${config.type} optimizer`;
  if (!(config.type in OptimizerCode)) throw new RangeError(`unknown optimizer "${config.type}" (use sgd, adam or adamw)`);
  if (!Number.isFinite(config.lr) || config.lr <= 0)
    throw new RangeError(`${where}: learning rate must be a finite number > 0, got ${config.lr}`);
  if (!Number.isFinite(config.weightDecay) || config.weightDecay < 0)
    throw new RangeError(`${where}: weight_decay must be a finite number ≥ 0, got ${config.weightDecay}`);
  if (!Number.isFinite(config.momentum) || config.momentum < 0 || config.momentum >= 1)
    throw new RangeError(`${where}: momentum must be in [0, 1), got ${config.momentum}`);
  return config;
}

/** One launch that updates every parameter of every model. */
export function optimizerKernel(params: readonly Param[]): OptimizerKernel {
  return {
    kind: 'optimizer',
    ...ADAM_DEFAULTS,
    params: params.map((p) => ({ param: p.value, grad: p.grad, m: p.m, v: p.v })),
  };
}
