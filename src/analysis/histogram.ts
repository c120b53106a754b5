// Histograms of weights: equal-width bins over a symmetric range, the count of |w| below a
// threshold (1e-3 by default, L1's near-zeros) and of exact zeros.

export interface Histogram {
  /** bins + 1 edges, ascending */
  readonly edges: readonly number[];
  readonly counts: readonly number[];
  readonly total: number;
  /** values with |w| < nearZeroThreshold */
  readonly nearZero: number;
  readonly exactZero: number;
  readonly nearZeroThreshold: number;
  readonly min: number;
  readonly max: number;
  /** root mean square of the values (L2 shrinkage shows here) */
  readonly rms: number;
  /** non-finite values, left out of the bins */
  readonly nonFinite: number;
}

export function histogram(
  values: ArrayLike<number>,
  options: { bins?: number; range?: number; nearZeroThreshold?: number } = {},
): Histogram {
  const bins = options.bins ?? 40;
  const threshold = options.nearZeroThreshold ?? 1e-3;
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`histogram: bins must be a whole number ≥ 1, got ${bins}`);
  let min = Infinity,
    max = -Infinity,
    nearZero = 0,
    exactZero = 0,
    nonFinite = 0,
    ss = 0,
    finite = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) {
      nonFinite++;
      continue;
    }
    finite++;
    if (v < min) min = v;
    if (v > max) max = v;
    if (Math.abs(v) < threshold) nearZero++;
    if (v === 0) exactZero++;
    ss += v * v;
  }
  const range = options.range ?? (finite > 0 ? Math.max(Math.abs(min), Math.abs(max), 1e-6) : 1);
  const edges = Array.from({ length: bins + 1 }, (_, i) => -range + (2 * range * i) / bins);
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    let b = Math.floor(((v + range) / (2 * range)) * bins);
    if (b < 0) b = 0;
    if (b >= bins) b = bins - 1;
    counts[b]++;
  }
  return {
    edges,
    counts,
    total: values.length,
    nearZero,
    exactZero,
    nearZeroThreshold: threshold,
    min: finite ? min : NaN,
    max: finite ? max : NaN,
    rms: finite ? Math.sqrt(ss / finite) : NaN,
    nonFinite,
  };
}

/** Only the weight matrices (W1, W2, …), not the biases. */
export function weightNames(names: readonly string[]): string[] {
  return names.filter((n) => /^W\d+$/.test(n));
}
