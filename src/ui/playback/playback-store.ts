// The playhead wired to the page: it follows the run store's timeline and advances on animation
// frames while playing. An external store (useSyncExternalStore) that notifies only when what is
// on screen changes (the frame, the status, the number of frames), not on every animation frame.

import type { RunStore, RunView } from '../run-store';
import { Playhead, type PlayheadState, type Speed, type TimelineSource } from './playhead';

export interface AnimationClock {
  request(callback: (time: number) => void): number;
  cancel(handle: number): void;
}

const browserClock: AnimationClock = {
  request: (cb) => requestAnimationFrame(cb),
  cancel: (h) => cancelAnimationFrame(h),
};

/** The run store's current run as the playhead sees it. */
export function timelineOf(view: RunView): TimelineSource {
  const run = view.current;
  return {
    run: run?.id ?? 0,
    epochs: run?.epochs ?? [],
    resumes: run?.resumes ?? 0,
    resumedAt: run?.resumedAt ?? 0,
    complete: view.worker.finished || view.worker.allDiverged,
  };
}

type Listener = () => void;

export class PlaybackStore {
  readonly playhead: Playhead;
  private listeners = new Set<Listener>();
  private handle: number | null = null;
  private run = 0;
  private frames = 0;
  private releaseWhen: ((view: RunView) => boolean) | null = null;

  constructor(
    private readonly runs: RunStore,
    speed: Speed,
    private readonly clock: AnimationClock = browserClock,
  ) {
    this.playhead = new Playhead(speed);
    this.follow();
  }

  /** Follow the run store (and animate) until the returned function detaches it. */
  attach(): () => void {
    const unsubscribe = this.runs.subscribe(() => this.follow());
    this.follow();
    return () => {
      unsubscribe();
      if (this.handle !== null) this.clock.cancel(this.handle);
      this.handle = null;
    };
  }

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): PlayheadState => this.playhead.state;

  play(): void {
    this.playhead.play();
    this.changed();
  }

  pause(): void {
    this.playhead.pause();
    this.changed();
  }

  /** Shows frame `index`; playback stops there (Play continues from it). */
  seek(index: number): void {
    this.playhead.pause();
    this.playhead.seek(index);
    this.changed();
  }

  /**
   * Holds the playhead where it is (playing, not advancing) until `until` holds for the run store:
   * a change applied from the epoch on screen replaces the frames after it.
   */
  holdUntil(until: (view: RunView) => boolean): void {
    this.releaseWhen = until;
    this.playhead.hold();
    this.follow();
  }

  setSpeed(speed: Speed): void {
    this.playhead.setSpeed(speed);
    this.changed();
  }

  /** The run store changed: take in its timeline; a run replaced by a change plays from epoch 0. */
  private follow(): void {
    const view = this.runs.getSnapshot();
    if (this.releaseWhen?.(view)) {
      this.releaseWhen = null;
      this.playhead.release();
    }
    const source = timelineOf(view);
    const newRun = source.run !== this.run;
    this.run = source.run;
    this.playhead.sync(source);
    if (newRun) {
      const cause = view.current?.cause;
      if (cause === 'replay' || cause === 'shape') this.playhead.play();
      else if (cause !== undefined) this.playhead.pause();
    }
    if (newRun || source.epochs.length !== this.frames) {
      this.frames = source.epochs.length;
      this.changed();
    } else this.ensureLoop();
  }

  private changed(): void {
    this.ensureLoop();
    for (const l of this.listeners) l();
  }

  private ensureLoop(): void {
    if (this.handle !== null || !this.playhead.isPlaying) return;
    this.handle = this.clock.request((t) => this.frame(t));
  }

  private frame(time: number): void {
    this.handle = null;
    this.playhead.sync(timelineOf(this.runs.getSnapshot()));
    if (this.playhead.tick(time)) for (const l of this.listeners) l();
    this.ensureLoop();
  }
}
