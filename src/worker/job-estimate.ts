// How long a batch job (grid sweep, seeds) will take on this machine, from the measured speed of
// its shape, and the choice the page offers when that is long: "about 95 s on this machine: run
// it, or run a reduced 4×4 grid". Pure functions; the batch worker measures, the panels ask. The
// texts are messages (catalog key + parameters, `job.*`): the page shows them in its language.

import { msg, type Message } from '../analysis/message';
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
export function describeJob(job: BatchJob): Message {
  const models = jobModels(job);
  return job.kind === 'grid' ? msg('job.grid', { rows: job.rows, cols: job.cols, models }) : msg('job.seeds', { k: job.k, models });
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
export function formatDuration(seconds: number): Message {
  if (!Number.isFinite(seconds)) return msg('job.duration.unknown');
  if (seconds < 1) return msg('job.duration.underSecond');
  if (seconds < 120) return msg('job.duration.seconds', { n: Math.round(seconds) });
  if (seconds < 5400) return msg('job.duration.minutes', { n: Math.round(seconds / 60) });
  return msg('job.duration.hours', { n: seconds / 3600 });
}

/** The reduced job as a choice: "run a reduced 4×4 grid", "run 6 seeds per net". */
export function reducedChoice(job: BatchJob): Message {
  return job.kind === 'grid' ? msg('job.reducedGrid', { rows: job.rows, cols: job.cols }) : msg('job.reducedSeeds', { k: job.k });
}

/** The reduced job's button: "Run a reduced 4×4 grid", "Run 6 seeds per net". */
export function reducedButton(job: BatchJob): Message {
  return job.kind === 'grid' ? msg('job.runReducedGrid', { rows: job.rows, cols: job.cols }) : msg('job.runReducedSeeds', { k: job.k });
}

/** "8×8 grid (64 models), 500 epochs: about 95 s on this machine (CPU ×2 workers): run it, or run a reduced 4×4 grid." */
export function estimateText(e: JobEstimate, backend: string): Message {
  const params = { job: describeJob(e.job), epochs: e.epochs, duration: formatDuration(e.seconds), backend };
  return e.reduced ? msg('job.estimateOr', { ...params, reduced: reducedChoice(e.reduced) }) : msg('job.estimate', params);
}

/** The notice of a job run smaller than asked, by choice. */
export function reducedNote(asked: JobEstimate, run: BatchJob): Message {
  return msg('job.reducedNote', { run: describeJob(run), asked: describeJob(asked.job), duration: formatDuration(asked.seconds) });
}
