// Page-side state of the training runs, fed by worker messages: the current run's timeline of
// frames (what the playhead plays), its per-epoch losses and checkpoints, the previous run (the
// ghost), the worker's status and the notices. A small external store (read with
// useSyncExternalStore): frames arrive in batches, so the store accumulates in place and notifies
// at most once per animation frame.

import type { Message } from '../analysis/message';
import type { Settings } from '../experiment/settings';
import { sameSettings } from '../experiment/settings-diff';
import type { Dataset, Frame, NetDescription } from '../experiment/types';
import type {
  BackendInfo,
  HandledCommand,
  NetWeights,
  McSamples,
  NoticeAction,
  NoticeLevel,
  RunCause,
  RunCost,
  WorkerToPage,
} from '../worker/protocol';

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
  /** the worker's own words (English), or a message shown in the page's language */
  readonly text: string | Message;
  /** the raw error behind the text, shown on demand */
  readonly details?: string;
  /** a change of settings offered as a button */
  readonly action?: NoticeAction;
}

/** A frame as the page keeps it: the per-epoch histories live in the run's series instead. */
export type PageFrame = Omit<Frame, 'nets'> & {
  readonly nets: readonly Omit<Frame['nets'][number], 'lossHistory' | 'penaltyHistory'>[];
};

export interface WeightsView {
  readonly epoch: number;
  readonly sizes: readonly number[];
  readonly nets: readonly NetWeights[];
}

/** One run as the page holds it. Its arrays grow in place; RunView.version says when. */
export interface RunRecord {
  readonly id: number;
  readonly cause: RunCause;
  /** the settings the run was created with */
  readonly settings: Settings;
  /** the settings in effect now ("continue" changes included) */
  appliedSettings: Settings;
  readonly data: Dataset;
  readonly nets: readonly NetDescription[];
  /** the timeline: every frame computed (beyond MAX_TIMELINE_FRAMES only checkpoints) */
  readonly frames: PageFrame[];
  /** the frames' epochs, ascending (the playhead's view of the timeline) */
  readonly epochs: number[];
  /** how often the run resumed from an earlier epoch (frames after `resumedAt` replaced) */
  resumes: number;
  resumedAt: number;
  /** changes whenever frames, losses or checkpoints change (the charts' cue to redraw) */
  revision: number;
  /** checkpoint frames (film-strip, exports), thinned beyond MAX_FRAMES */
  checkpoints: PageFrame[];
  readonly series: NetSeries[];
  /** the nets' parameters at checkpoints (while the page watches them), thinned beyond MAX_WEIGHTS */
  weights: WeightsView[];
}

export interface WorkerStatus {
  /** the worker computes */
  readonly running: boolean;
  /** every epoch of the current run is computed */
  readonly finished: boolean;
  /** epochs computed */
  readonly epoch: number;
  readonly frameInterval: number | null;
  /** compute time of a whole run here (measured once a run finished) */
  readonly cost: RunCost | null;
  /** every net diverged: the run stops early */
  readonly allDiverged: boolean;
  /** when the worker posted this state (page clock), null before the first */
  readonly postedAt: number | null;
}

export interface PreviewView {
  readonly settings: Settings;
  readonly frame: PageFrame;
  readonly ms: number;
}

/** The latest MC-dropout band, as the worker sent it. */
export type McView = McSamples;

export interface RunView {
  readonly version: number;
  readonly phase: 'starting' | 'ready' | 'fatal';
  /** why training cannot run: a plain sentence and the raw error behind it (shown on demand) */
  readonly fatal: { readonly message: string | Message; readonly details: string | null } | null;
  readonly backend: BackendInfo | null;
  /** id of the current run (0 before the first) */
  readonly run: number;
  readonly current: RunRecord | null;
  /** the run before the current one, when a change replaced it (the ghost) */
  readonly previous: RunRecord | null;
  readonly worker: WorkerStatus;
  /** the last frame of a whole run computed for a slider being dragged */
  readonly preview: PreviewView | null;
  /** epochs computed per second over the last slices */
  readonly epochsPerSecond: number | null;
  /** ms from the worker's start to the first `ready` (backend + experiment creation) */
  readonly setupMs: number | null;
  /** how long the last command of each kind waited before the worker handled it (ms) */
  readonly latency: Readonly<Partial<Record<HandledCommand['type'], number>>>;
  /** page commands the worker has taken from its inbox (HandledCommand.seq) */
  readonly commandsTaken: number;
  readonly notices: readonly Notice[];
  readonly mc: McView | null;
}

/** Checkpoints kept for the film-strip; beyond this every other one is dropped (first/last kept). */
export const MAX_FRAMES = 256;
/** Frames kept on the timeline; beyond this only checkpoints are added (very long runs). */
export const MAX_TIMELINE_FRAMES = 20_000;
/** Weight snapshots kept per run. */
export const MAX_WEIGHTS = 64;

export function thinFrames<T>(frames: T[], max: number): T[] {
  if (frames.length <= max) return frames;
  const last = frames[frames.length - 1];
  const kept = frames.filter((_, i) => i % 2 === 0);
  if (kept[kept.length - 1] !== last) kept.push(last);
  return kept;
}

export function toPageFrame(f: Frame): PageFrame {
  return {
    epoch: f.epoch,
    checkpoint: f.checkpoint,
    gridX: f.gridX,
    elapsedMs: f.elapsedMs,
    nets: f.nets.map((n) => ({
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

/** The last frame at or before `epoch` of a run's timeline (binary search), or null. */
export function frameAtOrBefore(run: RunRecord | null, epoch: number): PageFrame | null {
  if (!run) return null;
  let lo = 0;
  let hi = run.epochs.length - 1;
  let best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (run.epochs[mid] <= epoch) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best >= 0 ? run.frames[best] : null;
}

/** The weights at the last checkpoint at or before `epoch`, or null. */
export function weightsAtOrBefore(run: RunRecord | null, epoch: number): WeightsView | null {
  if (!run) return null;
  let best: WeightsView | null = null;
  for (const w of run.weights) if (w.epoch <= epoch) best = w;
  return best;
}

const IDLE: WorkerStatus = {
  running: false,
  finished: false,
  epoch: 0,
  frameInterval: null,
  cost: null,
  allDiverged: false,
  postedAt: null,
};

type Listener = () => void;

export class RunStore {
  private listeners = new Set<Listener>();
  private view: RunView;
  private slices: { epochs: number; ms: number }[] = [];
  private noticeId = 0;
  private scheduled = false;
  private readonly schedule: (fn: () => void) => void;

  constructor(options?: { schedule?: (fn: () => void) => void }) {
    this.schedule =
      options?.schedule ?? ((fn) => (typeof requestAnimationFrame === 'function' ? requestAnimationFrame(() => fn()) : setTimeout(fn, 16)));
    this.view = {
      version: 0,
      phase: 'starting',
      fatal: null,
      backend: null,
      run: 0,
      current: null,
      previous: null,
      worker: IDLE,
      preview: null,
      epochsPerSecond: null,
      setupMs: null,
      latency: {},
      commandsTaken: 0,
      notices: [],
      mc: null,
    };
  }

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): RunView => this.view;

  private update(patch: Partial<RunView>, immediate = false): void {
    this.view = { ...this.view, ...patch, version: this.view.version + 1 };
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

  addNotice(level: NoticeLevel, text: string | Message, extra: Pick<Notice, 'details' | 'action'> = {}): void {
    // A text already among the notices is not added again.
    const same = JSON.stringify(text);
    if (this.view.notices.some((n) => JSON.stringify(n.text) === same)) return;
    this.update({ notices: [...this.view.notices, { id: ++this.noticeId, level, text, ...extra }] });
  }

  dismissNotice(id: number): void {
    this.update({ notices: this.view.notices.filter((n) => n.id !== id) }, true);
  }

  setFatal(message: string | Message, details: string | null = null): void {
    this.update({ phase: 'fatal', fatal: { message, details }, worker: { ...this.view.worker, running: false } }, true);
  }

  /** Forget the preview (the drag ended). */
  clearPreview(): void {
    if (this.view.preview) this.update({ preview: null });
  }

  handle(msg: WorkerToPage): void {
    switch (msg.type) {
      case 'ready':
        return this.onReady(msg);
      case 'frames': {
        const run = this.view.current;
        if (!run || msg.run !== run.id) return;
        for (const f of msg.frames) this.append(run, f);
        run.revision++;
        const patch: { -readonly [K in keyof RunView]?: RunView[K] } = {};
        if (msg.epochs > 0) {
          this.slices.push({ epochs: msg.epochs, ms: msg.sliceMs });
          if (this.slices.length > 8) this.slices.shift();
          const e = this.slices.reduce((a, c) => a + c.epochs, 0);
          const ms = this.slices.reduce((a, c) => a + c.ms, 0);
          patch.epochsPerSecond = ms > 0 ? (1000 * e) / ms : null;
        }
        this.update(patch);
        return;
      }
      case 'state': {
        const run = this.view.current;
        if (!run || msg.run !== run.id) return;
        // the same objects while nothing changed, so that what selects them does not re-render
        if (!sameSettings(run.appliedSettings, msg.settings)) run.appliedSettings = msg.settings;
        const was = this.view.worker.cost;
        const handled = msg.handledSince.length > 0 ? msg.handledSince : msg.handled ? [msg.handled] : [];
        const latency: RunView['latency'] =
          handled.length > 0
            ? { ...this.view.latency, ...Object.fromEntries(handled.map((h) => [h.type, h.latencyMs])) }
            : this.view.latency;
        this.update({
          worker: {
            running: msg.running,
            finished: msg.finished,
            epoch: msg.epoch,
            frameInterval: msg.frameInterval,
            cost: was && msg.cost && was.ms === msg.cost.ms && was.measured === msg.cost.measured ? was : msg.cost,
            allDiverged: run.series.length > 0 && run.series.every((s) => s.divergedAt !== null),
            postedAt: msg.postedAt,
          },
          latency,
          commandsTaken: Math.max(this.view.commandsTaken, msg.handled?.seq ?? 0),
        });
        return;
      }
      case 'resumed': {
        const run = this.view.current;
        if (!run || msg.run !== run.id) return;
        this.truncate(run, msg.epoch);
        this.slices = [];
        this.update({ backend: msg.backend, worker: { ...this.view.worker, epoch: msg.epoch, finished: false }, epochsPerSecond: null });
        return;
      }
      case 'preview': {
        if (msg.run !== this.view.current?.id) return;
        this.update({ preview: { settings: msg.settings, frame: toPageFrame(msg.frame), ms: msg.ms } });
        return;
      }
      case 'weights': {
        const run = this.view.current;
        if (!run || msg.run !== run.id) return;
        const w: WeightsView = { epoch: msg.epoch, sizes: msg.sizes, nets: msg.nets };
        run.weights = thinFrames([...run.weights.filter((x) => x.epoch < msg.epoch), w], MAX_WEIGHTS);
        this.update({});
        return;
      }
      case 'mc-dropout': {
        if (msg.run !== this.view.run) return;
        this.update({ mc: { epoch: msg.epoch, net: msg.net, pDrop: msg.pDrop, gridX: msg.gridX, predictions: msg.predictions } });
        return;
      }
      case 'notice':
        this.addNotice(msg.level, msg.text, { details: msg.details, action: msg.action });
        return;
      case 'fatal':
        this.setFatal(msg.message, msg.details ?? null);
        return;
    }
  }

  private onReady(msg: Extract<WorkerToPage, { type: 'ready' }>): void {
    const old = this.view.current;
    const replaced = msg.cause === 'replay' || msg.cause === 'shape';
    // the ghost: the run a change replaced (one with a different setting and something to show)
    let previous: RunRecord | null = null;
    if (replaced && old && old.frames.length > 1 && !sameSettings(old.appliedSettings, msg.settings)) previous = old;
    else if (replaced) previous = this.view.previous;
    const current: RunRecord = {
      id: msg.run,
      cause: msg.cause,
      settings: msg.settings,
      appliedSettings: msg.settings,
      data: msg.data,
      nets: msg.nets,
      frames: [],
      epochs: [],
      resumes: 0,
      resumedAt: 0,
      revision: 0,
      checkpoints: [],
      series: msg.nets.map((n) => ({
        name: n.name,
        label: n.label,
        trainLoss: [],
        penalty: [],
        test: [],
        trainEval: [],
        divergedAt: null,
      })),
      weights: [],
    };
    this.slices = [];
    this.update({
      phase: 'ready',
      run: msg.run,
      backend: msg.backend,
      current,
      previous,
      worker: { ...IDLE, running: replaced, cost: this.view.worker.cost && msg.cause === 'replay' ? this.view.worker.cost : null },
      preview: null,
      epochsPerSecond: null,
      setupMs: this.view.setupMs ?? msg.setupMs,
      mc: null,
    });
  }

  private append(run: RunRecord, f: Frame): void {
    const lastEpoch = run.epochs.length > 0 ? run.epochs[run.epochs.length - 1] : -1;
    if (f.epoch <= lastEpoch) return;
    f.nets.forEach((net, i) => {
      const s = run.series[i];
      if (!s) return;
      const start = f.epoch - net.lossHistory.length; // epochs start+1..epoch
      s.trainLoss.length = Math.min(s.trainLoss.length, start);
      s.penalty.length = Math.min(s.penalty.length, start);
      // a gap (epochs this page never got) stays visible as missing values
      while (s.trainLoss.length < start) s.trainLoss.push(NaN);
      while (s.penalty.length < start) s.penalty.push(NaN);
      for (const v of net.lossHistory) s.trainLoss.push(v);
      for (const v of net.penaltyHistory) s.penalty.push(v);
      if (f.checkpoint) {
        s.test.push({ x: f.epoch, y: net.testMse });
        s.trainEval.push({ x: f.epoch, y: net.trainMseEval });
      }
      s.divergedAt = net.divergedAt;
    });
    const frame = toPageFrame(f);
    if (f.checkpoint || run.frames.length < MAX_TIMELINE_FRAMES) {
      run.frames.push(frame);
      run.epochs.push(f.epoch);
    }
    if (f.checkpoint) run.checkpoints = thinFrames([...run.checkpoints, frame], MAX_FRAMES);
  }

  /** Frames, losses and weights after `epoch` are void (the run continues from there). */
  private truncate(run: RunRecord, epoch: number): void {
    run.resumes++;
    run.resumedAt = epoch;
    run.revision++;
    let n = run.epochs.length;
    while (n > 0 && run.epochs[n - 1] > epoch) n--;
    run.epochs.length = n;
    run.frames.length = n;
    run.checkpoints = run.checkpoints.filter((f) => f.epoch <= epoch);
    run.weights = run.weights.filter((w) => w.epoch <= epoch);
    for (const s of run.series) {
      s.trainLoss.length = Math.min(s.trainLoss.length, epoch);
      s.penalty.length = Math.min(s.penalty.length, epoch);
      while (s.test.length > 0 && s.test[s.test.length - 1].x > epoch) s.test.pop();
      while (s.trainEval.length > 0 && s.trainEval[s.trainEval.length - 1].x > epoch) s.trainEval.pop();
      if (s.divergedAt !== null && s.divergedAt > epoch) s.divergedAt = null;
    }
  }
}
