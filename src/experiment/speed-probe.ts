// Times a few training epochs of an experiment's shape on a backend: the measured speed behind
// the Auto backend choice and the sweep time estimate. One warm-up epoch, then batches of 1, 2,
// 4, … epochs until the time budget is spent; each batch ends with a readback, so queued GPU or
// pool work is counted.

import type { Backend } from '../backends/backend';
import { Experiment, architecture, type NetSpec } from './runner';
import type { Settings } from './settings';
import type { Dataset } from './types';

/** The experiment whose speed matters: the settings' architecture and data, these nets (default: the two tutorial nets). */
export interface ProbeShape {
  readonly settings: Settings;
  readonly nets?: readonly NetSpec[];
  readonly data?: Dataset;
}

export interface ProbeBudget {
  /** keep timing until this many ms have passed (after the warm-up) */
  readonly minMs: number;
  /** …or this many epochs were timed */
  readonly maxEpochs: number;
}

export const DEFAULT_BUDGET: ProbeBudget = { minMs: 150, maxEpochs: 16 };

/** What makes two shapes cost the same: models, layer sizes, training and test points. */
export function shapeKey(shape: ProbeShape): string {
  const s = shape.settings;
  const models = shape.nets?.length ?? 2;
  const train = shape.data?.x.length ?? s.points;
  const test = shape.data?.testX.length ?? s.points;
  return `${models}×${architecture(s).join('-')}/${train}+${test}`;
}

/** Milliseconds per training epoch of `shape` on `backend`. */
export async function measureEpochMs(backend: Backend, shape: ProbeShape, budget: ProbeBudget = DEFAULT_BUDGET): Promise<number> {
  const exp = await Experiment.create(shape.settings, backend, { nets: shape.nets ? [...shape.nets] : undefined, data: shape.data });
  try {
    exp.train(1);
    await exp.trainModePredictions();
    let epochs = 0;
    let batch = 1;
    const t0 = performance.now();
    for (;;) {
      const n = Math.max(1, Math.min(batch, budget.maxEpochs - epochs));
      exp.train(n);
      await exp.trainModePredictions();
      epochs += n;
      batch *= 2;
      const ms = performance.now() - t0;
      if (ms >= budget.minMs || epochs >= budget.maxEpochs) return ms / epochs;
    }
  } finally {
    exp.dispose();
  }
}
