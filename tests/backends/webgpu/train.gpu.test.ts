// Whole programs from the engine's tracer (traceMlp) against the CPU backend: several train
// replays per submit and across submits (with a tiny replay chunk, so one run spans several
// command buffers), per-model optimizers / dropout / L1 / weight decay, recorded masks (golden
// replay), the eval program; and the dispatch grouping: independent kernels merged into one
// dispatch give the same bits as one dispatch per kernel.

import { afterAll, beforeAll, expect, it } from 'vitest';
import type { WebGpuCompiledPlan } from '../../../src/backends/webgpu/compiled-plan';
import { hyperTable, type ModelHyper } from '../../../src/engine/hyper';
import { initParams } from '../../../src/engine/init';
import { traceMlp, type MlpTraceOptions, type TracedMlp } from '../../../src/engine/mlp';
import { Adam, AdamW, SGD } from '../../../src/engine/optimizers';
import { bufferLength, bufferSpec, type BufferId } from '../../../src/engine/plan';
import { compileBoth, expectClose, expectMostlyClose, type Pair } from './compare';
import { describeGpu, openGpu, type GpuHandle } from '../../helpers/gpu';
import { Rng, testSeed } from '../../helpers/random';

const seed = testSeed('train');

const HYPERS: ModelHyper[] = [
  { optimizer: Adam(0.01), pDrop: 0.5, convention: 'inverted', l1: 0, seed: 11, active: true },
  { optimizer: SGD(0.05, { momentum: 0.9, weightDecay: 1e-3 }), pDrop: 0.2, convention: 'vanilla', l1: 1e-4, seed: 12, active: true },
  { optimizer: AdamW(0.01, { weightDecay: 0.01 }), pDrop: 0, convention: 'inverted', l1: 0, seed: 13, active: true },
  { optimizer: Adam(0.003, { weightDecay: 1e-3 }), pDrop: 0.3, convention: 'inverted', l1: 1e-3, seed: 14, active: true },
];

function traceOptions(sizes: number[], models: number, extra: Partial<MlpTraceOptions> = {}): MlpTraceOptions {
  return { models, sizes, dropout: true, trainN: 20, testN: 20, gridN: 33, historyLength: 16, ...extra };
}

/** Same data, parameters and hyperparameters on both sides (or on any compiled plans). */
function setUp(writeAll: (buf: BufferId, data: Float32Array) => void, traced: TracedMlp, rng: Rng, models: number): void {
  const { plan, params, io } = traced;
  const perModel = Array.from({ length: models }, (_, m) => initParams(params, seed + m));
  params.forEach((p, k) => {
    const all = new Float32Array(p.rows * p.cols * models);
    for (let m = 0; m < models; m++) all.set(perModel[m][k], m * p.rows * p.cols);
    writeAll(p.value, all);
  });
  for (const buf of [io.x, io.y, io.testX, io.testY, io.gridX]) {
    writeAll(buf, rng.floats(bufferLength(plan, bufferSpec(plan, buf)), -1, 1));
  }
  for (const buf of io.masks) {
    writeAll(
      buf,
      Float32Array.from({ length: bufferLength(plan, bufferSpec(plan, buf)) }, () => (rng.bool(0.5) ? 1 : 0)),
    );
  }
}

async function compareState(pair: Pair, traced: TracedMlp, what: string, steps: number): Promise<void> {
  for (const p of traced.params) {
    for (const [name, buf] of [
      ['', p.value],
      [' grad', p.grad],
      [' m', p.m],
      [' v', p.v],
    ] as const) {
      const r = await pair.read(buf);
      // a few entries may take a visibly different Adam step (see expectMostlyClose): at most 2·lr per step
      const outliers = { count: Math.max(2, Math.ceil(1e-4 * r.cpu.length)), bound: 2 * 0.05 * steps };
      expectMostlyClose(`${what}: ${p.name}${name}`, r.gpu, r.cpu, (i) => 2e-5 * Math.abs(r.cpu[i]) + 2e-6, outliers);
    }
  }
  for (const buf of [traced.io.lossHistory, traced.io.penaltyHistory, traced.io.trainPred]) {
    const r = await pair.read(buf);
    // predictions are sums of ~H terms that partly cancel: an absolute floor
    expectClose(
      `${what}: ${bufferSpec(traced.plan, buf).name}`,
      r.gpu,
      r.cpu,
      (i) => 1e-5 * Math.abs(r.cpu[i]) + 1e-6,
      (i) => Number.isNaN(r.cpu[i]),
    );
  }
}

/**
 * Both sides continue from the GPU's parameters and optimizer state, so each comparison covers one
 * run from identical state. Without it, an entry that took a visibly different Adam step (see
 * expectMostlyClose) shifts its hidden unit's activations, and with them whole rows and columns of
 * the next steps' gradients: on the 300-wide net about one run in 20 failed after 3 steps that way
 * (W2 grad: 30 of 180000 entries), with correct kernels on both sides.
 */
async function resync(pair: Pair, traced: TracedMlp): Promise<void> {
  for (const p of traced.params) {
    for (const buf of [p.value, p.m, p.v]) pair.write(buf, (await pair.read(buf)).gpu);
  }
}

async function compareEval(pair: Pair, traced: TracedMlp): Promise<void> {
  const { io } = traced;
  for (const buf of [io.testPred, io.testLoss, io.trainPredEval, io.trainLossEval, io.gridPred]) {
    const r = await pair.read(buf);
    expectClose(`eval: ${bufferSpec(traced.plan, buf).name}`, r.gpu, r.cpu, (i) => 2e-5 * Math.abs(r.cpu[i]) + 1e-6);
  }
}

interface Config {
  name: string;
  sizes: number[];
  models: number;
  runs: number[];
  extra?: Partial<MlpTraceOptions>;
}

async function checkConfig(g: GpuHandle, c: Config): Promise<void> {
  const traced = traceMlp(traceOptions(c.sizes, c.models, c.extra));
  const pair = await compileBoth(g.backend, traced.plan);
  const rng = new Rng(seed ^ c.sizes.length ^ c.models);
  setUp(pair.write, traced, rng, c.models);
  pair.writeHyper(hyperTable(HYPERS.slice(0, c.models)));
  let steps = 0;
  for (const times of c.runs) {
    pair.run('train', times);
    steps += times;
    expect(pair.gpu.step).toBe(1 + steps);
    await compareState(pair, traced, `after ${steps} steps`, times);
    await resync(pair, traced);
  }
  pair.run('eval');
  expect(pair.gpu.step).toBe(1 + steps);
  await compareEval(pair, traced);
  pair.dispose();
}

describeGpu('train and eval programs vs the CPU backend', () => {
  let g: GpuHandle;
  beforeAll(async () => {
    g = await openGpu({ replayChunk: 3 });
  });
  afterAll(() => g?.close());

  const configs: Config[] = [
    { name: '1→8→8→1, 4 models (Adam, SGD+momentum, AdamW, Adam+L1)', sizes: [1, 8, 8, 1], models: 4, runs: [5, 7] },
    { name: '1→33→17→1, 3 models', sizes: [1, 33, 17, 1], models: 3, runs: [1, 4, 3] },
    { name: '1→8→8→1 with recorded masks (golden replay)', sizes: [1, 8, 8, 1], models: 2, runs: [2, 2], extra: { recordedMaskSteps: 4 } },
    {
      name: '1→20→1 without dropout, per-model data',
      sizes: [1, 20, 1],
      models: 2,
      runs: [6],
      extra: { dropout: false, perModelData: true },
    },
    // 300 wide: single steps (a k-step run lets the Adam outliers above cascade within the run)
    { name: '1→300→300→1 (the tutorial net), 2 models', sizes: [1, 300, 300, 1], models: 2, runs: [1, 1, 1] },
  ];
  for (const c of configs) it(c.name, () => checkConfig(g, c));
});

describeGpu('train and eval programs vs the CPU backend (GPU profile: staged tilings, split penalty)', () => {
  let g: GpuHandle;
  beforeAll(async () => {
    g = await openGpu({ profile: 'gpu' });
  });
  afterAll(() => g?.close());

  const configs: Config[] = [
    { name: '1→33→17→1, 3 models', sizes: [1, 33, 17, 1], models: 3, runs: [2, 3] },
    { name: '1→300→300→1 (the tutorial net), 2 models', sizes: [1, 300, 300, 1], models: 2, runs: [1, 1, 1] },
  ];
  for (const c of configs) it(c.name, () => checkConfig(g, c));
});

describeGpu('train and eval programs vs the CPU backend (plan spread over several arenas)', () => {
  let g: GpuHandle;
  beforeAll(async () => {
    g = await openGpu({ arenaBytes: 4096 });
  });
  afterAll(() => g?.close());

  it('1→8→8→1, 3 models, 4 KiB arenas', async () => {
    const traced = traceMlp(traceOptions([1, 8, 8, 1], 3));
    const cp = (await g.backend.compile(traced.plan)) as WebGpuCompiledPlan;
    expect(cp.arenaCount).toBeGreaterThan(2);
    cp.dispose();
    await checkConfig(g, { name: 'arenas', sizes: [1, 8, 8, 1], models: 3, runs: [3] });
  });
});

describeGpu('dispatch grouping', () => {
  let merged: GpuHandle;
  let separate: GpuHandle;
  beforeAll(async () => {
    merged = await openGpu({ profile: 'gpu' });
    separate = await openGpu({ profile: 'gpu', merge: false });
  });
  afterAll(() => {
    merged?.close();
    separate?.close();
  });

  it('the tutorial net: 8 train and 3 eval dispatches (12 and 11 with one dispatch per kernel)', async () => {
    const traced = traceMlp(traceOptions([1, 300, 300, 1], 2));
    expect(traced.plan.programs.train.kernels.length).toBe(11);
    const a = (await merged.backend.compile(traced.plan)) as WebGpuCompiledPlan;
    const b = (await separate.backend.compile(traced.plan)) as WebGpuCompiledPlan;
    expect(a.dispatchCount('train')).toBe(8); // dW‖dX twice, mse chained after the output layer
    expect(a.dispatchCount('eval')).toBe(3); // test, train and grid passes side by side
    expect(b.dispatchCount('train')).toBe(12); // the penalty runs in two passes
    expect(b.dispatchCount('eval')).toBe(traced.plan.programs.eval.kernels.length);
    a.dispose();
    b.dispose();
  });

  for (const sizes of [
    [1, 24, 24, 1],
    [1, 300, 300, 1],
  ]) {
    it(`merged and chained dispatches compute what one dispatch per kernel computes (${sizes.join('→')})`, async () => {
      const models = 3;
      const traced = traceMlp(traceOptions(sizes, models));
      const a = (await merged.backend.compile(traced.plan)) as WebGpuCompiledPlan;
      const b = (await separate.backend.compile(traced.plan)) as WebGpuCompiledPlan;
      for (const p of [a, b]) {
        setUp((buf, data) => p.write(buf, data), traced, new Rng(seed), models);
        p.writeHyper(hyperTable(HYPERS.slice(0, models)));
        p.run('train', 4);
        p.run('eval');
      }
      const ids = [
        ...traced.params.flatMap((p) => [p.value, p.grad, p.m, p.v]),
        traced.io.lossHistory,
        traced.io.gridPred,
        traced.io.testLoss,
      ];
      const [ra, rb] = await Promise.all([a.readMany(ids), b.readMany(ids)]);
      // the chained output layer may use another tiling (another summation order)
      const outliers = { count: Math.max(2, Math.ceil(1e-4 * ra[0].length)), bound: 2 * 0.05 * 4 };
      ids.forEach((id, i) =>
        expectMostlyClose(bufferSpec(traced.plan, id).name, ra[i], rb[i], (j) => 2e-5 * Math.abs(rb[i][j]) + 2e-6, outliers),
      );
      a.dispose();
      b.dispose();
    });
  }
});
