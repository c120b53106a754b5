import { describe, expect, it } from 'vitest';
import { histogram, weightNames } from '../../src/analysis/histogram';

describe('weight histogram', () => {
  it('bins values over a symmetric range and counts near-zeros and exact zeros', () => {
    const h = histogram(Float32Array.from([-1, -0.5, 0, 0, 0.0005, -0.0009, 0.5, 1]), { bins: 4 });
    expect(h.edges).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(h.counts).toEqual([1, 2, 3, 2]);
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(8);
    expect(h.nearZero).toBe(4);
    expect(h.exactZero).toBe(2);
    expect(h.total).toBe(8);
    expect(h.min).toBe(-1);
    expect(h.max).toBe(1);
  });
  it('honours a fixed range (outliers go to the edge bins) and the threshold', () => {
    const h = histogram([-5, 0.01, 5], { bins: 2, range: 1, nearZeroThreshold: 0.1 });
    expect(h.counts).toEqual([1, 2]);
    expect(h.nearZero).toBe(1);
  });
  it('reports shrinkage as a smaller rms and leaves non-finite values out', () => {
    expect(histogram([3, -4]).rms).toBeCloseTo(Math.sqrt(12.5), 12);
    const h = histogram([1, NaN, Infinity]);
    expect(h.nonFinite).toBe(2);
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(1);
  });
  it('rejects a bad bin count; picks the weight matrices', () => {
    expect(() => histogram([1], { bins: 0 })).toThrow(/bins/);
    expect(weightNames(['W1', 'b1', 'W2', 'b2'])).toEqual(['W1', 'W2']);
  });
});
