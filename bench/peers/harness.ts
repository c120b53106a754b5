// The timing protocol, the same for every system: warm-up runs (shaders, JIT, buffer pools), then
// the median of N timed runs of the whole job from the initial weights. A time budget per run
// keeps slow emulated backends (SwiftShader) bounded: when a full run would take longer, it times
// fewer epochs and extrapolates the job time (training epochs and checkpoints priced separately),
// and says so.

import { checkpointUpdates } from './job';

export interface CheckpointRead {
  /** optimizer updates done when it was taken (1, 51, …, and the last epoch) */
  readonly updates: number;
  /** eval-mode test MSE of every net, as read back to JavaScript */
  readonly testMse: readonly number[];
}

export interface RunResult {
  /** wall time of the training loop, checkpoint readbacks included (setup excluded) */
  readonly ms: number;
  readonly epochs: number;
  readonly checkpoints: readonly CheckpointRead[];
}

/** Where one epoch's time goes: issuing the work from JavaScript vs. waiting for it to finish. */
export interface Split {
  readonly epochs: number;
  /** JavaScript time to issue `epochs` training epochs (for synchronous backends: all of it) */
  readonly issueMs: number;
  /** issuing + waiting until they are done, measured through one eval readback */
  readonly totalMs: number;
  /** one eval + readback on its own (median of 3) */
  readonly readbackMs: number;
}

/** One system on one backend, prepared for one job (variables, compiled programs, data on the device). */
export interface Trainer {
  /** backend/adapter in words, e.g. "WebGPU · google swiftshader" */
  readonly description: string;
  /** a fresh run from the job's initial weights and zeroed optimizer state */
  run(epochs: number): Promise<RunResult>;
  /** a fresh run of `epochs` epochs without intermediate checkpoints, timed in parts */
  split(epochs: number): Promise<Split>;
  /** one eval + readback without training, from the current state: the median of 3 (ms) */
  checkpointMs(): Promise<number>;
  dispose(): void;
}

/** What a system provides; trainerOf turns it into the timed job (same loop for everyone). */
export interface Loop {
  readonly description: string;
  /** back to the initial weights and zeroed optimizer state (not timed) */
  reset(): Promise<void>;
  /** issue n training epochs (full-batch Adam steps of every net) */
  train(n: number): void;
  /** eval-mode test MSE of every net, read back to JavaScript (waits for the queued work) */
  evaluate(): Promise<number[]>;
  dispose(): void;
}

export function trainerOf(loop: Loop, every: number): Trainer {
  const checkpointMs = async () => {
    const ms: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      await loop.evaluate();
      ms.push(performance.now() - t);
    }
    return median(ms);
  };
  return {
    description: loop.description,
    async run(epochs: number): Promise<RunResult> {
      await loop.reset();
      const checkpoints: CheckpointRead[] = [];
      let done = 0;
      const t0 = performance.now();
      for (const u of checkpointUpdates(epochs, every)) {
        loop.train(u - done);
        done = u;
        checkpoints.push({ updates: u, testMse: await loop.evaluate() });
      }
      return { ms: performance.now() - t0, epochs, checkpoints };
    },
    async split(epochs: number): Promise<Split> {
      await loop.reset();
      const readbackMs = await checkpointMs();
      const t0 = performance.now();
      loop.train(epochs);
      const issueMs = performance.now() - t0;
      await loop.evaluate();
      return { epochs, issueMs, totalMs: performance.now() - t0, readbackMs };
    },
    checkpointMs,
    dispose: () => loop.dispose(),
  };
}

export interface MeasureOptions {
  readonly epochs: number;
  readonly every: number;
  readonly runs: number;
  /** time allowed for ONE timed run (ms): a run that would take longer times fewer epochs */
  readonly runBudgetMs: number;
  readonly log?: (line: string) => void;
}

export interface Measurement {
  readonly description: string;
  /** epochs of each timed run (= job epochs unless extrapolated) */
  readonly epochsTimed: number;
  readonly extrapolated: boolean;
  readonly runsMs: readonly number[];
  readonly medianMs: number;
  /** the whole job: the median, or extrapolated (see `extrapolation`) */
  readonly jobMs: number;
  /** jobMs / epochs */
  readonly msPerEpoch: number;
  /** how a short run was scaled up to the job: epochs and checkpoints priced separately */
  readonly extrapolation?: Extrapolation;
  /** the untimed warm-up runs: epochs and ms of each */
  readonly warmups: readonly { readonly epochs: number; readonly ms: number }[];
  /** the checkpoints of the last timed run */
  readonly checkpoints: readonly CheckpointRead[];
}

export interface Extrapolation {
  /** one training epoch: (median run − its checkpoints × checkpointMs) / its epochs */
  readonly trainMsPerEpoch: number;
  /** one eval + readback, measured on its own */
  readonly checkpointMs: number;
  readonly checkpointsTimed: number;
  readonly checkpointsJob: number;
}

/**
 * A short run has relatively more checkpoints than the job (a 1-epoch run: one per epoch; the
 * job: 11 in 500), so it is not scaled by epochs alone: its checkpoints, priced by a separate
 * eval + readback measurement, are taken out, the training epochs scaled, the job's added back.
 */
export function extrapolate(
  medianMs: number,
  epochsTimed: number,
  epochs: number,
  every: number,
  checkpointMs: number,
): { jobMs: number; extrapolation: Extrapolation } {
  const checkpointsTimed = checkpointUpdates(epochsTimed, every).length;
  const checkpointsJob = checkpointUpdates(epochs, every).length;
  const trainMsPerEpoch = Math.max(0, medianMs - checkpointsTimed * checkpointMs) / epochsTimed;
  return {
    jobMs: trainMsPerEpoch * epochs + checkpointsJob * checkpointMs,
    extrapolation: { trainMsPerEpoch, checkpointMs, checkpointsTimed, checkpointsJob },
  };
}

/** Below this share of the timed run left for training once its checkpoints are taken out, a scaled-up job time is not trusted. */
export const MIN_TRAINING_SHARE = 0.25;

/**
 * Why a short run's scaled-up job time cannot be trusted, or undefined when it can: its checkpoints,
 * priced by the separate eval + readback measurement, leave under MIN_TRAINING_SHARE of the run for
 * training (on a loaded machine one slow checkpoint measurement can leave 0 ms, i.e. a free epoch).
 */
export function extrapolationDoubt(medianMs: number, e: Extrapolation): string | undefined {
  const training = medianMs - e.checkpointsTimed * e.checkpointMs;
  if (training >= MIN_TRAINING_SHARE * medianMs) return undefined;
  const share = Math.max(0, training / medianMs);
  return `${e.checkpointsTimed} checkpoints × ${e.checkpointMs.toFixed(0)} ms (timed alone) leave ${(100 * share).toFixed(0)}% of the ${medianMs.toFixed(0)} ms run for training`;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of no values');
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * Epochs per timed run that fit the budget at `msPerEpoch`: the job's epochs when they fit, else
 * the most of the form every·k + 1 (so the run ends right after a checkpoint, as the full job's
 * checkpoints do), at least 1.
 */
export function epochsWithinBudget(msPerEpoch: number, runBudgetMs: number, epochs: number, every: number): number {
  if (!(msPerEpoch > 0) || msPerEpoch * epochs <= runBudgetMs) return epochs;
  const fit = Math.floor(runBudgetMs / msPerEpoch);
  const aligned = fit > every ? Math.floor((fit - 1) / every) * every + 1 : fit;
  return Math.max(1, Math.min(aligned, epochs));
}

/** Epochs of the probe after the 1-epoch warm-ups: about half a run's budget, 2 to 51 epochs; 0 = no probe. */
export function probeEpochs(msPerEpoch: number, runBudgetMs: number, epochs: number): number {
  const fit = Math.floor(runBudgetMs / msPerEpoch);
  if (fit < 2 || epochs < 2) return 0;
  return Math.min(epochs, 51, Math.max(2, Math.floor(fit / 2)));
}

/**
 * Warm-up, then `runs` timed runs. The warm-up is one epoch (a train step and an eval readback:
 * shaders, pipelines and JIT caches get built), a second epoch (its time is free of compilation),
 * then a probe of up to 51 epochs (V8 and the libraries' caches warm up further) whose ms/epoch
 * decides how many epochs a run can afford.
 */
export async function measure(trainer: Trainer, o: MeasureOptions): Promise<Measurement> {
  const log = o.log ?? (() => {});
  const warmups: { epochs: number; ms: number }[] = [];
  const warm = async (epochs: number) => {
    const r = await trainer.run(epochs);
    warmups.push({ epochs, ms: r.ms });
    log(`warm-up ${epochs} epoch${epochs > 1 ? 's' : ''}: ${r.ms.toFixed(0)} ms`);
    return r.ms / epochs;
  };
  await warm(1);
  let rate = await warm(1);
  const probe = probeEpochs(rate, o.runBudgetMs, o.epochs);
  if (probe > 0) rate = await warm(probe);
  const epochsTimed = epochsWithinBudget(rate, o.runBudgetMs, o.epochs, o.every);
  const results: RunResult[] = [];
  for (let r = 0; r < o.runs; r++) {
    const res = await trainer.run(epochsTimed);
    log(`run ${r + 1}/${o.runs}: ${res.ms.toFixed(0)} ms (${epochsTimed} epochs)`);
    results.push(res);
  }
  const runsMs = results.map((r) => r.ms);
  const med = median(runsMs);
  const extrapolated = epochsTimed < o.epochs;
  let jobMs = med;
  let extrapolation: Extrapolation | undefined;
  if (extrapolated) {
    ({ jobMs, extrapolation } = extrapolate(med, epochsTimed, o.epochs, o.every, await trainer.checkpointMs()));
    log(
      `extrapolated: ${extrapolation.trainMsPerEpoch.toFixed(1)} ms per training epoch, ${extrapolation.checkpointMs.toFixed(1)} ms per checkpoint`,
    );
  }
  return {
    description: trainer.description,
    epochsTimed,
    extrapolated,
    runsMs,
    medianMs: med,
    jobMs,
    msPerEpoch: jobMs / o.epochs,
    extrapolation,
    warmups,
    checkpoints: results[results.length - 1].checkpoints,
  };
}
