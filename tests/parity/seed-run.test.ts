// The tutorial itself (seed_run.json): the plain net replayed from PyTorch's init over 500 epochs,
// and the dropout net, whose masks differ from PyTorch's, judged against the spread of 20 mask
// streams (dropped_mask_variability).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeBackend } from '../../src/cli/node-backend';
import { seedRunInit, type SeedRun } from '../../src/cli/pytorch-init';
import { Experiment, runSchedule, tutorialNets } from '../../src/experiment/runner';
import { defaultSettings } from '../../src/experiment/settings';
import type { Checkpoint } from '../../src/experiment/types';
import { openBackend } from '../helpers/backends';
import { readReference } from '../helpers/golden-files';

describe('seed_run.json: the tutorial run on the CPU backend', () => {
  let nb: NodeBackend;
  let checkpoints: Checkpoint[];
  const run = readReference<SeedRun>('seed_run.json');

  beforeAll(async () => {
    nb = await openBackend('cpu');
    const s = defaultSettings();
    const probe = await Experiment.create(s, nb.backend);
    const init = seedRunInit(run, probe.parameterNames);
    probe.dispose();
    const exp = await Experiment.create(s, nb.backend, { initialParams: init, nets: tutorialNets(s) });
    checkpoints = await runSchedule(exp, 500, 50);
    exp.dispose();
  }, 300_000);
  afterAll(() => nb?.close());

  it('checkpoints where the tutorial evaluates (after 1, 51, …, 451 updates, plus the end)', () => {
    expect(checkpoints.map((c) => c.epoch - 1).slice(0, 10)).toEqual(run.checkpoints.epochs);
  });

  it('plain net: test MSE within 1e-4 relative of PyTorch at epochs 0–150 and within 2% at all 10', () => {
    const ours = checkpoints.slice(0, 10).map((c) => c.nets[0].testMse);
    const torch = run.checkpoints.test_mse.overfitting;
    const rel = ours.map((v, i) => Math.abs(v - torch[i]) / torch[i]);
    const early = run.checkpoints.epochs.map((e, i) => [e, i] as const).filter(([e]) => e <= 150).map(([, i]) => rel[i]);
    expect(Math.max(...early), `relative deviations ${rel.map((r) => r.toExponential(2)).join(' ')}`).toBeLessThanOrEqual(1e-4);
    expect(Math.max(...rel), `relative deviations ${rel.map((r) => r.toExponential(2)).join(' ')}`).toBeLessThanOrEqual(0.02);
  });

  it('plain net: per-epoch train MSE tracks PyTorch for the first 200 epochs', () => {
    const ours = checkpoints.flatMap((c) => c.nets[0].lossHistory);
    const torch = run.train_mse.overfitting;
    expect(ours).toHaveLength(500);
    for (let e = 0; e < 200; e++) expect(Math.abs(ours[e] - torch[e]) / torch[e]).toBeLessThanOrEqual(1e-4);
  });

  it('dropout net: test MSE within mean ± 4·std of 20 PyTorch mask streams at every checkpoint', () => {
    const { mean, std } = run.dropped_mask_variability;
    checkpoints.slice(0, 10).forEach((c, i) => {
      const v = c.nets[1].testMse;
      expect(Math.abs(v - mean[i]), `checkpoint ${i}: ${v} vs ${mean[i]} ± ${std[i]}`).toBeLessThanOrEqual(4 * std[i]);
    });
  });
});
