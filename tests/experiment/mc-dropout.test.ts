// MC-dropout on the CPU reference backend: T frozen copies of a trained net, one train-mode pass
// each on the prediction grid.
import { describe, expect, it } from 'vitest';
import { bandStats } from '../../src/analysis/bands';
import { createCpuBackend } from '../../src/backends/cpu/cpu-backend';
import { McDropout } from '../../src/experiment/mc-dropout';
import { Experiment, runSchedule, tutorialNets } from '../../src/experiment/runner';
import { defaultSettings, type Settings } from '../../src/experiment/settings';

const s: Settings = { ...defaultSettings(), hidden: 16, epochs: 30, every: 10 };

async function trained() {
  const backend = createCpuBackend();
  const exp = await Experiment.create(s, backend, { gridPoints: 25 });
  const cps = await runSchedule(exp, s.epochs, s.every);
  const params = await exp.parameters(1);
  const ordered = exp.parameterNames.map((n) => params[n]);
  return { backend, exp, last: cps[cps.length - 1], ordered, params };
}

describe('MC-dropout', () => {
  it('with p = 0 every sample is the eval-mode prediction (plumbing and layout)', async () => {
    const { backend, exp, last, ordered } = await trained();
    const net = { ...tutorialNets(s)[1] };
    const mc = await McDropout.create(backend, s, net, 4, last.gridX);
    const samples = await mc.sample(ordered, { ...net.hyper, pDrop: 0 });
    expect(samples).toHaveLength(4);
    for (const curve of samples) curve.forEach((v, i) => expect(v).toBeCloseTo(last.nets[1].gridPred[i], 5));
    mc.dispose();
    exp.dispose();
  });
  it('with p = 0.5 the samples differ (per copy and per call) and their mean is near the eval curve', async () => {
    const { backend, exp, last, ordered } = await trained();
    const net = tutorialNets(s)[1];
    const mc = await McDropout.create(backend, s, net, 32, last.gridX);
    expect(mc.matches(s, 32, last.gridX)).toBe(true);
    expect(mc.matches(s, 16, last.gridX)).toBe(false);
    const a = await mc.sample(ordered, net.hyper);
    const b = await mc.sample(ordered, net.hyper);
    expect(a[0]).not.toEqual(a[1]);
    expect(a[0]).not.toEqual(b[0]); // a new draw every call
    const stats = bandStats(a);
    expect(stats.std.some((v) => v > 1e-4)).toBe(true);
    const evalCurve = last.nets[1].gridPred;
    const meanAbsErr = stats.mean.reduce((acc, m, i) => acc + Math.abs(m - evalCurve[i]), 0) / evalCurve.length;
    expect(meanAbsErr).toBeLessThan(0.5);
    mc.dispose();
    exp.dispose();
  });
  it('in groups (first sample, shared draw) the samples are exactly those of one experiment of all T copies', async () => {
    const { backend, exp, last, ordered } = await trained();
    const net = tutorialNets(s)[1];
    const whole = await McDropout.create(backend, s, net, 7, last.gridX);
    const expected = await whole.sample(ordered, net.hyper, 0, 3);
    const groups: number[][] = [];
    const group = await McDropout.create(backend, s, net, 3, last.gridX);
    for (const first of [0, 3, 6]) groups.push(...(await group.sample(ordered, net.hyper, first, 3)));
    expect(groups.slice(0, 7)).toEqual(expected);
    // another draw gives other masks
    expect(await whole.sample(ordered, net.hyper, 0, 4)).not.toEqual(expected);
    for (const m of [whole, group]) m.dispose();
    exp.dispose();
  });
});
