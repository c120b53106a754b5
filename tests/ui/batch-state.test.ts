import { describe, expect, it } from 'vitest';
import { msg } from '../../src/analysis/message';
import { englishT } from '../../src/ui/i18n/english';
import type { Checkpoint, NetCheckpoint } from '../../src/experiment/types';
import {
  IDLE_BATCH,
  batchReduce,
  batchStarting,
  heatCells,
  heatColor,
  seedBandCharts,
  seedBands,
  type BatchState,
} from '../../src/ui/batch-state';
import { bandSeries } from '../../src/ui/chart-data';
import { estimateJob } from '../../src/worker/job-estimate';
import type { BatchToPage } from '../../src/worker/batch-protocol';

const backend = { name: 'cpu' as const, description: 'CPU (reference)' };

function net(name: string, testMse: number, gridPred: number[] = [0, 0], lossHistory: number[] = []): NetCheckpoint {
  return {
    name,
    label: name,
    trainMse: 0,
    testMse,
    trainMseEval: 0,
    penalty: 0,
    testPred: [],
    gridPred,
    lossHistory,
    penaltyHistory: [],
    divergedAt: null,
  };
}
function cp(epoch: number, nets: NetCheckpoint[]): Checkpoint {
  return { epoch, checkpoint: true, nets, gridX: [-1, 1], elapsedMs: 0 };
}
function run(state: BatchState, msgs: BatchToPage[]): BatchState {
  return msgs.reduce(batchReduce, state);
}

describe('grid sweep state', () => {
  const started = batchStarting(IDLE_BATCH, 1);
  const axes = { dropout: [0, 0.8], weightDecay: [0, 1e-5] };
  const s = run(started, [
    {
      type: 'started',
      id: 1,
      job: { kind: 'grid', rows: 2, cols: 2 },
      backend,
      nets: ['a', 'b', 'c', 'd'].map((n) => ({ name: n, label: n })),
      axes,
      reduced: [],
      epochs: 2,
    },
    { type: 'checkpoint', id: 1, checkpoint: cp(1, [net('a', 0.3), net('b', 0.2), net('c', NaN), net('d', 0.5)]) },
    { type: 'checkpoint', id: 99, checkpoint: cp(1, [net('a', 9), net('b', 9), net('c', 9), net('d', 9)]) },
    { type: 'checkpoint', id: 1, checkpoint: cp(2, [net('a', 0.4), net('b', 0.1), net('c', 0.6), net('d', 0.45)]) },
    { type: 'done', id: 1, ms: 12, stopped: false },
  ]);
  it('tracks final and best per cell, ignoring other jobs', () => {
    expect(s.phase).toBe('done');
    expect(s.checkpointEpochs).toEqual([1, 2]);
    expect(s.best).toEqual([0.3, 0.1, 0.6, 0.45]);
    const cells = heatCells(s);
    expect(cells.map((c) => [c.row, c.col, c.dropout, c.weightDecay, c.final, c.best])).toEqual([
      [0, 0, 0, 0, 0.4, 0.3],
      [0, 1, 0, 1e-5, 0.1, 0.1],
      [1, 0, 0.8, 0, 0.6, 0.6],
      [1, 1, 0.8, 1e-5, 0.45, 0.45],
    ]);
  });
  it('colours on a log ramp; grey for missing values', () => {
    expect(heatColor(0.1, 0.1, 1)).toBe('rgb(48, 18, 59)');
    expect(heatColor(1, 0.1, 1)).toBe('rgb(253, 231, 37)');
    expect(heatColor(NaN, 0.1, 1)).toBe('#d0d4da');
  });
  it('an error message ends the job', () => {
    expect(batchReduce(started, { type: 'error', id: 1, message: { key: 'plain.unexpected' }, details: 'raw' })).toMatchObject({
      phase: 'error',
      error: { key: 'plain.unexpected' },
      errorDetails: 'raw',
    });
  });
  it('a second start (the restart on the CPU after a lost device) drops the earlier checkpoints', () => {
    const partial = run(started, [
      {
        type: 'started',
        id: 1,
        job: { kind: 'grid', rows: 2, cols: 2 },
        backend: { name: 'webgpu', description: 'WebGPU' },
        nets: ['a', 'b', 'c', 'd'].map((n) => ({ name: n, label: n })),
        axes,
        reduced: [],
        epochs: 2,
      },
      { type: 'checkpoint', id: 1, checkpoint: cp(1, [net('a', 0.3), net('b', 0.2), net('c', 0.1), net('d', 0.5)]) },
    ]);
    expect(partial.checkpointEpochs).toEqual([1]);
    const restarted = batchReduce(partial, {
      type: 'started',
      id: 1,
      job: { kind: 'grid', rows: 1, cols: 2 },
      backend,
      nets: ['a', 'b'].map((n) => ({ name: n, label: n })),
      axes: { dropout: [0], weightDecay: [0, 1e-5] },
      reduced: [msg('batch.lostJob', { cause: 'x' })],
      epochs: 2,
    });
    expect(restarted).toMatchObject({
      phase: 'running',
      epoch: 0,
      checkpointEpochs: [],
      latest: null,
      testMse: [[], []],
      trainMse: [[], []],
      backend,
      reduced: [msg('batch.lostJob', { cause: 'x' })],
    });
    expect(restarted.best.every((b) => Number.isNaN(b))).toBe(true);
    expect(
      heatCells(restarted)
        .map((c) => c.final)
        .every((v) => Number.isNaN(v)),
    ).toBe(true);
  });
});

describe('seed bands state', () => {
  const s = run(batchStarting(IDLE_BATCH, 3), [
    {
      type: 'started',
      id: 3,
      job: { kind: 'seeds', k: 2 },
      backend,
      nets: ['p0', 'p1', 'r0', 'r1'].map((n) => ({ name: n, label: n })),
      axes: null,
      reduced: [],
      epochs: 2,
    },
    {
      type: 'checkpoint',
      id: 3,
      checkpoint: cp(1, [
        net('p0', 0.5, [0, 1], [0.9]),
        net('p1', 0.7, [2, 3], [0.7]),
        net('r0', 0.4, [0, 0], [1]),
        net('r1', 0.4, [0, 0], [1]),
      ]),
    },
    {
      type: 'checkpoint',
      id: 3,
      checkpoint: cp(2, [
        net('p0', 0.3, [0, 1], [0.4]),
        net('p1', 0.31, [2, 3], [0.2]),
        net('r0', 0.1, [1, 1], [0.5]),
        net('r1', 0.12, [1, 1], [0.3]),
      ]),
    },
  ]);
  it('gives mean ± std per checkpoint and of the predictions, and the verdict', () => {
    const b = seedBands(s);
    expect(b).not.toBeNull();
    if (!b) return;
    expect(b.epochs).toEqual([1, 2]);
    expect(b.plainTest.mean[0]).toBeCloseTo(0.6, 12);
    expect(b.plainTest.std[0]).toBeCloseTo(Math.SQRT2 * 0.1, 12);
    expect(b.plainPred.mean).toEqual([1, 2]);
    expect(b.regularizedPred.std).toEqual([0, 0]);
    expect(b.comparison.verdict).toBe('lower');
    // train MSE of every epoch, from each checkpoint's loss history
    expect(b.trainEpochs).toEqual([1, 2]);
    expect(b.plainTrain.mean[0]).toBeCloseTo(0.8, 12);
    expect(b.plainTrain.std[1]).toBeCloseTo(Math.SQRT2 * 0.1, 12);
    expect(b.regularizedTrain.mean).toEqual([1, 0.4]);
    expect(b.regularizedTrain.std[0]).toBe(0);
    const charts = seedBandCharts(b, englishT);
    expect(charts.loss.map((c) => c.label)).toEqual([
      'Plain net · train MSE, mean ± std over seeds (K=2)',
      'Regularized net · train MSE, mean ± std over seeds (K=2)',
      'Plain net · test MSE, mean ± std over seeds (K=2)',
      'Regularized net · test MSE, mean ± std over seeds (K=2)',
    ]);
    expect(charts.loss.map((c) => c.mean.length)).toEqual([2, 2, 2, 2]);
    expect(charts.main[0].upper[0].y).toBeCloseTo(1 + Math.SQRT2, 12);
  });
  it('is null for a grid job', () => {
    expect(seedBands(IDLE_BATCH)).toBeNull();
  });
});

describe('band series and long jobs', () => {
  it('drops non-finite points; on a log axis the lower edge stays positive', () => {
    const b = bandSeries('id', 'l', '#000', [1, 2, 3], { mean: [1, NaN, 0.5], std: [2, 1, 0.1] }, true);
    expect(b.mean).toEqual([
      { x: 1, y: 1 },
      { x: 3, y: 0.5 },
    ]);
    expect(b.lower[0].y).toBeCloseTo(0.1, 12);
    expect(b.lower[1].y).toBeCloseTo(0.4, 12);
    expect(b.upper[0].y).toBe(3);
  });
  it('a long job waits for the choice, and a restart after it runs the chosen job', () => {
    const estimate = estimateJob({ kind: 'grid', rows: 8, cols: 8 }, 190, 500);
    const asked = batchReduce(batchStarting(IDLE_BATCH, 3), { type: 'estimate', id: 3, estimate, backend, notice: null });
    expect(asked.phase).toBe('confirm');
    expect(asked.estimate?.estimate.seconds).toBe(95);
    expect(asked.estimate?.estimate.reduced).toEqual({ kind: 'grid', rows: 4, cols: 4 });
    expect(batchReduce(asked, { type: 'estimate', id: 2, estimate, backend, notice: null })).toBe(asked);
    const chosen = batchStarting(asked, 4);
    expect(chosen.phase).toBe('starting');
    expect(chosen.estimate).toBeNull();
  });
});

describe('MC-dropout band', () => {
  it('is the per-x mean ± sample std of the T passes', async () => {
    const { mcBand } = await import('../../src/ui/chart-data');
    const b = mcBand(
      [0, 1],
      [
        [1, 2],
        [3, 2],
        [2, NaN],
      ],
      1,
    );
    expect(b.label).toBe('MC-dropout mean ± std (T=3)');
    expect(b.mean).toEqual([
      { x: 0, y: 2 },
      { x: 1, y: 2 },
    ]);
    expect(b.upper[0].y).toBeCloseTo(3, 12);
    expect(b.lower[1].y).toBe(2);
  });
});
