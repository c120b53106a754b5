// The generalisation gap of the two nets at one epoch, and what may be claimed from it. Per net:
// train MSE (eval mode, on the training points), test MSE, gap = test − train and ratio =
// test / train, classified in plain terms (memorises, a mild gap, no over-fitting, diverged). The
// comparison between the nets is one run's, labelled so; a claim that one net beats the other comes
// only from seed bands of the same setting (compareBeyondSpread: mean ± std over K seeds), which
// also give the one-run difference its noise scale. Numbers only: the words are in
// src/ui/results-text.ts.

import { compareBeyondSpread, type Comparison } from './bands';
import { SETTING_NAMES, type SettingName, type Settings } from '../experiment/settings';

/** One net's errors at the displayed epoch. */
export interface NetErrors {
  /** eval-mode MSE on the training points */
  readonly trainMse: number;
  /** eval-mode MSE on the test points */
  readonly testMse: number;
  /** epoch at which its loss became NaN/Inf (training stopped), else null */
  readonly divergedAt: number | null;
}

/** A value per seed and checkpoint: [seed][checkpoint]. */
export type SeedByCheckpoint = readonly (readonly number[])[];

/**
 * The last seed-band result (the page's Seeds job): K copies of each net, seeds s…s+K−1, as run
 * with `settings` on the data named by `dataKey`. Test MSE per seed and checkpoint.
 */
export interface SeedEvidence {
  readonly settings: Settings;
  /** which training points: '' for the settings' own data, else a key of the own points (e.g. their link text) */
  readonly dataKey: string;
  readonly k: number;
  /** epochs of the seed job's checkpoints received so far */
  readonly epochs: readonly number[];
  /** test MSE of the plain and the regularized copies */
  readonly plain: SeedByCheckpoint;
  readonly regularized: SeedByCheckpoint;
}

/** What the results table and its caption are computed from. */
export interface ResultsInput {
  /** the displayed epoch (updates done) */
  readonly epoch: number;
  /** the settings of the displayed run */
  readonly settings: Settings;
  /** its training points: '' for the settings' own data (see SeedEvidence.dataKey) */
  readonly dataKey: string;
  readonly plain: NetErrors;
  readonly regularized: NetErrors;
  /** the last seed-band result, whatever its setting (null: none run yet) */
  readonly seeds: SeedEvidence | null;
}

export type GapKind =
  /** its loss became NaN/Inf: no gap to show */
  | 'diverged'
  /** no finite errors (nothing measured yet) */
  | 'unknown'
  /** train and test MSE both ≈ 0 (noise-free data fitted) */
  | 'fits-both'
  /** ratio < MILD_RATIO */
  | 'no-overfitting'
  /** MILD_RATIO ≤ ratio < MEMORISES_RATIO */
  | 'mild'
  /** ratio ≥ MEMORISES_RATIO */
  | 'memorises';

/** below this test/train ratio there is no over-fitting to speak of */
export const MILD_RATIO = 1.5;
/** from this ratio on, the net fits its training points far better than unseen ones: it memorises the noise */
export const MEMORISES_RATIO = 5;
/** an MSE below this is zero for the caption (float32 losses of a noise-free fit) */
export const ZERO_MSE = 1e-8;
/** a train MSE below test / this fits the training points "almost exactly" */
export const EXACT_FIT_FACTOR = 1000;

export interface NetGap extends NetErrors {
  /** test − train (NaN when either is not finite) */
  readonly gap: number;
  /** test / train (Infinity when train is 0 and test is not; NaN when not finite) */
  readonly ratio: number;
  readonly kind: GapKind;
  /** the training points are fitted almost exactly (train < test / EXACT_FIT_FACTOR) */
  readonly nearExact: boolean;
}

/** One net's gap and its kind. */
export function netGap(e: NetErrors, epoch: number): NetGap {
  const finite = Number.isFinite(e.trainMse) && Number.isFinite(e.testMse);
  // a playhead before the divergence shows the net as it was then
  const diverged = (e.divergedAt !== null && e.divergedAt <= epoch) || isInfinite(e.trainMse, e.testMse);
  if (diverged) return { ...e, gap: NaN, ratio: NaN, kind: 'diverged', nearExact: false };
  if (!finite) return { ...e, gap: NaN, ratio: NaN, kind: 'unknown', nearExact: false };
  const train = Math.max(0, e.trainMse),
    test = Math.max(0, e.testMse);
  const gap = test - train;
  if (train < ZERO_MSE && test < ZERO_MSE) return { ...e, gap, ratio: NaN, kind: 'fits-both', nearExact: true };
  const ratio = train > 0 ? test / train : Infinity;
  const kind: GapKind = ratio < MILD_RATIO ? 'no-overfitting' : ratio < MEMORISES_RATIO ? 'mild' : 'memorises';
  return { ...e, gap, ratio, kind, nearExact: train * EXACT_FIT_FACTOR < test };
}

function isInfinite(...values: number[]): boolean {
  return values.some((v) => v === Infinity || v === -Infinity);
}

/** Does a seed-band result belong to the displayed run's setting? */
export type EvidenceMatch = 'same-setting' | 'other-setting' | 'none';

/**
 * Settings that do not change the trajectory of the first epochs: the preset is a label, Epochs
 * only where training stops, Checkpoint every only when it is evaluated.
 */
const SCHEDULE_ONLY: readonly SettingName[] = ['preset', 'epochs', 'every'];

/** Same data and every setting that shapes training equal (a seed job of 1000 epochs covers a run of 500). */
export function sameSetting(a: Settings, aData: string, b: Settings, bData: string): boolean {
  return aData === bData && SETTING_NAMES.every((n) => SCHEDULE_ONLY.includes(n) || a[n] === b[n]);
}

/** The seed bands at one checkpoint of the seed job. */
export interface SeedVerdict {
  readonly k: number;
  /** the seed job's checkpoint used (the one nearest the displayed epoch) */
  readonly epoch: number;
  /** the page's verdict and the mean ± std of both nets (regularized − plain in `difference`) */
  readonly comparison: Comparison;
  /**
   * how far apart one run's two test MSEs may be by chance: the sum of the two seed-to-seed
   * standard deviations, the width at which the page's mean ± std bands start to overlap
   */
  readonly noise: number;
}

/** The comparison of the displayed run's two nets. */
export interface OneRunComparison {
  /** regularized test MSE − plain test MSE (NaN when either is not finite) */
  readonly difference: number;
  readonly evidence: EvidenceMatch;
  /** the seed bands of the same setting, else null */
  readonly seeds: SeedVerdict | null;
}

export interface GeneralisationReport {
  readonly epoch: number;
  readonly plain: NetGap;
  readonly regularized: NetGap;
  readonly comparison: OneRunComparison;
}

/** The seed job's checkpoint nearest `epoch` (the earlier one on a tie), or -1 when it has none. */
export function nearestCheckpoint(epochs: readonly number[], epoch: number): number {
  let best = -1;
  epochs.forEach((e, i) => {
    if (best < 0 || Math.abs(e - epoch) < Math.abs(epochs[best] - epoch)) best = i;
  });
  return best;
}

/** The page's seed-band verdict (compareBeyondSpread) at the checkpoint nearest `epoch`, or null before any. */
export function seedVerdict(e: SeedEvidence, epoch: number): SeedVerdict | null {
  const i = nearestCheckpoint(e.epochs, epoch);
  if (i < 0) return null;
  const at = (runs: readonly (readonly number[])[]): number[] => runs.map((r) => (i < r.length ? r[i] : NaN));
  const comparison = compareBeyondSpread(at(e.plain), at(e.regularized));
  return { k: e.k, epoch: e.epochs[i], comparison, noise: comparison.plain.std + comparison.regularized.std };
}

/** Everything the results table and its caption show. */
export function generalisationReport(input: ResultsInput): GeneralisationReport {
  const plain = netGap(input.plain, input.epoch);
  const regularized = netGap(input.regularized, input.epoch);
  const usable = (g: NetGap): boolean => g.kind !== 'diverged' && g.kind !== 'unknown';
  const difference = usable(plain) && usable(regularized) ? regularized.testMse - plain.testMse : NaN;
  const s = input.seeds;
  const same = s !== null && sameSetting(s.settings, s.dataKey, input.settings, input.dataKey);
  const seeds = same ? seedVerdict(s, input.epoch) : null;
  // a seed job of this setting without a checkpoint yet is no evidence
  const evidence: EvidenceMatch = seeds !== null ? 'same-setting' : s !== null && !same ? 'other-setting' : 'none';
  return { epoch: input.epoch, plain, regularized, comparison: { difference, evidence, seeds } };
}
