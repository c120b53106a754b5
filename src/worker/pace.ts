// How the training session sizes its work: slices of about `sliceMs` of measured compute (so a
// command waits at most one slice), and the frame interval, adapted so that evaluation and readback
// stay under ~10% of the compute time (src/experiment/schedule.ts). Pure bookkeeping, no clock.
//
// What an evaluation costs: where the backend computes synchronously (the CPU: a slice spends next
// to no time waiting), the evaluate() calls themselves are timed; where it queues work (WebGPU),
// the cost is measured alone at the start of each run (evaluation + round trip, minus a bare round
// trip), and the smallest such measurement of the shape is kept (noise only ever adds time).

import { MAX_EVAL_SHARE, MIN_EVAL_SHARE, adaptFrameInterval, initialFrameInterval } from '../experiment/schedule';

/** Default length of one slice of work, in ms. */
export const SLICE_MS = 100;
/** A slice grows at most this much over the previous one (the first estimates are rough). */
const GROWTH = 4;
/** Weight of the newest slice in the running estimates. */
const SMOOTHING = 0.3;
/** Frames (and ms) a measurement window needs before the interval adapts. */
const WINDOW_FRAMES = 6;
const WINDOW_MS = 60;
/** A slice that waited less than this share of its time ran on a synchronous backend. */
const SYNC_WAIT_SHARE = 0.2;

export interface SliceRecord {
  readonly epochs: number;
  readonly frames: number;
  /** wall time of the whole slice (training, evaluations, waiting for them) */
  readonly ms: number;
  /** time spent inside the evaluate() calls (on a synchronous backend: the whole cost) */
  readonly evalMs: number;
  /** time spent waiting for the queued work at the end */
  readonly waitMs: number;
}

export class Pace {
  private msPerEpoch_: number | null = null;
  /**
   * wall time of a slice per epoch, evaluations and waits included: what sizes the slices (the
   * training estimate alone would stretch them when the evaluations' estimate is off, e.g. a lone
   * measurement taken while the machine was busy)
   */
  private sliceMsPerEpoch: number | null = null;
  /** per-frame evaluation cost measured inside slices (synchronous backends) */
  private inSliceEvalMs: number | null = null;
  /** per-frame evaluation cost measured alone (asynchronous backends), the smallest seen */
  private loneEvalMs: number | null = null;
  private synchronous = true;
  private lastSliceEpochs = 0;
  private interval: number;
  private window = { frames: 0, evalMs: 0, ms: 0 };

  constructor(
    every: number,
    readonly sliceMs = SLICE_MS,
  ) {
    this.interval = initialFrameInterval(every);
  }

  /** running estimate of the training cost of one epoch (ms), null before the first slice */
  get msPerEpoch(): number | null {
    return this.msPerEpoch_;
  }
  /** cost of one evaluation with its readback (ms), null before it was measured */
  get evalMs(): number | null {
    return this.synchronous ? (this.inSliceEvalMs ?? this.loneEvalMs) : this.loneEvalMs;
  }
  get frameInterval(): number {
    return this.interval;
  }

  /** A new shape (or backend): everything measured so far is void. */
  reset(every: number): void {
    this.msPerEpoch_ = null;
    this.sliceMsPerEpoch = null;
    this.inSliceEvalMs = null;
    this.loneEvalMs = null;
    this.synchronous = true;
    this.lastSliceEpochs = 0;
    this.interval = initialFrameInterval(every);
    this.window = { frames: 0, evalMs: 0, ms: 0 };
  }

  /** `every` changed: keep the interval a divisor of it. */
  follow(every: number): void {
    this.interval = adaptFrameInterval(this.interval, (MIN_EVAL_SHARE + MAX_EVAL_SHARE) / 2, every);
  }

  /** Epochs in the next slice: ~sliceMs of wall time, at least 1, at most `remaining`. */
  sliceEpochs(remaining: number): number {
    if (remaining <= 0) return 0;
    const perEpoch = this.sliceMsPerEpoch;
    const byTime = perEpoch === null ? 1 : Math.floor(this.sliceMs / Math.max(perEpoch, 1e-4));
    const limit = this.lastSliceEpochs > 0 ? this.lastSliceEpochs * GROWTH : 1;
    return Math.max(1, Math.min(byTime, limit, remaining));
  }

  /** A lone evaluation (eval program + readback, minus a bare round trip) took `ms`. */
  recordEvaluation(ms: number): void {
    const v = Math.max(0, ms);
    this.loneEvalMs = this.loneEvalMs === null ? v : Math.min(this.loneEvalMs, v);
  }

  /**
   * A slice is done: update the ms-per-epoch and evaluation estimates, and adapt the frame
   * interval once a window of slices holds enough frames.
   */
  recordSlice(r: SliceRecord, every: number): void {
    if (r.epochs <= 0) return;
    this.lastSliceEpochs = r.epochs;
    this.synchronous = r.waitMs <= SYNC_WAIT_SHARE * r.ms;
    if (this.synchronous && r.frames > 0) {
      const sample = r.evalMs / r.frames;
      this.inSliceEvalMs = this.inSliceEvalMs === null ? sample : SMOOTHING * sample + (1 - SMOOTHING) * this.inSliceEvalMs;
    }
    const evalTotal = r.frames * (this.evalMs ?? 0);
    const perEpoch = Math.max(r.ms - evalTotal, 0.05 * r.ms) / r.epochs;
    this.msPerEpoch_ = this.msPerEpoch_ === null ? perEpoch : SMOOTHING * perEpoch + (1 - SMOOTHING) * this.msPerEpoch_;
    const wall = r.ms / r.epochs;
    this.sliceMsPerEpoch = this.sliceMsPerEpoch === null ? wall : SMOOTHING * wall + (1 - SMOOTHING) * this.sliceMsPerEpoch;
    if (this.evalMs === null) return;
    this.window.frames += r.frames;
    this.window.evalMs += evalTotal;
    this.window.ms += r.ms;
    if (this.window.frames < WINDOW_FRAMES || this.window.ms < WINDOW_MS) return;
    this.interval = adaptFrameInterval(this.interval, this.window.evalMs / this.window.ms, every);
    this.window = { frames: 0, evalMs: 0, ms: 0 };
  }

  /** Expected compute time of a whole run of `epochs` epochs (null before any measurement). */
  runEstimate(epochs: number, every: number): number | null {
    if (this.msPerEpoch_ === null) return null;
    const frames = Math.ceil(epochs / this.interval) + Math.ceil(epochs / every) + 2;
    return this.msPerEpoch_ * epochs + frames * (this.evalMs ?? 0);
  }
}
