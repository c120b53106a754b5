// Builds the results table's input from what the page already holds: the displayed frame of the
// run store (its nets in the order plain, regularized) and the Seeds job's state with the settings
// and points it was started with (BatchState does not keep them: the page passes what it sent).
// Runs are told apart by their actual training points (a Dataset's x and y), so own points and
// generated ones compare the same way.

import type { NetErrors, ResultsInput, SeedEvidence } from '../analysis/generalisation';
import type { Settings } from '../experiment/settings';
import type { Dataset, TrainingPoints } from '../experiment/types';
import type { BatchState } from './batch-state';
import { encodePoints } from './url-state';

/** What a frame or checkpoint of the run holds per net (run-store Frame, experiment Checkpoint). */
export interface FrameNets {
  readonly epoch: number;
  readonly nets: readonly { readonly trainMseEval: number; readonly testMse: number; readonly divergedAt: number | null }[];
}

/** The key that tells two runs' training points apart: '' for the settings' data, else the own points as a link holds them. */
export function dataKeyOf(points: TrainingPoints | null): string {
  return points === null ? '' : encodePoints(points);
}

/** The training points of a run's data (its test points are generated from the settings). */
export function trainingPointsOf(data: Dataset): TrainingPoints {
  return { x: data.x, y: data.y };
}

function errorsOf(n: FrameNets['nets'][number] | undefined): NetErrors {
  return n ? { trainMse: n.trainMseEval, testMse: n.testMse, divergedAt: n.divergedAt } : { trainMse: NaN, testMse: NaN, divergedAt: null };
}

/** The Seeds job's test MSEs as evidence, or null unless it is a seeds job with a checkpoint. */
export function seedEvidenceOf(state: BatchState, settings: Settings, points: TrainingPoints | null): SeedEvidence | null {
  if (state.job?.kind !== 'seeds' || state.checkpointEpochs.length === 0) return null;
  const k = state.job.k;
  return {
    settings,
    dataKey: dataKeyOf(points),
    k,
    epochs: state.checkpointEpochs,
    plain: state.testMse.slice(0, k),
    regularized: state.testMse.slice(k, 2 * k),
  };
}

/** The table's input: the displayed frame of the run with `settings` on `points`, and the last seed evidence. */
export function resultsInputOf(
  frame: FrameNets,
  settings: Settings,
  points: TrainingPoints | null,
  seeds: SeedEvidence | null,
): ResultsInput {
  return {
    epoch: frame.epoch,
    settings,
    dataKey: dataKeyOf(points),
    plain: errorsOf(frame.nets[0]),
    regularized: errorsOf(frame.nets[1]),
    seeds,
  };
}
