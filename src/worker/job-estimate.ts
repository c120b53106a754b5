// How long a batch job (grid sweep, seeds) will take on this machine, from the measured speed of
// its shape, and the choice the page offers when that is long: "about 95 s on this machine: run
// it, or run a reduced 4×4 grid". Pure functions; the batch worker measures, the panels ask.

import type { BatchJob } from './batch-protocol';

/** Jobs estimated to take longer than this ask first. */
export const ASK_ABOVE_SECONDS = 20;

/** The smaller job offered instead of a long one. */
export const REDUCED = { gridSide: 4, seeds: 6 } as const;

export interface JobEstimate {
  readonly job: BatchJob;
  readonly epochs: number;
  /** estimated seconds for the whole job */
  readonly seconds: number;
  /** the smaller job offered instead, or null when the job is that small already */
  readonly reduced: BatchJob | null;
}

/** Models a job trains: grid cells, or K seeds of each of the two nets. */
export function jobModels(job: BatchJob): number {
  return job.kind === 'grid' ? job.rows * job.cols : 2 * job.k;
}

/** "8×8 grid (64 models)", "16 seeds per net (32 models)". */
export function describeJob(job: BatchJob): string {
  const what = job.kind === 'grid' ? `${job.rows}×${job.cols} grid` : `${job.k} seeds per net`;
  return `${what} (${jobModels(job)} models)`;
}

/** The offered smaller job: at most 4×4 cells or 6 seeds per net; null when the job is no bigger. */
export function reducedJob(job: BatchJob): BatchJob | null {
  if (job.kind === 'grid') {
    const rows = Math.min(job.rows, REDUCED.gridSide);
    const cols = Math.min(job.cols, REDUCED.gridSide);
    return rows === job.rows && cols === job.cols ? null : { kind: 'grid', rows, cols };
  }
  return job.k > REDUCED.seeds ? { ...job, k: REDUCED.seeds } : null;
}

/** Seconds for `epochs` epochs at the measured ms per epoch of the job's own shape. */
export function estimateSeconds(msPerEpoch: number, epochs: number): number {
  if (!(msPerEpoch >= 0) || !Number.isFinite(msPerEpoch) || !(epochs >= 0)) return Infinity;
  return (msPerEpoch * epochs) / 1000;
}

export function estimateJob(job: BatchJob, msPerEpoch: number, epochs: number): JobEstimate {
  return { job, epochs, seconds: estimateSeconds(msPerEpoch, epochs), reduced: reducedJob(job) };
}

/** Whether to ask before running: long, and a smaller job exists to offer. */
export function shouldAsk(e: JobEstimate, askAboveSeconds: number = ASK_ABOVE_SECONDS): boolean {
  return e.seconds > askAboveSeconds && e.reduced !== null;
}

/** "about 95 s", "about 4 min", "about 1.5 h", "under a second". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return 'an unknown time';
  if (seconds < 1) return 'under a second';
  if (seconds < 120) return `about ${Math.round(seconds)} s`;
  if (seconds < 5400) return `about ${Math.round(seconds / 60)} min`;
  return `about ${(seconds / 3600).toFixed(1)} h`;
}

/** The reduced job as a choice: "run a reduced 4×4 grid", "run 6 seeds per net". */
export function reducedChoice(job: BatchJob): string {
  return job.kind === 'grid' ? `run a reduced ${job.rows}×${job.cols} grid` : `run ${job.k} seeds per net`;
}

/** "8×8 grid (64 models), 500 epochs: about 95 s on this machine (CPU ×2 workers): run it, or run a reduced 4×4 grid." */
export function estimateText(e: JobEstimate, backend: string): string {
  const head = `${describeJob(e.job)}, ${e.epochs} epochs: ${formatDuration(e.seconds)} on this machine (${backend})`;
  return e.reduced ? `${head}: run it, or ${reducedChoice(e.reduced)}.` : `${head}.`;
}

/** The notice of a job run smaller than asked, by choice. */
export function reducedNote(asked: JobEstimate, run: BatchJob): string {
  return `Reduced to the ${describeJob(run)} as chosen; the ${describeJob(asked.job)} was estimated at ${formatDuration(asked.seconds)}.`;
}
