// Batched sweeps on the CPU reference backend: grid cells and seeds as the models of one experiment.
// The reference for a batched model is the same net trained on its own: batching must not change a
// single bit of its result.
import { describe, expect, it } from 'vitest';
import { createCpuBackend } from '../../src/backends/cpu/cpu-backend';
import { gridNets, seedNets } from '../../src/experiment/grid';
import { Experiment, runSchedule, type NetSpec } from '../../src/experiment/runner';
import { defaultSettings, type Settings } from '../../src/experiment/settings';

const s: Settings = { ...defaultSettings(), hidden: 16, epochs: 20, every: 10 };

/** The final test MSE of one net trained alone (an experiment of M = 1). */
async function alone(net: NetSpec): Promise<number> {
  const exp = await Experiment.create(s, createCpuBackend(), { nets: [net] });
  const cps = await runSchedule(exp, s.epochs, s.every);
  exp.dispose();
  return cps[cps.length - 1].nets[0].testMse;
}

describe('batched sweeps', () => {
  it('a 2×3 grid trains as 6 models, each cell exactly as its net trained alone', async () => {
    const nets = gridNets(s, 2, 3);
    const exp = await Experiment.create(s, createCpuBackend(), { nets });
    const cps = await runSchedule(exp, s.epochs, s.every);
    const last = cps[cps.length - 1];
    expect(last.epoch).toBe(20);
    const batched = last.nets.map((n) => n.testMse);
    const solo = await Promise.all(nets.map(alone));
    expect(batched).toEqual(solo);
    // every cell has its own dropout rate × weight decay, so its own result
    expect(new Set(batched).size).toBe(6);
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
  it('seeds varying init and masks: every copy differs, each as its net trained alone', async () => {
    const nets = seedNets(s, 3);
    const exp = await Experiment.create(s, createCpuBackend(), { nets });
    const cps = await runSchedule(exp, s.epochs, s.every);
    const batched = cps[cps.length - 1].nets.map((n) => n.testMse);
    expect(new Set(batched).size).toBe(6);
    expect(batched).toEqual(await Promise.all(nets.map(alone)));
    exp.dispose();
  });
});
