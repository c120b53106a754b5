import { describe, expect, it } from 'vitest';
import { bandStats, compareBeyondSpread, meanStd } from '../../src/analysis/bands';

describe('band statistics', () => {
  it('gives per-index mean and sample std over runs', () => {
    const b = bandStats([
      [1, 2, 3],
      [3, 2, 5],
      [2, 2, 7],
    ]);
    expect(b.mean).toEqual([2, 2, 5]);
    expect(b.std[0]).toBeCloseTo(1, 12);
    expect(b.std[1]).toBe(0);
    expect(b.std[2]).toBeCloseTo(2, 12);
    expect(b.lower[2]).toBeCloseTo(3, 12);
    expect(b.upper[2]).toBeCloseTo(7, 12);
    expect(b.n).toEqual([3, 3, 3]);
  });
  it('skips diverged (non-finite) samples and ragged runs', () => {
    const b = bandStats([[1, NaN], [3], [Infinity, 4]]);
    expect(b.n).toEqual([2, 1]);
    expect(b.mean).toEqual([2, 4]);
    expect(b.std[1]).toBe(0);
    expect(bandStats([[NaN]]).mean[0]).toBeNaN();
  });
  it('meanStd matches the textbook values', () => {
    const s = meanStd([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(s.mean).toBe(5);
    expect(s.std).toBeCloseTo(Math.sqrt(32 / 7), 12);
  });
});

describe('beyond the seed-to-seed spread', () => {
  it('lower when the bands do not overlap', () => {
    const c = compareBeyondSpread([0.2, 0.21, 0.19], [0.1, 0.11, 0.09]);
    expect(c.verdict).toBe('lower');
    expect(c.difference).toBeCloseTo(-0.1, 12);
    expect(c.text).toMatch(/lower beyond/);
  });
  it('within spread for the tutorial numbers (0.1302 ± 0.0116 vs 0.1301)', () => {
    const reg = [0.1302 - 0.0116, 0.1302, 0.1302 + 0.0116];
    const c = compareBeyondSpread([0.1301, 0.1301], reg);
    expect(c.verdict).toBe('within-spread');
    expect(c.text).toMatch(/No difference beyond the seed-to-seed spread/);
  });
  it('higher, and unknown without finite runs', () => {
    expect(compareBeyondSpread([0.1, 0.1], [0.3, 0.31]).verdict).toBe('higher');
    expect(compareBeyondSpread([NaN], [0.3]).verdict).toBe('unknown');
  });
});
