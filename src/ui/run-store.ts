// Page-side state of the training run, fed by worker messages. A small external store (read with
// useSyncExternalStore): checkpoints can arrive faster than the screen refreshes, so the store
// accumulates in place and notifies at most once per animation frame.

import type { Settings } from '../experiment/settings';
import type { Checkpoint, Dataset, NetDescription } from '../experiment/types';
import type { BackendInfo, NetWeights, NoticeLevel, WorkerToPage } from '../worker/protocol';

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface NetSeries {
  readonly name: string;
  readonly label: string;
  /** train-mode data loss per epoch: trainLoss[i] belongs to epoch i + 1 */
  readonly trainLoss: number[];
  /** penalty (L1/L2) per epoch, same indexing */
  readonly penalty: number[];
  /** eval-mode test MSE at each checkpoint */
  readonly test: Point[];
  /** eval-mode MSE on the training points at each checkpoint */
  readonly trainEval: Point[];
  divergedAt: number | null;
}

export interface Notice {
  readonly id: number;
  readonly level: NoticeLevel;
  readonly text: string;
}

/** A checkpoint as the film-strip keeps it (no per-epoch histories). */
export type Frame = Omit<Checkpoint, 'nets'> & {
  readonly nets: readonly Omit<Checkpoint['nets'][number], 'lossHistory' | 'penaltyHistory'>[];
};

export interface RunView {
  readonly version: number;
  readonly phase: 'starting' | 'ready' | 'fatal';
  readonly fatal: string | null;
  readonly run: number;
  readonly backend: BackendInfo | null;
  readonly data: Dataset | null;
  readonly nets: readonly NetDescription[];
  /** settings the run was created with */
  readonly runSettings: Settings | null;
  /** settings in effect in the worker now (live changes included) */
  readonly appliedSettings: Settings | null;
  readonly epoch: number;
  readonly running: boolean;
  readonly finished: boolean;
  readonly latest: Frame | null;
  readonly frames: readonly Frame[];
  readonly series: readonly NetSeries[];
  readonly epochsPerSecond: number | null;
  /** ms from the worker's start to the first `ready` (backend + experiment creation) */
  readonly setupMs: number | null;
  /** ms from pressing Play/Step to the first trained checkpoint of this run */
  readonly firstCheckpointMs: number | null;
  /** ms between the last two checkpoint arrivals (drives the chart animation length) */
  readonly checkpointIntervalMs: number | null;
  readonly notices: readonly Notice[];
  /** the nets' parameters at the last checkpoint (while the page watches them) */
  readonly weights: WeightsView | null;
  /** the latest MC-dropout samples of the regularized net */
  readonly mc: McView | null;
}

export interface McView {
  readonly epoch: number;
  readonly net: string;
  readonly pDrop: number;
  readonly gridX: readonly number[];
  readonly predictions: readonly (readonly number[])[];
}

export interface WeightsView {
  readonly epoch: number;
  readonly sizes: readonly number[];
  readonly nets: readonly NetWeights[];
}

/** Frames kept for the film-strip; beyond this every other frame is dropped (first/last kept). */
export const MAX_FRAMES = 256;

export function thinFrames<T>(frames: T[], max: number): T[] {
  if (frames.length <= max) return frames;
  const last = frames[frames.length - 1];
  const kept = frames.filter((_, i) => i % 2 === 0);
  if (kept[kept.length - 1] !== last) kept.push(last);
  return kept;
}

export function toFrame(cp: Checkpoint): Frame {
  return {
    epoch: cp.epoch,
    gridX: cp.gridX,
    elapsedMs: cp.elapsedMs,
    nets: cp.nets.map((n) => ({
      name: n.name,
      label: n.label,
      trainMse: n.trainMse,
      testMse: n.testMse,
      trainMseEval: n.trainMseEval,
      penalty: n.penalty,
      testPred: n.testPred,
      gridPred: n.gridPred,
      divergedAt: n.divergedAt,
    })),
  };
}

type Listener = () => void;

export class RunStore {
  private listeners = new Set<Listener>();
  private view: RunView;
  private frames: Frame[] = [];
  private series: NetSeries[] = [];
  private chunks: { epochs: number; ms: number }[] = [];
  private playRequestedAt: number | null = null;
  private lastCheckpointAt: number | null = null;
  private noticeId = 0;
  private scheduled = false;
  private readonly now: () => number;
  private readonly schedule: (fn: () => void) => void;

  constructor(options?: { now?: () => number; schedule?: (fn: () => void) => void }) {
    this.now = options?.now ?? (() => performance.now());
    this.schedule =
      options?.schedule ?? ((fn) => (typeof requestAnimationFrame === 'function' ? requestAnimationFrame(() => fn()) : setTimeout(fn, 16)));
    this.view = {
      version: 0,
      phase: 'starting',
      fatal: null,
      run: 0,
      backend: null,
      data: null,
      nets: [],
      runSettings: null,
      appliedSettings: null,
      epoch: 0,
      running: false,
      finished: false,
      latest: null,
      frames: [],
      series: [],
      epochsPerSecond: null,
      setupMs: null,
      firstCheckpointMs: null,
      checkpointIntervalMs: null,
      notices: [],
      weights: null,
      mc: null,
    };
  }

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): RunView => this.view;

  private update(patch: Partial<RunView>, immediate = false): void {
    this.view = { ...this.view, ...patch, frames: this.frames, series: this.series, version: this.view.version + 1 };
    if (immediate) {
      this.flush();
      return;
    }
    if (this.scheduled) return;
    this.scheduled = true;
    this.schedule(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    for (const l of this.listeners) l();
  }

  /** The page asked to train (Play or Step): starts the time-to-first-checkpoint clock. */
  notePlayRequested(): void {
    if (this.view.firstCheckpointMs === null && this.playRequestedAt === null) this.playRequestedAt = this.now();
  }

  addNotice(level: NoticeLevel, text: string): void {
    // A text already among the notices is not added again.
    if (this.view.notices.some((n) => n.text === text)) return;
    this.update({ notices: [...this.view.notices, { id: ++this.noticeId, level, text }] });
  }

  dismissNotice(id: number): void {
    this.update({ notices: this.view.notices.filter((n) => n.id !== id) }, true);
  }

  setFatal(message: string): void {
    this.update({ phase: 'fatal', fatal: message, running: false }, true);
  }

  handle(msg: WorkerToPage): void {
    switch (msg.type) {
      case 'ready': {
        this.frames = [];
        this.series = msg.nets.map((n) => ({
          name: n.name,
          label: n.label,
          trainLoss: [],
          penalty: [],
          test: [],
          trainEval: [],
          divergedAt: null,
        }));
        this.chunks = [];
        this.lastCheckpointAt = null;
        const keepClock = this.view.running && this.playRequestedAt !== null;
        if (!keepClock) this.playRequestedAt = this.view.running ? this.now() : null;
        this.update({
          phase: 'ready',
          run: msg.run,
          backend: msg.backend,
          data: msg.data,
          nets: msg.nets,
          runSettings: msg.settings,
          appliedSettings: msg.settings,
          epoch: msg.epoch,
          finished: false,
          latest: null,
          epochsPerSecond: null,
          setupMs: this.view.setupMs ?? msg.setupMs,
          firstCheckpointMs: null,
          checkpointIntervalMs: null,
          weights: null,
          mc: null,
        });
        return;
      }
      case 'mc-dropout': {
        if (msg.run !== this.view.run) return;
        this.update({ mc: { epoch: msg.epoch, net: msg.net, pDrop: msg.pDrop, gridX: msg.gridX, predictions: msg.predictions } });
        return;
      }
      case 'weights': {
        if (msg.run !== this.view.run) return;
        this.update({ weights: { epoch: msg.epoch, sizes: msg.sizes, nets: msg.nets } });
        return;
      }
      case 'checkpoint': {
        if (msg.run !== this.view.run) return;
        const cp = msg.checkpoint;
        const now = this.now();
        const patch: { -readonly [K in keyof RunView]?: RunView[K] } = { epoch: cp.epoch };
        cp.nets.forEach((net, i) => {
          const s = this.series[i];
          if (!s) return;
          const start = cp.epoch - net.lossHistory.length; // epochs start+1..epoch
          s.trainLoss.length = Math.max(0, Math.min(s.trainLoss.length, start));
          s.penalty.length = Math.max(0, Math.min(s.penalty.length, start));
          for (const v of net.lossHistory) s.trainLoss.push(v);
          for (const v of net.penaltyHistory) s.penalty.push(v);
          if (s.test.length === 0 || s.test[s.test.length - 1].x < cp.epoch) {
            s.test.push({ x: cp.epoch, y: net.testMse });
            s.trainEval.push({ x: cp.epoch, y: net.trainMseEval });
          }
          s.divergedAt = net.divergedAt;
        });
        if (this.frames.length === 0 || this.frames[this.frames.length - 1].epoch < cp.epoch) {
          this.frames.push(toFrame(cp));
          this.frames = thinFrames(this.frames, MAX_FRAMES);
        }
        patch.latest = this.frames[this.frames.length - 1];
        if (msg.epochs > 0) {
          this.chunks.push({ epochs: msg.epochs, ms: msg.chunkMs });
          if (this.chunks.length > 5) this.chunks.shift();
          const e = this.chunks.reduce((a, c) => a + c.epochs, 0);
          const ms = this.chunks.reduce((a, c) => a + c.ms, 0);
          patch.epochsPerSecond = ms > 0 ? (1000 * e) / ms : null;
          if (this.view.firstCheckpointMs === null && this.playRequestedAt !== null) {
            patch.firstCheckpointMs = now - this.playRequestedAt;
            this.playRequestedAt = null;
          }
          if (this.lastCheckpointAt !== null) patch.checkpointIntervalMs = now - this.lastCheckpointAt;
          this.lastCheckpointAt = now;
        }
        this.update(patch);
        return;
      }
      case 'state': {
        if (msg.run !== this.view.run) return;
        if (!msg.running) this.lastCheckpointAt = null;
        this.update({ running: msg.running, finished: msg.finished, epoch: msg.epoch, appliedSettings: msg.settings });
        return;
      }
      case 'backend': {
        if (msg.run !== this.view.run) return;
        // Continue from the restored epoch: drop anything recorded after it.
        for (const s of this.series) {
          s.trainLoss.length = Math.min(s.trainLoss.length, msg.resumedAt);
          s.penalty.length = Math.min(s.penalty.length, msg.resumedAt);
          while (s.test.length > 0 && s.test[s.test.length - 1].x > msg.resumedAt) s.test.pop();
          while (s.trainEval.length > 0 && s.trainEval[s.trainEval.length - 1].x > msg.resumedAt) s.trainEval.pop();
        }
        this.frames = this.frames.filter((f) => f.epoch <= msg.resumedAt);
        this.chunks = [];
        this.update({
          backend: msg.backend,
          epoch: msg.resumedAt,
          latest: this.frames[this.frames.length - 1] ?? null,
          epochsPerSecond: null,
        });
        return;
      }
      case 'notice':
        this.addNotice(msg.level, msg.text);
        return;
      case 'fatal':
        this.setFatal(msg.message);
        return;
    }
  }
}
