// MC-dropout on the CPU reference backend: T frozen copies of a trained net, one train-mode pass
// each on the prediction grid. With one hidden layer (Linear → Dropout → ReLU → Linear) and inverted
// dropout, a pass is y = b2 + Σ_j W2_j·d_j·relu(h_j) with d_j = 0 or 1/(1-p), so its mean over
// masks is exactly the eval-mode output and its variance is p/(1-p)·Σ_j (W2_j·relu(h_j))²: the
// samples are checked against those two numbers, computed here from the net's weights.
import { describe, expect, it } from 'vitest';
import { bandStats } from '../../src/analysis/bands';
import { createCpuBackend } from '../../src/backends/cpu/cpu-backend';
import { McDropout } from '../../src/experiment/mc-dropout';
import { Experiment, runSchedule, tutorialNets } from '../../src/experiment/runner';
import { defaultSettings, type Settings } from '../../src/experiment/settings';

async function trained(s: Settings) {
  const backend = createCpuBackend();
  const exp = await Experiment.create(s, backend, { gridPoints: 25 });
  const cps = await runSchedule(exp, s.epochs, s.every);
  const params = await exp.parameters(1);
  const ordered = exp.parameterNames.map((n) => params[n]);
  return { backend, exp, last: cps[cps.length - 1], ordered, params };
}

/** Exact mean and standard deviation of an inverted-dropout pass of a 1→H→1 net at x. */
function passMoments(params: Record<string, Float32Array>, p: number, x: number): { mean: number; std: number } {
  const { W1, b1, W2, b2 } = params;
  let mean = b2[0];
  let variance = 0;
  for (let j = 0; j < W1.length; j++) {
    const unit = W2[j] * Math.max(0, W1[j] * x + b1[j]);
    mean += unit;
    variance += (unit * unit * p) / (1 - p);
  }
  return { mean, std: Math.sqrt(variance) };
}

describe('MC-dropout', () => {
  it('with p = 0 every sample is the eval-mode prediction (plumbing and layout)', async () => {
    const s: Settings = { ...defaultSettings(), hidden: 16, epochs: 30, every: 10 };
    const { backend, exp, last, ordered } = await trained(s);
    const net = { ...tutorialNets(s)[1] };
    const mc = await McDropout.create(backend, s, net, 4, last.gridX);
    const samples = await mc.sample(ordered, { ...net.hyper, pDrop: 0 });
    expect(samples).toHaveLength(4);
    for (const curve of samples) curve.forEach((v, i) => expect(v).toBeCloseTo(last.nets[1].gridPred[i], 5));
    mc.dispose();
    exp.dispose();
  });

  it('with p = 0.5 the samples have the mean and spread the weights imply, a new draw per copy and per call', async () => {
    const s: Settings = { ...defaultSettings(), layers: 1, hidden: 16, epochs: 30, every: 10 };
    const T = 64;
    const { backend, exp, last, ordered, params } = await trained(s);
    expect(Object.keys(params)).toEqual(['W1', 'b1', 'W2', 'b2']);
    const net = tutorialNets(s)[1];
    expect(net.hyper.pDrop).toBe(0.5);
    const mc = await McDropout.create(backend, s, net, T, last.gridX);
    expect(mc.matches(s, T, last.gridX)).toBe(true);
    expect(mc.matches(s, T / 2, last.gridX)).toBe(false);
    const a = await mc.sample(ordered, net.hyper);
    const b = await mc.sample(ordered, net.hyper);
    expect(a).toHaveLength(T);
    expect(a[0]).not.toEqual(a[1]);
    expect(a[0]).not.toEqual(b[0]); // a new draw every call

    const moments = last.gridX.map((x) => passMoments(params, net.hyper.pDrop, x));
    // the reference's mean is the eval-mode curve the runner drew
    moments.forEach((m, i) => expect(m.mean).toBeCloseTo(last.nets[1].gridPred[i], 5));
    const spread = moments.filter((m) => m.std > 0.01);
    expect(spread.length, 'grid points where dropout matters').toBeGreaterThan(10);

    let observedVar = 0;
    let expectedVar = 0;
    for (const samples of [a, b]) {
      const stats = bandStats(samples);
      moments.forEach((m, i) => {
        // the sample mean of T passes is within 4.5 standard errors of the exact mean
        expect(Math.abs(stats.mean[i] - m.mean), `mean at x = ${last.gridX[i]}`).toBeLessThanOrEqual((4.5 * m.std) / Math.sqrt(T) + 1e-5);
        observedVar += stats.std[i] ** 2;
        expectedVar += m.std ** 2;
      });
    }
    // pooled over the grid (2 × 25 × 63 degrees of freedom), the sample variance is the exact one
    expect(observedVar / expectedVar).toBeGreaterThan(0.8);
    expect(observedVar / expectedVar).toBeLessThan(1.25);
    mc.dispose();
    exp.dispose();
  });

  it('in groups (first sample, shared draw) the samples are exactly those of one experiment of all T copies', async () => {
    const s: Settings = { ...defaultSettings(), hidden: 16, epochs: 30, every: 10 };
    const { backend, exp, last, ordered } = await trained(s);
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
