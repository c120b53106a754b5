// Batched sweeps as one experiment of many nets sharing one architecture: the dropout × weight-decay
// grid (regularized net of the settings, one model per cell) and K seeds of each tutorial net.

import { tutorialNets, type NetSpec } from './runner';
import type { Settings } from './settings';

/**
 * The grid's axes: dropout rates 0..0.8 (rows) and weight decays 0, then 1e-5..1e-1 log-spaced
 * (columns), snapped to round values (dropout to 0.01, weight decay to 3 significant digits), so a
 * cell's label, the model it trained and the setting it loads are the same numbers.
 */
export function gridAxes(rows: number, cols: number = rows): { dropout: number[]; weightDecay: number[] } {
  if (!Number.isInteger(rows) || rows < 1 || !Number.isInteger(cols) || cols < 1)
    throw new RangeError(`grid: rows and columns must be whole numbers ≥ 1, got ${rows}×${cols}`);
  const dropout = Array.from({ length: rows }, (_, i) => (rows === 1 ? 0.5 : Math.round((80 * i) / (rows - 1)) / 100));
  const weightDecay = Array.from({ length: cols }, (_, j) =>
    j === 0 ? 0 : Number((1e-5 * 10 ** ((4 * (j - 1)) / Math.max(1, cols - 2))).toPrecision(3)),
  );
  return { dropout, weightDecay };
}

/** The grid's nets: dropout rates × weight decays for the regularized net of the tutorial, row-major (cell i·cols + j). */
export function gridNets(s: Settings, side: number, cols: number = side): NetSpec[] {
  const [, base] = tutorialNets(s);
  const { dropout, weightDecay: decays } = gridAxes(side, cols);
  const nets: NetSpec[] = [];
  for (const pDrop of dropout)
    for (const weightDecay of decays) {
      nets.push({
        ...base,
        name: `p${pDrop.toFixed(2)}-wd${weightDecay.toExponential(0)}`,
        initDraw: 1,
        hyper: { ...base.hyper, pDrop, optimizer: { ...base.hyper.optimizer, weightDecay } },
      });
    }
  return nets;
}

/** What differs between the seeds: initial weights and dropout masks, or only the masks (one init). */
export type SeedVariation = 'init-and-masks' | 'masks';

/**
 * K seeds of each tutorial net: nets 0..K-1 are the plain net, K..2K-1 the regularized one. Seed k
 * is the settings' seed + k: its own dropout masks and, unless `vary` is 'masks', its own initial
 * weights (with 'masks' every copy starts from the settings' seed's weights, so the plain net, which
 * has no randomness left, has no spread). The data stays the settings'.
 */
export function seedNets(s: Settings, k: number, vary: SeedVariation = 'init-and-masks'): NetSpec[] {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`seeds: K must be a whole number ≥ 1, got ${k}`);
  const [plain, reg] = tutorialNets(s);
  const out: NetSpec[] = [];
  for (const base of [plain, reg])
    for (let i = 0; i < k; i++) {
      const seed = (s.seed + i) % 0x100000000;
      out.push({
        ...base,
        name: `${base.name}-seed${seed}`,
        label: `${base.label} (seed ${seed})`,
        hyper: { ...base.hyper, seed },
        ...(vary === 'masks' ? { initSeed: s.seed } : {}),
      });
    }
  return out;
}
