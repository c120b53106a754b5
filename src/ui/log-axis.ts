// The loss chart's log axis: a range of at least one decade around the data (a single checkpoint,
// at epoch 0, would otherwise give an axis from 0.531 to 0.532 whose labels repeat and overlap),
// and tick labels that never repeat.

import { formatLogTick, formatLoss } from './chart-data';

/** The narrowest range a log axis shows: one decade (so it always holds two 1/2/5 × 10^k ticks). */
export const MIN_LOG_SPAN = 10;

/** The data's [min, max] widened, about its geometric middle, to span at least MIN_LOG_SPAN. */
export function widenLogRange(min: number, max: number): { min: number; max: number } {
  if (!(min > 0) || !(max > 0) || !Number.isFinite(min) || !Number.isFinite(max)) return { min, max };
  const lo = Math.min(min, max);
  const hi = Math.max(min, max);
  if (hi / lo >= MIN_LOG_SPAN) return { min: lo, max: hi };
  const mid = Math.sqrt(lo * hi);
  const half = Math.sqrt(MIN_LOG_SPAN);
  return { min: mid / half, max: mid * half };
}

/**
 * Labels for a log axis's ticks: 1/2/5 × 10^k only when at least two ticks are such; otherwise
 * every tick with 3 significant digits. A label equal to the previous one is left blank.
 */
export function logTickLabels(values: readonly number[]): string[] {
  const round = values.filter((v) => formatLogTick(v) !== '').length >= 2;
  const out: string[] = [];
  let previous = '';
  for (const v of values) {
    const label = round ? formatLogTick(v) : formatLoss(v);
    out.push(label !== '' && label === previous ? '' : label);
    if (label !== '') previous = label;
  }
  return out;
}
