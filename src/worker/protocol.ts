// The typed message protocol between the page and the training worker.
// Messages carry settings, checkpoints and status — never per-epoch tensors.

import type { BackendName } from '../backends/backend';
import type { BackendPreference } from '../experiment/backend-choice';
import type { Settings } from '../experiment/settings';
import type { Checkpoint, Dataset, NetDescription, TrainingPoints } from '../experiment/types';

export type { BackendPreference };

export interface BackendInfo {
  readonly name: BackendName;
  /** e.g. "WebGPU · swiftshader", "CPU ×2 workers (WebAssembly SIMD)" */
  readonly description: string;
  /** why this backend runs, when the page should say: WebGPU unavailable or lost, or Auto's reason */
  readonly fallbackReason?: string;
}

export type PageToWorker =
  /** first message: create the backend and the experiment */
  | { readonly type: 'init'; readonly settings: Settings; readonly preference: BackendPreference }
  /** new settings: live ones apply on the next epoch, shape/data changes reset the run */
  | { readonly type: 'settings'; readonly settings: Settings }
  | { readonly type: 'play' }
  | { readonly type: 'pause' }
  /** train one checkpoint interval, then pause */
  | { readonly type: 'step' }
  /** restart from epoch 0 with the current settings (paused) */
  | { readonly type: 'reset' }
  /** send the nets' weights after every checkpoint (histograms, weight export) while on */
  | { readonly type: 'watch-weights'; readonly on: boolean }
  /**
   * train on these points instead of the settings' training points (null: back to the settings'
   * data); the test points stay the settings' ones. Resets the run.
   */
  | { readonly type: 'data'; readonly points: TrainingPoints | null }
  /** MC-dropout: `samples` stochastic forward passes of the regularized net on the prediction grid */
  | { readonly type: 'mc-dropout'; readonly samples: number }
  /** test hook: make the next chunk fail as if the GPU device had been lost */
  | { readonly type: 'simulate-device-loss' };

export interface NetWeights {
  readonly name: string;
  readonly label: string;
  readonly params: Readonly<Record<string, Float32Array>>;
}

export type NoticeLevel = 'info' | 'warning' | 'error';

export type WorkerToPage =
  /** a (new) run is ready at epoch `epoch`; everything the page holds about older runs is stale */
  | {
      readonly type: 'ready';
      readonly run: number;
      readonly backend: BackendInfo;
      readonly data: Dataset;
      readonly nets: readonly NetDescription[];
      readonly settings: Settings;
      readonly epoch: number;
      /** ms the worker spent creating backend and experiment */
      readonly setupMs: number;
    }
  | {
      readonly type: 'checkpoint';
      readonly run: number;
      readonly checkpoint: Checkpoint;
      /** epochs trained in this chunk */
      readonly epochs: number;
      /** ms the chunk took (train + checkpoint readback) */
      readonly chunkMs: number;
    }
  /** run state after every command and chunk; `settings` are the ones in effect (live ones included) */
  | {
      readonly type: 'state';
      readonly run: number;
      readonly running: boolean;
      readonly finished: boolean;
      readonly epoch: number;
      readonly settings: Settings;
    }
  /** the backend changed under a running experiment (device lost → CPU) */
  | { readonly type: 'backend'; readonly run: number; readonly backend: BackendInfo; readonly resumedAt: number }
  | { readonly type: 'notice'; readonly level: NoticeLevel; readonly text: string }
  /** MC-dropout samples of the regularized net at `epoch`: predictions[t][i] on gridX[i] */
  | {
      readonly type: 'mc-dropout';
      readonly run: number;
      readonly epoch: number;
      readonly net: string;
      readonly pDrop: number;
      readonly gridX: readonly number[];
      readonly predictions: readonly (readonly number[])[];
    }
  /** every net's parameters at `epoch` (W1, b1, …; W as [out][in] row-major), sent while weights are watched */
  | {
      readonly type: 'weights';
      readonly run: number;
      readonly epoch: number;
      readonly sizes: readonly number[];
      readonly nets: readonly NetWeights[];
    }
  /** the worker cannot continue (the page shows it and offers a reload) */
  | { readonly type: 'fatal'; readonly message: string };
