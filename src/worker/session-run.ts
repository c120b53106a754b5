// One run of the training session: its experiment, the settings in effect from which epoch on
// (a "continue" change adds a segment), the states it can restart from, what it has posted, and
// what its compute cost so far.

import type { Settings } from '../experiment/settings';
import type { Experiment } from './engine-api';
import { SnapshotStore } from './snapshots';

/** Settings in effect after epoch `from` (the update from + 1 is the first to use them). */
export interface Segment {
  readonly from: number;
  readonly settings: Settings;
}

export class SessionRun {
  readonly snapshots = new SnapshotStore();
  private segments: Segment[];
  /** epoch of the last frame posted (the page holds frames up to here) */
  lastFrameEpoch = -1;
  /** epochs and ms of slices since the last frames message (posted with the next one) */
  unposted = { epochs: 0, ms: 0 };
  /** wall time spent computing this run (slices, evaluations, readback) */
  computeMs = 0;
  /** every net diverged: nothing left to train */
  allDiverged = false;
  /** a preview trained the experiment: its state is not this run's until restored */
  stateBorrowed = false;

  constructor(
    readonly id: number,
    readonly exp: Experiment,
    settings: Settings,
  ) {
    this.segments = [{ from: 0, settings }];
  }

  /** The settings in effect now (the last segment's). */
  get settings(): Settings {
    return this.segments[this.segments.length - 1].settings;
  }

  /** The settings in effect for the update after epoch `epoch`. */
  settingsAfter(epoch: number): Settings {
    let s = this.segments[0].settings;
    for (const seg of this.segments) if (seg.from <= epoch) s = seg.settings;
    return s;
  }

  /** Epochs in (from, to) where the settings change. */
  changesBetween(from: number, to: number): number[] {
    return this.segments.map((s) => s.from).filter((e) => e > from && e < to);
  }

  /** From epoch `from` on, train with `settings` (any later segment is forgotten). */
  apply(from: number, settings: Settings): void {
    this.segments = [...this.segments.filter((s) => s.from < from), { from, settings }];
  }

  /** The run's epoch (while a preview borrows the experiment: where the run stood). */
  get epoch(): number {
    return this.stateBorrowed ? Math.max(0, this.lastFrameEpoch) : this.exp.epoch;
  }

  get finished(): boolean {
    return this.epoch >= this.settings.epochs;
  }
}
