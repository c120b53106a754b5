// Loads the reference files from GOLDEN_DIR (default ../shared/reference): the seed run's
// initial parameters, so the CLI's tutorial run starts from PyTorch's exact weights.

import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { toF32 } from '../experiment/golden';

export function goldenDir(): string {
  return resolve(process.env.GOLDEN_DIR ?? resolve(process.cwd(), '../shared/reference'));
}

type Nested = number | Nested[];
export interface SeedRun {
  readonly init_params: Readonly<Record<'overfitting' | 'dropped', Readonly<Record<string, Nested>>>>;
  readonly checkpoints: {
    /** the tutorial's loop variable t at each evaluation (after t + 1 updates) */
    readonly epochs: readonly number[];
    /** updates done at each evaluation: our epochs */
    readonly updates_done: readonly number[];
    readonly test_mse: Readonly<Record<'overfitting' | 'dropped', readonly number[]>>;
  };
  readonly dropped_mask_variability: { readonly mean: readonly number[]; readonly std: readonly number[] };
  readonly train_mse: Readonly<Record<'overfitting' | 'dropped', readonly number[]>>;
}

export function loadSeedRun(): SeedRun | undefined {
  const file = resolve(goldenDir(), 'seed_run.json');
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as SeedRun;
}

/** PyTorch's initial parameters of the seed's two nets, in the plan's order. */
export function seedRunInit(run: SeedRun, names: readonly string[]): Float32Array[][] {
  return (['overfitting', 'dropped'] as const).map((net) => names.map((n) => toF32(run.init_params[net][n])));
}
