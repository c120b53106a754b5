import { describe, expect, it } from 'vitest';
import { keepUnit, normalAt, threefry2x32, unitFloat, uniformAt } from '../../src/engine/random/threefry';

const hex = (w: [number, number]) => w.map((x) => x.toString(16).padStart(8, '0'));

describe('Threefry-2x32-20', () => {
  // Random123 kat_vectors: threefry2x32 20 <ctr0 ctr1> <key0 key1> -> <out0 out1>
  it('matches the published Random123 known-answer vectors', () => {
    expect(hex(threefry2x32(0, 0, 0, 0))).toEqual(['6b200159', '99ba4efe']);
    expect(hex(threefry2x32(0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff))).toEqual(['1cb996fc', 'bb002be7']);
    expect(hex(threefry2x32(0x13198a2e, 0x03707344, 0x243f6a88, 0x85a308d3))).toEqual(['c4923a9c', '483df7a0']);
  });

  it('gives uniform floats in [0, 1) exactly representable in float32', () => {
    for (let i = 0; i < 1000; i++) {
      const u = uniformAt(7, 3, i);
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
      expect(Math.fround(u)).toBe(u);
    }
    expect(unitFloat(0xffffffff)).toBe(1 - 2 ** -24);
    expect(unitFloat(0)).toBe(0);
  });

  it('keeps a fraction 1 - p of units', () => {
    const n = 20000;
    for (const p of [0.1, 0.5, 0.9]) {
      let kept = 0;
      for (let i = 0; i < n; i++) if (keepUnit(42, 16, 3, i, p)) kept++;
      const sd = Math.sqrt(n * p * (1 - p));
      expect(Math.abs(kept - n * (1 - p))).toBeLessThan(5 * sd);
    }
    expect(keepUnit(1, 16, 1, 0, 0)).toBe(true);
  });

  it('draws standard normals (Box–Muller) with mean 0 and variance 1', () => {
    const n = 20000;
    let s = 0,
      s2 = 0;
    for (let i = 0; i < n; i++) {
      const z = normalAt(5, 2, i);
      s += z;
      s2 += z * z;
    }
    const mean = s / n,
      variance = s2 / n - mean * mean;
    expect(Math.abs(mean)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
  });
});
