// The whole runner on both backends: a narrow net (1→32→32→1), 200 epochs, dropout on, four models
// with different hyperparameters as one experiment. Checkpoint losses must agree to 1e-3 relative
// (float32 summation order differs between the backends; the dropout masks are bit-identical).
import { beforeAll, describe, expect, it } from 'vitest';
import { Experiment, runSchedule, tutorialNets, type NetSpec } from '../../src/experiment/runner';
import { defaultSettings } from '../../src/experiment/settings';
import type { Checkpoint } from '../../src/experiment/types';
import { GPU_SKIPPED, openBackend } from '../helpers/gpu';

const s = { ...defaultSettings(), hidden: 32, epochs: 200, every: 50 };
const [plain, regularized] = tutorialNets(s);
const nets: NetSpec[] = [
  plain,
  regularized,
  {
    ...regularized,
    name: 'sgd-momentum-l2',
    hyper: { ...regularized.hyper, pDrop: 0.3, optimizer: { type: 'sgd', lr: 0.05, weightDecay: 1e-3, momentum: 0.9 } },
  },
  {
    ...regularized,
    name: 'adamw-l1-vanilla',
    hyper: {
      ...regularized.hyper,
      pDrop: 0.2,
      convention: 'vanilla',
      l1: 1e-4,
      seed: 7,
      optimizer: { type: 'adamw', lr: 0.005, weightDecay: 0.01, momentum: 0 },
    },
  },
];

async function train(name: 'cpu' | 'webgpu'): Promise<Checkpoint[]> {
  const nb = await openBackend(name);
  try {
    const exp = await Experiment.create(s, nb.backend, { nets });
    const cps = await runSchedule(exp, s.epochs, s.every);
    exp.dispose();
    return cps;
  } finally {
    nb.close();
  }
}

describe.skipIf(GPU_SKIPPED)('training on WebGPU vs the CPU backend', () => {
  let cpu: Checkpoint[];
  let gpu: Checkpoint[];
  beforeAll(async () => {
    [cpu, gpu] = [await train('cpu'), await train('webgpu')];
  }, 300_000);

  it('checkpoint losses of all 4 models agree to 1e-3 relative', () => {
    expect(gpu.map((c) => c.epoch)).toEqual(cpu.map((c) => c.epoch));
    cpu.forEach((c, i) =>
      c.nets.forEach((n, m) => {
        const g = gpu[i].nets[m];
        for (const key of ['trainMse', 'testMse', 'trainMseEval', 'penalty'] as const) {
          // epoch 0 (before training) has no train-mode loss or penalty yet: NaN on both
          if (c.epoch === 0 && (key === 'trainMse' || key === 'penalty')) {
            expect(Number.isNaN(g[key]) && Number.isNaN(n[key]), `${key} at epoch 0`).toBe(true);
            continue;
          }
          const tol = 1e-3 * Math.abs(n[key]) + 1e-9;
          expect(Math.abs(g[key] - n[key]), `${n.name} ${key} at epoch ${c.epoch}: gpu ${g[key]} cpu ${n[key]}`).toBeLessThanOrEqual(tol);
        }
      }),
    );
  });
});
