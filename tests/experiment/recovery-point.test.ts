// Recovery points on the CPU reference backend: an experiment resumed from one (a new experiment,
// as after a lost device) trains on exactly as the original would have, bit for bit, also when the
// point falls between two evaluations (the loss rings carry the epochs since the last one).
import { describe, expect, it } from 'vitest';
import { createCpuBackend } from '../../src/backends/cpu/cpu-backend';
import { seedNets } from '../../src/experiment/grid';
import { Experiment } from '../../src/experiment/runner';
import { defaultSettings } from '../../src/experiment/settings';
import type { Frame } from '../../src/experiment/types';

const s = { ...defaultSettings(), hidden: 12, epochs: 90, every: 30, seed: 3 };
const nets = seedNets(s, 2);

function numbers(f: Frame): number[] {
  return f.nets.flatMap((n) => [n.testMse, n.trainMse, n.penalty, ...n.gridPred, ...n.lossHistory, ...n.penaltyHistory]);
}

describe('Experiment.recoveryPoint / resume', () => {
  it('a new experiment resumed from a point between two evaluations continues bit for bit', async () => {
    const backend = createCpuBackend();
    const straight = await Experiment.create(s, backend, { nets });
    straight.train(31);
    const firstEval = await straight.evaluate({ checkpoint: true });
    straight.train(17); // epoch 48: 17 epochs in the rings since the evaluation at 31
    const point = await straight.recoveryPoint();
    expect(point).toMatchObject({ epoch: 48, evaluatedAt: 31, models: 4 });
    straight.train(13);
    const expected = await straight.evaluate({ checkpoint: true });

    const resumed = await Experiment.create(s, createCpuBackend(), { nets });
    resumed.resume(point);
    expect(resumed.epoch).toBe(48);
    resumed.train(13);
    const actual = await resumed.evaluate({ checkpoint: true });
    expect(actual.epoch).toBe(61);
    // the frame holds every epoch since the evaluation at 31, the ones before the point included
    expect(actual.nets[0].lossHistory).toHaveLength(30);
    expect(numbers(actual)).toEqual(numbers(expected));
    expect(firstEval.epoch).toBe(31);
    straight.dispose();
    resumed.dispose();
  });

  it('the point is a copy: training on does not change it, and it resumes twice the same', async () => {
    const exp = await Experiment.create(s, createCpuBackend(), { nets });
    exp.train(5);
    const point = await exp.recoveryPoint();
    const copy = point.state.map((a) => a.slice());
    exp.train(5);
    expect(point.state).toEqual(copy);
    const a = await Experiment.create(s, createCpuBackend(), { nets });
    const b = await Experiment.create(s, createCpuBackend(), { nets });
    for (const e of [a, b]) {
      e.resume(point);
      e.train(7);
    }
    expect(numbers(await a.evaluate({ checkpoint: false }))).toEqual(numbers(await b.evaluate({ checkpoint: false })));
    for (const e of [exp, a, b]) e.dispose();
  });

  it('refuses a point of another shape', async () => {
    const exp = await Experiment.create(s, createCpuBackend(), { nets });
    const point = await exp.recoveryPoint();
    const other = await Experiment.create(s, createCpuBackend(), { nets: nets.slice(0, 2) });
    expect(() => other.resume(point)).toThrow(/4 models/);
    exp.dispose();
    other.dispose();
  });
});
