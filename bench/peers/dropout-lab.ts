// This project on any of its backends (CPU reference, WebGPU), in the page or in Node: the job as
// ONE batched Experiment of all its nets (2 for the seed's run, 64 for the grid): train(n) queues n
// epochs of every net, checkpoint() runs the eval program and reads back (the runner's own API).

import type { Backend } from '../../src/backends/backend';
import { Experiment, type NetSpec } from '../../src/experiment/runner';
import { defaultSettings } from '../../src/experiment/settings';
import type { Job } from './job';
import { trainerOf, type Trainer } from './harness';

export function netSpecs(job: Job): NetSpec[] {
  return job.nets.map((n, m) => ({
    name: n.name,
    label: n.name,
    initDraw: m,
    hyper: {
      optimizer: { type: 'adam', lr: n.lr, weightDecay: n.weightDecay, momentum: 0 },
      pDrop: n.pDrop,
      convention: 'inverted',
      l1: 0,
      seed: 1,
      active: true,
    },
  }));
}

export async function dropoutLabTrainer(job: Job, backend: Backend): Promise<Trainer> {
  const settings = { ...defaultSettings(), epochs: job.epochs, every: job.every };
  const exp = await Experiment.create(settings, backend, {
    data: { x: [...job.data.x], y: [...job.data.y], testX: [...job.data.testX], testY: [...job.data.testY] },
    nets: netSpecs(job),
    initialParams: job.nets.map((n) => n.init),
  });
  // parameters and zeroed Adam moments as uploaded: each run restores them
  const initial = await exp.snapshot();
  return trainerOf(
    {
      description: backend.description,
      reset: () => {
        exp.restore(initial, 0);
        return Promise.resolve();
      },
      train: (n) => exp.train(n),
      evaluate: async () => (await exp.checkpoint()).nets.map((n) => n.testMse),
      dispose: () => exp.dispose(),
    },
    job.every,
  );
}
