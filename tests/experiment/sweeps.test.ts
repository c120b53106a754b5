// Batched sweeps on the CPU reference backend: grid cells and seeds as the models of one experiment.
import { describe, expect, it } from 'vitest';
import { createCpuBackend } from '../../src/backends/cpu/cpu-backend';
import { gridNets, seedNets } from '../../src/experiment/grid';
import { Experiment, runSchedule } from '../../src/experiment/runner';
import { defaultSettings, type Settings } from '../../src/experiment/settings';

const s: Settings = { ...defaultSettings(), hidden: 16, epochs: 20, every: 10 };

describe('batched sweeps', () => {
  it('a 2×3 grid trains as 6 models with finite, distinct test MSEs', async () => {
    const exp = await Experiment.create(s, createCpuBackend(), { nets: gridNets(s, 2, 3) });
    const cps = await runSchedule(exp, s.epochs, s.every);
    const last = cps[cps.length - 1];
    expect(last.epoch).toBe(20);
    expect(last.nets).toHaveLength(6);
    expect(last.nets.every((n) => Number.isFinite(n.testMse))).toBe(true);
    expect(new Set(last.nets.map((n) => n.testMse)).size).toBeGreaterThan(1);
    exp.dispose();
  });
  it("seeds varying only the masks: the plain net's copies agree exactly, the dropout net's differ", async () => {
    const exp = await Experiment.create(s, createCpuBackend(), { nets: seedNets(s, 3, 'masks') });
    const cps = await runSchedule(exp, s.epochs, s.every);
    const t = cps[cps.length - 1].nets.map((n) => n.testMse);
    expect(t[1]).toBe(t[0]);
    expect(t[2]).toBe(t[0]);
    expect(new Set(t.slice(3)).size).toBe(3);
    exp.dispose();
  });
  it('seeds varying init and masks: every copy differs', async () => {
    const exp = await Experiment.create(s, createCpuBackend(), { nets: seedNets(s, 3) });
    const cps = await runSchedule(exp, s.epochs, s.every);
    expect(new Set(cps[cps.length - 1].nets.map((n) => n.testMse)).size).toBe(6);
    exp.dispose();
  });
});
