// The results table's caption as messages (catalog keys `results.*`, src/ui/i18n), written from a
// GeneralisationReport (src/analysis/generalisation.ts), plus the number formats of the table and
// the caption. Each sentence is a key with its numbers as parameters, so both languages say the
// same computed thing. A comparison of the two nets from one run is labelled as one run; only seed
// bands of the same setting make a claim.

import type { GapKind, GeneralisationReport, NetGap, OneRunComparison } from '../analysis/generalisation';
import { msg, type Message, type MessageParam } from '../analysis/message';
import { formatLoss } from './chart-data';

export type NetRole = 'plain' | 'regularized';

/** Shown where a number is missing (not finite). */
export const MISSING = '—';

/** The table's title at an epoch. */
export const resultsTitle = (epoch: number): Message => msg('results.title', { epoch });

/** The "diverged" cell of a row. */
export const divergedCell = (epoch: number | null): Message =>
  epoch === null ? msg('results.diverged') : msg('results.divergedAt', { epoch });

/** An MSE as the table and the caption show it (3 significant digits; tiny ones in e-notation). */
export function formatMse(v: number): string {
  return Number.isFinite(v) ? formatLoss(v) : MISSING;
}

/** A signed difference of MSEs (gap): "+0.119", "−0.00310". */
export function formatGap(v: number): string {
  if (!Number.isFinite(v)) return MISSING;
  const s = formatLoss(Math.abs(v));
  return v < 0 ? `−${s}` : `+${s}`;
}

/** A test/train ratio: "1.4×", "15×", "∞×", or a message for "over 1,000×". */
export function formatRatio(r: number): MessageParam {
  if (r === Infinity) return '∞×';
  if (!Number.isFinite(r)) return MISSING;
  if (r >= 1000) return msg('results.ratioOver', { n: 1000 });
  if (r >= 10) return `${Math.round(r)}×`;
  return `${r.toFixed(1)}×`;
}

/** The seed-to-seed noise of a one-run difference, to 2 significant digits. */
export function formatNoise(v: number): string {
  return Number.isFinite(v) ? String(Number(v.toPrecision(2))) : MISSING;
}

/** A band as "0.212 ± 0.0319". */
function band(b: { mean: number; std: number }): string {
  return `${formatMse(b.mean)} ± ${formatMse(b.std)}`;
}

/** One net's sentence about its gap. */
export function gapSentence(role: NetRole, g: NetGap): Message {
  const who = msg(`results.subject.${role}`);
  const byKind: Record<GapKind, () => Message> = {
    diverged: () =>
      g.divergedAt === null ? msg('results.gap.diverged', { who }) : msg('results.gap.divergedAt', { who, epoch: g.divergedAt }),
    unknown: () => msg('results.gap.unknown', { who }),
    'fits-both': () => msg('results.gap.fitsBoth', { who }),
    'no-overfitting': () => msg('results.gap.noOverfitting', { who, ratio: formatRatio(g.ratio) }),
    mild: () => msg('results.gap.mild', { who, ratio: formatRatio(g.ratio) }),
    memorises: () =>
      g.nearExact
        ? msg('results.gap.memorisesExactly', { who, train: formatMse(g.trainMse), test: formatMse(g.testMse) })
        : msg('results.gap.memorises', { who, ratio: formatRatio(g.ratio) }),
  };
  return byKind[g.kind]();
}

/** The comparison of the two nets: one run's, labelled, then the seed bands' verdict when they are of this setting. */
export function comparisonSentences(plain: NetGap, regularized: NetGap, c: OneRunComparison): Message[] {
  const out: Message[] = [];
  if (Number.isFinite(c.difference)) {
    const reg = formatMse(regularized.testMse),
      pl = formatMse(plain.testMse);
    const label =
      c.seeds !== null && Number.isFinite(c.seeds.noise)
        ? msg('results.oneRun.noiseFromSeeds', { noise: formatNoise(c.seeds.noise), k: c.seeds.k })
        : c.evidence === 'other-setting'
          ? msg('results.oneRun.otherSetting')
          : msg('results.oneRun.noSeeds');
    out.push(
      reg === pl
        ? msg('results.oneRun.equal', { value: reg, label })
        : msg(c.difference < 0 ? 'results.oneRun.lower' : 'results.oneRun.higher', { reg, plain: pl, label }),
    );
  }
  if (c.seeds !== null) {
    const { k, epoch, comparison } = c.seeds;
    const params = { k, epoch, reg: band(comparison.regularized), plain: band(comparison.plain) };
    out.push(
      comparison.verdict === 'lower'
        ? msg('results.seeds.lower', params)
        : comparison.verdict === 'higher'
          ? msg('results.seeds.higher', params)
          : comparison.verdict === 'within-spread'
            ? msg('results.seeds.within', params)
            : msg('results.seeds.unknown', { k }),
    );
  }
  return out;
}

/** The whole caption: one sentence per net, then the comparison. */
export function captionSentences(r: GeneralisationReport): Message[] {
  return [
    gapSentence('plain', r.plain),
    gapSentence('regularized', r.regularized),
    ...comparisonSentences(r.plain, r.regularized, r.comparison),
  ];
}
