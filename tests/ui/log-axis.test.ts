import { describe, expect, it } from 'vitest';
import { MIN_LOG_SPAN, logTickLabels, widenLogRange } from '../../src/ui/log-axis';

describe('loss chart log axis', () => {
  it('widens a narrow range (one checkpoint at epoch 0) to a decade around the data', () => {
    const r = widenLogRange(0.531, 0.532);
    expect(r.max / r.min).toBeCloseTo(MIN_LOG_SPAN, 10);
    expect(r.min).toBeLessThan(0.531);
    expect(r.max).toBeGreaterThan(0.532);
    expect(Math.sqrt(r.min * r.max)).toBeCloseTo(Math.sqrt(0.531 * 0.532), 10);
    // a single value
    const one = widenLogRange(0.2, 0.2);
    expect(one.max / one.min).toBeCloseTo(10, 10);
  });

  it('keeps a range that spans a decade or more, and leaves unusable limits alone', () => {
    expect(widenLogRange(1e-3, 0.5)).toEqual({ min: 1e-3, max: 0.5 });
    expect(widenLogRange(0, 1)).toEqual({ min: 0, max: 1 });
    expect(widenLogRange(NaN, 1)).toEqual({ min: NaN, max: 1 });
  });

  it('labels only 1/2/5 × 10^k when two or more ticks are such', () => {
    expect(logTickLabels([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 1])).toEqual(['0.1', '0.2', '', '', '0.5', '', '1']);
  });

  it('never repeats a label: the narrow axis of the issue ("0.532 0.532 0.531") gets each label once', () => {
    const labels = logTickLabels([0.5312, 0.5314, 0.5316, 0.5318, 0.532]);
    const shown = labels.filter((l) => l !== '');
    expect(new Set(shown).size).toBe(shown.length);
    expect(shown).toEqual(['0.531', '0.532']);
  });
});
