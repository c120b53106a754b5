// What the experiment runner hands out: datasets, frames and checkpoints. Plain data
// (structured-clonable), so the same objects travel from the worker to the page and into the CLI's JSON.

export interface Dataset {
  readonly x: readonly number[];
  readonly y: readonly number[];
  readonly testX: readonly number[];
  readonly testY: readonly number[];
}

/** Own training points (clicked on the chart, pasted, or from a link); test points stay generated. */
export interface TrainingPoints {
  readonly x: readonly number[];
  readonly y: readonly number[];
}

/** One model of an experiment (the tutorial has two: "overfitting" and "dropout"). */
export interface NetDescription {
  readonly name: string;
  readonly label: string;
}

/** One net at one evaluation (a frame). */
export interface NetFrame {
  readonly name: string;
  readonly label: string;
  /** train-mode data loss (MSE) of the last epoch's forward pass */
  readonly trainMse: number;
  /** eval-mode MSE on the test points */
  readonly testMse: number;
  /** eval-mode MSE on the training points */
  readonly trainMseEval: number;
  /** regularization penalty of the last epoch: l1·Σ|w| + 0.5·wd·Σw² */
  readonly penalty: number;
  /** eval-mode predictions on the test points and on the dense grid (Checkpoint.gridX) */
  readonly testPred: readonly number[];
  readonly gridPred: readonly number[];
  /** per-epoch train-mode data loss and penalty since the previous frame (epochs prevEpoch+1..epoch) */
  readonly lossHistory: readonly number[];
  readonly penaltyHistory: readonly number[];
  /** epoch at which the loss became NaN/Inf and training of this net stopped, else null */
  readonly divergedAt: number | null;
}

/**
 * Every net evaluated at one epoch: eval-mode predictions (dense grid and test points), losses, and
 * the per-epoch training losses since the previous frame. What the page plays.
 */
export interface Frame {
  /** epochs completed (= optimizer updates done); 0 is before training */
  readonly epoch: number;
  /** true at a checkpoint of the schedule (src/experiment/schedule.ts): test-loss markers, film-strip, exports, parity */
  readonly checkpoint: boolean;
  readonly nets: readonly NetFrame[];
  readonly gridX: readonly number[];
  /** wall time since the experiment started training */
  readonly elapsedMs: number;
}

/** A frame at a checkpoint epoch of the schedule (`checkpoint: true`). */
export type Checkpoint = Frame;
export type NetCheckpoint = NetFrame;
