// What the live dropout diagram draws, as plain data: a sample of at most MAX_SHOWN_UNITS units per
// hidden layer of the regularized net, which of them the mask of one optimizer update drops for one
// training point (the engine's own masks: src/engine/random/dropout-mask.ts, the function the CPU
// kernels apply), and where the convention scales: kept units ×1/(1−p) while training (inverted)
// or every unit ×(1−p) at test time (vanilla).

import { dropoutScales } from '../engine/hyper';
import { dropoutKeeps, maskElement } from '../engine/random/dropout-mask';
import type { Convention, Settings } from '../experiment/settings';

export const MAX_SHOWN_UNITS = 16;

/** `count` unit indices spread evenly over a layer of `width` units (all of them when it is small). */
export function sampledUnits(width: number, count = MAX_SHOWN_UNITS): number[] {
  const n = Math.max(0, Math.min(width, count));
  return Array.from({ length: n }, (_, j) => Math.floor((j * width) / n));
}

export interface DiagramUnit {
  /** index of the unit in its layer */
  readonly unit: number;
  readonly kept: boolean;
}

export interface DiagramLayer {
  /** the Dropout layer's slot (0 for the first hidden layer) */
  readonly slot: number;
  /** units in the layer */
  readonly width: number;
  readonly units: readonly DiagramUnit[];
  /** dropped units among those shown */
  readonly dropped: number;
}

export interface DiagramModel {
  /** the optimizer update whose mask is shown (1-based) */
  readonly step: number;
  /** true at epoch 0: the mask of the first update, which has not run yet */
  readonly upcoming: boolean;
  /** the training point (row of the layer's output) whose mask is shown, and how many there are */
  readonly row: number;
  readonly rows: number;
  readonly pDrop: number;
  readonly convention: Convention;
  /** multiplier of a kept unit while training (1/(1−p) inverted, 1 vanilla) */
  readonly trainScale: number;
  /** multiplier of every unit at test time (1 inverted, 1−p vanilla) */
  readonly evalScale: number;
  readonly layers: readonly DiagramLayer[];
}

/** The mask of the update shown at `epoch`: epoch e ≥ 1 shows update e (the last one done), epoch 0 the first one. */
export function stepAt(epoch: number): { step: number; upcoming: boolean } {
  const e = Number.isFinite(epoch) ? Math.floor(epoch) : 0;
  return e >= 1 ? { step: Math.min(e, 0xffffffff), upcoming: false } : { step: 1, upcoming: true };
}

/** Which of `units` Dropout layer `slot` keeps for training point `row` at `step` (the engine's masks). */
export function keptUnits(
  seed: number,
  slot: number,
  step: number,
  row: number,
  width: number,
  units: readonly number[],
  pDrop: number,
): boolean[] {
  return units.map((u) => dropoutKeeps(seed, slot, step, maskElement(row, u, width), pDrop));
}

/**
 * The diagram of the regularized net with `settings` at `epoch`, for training point `row` of `rows`
 * (default: the settings' number of points). Bad numbers are clamped, never thrown.
 */
export function diagramModel(settings: Settings, epoch: number, row = 0, rows: number = settings.points): DiagramModel {
  const { step, upcoming } = stepAt(epoch);
  const nRows = Number.isInteger(rows) && rows >= 1 ? rows : 1;
  const r = Number.isInteger(row) ? Math.min(Math.max(row, 0), nRows - 1) : 0;
  const p = settings.dropout;
  const { trainScale, evalScale } = dropoutScales(p, settings.convention);
  const width = settings.hidden;
  const shown = sampledUnits(width);
  const layers = Array.from({ length: settings.layers }, (_, slot): DiagramLayer => {
    const kept = keptUnits(settings.seed, slot, step, r, width, shown, p);
    const units = shown.map((unit, i) => ({ unit, kept: kept[i] }));
    return { slot, width, units, dropped: units.filter((u) => !u.kept).length };
  });
  return { step, upcoming, row: r, rows: nRows, pDrop: p, convention: settings.convention, trainScale, evalScale, layers };
}
