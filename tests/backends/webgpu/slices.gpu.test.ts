// What a training slice relies on, on a real WebGPU device: evaluations queued behind each other
// (one round trip for many frames) give the frames that one evaluation at a time gives, a
// snapshot restores bit for bit, and flush() waits for queued work without a readback.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeBackend } from '../../../src/cli/node-backend';
import { Experiment } from '../../../src/experiment/runner';
import { defaultSettings } from '../../../src/experiment/settings';
import type { Frame } from '../../../src/experiment/types';
import { GPU_SKIPPED, openBackend } from '../../helpers/gpu';

const s = { ...defaultSettings(), hidden: 16, epochs: 30, every: 10 };

function numbers(f: Frame): number[] {
  return f.nets.flatMap((n) => [n.testMse, n.trainMseEval, n.trainMse, ...n.gridPred, ...n.lossHistory]);
}

describe.skipIf(GPU_SKIPPED)('slices on WebGPU', () => {
  let nb: NodeBackend;
  beforeAll(async () => {
    nb = await openBackend('webgpu');
  }, 120_000);
  afterAll(() => nb?.close());

  it('queued evaluations equal one-at-a-time ones; a snapshot restores the run bit for bit', async () => {
    const one = await Experiment.create(s, nb.backend);
    const sequential: Frame[] = [];
    for (let k = 0; k < 4; k++) {
      one.train(5);
      sequential.push(await one.evaluate({ checkpoint: false }));
    }
    const snap = await one.snapshot();
    one.train(5);
    const after = await one.evaluate({ checkpoint: false });
    one.dispose();

    const many = await Experiment.create(s, nb.backend);
    const queued: Promise<Frame>[] = [];
    for (let k = 0; k < 4; k++) {
      many.train(5);
      queued.push(many.evaluate({ checkpoint: false }));
    }
    const pipelined = await Promise.all(queued);
    expect(pipelined.map((f) => f.epoch)).toEqual([5, 10, 15, 20]);
    pipelined.forEach((f, i) => expect(numbers(f)).toEqual(numbers(sequential[i])));

    // train on, then back to epoch 20: the same next frame
    many.train(7);
    await many.flush();
    expect(many.epoch).toBe(27);
    many.restore(snap, 20);
    many.train(5);
    expect(numbers(await many.evaluate({ checkpoint: false }))).toEqual(numbers(after));
    many.dispose();
  }, 120_000);

  it('flush() of a disposed plan is refused', async () => {
    const exp = await Experiment.create(s, nb.backend);
    exp.dispose();
    await expect(exp.flush()).rejects.toThrow(/disposed/);
  }, 60_000);
});
