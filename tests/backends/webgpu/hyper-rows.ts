// Random per-model hyperparameter rows for the kernel tests (raw table words, any combination).

import { HYPER_STRIDE, Hyper } from '../../../src/engine/plan';
import type { Rng } from '../../helpers/random';

export interface HyperRow {
  lr: number;
  pDrop: number;
  trainScale: number;
  evalScale: number;
  weightDecay: number;
  l1: number;
  optimizer: number;
  momentum: number;
  seed: number;
  active: number;
}

export function randomHyperRow(rng: Rng): HyperRow {
  const pDrop = rng.pick([0, 0.5, rng.uniform(0, 0.9)]);
  const inverted = rng.bool();
  return {
    lr: rng.pick([0.01, 0.001, rng.uniform(1e-4, 0.1)]),
    pDrop,
    trainScale: inverted ? 1 / (1 - pDrop) : 1,
    evalScale: inverted ? 1 : 1 - pDrop,
    weightDecay: rng.pick([0, 1e-3, 1e-2, rng.uniform(0, 0.1)]),
    l1: rng.pick([0, 1e-4, rng.uniform(0, 0.01)]),
    optimizer: rng.int(0, 2),
    momentum: rng.pick([0, 0.9, rng.uniform(0, 0.99)]),
    seed: rng.u32(),
    active: rng.bool(0.85) ? 1 : 0,
  };
}

export function hyperTable(rows: readonly HyperRow[]): ArrayBuffer {
  const bytes = new ArrayBuffer(rows.length * HYPER_STRIDE * 4);
  const f = new Float32Array(bytes);
  const u = new Uint32Array(bytes);
  rows.forEach((r, m) => {
    const o = m * HYPER_STRIDE;
    f[o + Hyper.lr] = r.lr;
    f[o + Hyper.pDrop] = r.pDrop;
    f[o + Hyper.trainScale] = r.trainScale;
    f[o + Hyper.evalScale] = r.evalScale;
    f[o + Hyper.weightDecay] = r.weightDecay;
    f[o + Hyper.l1] = r.l1;
    f[o + Hyper.optimizer] = r.optimizer;
    f[o + Hyper.momentum] = r.momentum;
    u[o + Hyper.seed] = r.seed >>> 0;
    f[o + Hyper.active] = r.active;
  });
  return bytes;
}
