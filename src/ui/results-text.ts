// Every word of the results table and its caption, in one place (a later i18n pass moves them into
// catalogs): the column heads, the number formats, and the caption's sentences, written from a
// GeneralisationReport (src/analysis/generalisation.ts). A comparison of the two nets from one run
// is labelled as one run; only seed bands of the same setting make a claim.

import type { GapKind, GeneralisationReport, NetGap, OneRunComparison } from '../analysis/generalisation';
import { formatLoss } from './chart-data';

export type NetRole = 'plain' | 'regularized';

export const RESULTS_TEXT = {
  title: (epoch: number) => `Generalisation at epoch ${epoch}`,
  columns: {
    net: 'Net',
    train: 'Train MSE',
    test: 'Test MSE',
    gap: 'Gap (test − train)',
    ratio: 'Ratio (test / train)',
  },
  netLabel: { plain: 'Plain net', regularized: 'Regularized net' } satisfies Record<NetRole, string>,
  /** the subject of a caption sentence */
  subject: { plain: 'The plain net', regularized: 'The regularized net' } satisfies Record<NetRole, string>,
  possessive: { plain: 'the plain net’s', regularized: 'the regularized net’s' } satisfies Record<NetRole, string>,
  diverged: (epoch: number | null) => (epoch === null ? 'diverged' : `diverged at epoch ${epoch}`),
  missing: '—',
  gapSentence: {
    memorises: (who: string, ratio: string) =>
      `${who} fits its training points ${ratio} better than unseen points: it memorises the noise.`,
    memorisesExactly: (who: string, train: string, test: string) =>
      `${who} fits its training points almost exactly (train MSE ${train}) but not unseen points (test MSE ${test}): it memorises the noise.`,
    mild: (who: string, ratio: string) => `${who} fits its training points ${ratio} better than unseen points: a mild gap.`,
    noOverfitting: (who: string, ratio: string) =>
      `${who} does about as well on unseen points as on its training points (ratio ${ratio}): no over-fitting to speak of.`,
    fitsBoth: (who: string) => `${who} fits its training and unseen points alike, almost exactly.`,
    diverged: (who: string, epoch: number | null) =>
      `${who} diverged${epoch === null ? '' : ` at epoch ${epoch}`} (its loss became NaN or infinite): it has no gap to show.`,
    unknown: (who: string) => `${who} has no finite errors at this epoch yet.`,
  },
  oneRun: {
    lower: (reg: string, plain: string) => `In this run the regularized net’s test MSE is lower: ${reg} against ${plain}`,
    higher: (reg: string, plain: string) => `In this run the regularized net’s test MSE is higher: ${reg} against ${plain}`,
    equal: (v: string) => `In this run both nets’ test MSE is ${v}`,
    noiseFromSeeds: (noise: string, k: number) => ` (one run; differences below ±${noise} are noise here, K=${k}).`,
    noSeeds: ' (one run; seed bands are needed to tell whether the difference is real).',
    otherSetting:
      ' (one run; the last seed bands were run for another setting: run them for this one to tell whether the difference is real).',
  },
  seeds: {
    lower: (k: number, epoch: number, reg: string, plain: string) =>
      `Over ${k} seeds at epoch ${epoch}, the regularized net’s test MSE is lower beyond the seed-to-seed spread: ${reg} against ${plain}.`,
    higher: (k: number, epoch: number, reg: string, plain: string) =>
      `Over ${k} seeds at epoch ${epoch}, the regularized net’s test MSE is higher beyond the seed-to-seed spread: ${reg} against ${plain}.`,
    within: (k: number, epoch: number, reg: string, plain: string) =>
      `Over ${k} seeds at epoch ${epoch}, neither net’s test MSE is lower beyond the seed-to-seed spread: ${reg} against ${plain}.`,
    unknown: (k: number) => `The seed bands (K=${k}) have too few finite runs to compare.`,
  },
} as const;

/** An MSE as the table and the caption show it (3 significant digits; tiny ones in e-notation). */
export function formatMse(v: number): string {
  return Number.isFinite(v) ? formatLoss(v) : RESULTS_TEXT.missing;
}

/** A signed difference of MSEs (gap): "+0.119", "−0.00310". */
export function formatGap(v: number): string {
  if (!Number.isFinite(v)) return RESULTS_TEXT.missing;
  const s = formatLoss(Math.abs(v));
  return v < 0 ? `−${s}` : `+${s}`;
}

/** A test/train ratio: "1.4×", "15×", "over 1,000×", "∞×". */
export function formatRatio(r: number): string {
  if (r === Infinity) return '∞×';
  if (!Number.isFinite(r)) return RESULTS_TEXT.missing;
  if (r >= 1000) return 'over 1,000×';
  if (r >= 10) return `${Math.round(r)}×`;
  return `${r.toFixed(1)}×`;
}

/** The seed-to-seed noise of a one-run difference, to 2 significant digits. */
export function formatNoise(v: number): string {
  return Number.isFinite(v) ? String(Number(v.toPrecision(2))) : RESULTS_TEXT.missing;
}

/** A band as "0.212 ± 0.0319". */
function band(b: { mean: number; std: number }): string {
  return `${formatMse(b.mean)} ± ${formatMse(b.std)}`;
}

/** One net's sentence about its gap. */
export function gapSentence(role: NetRole, g: NetGap): string {
  const who = RESULTS_TEXT.subject[role];
  const t = RESULTS_TEXT.gapSentence;
  const byKind: Record<GapKind, () => string> = {
    diverged: () => t.diverged(who, g.divergedAt),
    unknown: () => t.unknown(who),
    'fits-both': () => t.fitsBoth(who),
    'no-overfitting': () => t.noOverfitting(who, formatRatio(g.ratio)),
    mild: () => t.mild(who, formatRatio(g.ratio)),
    memorises: () =>
      g.nearExact ? t.memorisesExactly(who, formatMse(g.trainMse), formatMse(g.testMse)) : t.memorises(who, formatRatio(g.ratio)),
  };
  return byKind[g.kind]();
}

/** The comparison of the two nets: one run's, labelled, then the seed bands' verdict when they are of this setting. */
export function comparisonSentences(plain: NetGap, regularized: NetGap, c: OneRunComparison): string[] {
  const out: string[] = [];
  if (Number.isFinite(c.difference)) {
    const reg = formatMse(regularized.testMse),
      pl = formatMse(plain.testMse);
    const head =
      reg === pl
        ? RESULTS_TEXT.oneRun.equal(reg)
        : c.difference < 0
          ? RESULTS_TEXT.oneRun.lower(reg, pl)
          : RESULTS_TEXT.oneRun.higher(reg, pl);
    const label =
      c.seeds !== null && Number.isFinite(c.seeds.noise)
        ? RESULTS_TEXT.oneRun.noiseFromSeeds(formatNoise(c.seeds.noise), c.seeds.k)
        : c.evidence === 'other-setting'
          ? RESULTS_TEXT.oneRun.otherSetting
          : RESULTS_TEXT.oneRun.noSeeds;
    out.push(head + label);
  }
  if (c.seeds !== null) {
    const { k, epoch, comparison } = c.seeds;
    const reg = band(comparison.regularized),
      pl = band(comparison.plain);
    const s = RESULTS_TEXT.seeds;
    out.push(
      comparison.verdict === 'lower'
        ? s.lower(k, epoch, reg, pl)
        : comparison.verdict === 'higher'
          ? s.higher(k, epoch, reg, pl)
          : comparison.verdict === 'within-spread'
            ? s.within(k, epoch, reg, pl)
            : s.unknown(k),
    );
  }
  return out;
}

/** The whole caption: one sentence per net, then the comparison. */
export function captionSentences(r: GeneralisationReport): string[] {
  return [
    gapSentence('plain', r.plain),
    gapSentence('regularized', r.regularized),
    ...comparisonSentences(r.plain, r.regularized, r.comparison),
  ];
}
