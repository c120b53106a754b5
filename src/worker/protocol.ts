// The typed message protocol between the page and the training worker. The worker computes a run
// as fast as the backend allows and posts its frames (one message per ~100 ms slice of work); the
// page plays them. Messages carry settings, frames and status — never per-epoch tensors.

import type { Message } from '../analysis/message';
import type { BackendName } from '../backends/backend';
import type { BackendPreference } from '../experiment/backend-choice';
import type { Settings } from '../experiment/settings';
import type { Dataset, Frame, NetDescription, TrainingPoints } from '../experiment/types';

export type { BackendPreference };

export interface BackendInfo {
  readonly name: BackendName;
  /** e.g. "WebGPU · swiftshader", "CPU ×2 workers (WebAssembly SIMD)" */
  readonly description: string;
  /** why this backend runs, when the page should say: WebGPU unavailable or lost, or Auto's reason */
  readonly fallbackReason?: string;
}

/**
 * What a change of a live setting does: `replay` starts a new run from the same initial weights,
 * data and dropout masks (epoch 0); `continue` applies it to the run in progress from the epoch on
 * screen (`atEpoch`) on. Changes of shapes or data always start a new run.
 */
export type ChangeMode = 'replay' | 'continue';

export type PageToWorker =
  /** first message: create the backend and the experiment */
  | { readonly type: 'init'; readonly settings: Settings; readonly preference: BackendPreference }
  /** new settings (see ChangeMode); `atEpoch`: the epoch on screen */
  | { readonly type: 'settings'; readonly settings: Settings; readonly change: ChangeMode; readonly atEpoch: number }
  /**
   * compute the whole run with these (live) settings and post only its last frame — a slider being
   * dragged where a run is cheap. The run in progress is replaced by the next `settings`.
   */
  | { readonly type: 'preview'; readonly settings: Settings }
  /** compute (the page plays what is computed) */
  | { readonly type: 'play' }
  | { readonly type: 'pause' }
  /** compute up to the next checkpoint, then pause */
  | { readonly type: 'step' }
  /** restart from epoch 0 with the current settings (paused) */
  | { readonly type: 'reset' }
  /** send the nets' weights at every checkpoint (histograms, weight export) while on */
  | { readonly type: 'watch-weights'; readonly on: boolean }
  /**
   * train on these points instead of the settings' training points (null: back to the settings'
   * data); the test points stay the settings' ones. Resets the run.
   */
  | { readonly type: 'data'; readonly points: TrainingPoints | null }
  /**
   * MC-dropout: `samples` stochastic forward passes of the regularized net on the prediction grid
   * (computed in groups; a new request replaces the one in progress, and 0 only stops it)
   */
  | { readonly type: 'mc-dropout'; readonly samples: number }
  /** test hook: make the next slice fail as if the GPU device had been lost */
  | { readonly type: 'simulate-device-loss' };

export interface NetWeights {
  readonly name: string;
  readonly label: string;
  readonly params: Readonly<Record<string, Float32Array>>;
}

export type NoticeLevel = 'info' | 'warning' | 'error';

/** A change of settings a notice offers: "Use 512 hidden units". */
export interface NoticeAction {
  readonly label: Message;
  readonly settings: Partial<Settings>;
}

/** Why a run started: the first one, a replay after a change of live settings, or a new experiment. */
export type RunCause = 'init' | 'replay' | 'reset' | 'shape' | 'data' | 'backend';

/** How long a whole run takes to compute here, and whether that was measured or is still an estimate. */
export interface RunCost {
  readonly ms: number;
  readonly measured: boolean;
}

/** Commands a state reports as handled since the previous one, at most (the newest kept). */
export const HANDLED_KEPT = 16;

export interface HandledCommand {
  readonly type: PageToWorker['type'];
  readonly latencyMs: number;
  /** page commands taken from the inbox so far (handled, or skipped for a later one), `init` included */
  readonly seq: number;
}

/** What the page posts: a command and when it was sent (performance.timeOrigin + performance.now()). */
export interface Envelope {
  readonly message: PageToWorker;
  readonly sentAt: number;
}

/** MC-dropout samples of the regularized net `net` (dropout rate `pDrop`) at `epoch`: predictions[t][i] on gridX[i]. */
export interface McSamples {
  readonly epoch: number;
  readonly net: string;
  readonly pDrop: number;
  readonly gridX: readonly number[];
  readonly predictions: readonly (readonly number[])[];
}

export type WorkerToPage =
  /** a (new) run is ready at epoch 0; its epoch-0 frame follows. Everything the page holds about older runs is stale */
  | {
      readonly type: 'ready';
      readonly run: number;
      readonly cause: RunCause;
      readonly backend: BackendInfo;
      readonly data: Dataset;
      readonly nets: readonly NetDescription[];
      readonly settings: Settings;
      /** ms the worker spent creating backend and experiment (0 when a replay reused it) */
      readonly setupMs: number;
    }
  /** the frames one slice of work computed, in epoch order (a slice without a frame posts none) */
  | {
      readonly type: 'frames';
      readonly run: number;
      readonly frames: readonly Frame[];
      /** epochs trained since the previous frames message */
      readonly epochs: number;
      /** ms those slices took (training, evaluations, readback) */
      readonly sliceMs: number;
    }
  /** run state after every command and slice; `settings` are the ones in effect (live ones included) */
  | {
      readonly type: 'state';
      readonly run: number;
      /** computing (Play) */
      readonly running: boolean;
      /** every epoch of the run is computed */
      readonly finished: boolean;
      /** epochs computed */
      readonly epoch: number;
      readonly settings: Settings;
      /** epochs between frames now */
      readonly frameInterval: number;
      readonly cost: RunCost | null;
      /** the last command handled and how long it waited from the page's send (ms) */
      readonly handled: HandledCommand | null;
      /**
       * every command handled since the previous state, oldest first (at most HANDLED_KEPT): a Reset
       * followed at once by another command has its latency reported too
       */
      readonly handledSince: readonly HandledCommand[];
      /** when the worker posted it, on the page's clock (performance.timeOrigin + performance.now()) */
      readonly postedAt: number;
    }
  /**
   * the run continues from epoch `epoch`; frames after it are void: after a lost device (on the
   * CPU now, `backend`), or a `continue` change applied at the epoch on screen
   */
  | {
      readonly type: 'resumed';
      readonly run: number;
      readonly epoch: number;
      readonly backend: BackendInfo;
      readonly cause: 'device-lost' | 'continue';
    }
  /** the last frame of a whole run with `settings` (answer to `preview`) */
  | { readonly type: 'preview'; readonly run: number; readonly settings: Settings; readonly frame: Frame; readonly ms: number }
  /**
   * a notice in plain words, a message (catalog key + parameters) the page shows in its language;
   * `details`: the raw error behind it (shown on demand, as the engine wrote it); `action`: a change
   * of settings the page offers as a button (e.g. the largest run that fits the memory)
   */
  | {
      readonly type: 'notice';
      readonly level: NoticeLevel;
      readonly text: Message;
      readonly details?: string;
      readonly action?: NoticeAction;
    }
  | ({ readonly type: 'mc-dropout'; readonly run: number } & McSamples)
  /** every net's parameters at `epoch` (W1, b1, …; W as [out][in] row-major), sent while weights are watched */
  | {
      readonly type: 'weights';
      readonly run: number;
      readonly epoch: number;
      readonly sizes: readonly number[];
      readonly nets: readonly NetWeights[];
    }
  /** the worker cannot continue (the page shows it and offers a reload) */
  /** `message`: a plain sentence; `details`: the raw error behind it, shown on demand */
  | { readonly type: 'fatal'; readonly message: string | Message; readonly details?: string };
