// The timeline and the playhead: which computed frame is on screen, advanced once per animation
// frame at the chosen speed. Pure (the clock comes in with each tick), so it is tested without a
// browser. At every speed but Max the playhead moves at most one frame per animation frame, so
// every frame is on screen at least once; when the next frame is not computed yet it waits
// ("buffering", like a video); at Max it shows the newest frame on every animation frame.

export const SPEEDS = ['slow', 'tutorial', 'fast', 'max'] as const;
export type Speed = (typeof SPEEDS)[number];

/** Epochs per second of playback: Tutorial plays a 500-epoch run in about 5 s. */
export const EPOCHS_PER_SECOND: Record<Exclude<Speed, 'max'>, number> = { slow: 25, tutorial: 100, fast: 400 };

export const DEFAULT_SPEED: Speed = 'tutorial';

/** Longest tween between two frames (ms), whatever the gap. */
const MAX_TWEEN_MS = 600;

export type PlayStatus = 'empty' | 'paused' | 'playing' | 'buffering' | 'ended';

/** The playhead plays, or waits for frames to play. */
export const isPlaying = (s: { readonly status: PlayStatus }): boolean => s.status === 'playing' || s.status === 'buffering';
/** The epoch on screen, 0 before the first frame (a selector for the playback store). */
export const shownEpochOf = (s: { readonly epoch: number }): number => Math.max(0, s.epoch);
/** The playhead's status (a selector for the playback store). */
export const statusOf = (s: { readonly status: PlayStatus }): PlayStatus => s.status;

/** What the playhead needs of the run being played. */
export interface TimelineSource {
  /** changes when a new run starts (the timeline is cleared) */
  readonly run: number;
  /** epochs of the frames computed so far, ascending */
  readonly epochs: readonly number[];
  /** counts resumes from an earlier epoch: frames after `resumedAt` were replaced (maybe by as many new ones) */
  readonly resumes?: number;
  readonly resumedAt?: number;
  /** no more frames will come (the run is computed, or stopped for good) */
  readonly complete: boolean;
}

export interface PlayheadState {
  readonly run: number;
  /** index of the frame on screen (-1: none yet) */
  readonly index: number;
  /** its epoch (-1: none) */
  readonly epoch: number;
  readonly frames: number;
  readonly status: PlayStatus;
  readonly speed: Speed;
  /** how long the curves should take to morph into this frame (ms) */
  readonly tweenMs: number;
}

export class Playhead {
  private run = -1;
  private resumes = 0;
  private epochs: number[] = [];
  private complete = false;
  private index = -1;
  /** playhead position in epochs (fractional; never ahead of the next frame) */
  private position = 0;
  private playing = false;
  /** playing, but not advancing (waiting for the trainer to take in a change) */
  private held = false;
  private speed_: Speed;
  private lastTime: number | null = null;
  private ticks_ = 0;
  private tween = 0;
  /** per frame: the tick count when it arrived, and the tick it was first shown on (-1: never) */
  readonly arrivedTick: number[] = [];
  readonly shownTick: number[] = [];
  private state_: PlayheadState;

  constructor(speed: Speed = DEFAULT_SPEED) {
    this.speed_ = speed;
    this.state_ = this.snapshot();
  }

  get state(): PlayheadState {
    return this.state_;
  }
  get speed(): Speed {
    return this.speed_;
  }
  get isPlaying(): boolean {
    return this.playing;
  }
  /** animation frames seen */
  get ticks(): number {
    return this.ticks_;
  }

  /** Takes in the run's frames as they are now: a new run clears, more frames append, a resume truncates. */
  sync(source: TimelineSource): void {
    if (source.run !== this.run) {
      this.run = source.run;
      this.resumes = 0;
      this.epochs = [];
      this.arrivedTick.length = 0;
      this.shownTick.length = 0;
      this.index = -1;
      this.position = 0;
      this.lastTime = null;
    }
    if ((source.resumes ?? 0) !== this.resumes) {
      // frames after the resume point are void (new ones may have replaced them already)
      this.resumes = source.resumes ?? 0;
      const at = source.resumedAt ?? 0;
      let keep = this.epochs.length;
      while (keep > 0 && this.epochs[keep - 1] > at) keep--;
      this.truncate(keep);
    }
    const n = source.epochs.length;
    if (n < this.epochs.length) this.truncate(n);
    for (let i = this.epochs.length; i < n; i++) {
      this.epochs.push(source.epochs[i]);
      this.arrivedTick.push(this.ticks_);
      this.shownTick.push(-1);
    }
    this.complete = source.complete;
    if (this.index < 0 && n > 0) this.show(0, 0);
    this.state_ = this.snapshot();
  }

  play(): void {
    if (this.epochs.length === 0) {
      this.playing = true;
      this.state_ = this.snapshot();
      return;
    }
    if (this.complete && this.index >= this.epochs.length - 1) {
      // at the end: play the run again from its first frame
      this.show(0, 0);
    }
    this.playing = true;
    this.lastTime = null;
    this.state_ = this.snapshot();
  }

  pause(): void {
    this.playing = false;
    this.lastTime = null;
    this.state_ = this.snapshot();
  }

  private truncate(n: number): void {
    this.epochs.length = n;
    this.arrivedTick.length = n;
    this.shownTick.length = n;
    if (this.index >= n) {
      this.index = n - 1;
      this.position = n > 0 ? this.epochs[n - 1] : 0;
    }
  }

  /** Stops advancing (still playing) until release(): the frames ahead may be replaced. */
  hold(): void {
    this.held = true;
  }

  release(): void {
    this.held = false;
  }

  get isHeld(): boolean {
    return this.held;
  }

  setSpeed(speed: Speed): void {
    this.speed_ = speed;
    this.state_ = this.snapshot();
  }

  /** Shows frame `index` (clamped); playback, when on, continues from there. */
  seek(index: number): void {
    if (this.epochs.length === 0) return;
    const i = Math.max(0, Math.min(this.epochs.length - 1, Math.round(index)));
    this.show(i, 0);
    this.lastTime = null;
    this.state_ = this.snapshot();
  }

  /** Index of the last frame at or before `epoch` (-1: none). */
  indexAt(epoch: number): number {
    let lo = 0;
    let hi = this.epochs.length - 1;
    let best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.epochs[mid] <= epoch) {
        best = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return best;
  }

  /**
   * One animation frame at time `now` (ms), after sync(). Returns true when what is on screen
   * changed (the frame or the status).
   */
  tick(now: number): boolean {
    this.ticks_++;
    const before = this.state_;
    const dt = this.lastTime === null ? 0 : Math.max(0, now - this.lastTime);
    this.lastTime = now;
    const last = this.epochs.length - 1;
    if (this.playing && !this.held && last >= 0) {
      if (this.speed_ === 'max') {
        if (this.index < last) this.show(last, 0);
      } else {
        const eps = EPOCHS_PER_SECOND[this.speed_];
        const advanced = this.position + (eps * dt) / 1000;
        if (this.index < last && this.epochs[this.index + 1] <= advanced) {
          // one frame per animation frame at most: none is skipped
          const gap = this.index >= 0 ? this.epochs[this.index + 1] - this.epochs[this.index] : 0;
          this.show(this.index + 1, Math.min(MAX_TWEEN_MS, (1000 * gap) / eps));
        }
        // never ahead of the next frame (or, past the last one, of where the next should be)
        const limit = this.index < last ? this.epochs[this.index + 1] : this.epochs[last] + this.lastGap();
        this.position = Math.max(this.epochs[this.index], Math.min(advanced, limit));
      }
      if (this.index === last && this.complete) this.playing = false;
    }
    this.state_ = this.snapshot();
    return this.state_ !== before;
  }

  /** Epochs between the last two frames (the expected gap to the next one). */
  private lastGap(): number {
    const n = this.epochs.length;
    return n >= 2 ? this.epochs[n - 1] - this.epochs[n - 2] : 1;
  }

  private show(i: number, tweenMs: number): void {
    this.index = i;
    this.position = this.epochs[i];
    this.tween = tweenMs;
    if (this.shownTick[i] < 0) this.shownTick[i] = this.ticks_;
  }

  private status(): PlayStatus {
    const last = this.epochs.length - 1;
    if (last < 0) return this.playing ? 'buffering' : 'empty';
    if (this.complete && this.index >= last && !this.playing) return 'ended';
    if (!this.playing) return 'paused';
    // waiting for a frame that should be on screen by now
    if (this.index >= last && !this.complete && this.speed_ !== 'max' && this.position >= this.epochs[last] + this.lastGap())
      return 'buffering';
    return 'playing';
  }

  /** The state now; the same object as before when nothing in it changed. */
  private snapshot(): PlayheadState {
    const next: PlayheadState = {
      run: this.run,
      index: this.index,
      epoch: this.index >= 0 ? this.epochs[this.index] : -1,
      frames: this.epochs.length,
      status: this.status(),
      speed: this.speed_,
      tweenMs: this.tween,
    };
    const prev = this.state_ as PlayheadState | undefined;
    if (prev && (Object.keys(next) as (keyof PlayheadState)[]).every((k) => prev[k] === next[k])) return prev;
    return next;
  }
}
