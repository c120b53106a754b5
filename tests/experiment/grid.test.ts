import { describe, expect, it } from 'vitest';
import { gridAxes, gridNets, seedNets } from '../../src/experiment/grid';
import { defaultSettings } from '../../src/experiment/settings';

describe('sweep nets', () => {
  it('grid: row-major dropout × weight decay, the bench default 8×8 = 64', () => {
    const s = defaultSettings();
    expect(gridNets(s, 8)).toHaveLength(64);
    const { dropout, weightDecay } = gridAxes(3, 4);
    expect(dropout).toEqual([0, 0.4, 0.8]);
    expect(weightDecay[0]).toBe(0);
    expect(weightDecay[1]).toBeCloseTo(1e-5, 15);
    expect(weightDecay[3]).toBeCloseTo(1e-1, 12);
    const nets = gridNets(s, 3, 4);
    expect(nets).toHaveLength(12);
    expect(nets[1 * 4 + 2].hyper.pDrop).toBe(0.4);
    expect(nets[1 * 4 + 2].hyper.optimizer.weightDecay).toBe(weightDecay[2]);
    expect(nets[5].hyper.optimizer.lr).toBe(s.lrRegularized);
  });
  it('grid axes are round numbers: dropout to 0.01, weight decay to 3 significant digits, exactly as labelled', () => {
    const { dropout, weightDecay } = gridAxes(8, 8);
    expect(dropout).toEqual([0, 0.11, 0.23, 0.34, 0.46, 0.57, 0.69, 0.8]);
    expect(weightDecay).toEqual([0, 1e-5, 4.64e-5, 2.15e-4, 1e-3, 4.64e-3, 2.15e-2, 0.1]);
    expect(gridAxes(1, 1)).toEqual({ dropout: [0.5], weightDecay: [0] });
    expect(gridAxes(6).weightDecay).toEqual([0, 1e-5, 1e-4, 1e-3, 1e-2, 0.1]);
  });
  it('seeds: K of the plain net then K of the regularized one, seeds s..s+K-1', () => {
    const s = { ...defaultSettings(), seed: 10 };
    const nets = seedNets(s, 3);
    expect(nets.map((n) => n.hyper.seed)).toEqual([10, 11, 12, 10, 11, 12]);
    expect(nets.map((n) => n.hyper.pDrop)).toEqual([0, 0, 0, 0.5, 0.5, 0.5]);
    expect(nets[0].initDraw).toBe(0);
    expect(nets[3].initDraw).toBe(1);
    expect(() => seedNets(s, 0)).toThrow(/K/);
  });
});

describe('seeds that vary only the masks', () => {
  it('keep one init seed, vary the mask seeds', () => {
    const s = { ...defaultSettings(), seed: 5 };
    const nets = seedNets(s, 2, 'masks');
    expect(nets.map((n) => [n.hyper.seed, n.initSeed])).toEqual([
      [5, 5],
      [6, 5],
      [5, 5],
      [6, 5],
    ]);
    expect(seedNets(s, 2).every((n) => n.initSeed === undefined)).toBe(true);
  });
});
