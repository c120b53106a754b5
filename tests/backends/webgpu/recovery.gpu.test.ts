// Recovery points across backends: a point read back from WebGPU (Dawn; SwiftShader without a GPU)
// resumes on the CPU exactly as a CPU run from that point does (bit for bit: the CPU gets the
// GPU's state and computes on), and stays within the suite's CPU-vs-GPU tolerance of the GPU
// continuing itself. The batch session on WebGPU, its device lost mid-job, resumes on the CPU.
import { expect, it } from 'vitest';
import type { Backend } from '../../../src/backends/backend';
import { createCpuBackend } from '../../../src/backends/cpu/cpu-backend';
import { gridNets } from '../../../src/experiment/grid';
import { Experiment } from '../../../src/experiment/runner';
import { defaultSettings, type Settings } from '../../../src/experiment/settings';
import type { Frame } from '../../../src/experiment/types';
import type { BatchToPage } from '../../../src/worker/batch-protocol';
import { BatchSession } from '../../../src/worker/batch-session';
import { describeGpu, openGpu } from '../../helpers/gpu';

const s: Settings = { ...defaultSettings(), hidden: 16, epochs: 60, every: 20, seed: 5 };
const nets = gridNets(s, 2, 2);

function numbers(f: Frame): number[] {
  return f.nets.flatMap((n) => [n.testMse, n.trainMse, n.penalty, ...n.gridPred, ...n.lossHistory, ...n.penaltyHistory]);
}

describeGpu('recovery points from WebGPU', () => {
  it('resumed on the CPU, a GPU point continues as a CPU run from it does; the GPU’s own continuation agrees to 1e-3', async () => {
    const gpu = await openGpu();
    try {
      const onGpu = await Experiment.create(s, gpu.backend, { nets });
      onGpu.train(21);
      await onGpu.evaluate({ checkpoint: true });
      onGpu.train(9); // between two evaluations: the rings hold epochs 22..30
      const point = await onGpu.recoveryPoint();
      expect(point).toMatchObject({ epoch: 30, evaluatedAt: 21, models: 4 });
      onGpu.train(11);
      const gpuFrame = await onGpu.evaluate({ checkpoint: true });
      onGpu.dispose();

      const resumeOn = async (backend: Backend): Promise<Frame> => {
        const exp = await Experiment.create(s, backend, { nets });
        exp.resume(point);
        exp.train(11);
        const f = await exp.evaluate({ checkpoint: true });
        exp.dispose();
        return f;
      };
      const resumed = await resumeOn(createCpuBackend());
      const again = await resumeOn(createCpuBackend());
      expect(resumed.epoch).toBe(41);
      expect(resumed.nets[0].lossHistory).toHaveLength(20);
      expect(numbers(resumed)).toEqual(numbers(again));
      // the epochs before the point are the GPU's own numbers
      resumed.nets.forEach((n, m) => expect(n.lossHistory.slice(0, 9)).toEqual(gpuFrame.nets[m].lossHistory.slice(0, 9)));
      resumed.nets.forEach((n, m) => {
        const g = gpuFrame.nets[m];
        for (const key of ['trainMse', 'testMse', 'trainMseEval', 'penalty'] as const)
          expect(Math.abs(n[key] - g[key]), `${n.name} ${key}`).toBeLessThanOrEqual(1e-3 * Math.abs(g[key]) + 1e-9);
      });
    } finally {
      gpu.close();
    }
  });

  it('a sweep on WebGPU whose device is lost mid-job resumes on the CPU from its recovery point and finishes', async () => {
    const messages: BatchToPage[] = [];
    let yields = 0;
    const session: BatchSession = new BatchSession({
      pick: async (preference) => ({ backend: preference === 'cpu' ? createCpuBackend() : (await openGpu()).backend }),
      post: (m) => messages.push(m),
      sliceMs: 5,
      yieldTask: () => {
        if (++yields === 6) session.receive({ type: 'simulate-device-loss' });
        return new Promise((resolve) => setTimeout(resolve, 0));
      },
    });
    session.receive({
      type: 'start',
      id: 1,
      job: { kind: 'grid', rows: 2, cols: 2 },
      settings: s,
      preference: 'webgpu',
      data: null,
      askAboveSeconds: null,
      note: null,
    });
    await session.whenIdle();
    session.dispose();
    const started = messages.find((m) => m.type === 'started');
    expect(started?.type === 'started' && started.backend.name).toBe('webgpu');
    const resumed = messages.filter((m) => m.type === 'resumed');
    expect(resumed).toHaveLength(1);
    const [r] = resumed;
    expect(r.type === 'resumed' && [r.backend.name, r.epoch > 0]).toEqual(['cpu', true]);
    const cps = messages.flatMap((m) => (m.type === 'checkpoint' ? [m.checkpoint] : []));
    expect(cps.map((c) => c.epoch)).toEqual([0, 1, 21, 41, 60]);
    // every epoch's loss once, across the switch
    for (let m = 0; m < 4; m++) expect(cps.flatMap((c) => c.nets[m].lossHistory)).toHaveLength(60);
    expect(messages.at(-1)).toMatchObject({ type: 'done', stopped: false });
  });
});
