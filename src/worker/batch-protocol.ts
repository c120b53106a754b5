// The typed protocol of the batch worker: many nets as ONE batched experiment (the dropout ×
// weight-decay grid sweep, or K seeds of each tutorial net), separate from the main training worker,
// and the replay of a golden file. Jobs run in slices of ~100 ms; a `stop` or a new job lands
// between two slices.

import type { CaseReport, GoldenFile } from '../experiment/golden';
import type { SeedVariation } from '../experiment/grid';
import type { Settings } from '../experiment/settings';
import type { Checkpoint, Dataset, NetDescription } from '../experiment/types';
import type { Message } from '../analysis/message';
import type { JobEstimate } from './job-estimate';
import type { BackendInfo, BackendPreference } from './protocol';

export type BatchJob =
  | { readonly kind: 'grid'; readonly rows: number; readonly cols: number }
  | { readonly kind: 'seeds'; readonly k: number; readonly vary?: SeedVariation };

export type PageToBatch =
  /**
   * start a job (cancels a running one); `data`: the main run's points. With `askAboveSeconds`, a
   * job estimated to take longer (and that has a smaller version) is not run: the worker answers
   * with an `estimate` and the page asks. `note`: shown with the job (e.g. why it is smaller).
   */
  | {
      readonly type: 'start';
      readonly id: number;
      readonly job: BatchJob;
      readonly settings: Settings;
      readonly preference: BackendPreference;
      readonly data: Dataset | null;
      readonly askAboveSeconds: number | null;
      readonly note: Message | null;
    }
  | { readonly type: 'stop' }
  /** test hook: the job's next slice on WebGPU fails as if the device had been lost */
  | { readonly type: 'simulate-device-loss' }
  /** replay every case of a golden file on the backend (as `npm run verify` does) */
  | { readonly type: 'parity'; readonly id: number; readonly preference: BackendPreference; readonly golden: GoldenFile };

export type BatchToPage =
  | {
      readonly type: 'started';
      readonly id: number;
      /** the job as run */
      readonly job: BatchJob;
      readonly backend: BackendInfo;
      readonly nets: readonly NetDescription[];
      /** grid axes (rows: dropout rates, columns: weight decays) */
      readonly axes: { readonly dropout: readonly number[]; readonly weightDecay: readonly number[] } | null;
      /** why the job is smaller than first asked or restarted on the CPU, when it is */
      readonly reduced: readonly Message[];
      readonly epochs: number;
    }
  /** the job would take long: the page offers to run it or the smaller one (nothing was run) */
  | {
      readonly type: 'estimate';
      readonly id: number;
      readonly estimate: JobEstimate;
      readonly backend: BackendInfo;
      /** e.g. that the GPU device was lost and the job would now run on the CPU */
      readonly notice: Message | null;
    }
  /**
   * the job does not fit the backend's memory (nothing was run): `message` says so in plain words
   * with what to reduce; `largest`: the largest job of its kind that fits, when one does
   */
  | {
      readonly type: 'too-big';
      readonly id: number;
      readonly message: Message;
      readonly largest: BatchJob | null;
      readonly backend: BackendInfo;
    }
  | { readonly type: 'checkpoint'; readonly id: number; readonly checkpoint: Checkpoint }
  /**
   * the GPU device was lost: the job continues on the CPU (`backend`) from its recovery point at
   * `epoch` (0: it had none yet). Checkpoints posted before stay; the next ones continue them.
   */
  | { readonly type: 'resumed'; readonly id: number; readonly epoch: number; readonly backend: BackendInfo; readonly notice: Message }
  | { readonly type: 'done'; readonly id: number; readonly ms: number; readonly stopped: boolean }
  /** `message`: a plain sentence (a message in the page's language); `details`: the raw error, shown on demand */
  | { readonly type: 'error'; readonly id: number; readonly message: Message; readonly details: string | null }
  /** (re)starts the replay: a restart on the CPU after a lost device drops the earlier reports */
  | {
      readonly type: 'parity-start';
      readonly id: number;
      readonly backend: BackendInfo;
      readonly cases: readonly string[];
      readonly notice: Message | null;
    }
  | { readonly type: 'parity-case'; readonly id: number; readonly report: CaseReport; readonly ms: number };
