// Page-side state of a batch job (grid sweep or seeds), fed by the batch worker's messages, and the
// pure views the panels draw from it: heatmap cells and seed bands.

import type { Message } from '../analysis/message';
import { bandStats, compareBeyondSpread, type BandStats, type Comparison } from '../analysis/bands';
import type { Checkpoint, NetDescription } from '../experiment/types';
import type { BatchJob, BatchToPage } from '../worker/batch-protocol';
import type { JobEstimate } from '../worker/job-estimate';
import type { BackendInfo } from '../worker/protocol';
import { bandSeries, netColor, type BandSeries } from './chart-data';
import type { Translate } from './i18n/i18n';

export interface BatchState {
  readonly id: number;
  /**
   * confirm: the job would take long; the page offers it or a smaller one (see `estimate`).
   * too-big: it does not fit the backend's memory (see `refusal`); nothing ran.
   */
  readonly phase: 'idle' | 'starting' | 'confirm' | 'too-big' | 'running' | 'done' | 'error';
  readonly job: BatchJob | null;
  readonly backend: BackendInfo | null;
  readonly nets: readonly NetDescription[];
  readonly axes: { readonly dropout: readonly number[]; readonly weightDecay: readonly number[] } | null;
  /** why the job is smaller than asked or runs on the CPU (none: empty) */
  readonly reduced: readonly Message[];
  /** the estimate of a long job awaiting the user's choice, with why it would run where it would */
  readonly estimate: { readonly estimate: JobEstimate; readonly notice: Message | null } | null;
  readonly epochs: number;
  readonly epoch: number;
  /** epochs of the checkpoints received */
  readonly checkpointEpochs: readonly number[];
  /** testMse[net][checkpoint] */
  readonly testMse: readonly (readonly number[])[];
  /** trainMse[net][epoch - 1]: every epoch's train-mode data loss */
  readonly trainMse: readonly (readonly number[])[];
  /** best (lowest finite) test MSE of each net so far, NaN when none */
  readonly best: readonly number[];
  readonly latest: Checkpoint | null;
  readonly ms: number | null;
  /** the job ended before its last epoch (Stop, or a new job) */
  readonly stopped: boolean;
  /** a plain sentence, and the raw error behind it (shown on demand) */
  readonly error: Message | null;
  readonly errorDetails: string | null;
  /** why the job does not fit, and the largest of its kind that does */
  readonly refusal: { readonly message: Message; readonly largest: BatchJob | null } | null;
  /** the epoch a lost device's job resumed from on the CPU, when it did */
  readonly resumedFrom: number | null;
  /** after a Stop: ms until the worker computed no more for the job, and whether it had to be terminated */
  readonly stopEnded: { readonly ms: number; readonly terminated: boolean } | null;
}

export const IDLE_BATCH: BatchState = {
  id: 0,
  phase: 'idle',
  job: null,
  backend: null,
  nets: [],
  axes: null,
  reduced: [],
  estimate: null,
  epochs: 0,
  epoch: 0,
  checkpointEpochs: [],
  testMse: [],
  trainMse: [],
  best: [],
  latest: null,
  ms: null,
  stopped: false,
  error: null,
  errorDetails: null,
  refusal: null,
  resumedFrom: null,
  stopEnded: null,
};

export function batchStarting(state: BatchState, id: number): BatchState {
  return { ...IDLE_BATCH, id, phase: 'starting', job: state.job };
}

/**
 * Stop, as the page shows it at once: the job is over with what it has (its checkpoints so far); the
 * worker's own answer for it is ignored.
 */
export function batchStopped(state: BatchState): BatchState {
  if (state.phase !== 'starting' && state.phase !== 'running') return state;
  return { ...state, id: -state.id - 1, phase: state.phase === 'starting' ? 'idle' : 'done', stopped: true };
}

export function batchReduce(state: BatchState, msg: BatchToPage): BatchState {
  if (msg.id !== state.id) return state;
  switch (msg.type) {
    case 'started':
      // a new job: nothing of an earlier one stays
      return {
        ...state,
        phase: 'running',
        job: msg.job,
        backend: msg.backend,
        nets: msg.nets,
        axes: msg.axes,
        reduced: msg.reduced,
        epochs: msg.epochs,
        epoch: 0,
        checkpointEpochs: [],
        latest: null,
        testMse: msg.nets.map(() => []),
        trainMse: msg.nets.map(() => []),
        best: msg.nets.map(() => NaN),
      };
    case 'estimate':
      return {
        ...state,
        phase: 'confirm',
        job: msg.estimate.job,
        backend: msg.backend,
        estimate: { estimate: msg.estimate, notice: msg.notice },
      };
    case 'too-big':
      return { ...state, phase: 'too-big', backend: msg.backend, refusal: { message: msg.message, largest: msg.largest } };
    case 'resumed':
      // the checkpoints so far stay: the job continues them on the CPU
      return { ...state, backend: msg.backend, reduced: [msg.notice], resumedFrom: msg.epoch };
    case 'checkpoint': {
      const cp = msg.checkpoint;
      const testMse = state.testMse.map((row, i) => [...row, cp.nets[i]?.testMse ?? NaN]);
      const trainMse = state.trainMse.map((row, i) => [...row, ...(cp.nets[i]?.lossHistory ?? [])]);
      const best = state.best.map((b, i) => {
        const v = cp.nets[i]?.testMse ?? NaN;
        if (!Number.isFinite(v)) return b;
        return Number.isFinite(b) ? Math.min(b, v) : v;
      });
      return { ...state, epoch: cp.epoch, checkpointEpochs: [...state.checkpointEpochs, cp.epoch], testMse, trainMse, best, latest: cp };
    }
    case 'done':
      return { ...state, phase: 'done', ms: msg.ms, stopped: msg.stopped };
    case 'error':
      return { ...state, phase: 'error', error: msg.message, errorDetails: msg.details };
    case 'parity-start':
    case 'parity-case':
      return state;
  }
}

/** The job being trained (possibly a reduced one), or null when none runs. */
export function activeJob(state: BatchState): BatchJob | null {
  return state.phase === 'running' ? state.job : null;
}

export interface HeatCell {
  readonly row: number;
  readonly col: number;
  readonly index: number;
  readonly dropout: number;
  readonly weightDecay: number;
  readonly final: number;
  readonly best: number;
}

/** Heatmap cells, row-major (rows: dropout, columns: weight decay); empty before the job started. */
export function heatCells(state: BatchState): HeatCell[] {
  const axes = state.axes;
  if (!axes) return [];
  const cols = axes.weightDecay.length;
  const out: HeatCell[] = [];
  axes.dropout.forEach((dropout, row) =>
    axes.weightDecay.forEach((weightDecay, col) => {
      const index = row * cols + col;
      out.push({ row, col, index, dropout, weightDecay, final: state.latest?.nets[index]?.testMse ?? NaN, best: state.best[index] ?? NaN });
    }),
  );
  return out;
}

/** Colour of a value on a log scale between lo and hi: low = dark blue, high = yellow; grey when not finite. */
export function heatColor(v: number, lo: number, hi: number): string {
  if (!Number.isFinite(v) || !(lo > 0) || !(hi > 0)) return '#d0d4da';
  const t = hi > lo ? Math.min(1, Math.max(0, (Math.log(v) - Math.log(lo)) / (Math.log(hi) - Math.log(lo)))) : 0.5;
  // three-stop ramp: #30123b → #1fa187 → #fde725
  const stops = [
    [48, 18, 59],
    [31, 161, 135],
    [253, 231, 37],
  ];
  const s = t < 0.5 ? 0 : 1;
  const u = t < 0.5 ? t * 2 : (t - 0.5) * 2;
  const c = stops[s].map((a, i) => Math.round(a + (stops[s + 1][i] - a) * u));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

export interface SeedBands {
  readonly k: number;
  readonly epochs: readonly number[];
  /** test MSE across seeds at each checkpoint */
  readonly plainTest: BandStats;
  readonly regularizedTest: BandStats;
  /** train MSE across seeds at every epoch (1, 2, …) */
  readonly trainEpochs: readonly number[];
  readonly plainTrain: BandStats;
  readonly regularizedTrain: BandStats;
  /** predictions across seeds on the dense grid at the latest checkpoint */
  readonly gridX: readonly number[];
  readonly plainPred: BandStats;
  readonly regularizedPred: BandStats;
  /** final (latest checkpoint) test MSE comparison */
  readonly comparison: Comparison;
}

/** Mean ± std bands of a seeds job: nets 0..K-1 plain, K..2K-1 regularized. */
export function seedBands(state: BatchState): SeedBands | null {
  if (state.job?.kind !== 'seeds' || !state.latest || state.testMse.length === 0) return null;
  const k = state.job.k;
  const plainRuns = state.testMse.slice(0, k);
  const regRuns = state.testMse.slice(k, 2 * k);
  const nets = state.latest.nets;
  const plainTrain = bandStats(state.trainMse.slice(0, k));
  return {
    k,
    epochs: state.checkpointEpochs,
    plainTest: bandStats(plainRuns),
    regularizedTest: bandStats(regRuns),
    trainEpochs: plainTrain.mean.map((_, i) => i + 1),
    plainTrain,
    regularizedTrain: bandStats(state.trainMse.slice(k, 2 * k)),
    gridX: state.latest.gridX,
    plainPred: bandStats(nets.slice(0, k).map((n) => n.gridPred)),
    regularizedPred: bandStats(nets.slice(k, 2 * k).map((n) => n.gridPred)),
    comparison: compareBeyondSpread(
      nets.slice(0, k).map((n) => n.testMse),
      nets.slice(k, 2 * k).map((n) => n.testMse),
    ),
  };
}

/** Chart bands of a seeds job: train and test MSE against epoch (loss chart), predictions against x (main chart); labels in the language of `t`. */
export function seedBandCharts(b: SeedBands, t: Translate): { loss: BandSeries[]; main: BandSeries[] } {
  const label = (net: 'overfitting' | 'dropout', what: 'train' | 'test' | 'pred'): string =>
    t(`seeds.band.${what}`, { net: t(`net.${net}`), k: b.k });
  return {
    loss: [
      // dotted mean lines for train MSE, dashed for test MSE
      {
        ...bandSeries('seeds-train:plain', label('overfitting', 'train'), netColor(0), b.trainEpochs, b.plainTrain, true),
        dash: [1, 2],
      },
      {
        ...bandSeries('seeds-train:regularized', label('dropout', 'train'), netColor(1), b.trainEpochs, b.regularizedTrain, true),
        dash: [1, 2],
      },
      bandSeries('seeds-test:plain', label('overfitting', 'test'), netColor(0), b.epochs, b.plainTest, true),
      bandSeries('seeds-test:regularized', label('dropout', 'test'), netColor(1), b.epochs, b.regularizedTest, true),
    ],
    main: [
      bandSeries('seeds-pred:plain', label('overfitting', 'pred'), netColor(0), b.gridX, b.plainPred),
      bandSeries('seeds-pred:regularized', label('dropout', 'pred'), netColor(1), b.gridX, b.regularizedPred),
    ],
  };
}
