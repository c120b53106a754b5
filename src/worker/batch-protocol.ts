// The typed protocol of the batch worker: many nets as ONE batched experiment (the dropout ×
// weight-decay grid sweep, or K seeds of each tutorial net), separate from the main training worker.

import type { CaseReport, GoldenFile } from '../experiment/golden';
import type { SeedVariation } from '../experiment/grid';
import type { Settings } from '../experiment/settings';
import type { Checkpoint, Dataset, NetDescription } from '../experiment/types';
import type { BackendInfo, BackendPreference } from './protocol';

export type BatchJob =
  | { readonly kind: 'grid'; readonly rows: number; readonly cols: number }
  | { readonly kind: 'seeds'; readonly k: number; readonly vary?: SeedVariation };

export type PageToBatch =
  /** start a job (cancels a running one); `data`: the main run's points */
  | {
      readonly type: 'start';
      readonly id: number;
      readonly job: BatchJob;
      readonly settings: Settings;
      readonly preference: BackendPreference;
      readonly data: Dataset | null;
    }
  | { readonly type: 'stop' }
  /** test hook: the next checkpoint interval on WebGPU fails as if the device had been lost */
  | { readonly type: 'simulate-device-loss' }
  /** replay every case of a golden file on the backend (as `npm run verify` does) */
  | { readonly type: 'parity'; readonly id: number; readonly preference: BackendPreference; readonly golden: GoldenFile };

export type BatchToPage =
  | {
      readonly type: 'started';
      readonly id: number;
      /** the job as run (the CPU backend runs a smaller one) */
      readonly job: BatchJob;
      readonly backend: BackendInfo;
      readonly nets: readonly NetDescription[];
      /** grid axes (rows: dropout rates, columns: weight decays) */
      readonly axes: { readonly dropout: readonly number[]; readonly weightDecay: readonly number[] } | null;
      /** why the job is smaller than asked or restarted on the CPU, when it is */
      readonly reduced: string | null;
      readonly epochs: number;
    }
  | { readonly type: 'checkpoint'; readonly id: number; readonly checkpoint: Checkpoint }
  | { readonly type: 'done'; readonly id: number; readonly ms: number; readonly stopped: boolean }
  | { readonly type: 'error'; readonly id: number; readonly message: string }
  /** (re)starts the replay: a restart on the CPU after a lost device drops the earlier reports */
  | {
      readonly type: 'parity-start';
      readonly id: number;
      readonly backend: BackendInfo;
      readonly cases: readonly string[];
      readonly notice: string | null;
    }
  | { readonly type: 'parity-case'; readonly id: number; readonly report: CaseReport; readonly ms: number };

/** The CPU backend's limits for a batch job (it still works, smaller). */
export const CPU_LIMITS = { gridSide: 4, seeds: 6 } as const;

export function limitJob(job: BatchJob, backend: 'cpu' | 'webgpu'): { job: BatchJob; reduced: string | null } {
  if (backend !== 'cpu') return { job, reduced: null };
  if (job.kind === 'grid') {
    const rows = Math.min(job.rows, CPU_LIMITS.gridSide);
    const cols = Math.min(job.cols, CPU_LIMITS.gridSide);
    if (rows === job.rows && cols === job.cols) return { job, reduced: null };
    return {
      job: { kind: 'grid', rows, cols },
      reduced: `CPU backend: the grid is reduced to ${rows}×${cols} (from ${job.rows}×${job.cols}); WebGPU runs the full grid.`,
    };
  }
  const k = Math.min(job.k, CPU_LIMITS.seeds);
  if (k === job.k) return { job, reduced: null };
  return { job: { ...job, k }, reduced: `CPU backend: ${k} seeds per net (from ${job.k}); WebGPU runs all of them.` };
}
