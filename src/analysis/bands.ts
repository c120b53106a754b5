// Seed-to-seed statistics: mean ± std over K runs of the same setting (seed bands, MC-dropout
// samples), and whether one setting's loss is lower than another's beyond that spread.

export interface BandStats {
  /** number of finite samples that went into each entry */
  readonly n: readonly number[];
  readonly mean: readonly number[];
  /** sample standard deviation (n − 1 in the denominator; 0 for a single sample) */
  readonly std: readonly number[];
  readonly lower: readonly number[];
  readonly upper: readonly number[];
}

/**
 * Per-index mean and sample std over runs (`runs[k][i]` = run k, index i). Non-finite samples
 * (diverged runs) are skipped; an index with no finite sample is NaN.
 */
export function bandStats(runs: readonly (readonly number[])[]): BandStats {
  const len = runs.reduce((m, r) => Math.max(m, r.length), 0);
  const n: number[] = [],
    mean: number[] = [],
    std: number[] = [],
    lower: number[] = [],
    upper: number[] = [];
  for (let i = 0; i < len; i++) {
    let k = 0,
      sum = 0;
    for (const r of runs)
      if (i < r.length && Number.isFinite(r[i])) {
        k++;
        sum += r[i];
      }
    const mu = k > 0 ? sum / k : NaN;
    let ss = 0;
    for (const r of runs) if (i < r.length && Number.isFinite(r[i])) ss += (r[i] - mu) ** 2;
    const sd = k > 1 ? Math.sqrt(ss / (k - 1)) : k === 1 ? 0 : NaN;
    n.push(k);
    mean.push(mu);
    std.push(sd);
    lower.push(mu - sd);
    upper.push(mu + sd);
  }
  return { n, mean, std, lower, upper };
}

/** How many values, their mean and their sample std. */
export interface MeanStd {
  readonly n: number;
  readonly mean: number;
  readonly std: number;
}

/** Mean and sample std of one list of numbers (non-finite values skipped). */
export function meanStd(values: readonly number[]): MeanStd {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return { n: 0, mean: NaN, std: NaN };
  const mean = finite.reduce((a, b) => a + b, 0) / finite.length;
  const std = finite.length > 1 ? Math.sqrt(finite.reduce((a, b) => a + (b - mean) ** 2, 0) / (finite.length - 1)) : 0;
  return { n: finite.length, mean, std };
}

export type SpreadVerdict = 'lower' | 'higher' | 'within-spread' | 'unknown';

export interface Comparison {
  readonly plain: MeanStd;
  readonly regularized: MeanStd;
  /** regularized mean − plain mean */
  readonly difference: number;
  readonly verdict: SpreadVerdict;
  /** one sentence for the page */
  readonly text: string;
}

/**
 * Is the regularized net's loss lower than the plain net's beyond the seed-to-seed spread? "Beyond"
 * means the two mean ± std bands do not overlap: reg.mean + reg.std < plain.mean − plain.std.
 */
export function compareBeyondSpread(plainValues: readonly number[], regularizedValues: readonly number[], what = 'test MSE'): Comparison {
  const plain = meanStd(plainValues);
  const regularized = meanStd(regularizedValues);
  const difference = regularized.mean - plain.mean;
  let verdict: SpreadVerdict;
  if (plain.n === 0 || regularized.n === 0) verdict = 'unknown';
  else if (regularized.mean + regularized.std < plain.mean - plain.std) verdict = 'lower';
  else if (regularized.mean - regularized.std > plain.mean + plain.std) verdict = 'higher';
  else verdict = 'within-spread';
  const f = (v: number): string => (Number.isFinite(v) ? v.toFixed(4) : '—');
  const bands = `regularized ${f(regularized.mean)} ± ${f(regularized.std)} (n=${regularized.n}) vs plain ${f(plain.mean)} ± ${f(plain.std)} (n=${plain.n})`;
  const text =
    verdict === 'lower'
      ? `The regularized net's ${what} is lower beyond the seed-to-seed spread: ${bands}.`
      : verdict === 'higher'
        ? `The regularized net's ${what} is higher beyond the seed-to-seed spread: ${bands}.`
        : verdict === 'within-spread'
          ? `No difference beyond the seed-to-seed spread (the mean ± std bands overlap): ${bands}.`
          : `Not enough finite runs to compare: ${bands}.`;
  return { plain, regularized, difference, verdict, text };
}
