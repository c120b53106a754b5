import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src/experiment/settings';
import type { Checkpoint } from '../../src/experiment/types';
import { RunStore, thinFrames } from '../../src/ui/run-store';
import { diffSettings } from '../../src/worker/settings-diff';

const nets = [
  { name: 'overfitting', label: 'Plain net' },
  { name: 'dropout', label: 'Regularized net' },
];

function checkpoint(epoch: number, prev: number, divergedAt: number | null = null): Checkpoint {
  const hist = Array.from({ length: epoch - prev }, (_, i) => 1 / (prev + i + 1));
  return {
    epoch,
    gridX: [0, 1],
    elapsedMs: epoch,
    nets: nets.map((n) => ({
      ...n,
      trainMse: 0.1,
      testMse: 0.2,
      trainMseEval: 0.1,
      penalty: 0,
      testPred: [],
      gridPred: [0, 1],
      lossHistory: hist,
      penaltyHistory: hist.map(() => 0),
      divergedAt,
    })),
  };
}

function store(): { s: RunStore; clock: { t: number } } {
  const clock = { t: 0 };
  const s = new RunStore({ now: () => clock.t, schedule: (fn) => fn() });
  s.handle({
    type: 'ready',
    run: 1,
    backend: { name: 'cpu', description: 'CPU' },
    data: { x: [0], y: [0], testX: [0], testY: [0] },
    nets,
    settings: defaultSettings(),
    epoch: 0,
    setupMs: 5,
  });
  return { s, clock };
}

describe('RunStore', () => {
  it('accumulates per-epoch losses and checkpoints, measures throughput and time to first checkpoint', () => {
    const { s, clock } = store();
    s.handle({ type: 'checkpoint', run: 1, checkpoint: checkpoint(0, 0), epochs: 0, chunkMs: 0 });
    clock.t = 100;
    s.notePlayRequested();
    s.handle({ type: 'state', run: 1, running: true, finished: false, epoch: 0, settings: defaultSettings() });
    clock.t = 350;
    s.handle({ type: 'checkpoint', run: 1, checkpoint: checkpoint(50, 0), epochs: 50, chunkMs: 200 });
    clock.t = 600;
    s.handle({ type: 'checkpoint', run: 1, checkpoint: checkpoint(100, 50), epochs: 50, chunkMs: 200 });
    const v = s.getSnapshot();
    expect(v.epoch).toBe(100);
    expect(v.series[0].trainLoss).toHaveLength(100);
    expect(v.series[0].test.map((p) => p.x)).toEqual([0, 50, 100]);
    expect(v.frames.map((f) => f.epoch)).toEqual([0, 50, 100]);
    expect(v.epochsPerSecond).toBeCloseTo(250);
    expect(v.firstCheckpointMs).toBe(250);
    expect(v.checkpointIntervalMs).toBe(250);
  });

  it('ignores messages of an older run and starts over on ready', () => {
    const { s } = store();
    s.handle({ type: 'checkpoint', run: 1, checkpoint: checkpoint(50, 0), epochs: 50, chunkMs: 10 });
    s.handle({
      type: 'ready',
      run: 2,
      backend: { name: 'cpu', description: 'CPU' },
      data: { x: [0], y: [0], testX: [0], testY: [0] },
      nets,
      settings: defaultSettings(),
      epoch: 0,
      setupMs: 5,
    });
    s.handle({ type: 'checkpoint', run: 1, checkpoint: checkpoint(100, 50), epochs: 50, chunkMs: 10 });
    const v = s.getSnapshot();
    expect(v.run).toBe(2);
    expect(v.epoch).toBe(0);
    expect(v.frames).toHaveLength(0);
    expect(v.series[0].trainLoss).toHaveLength(0);
  });

  it('records divergence and rolls back to the resumed epoch after a backend switch', () => {
    const { s } = store();
    s.handle({ type: 'checkpoint', run: 1, checkpoint: checkpoint(50, 0), epochs: 50, chunkMs: 10 });
    s.handle({ type: 'checkpoint', run: 1, checkpoint: checkpoint(100, 50, 77), epochs: 50, chunkMs: 10 });
    expect(s.getSnapshot().series[1].divergedAt).toBe(77);
    s.handle({
      type: 'backend',
      run: 1,
      backend: { name: 'cpu', description: 'CPU', fallbackReason: 'WebGPU device lost: x' },
      resumedAt: 50,
    });
    const v = s.getSnapshot();
    expect(v.epoch).toBe(50);
    expect(v.series[0].trainLoss).toHaveLength(50);
    expect(v.frames.map((f) => f.epoch)).toEqual([50]);
    expect(v.backend?.fallbackReason).toContain('lost');
  });

  it('thins frames beyond the cap, keeping the last', () => {
    const frames = Array.from({ length: 11 }, (_, i) => i);
    expect(thinFrames(frames, 20)).toBe(frames);
    expect(thinFrames(frames, 10)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(
      thinFrames(
        Array.from({ length: 12 }, (_, i) => i),
        10,
      ),
    ).toEqual([0, 2, 4, 6, 8, 10, 11]);
  });

  it('shows a notice once', () => {
    const { s } = store();
    s.addNotice('warning', 'x');
    s.addNotice('warning', 'x');
    expect(s.getSnapshot().notices).toHaveLength(1);
  });
});

describe('diffSettings', () => {
  it('separates live changes from changes that reset the run (schema live flag)', () => {
    const a = defaultSettings();
    expect(diffSettings(a, { ...a, dropout: 0.1, weightDecay: 0.01, l1: 1e-4, lrPlain: 0.1, convention: 'vanilla' })).toEqual({
      live: ['dropout', 'weightDecay', 'l1', 'lrPlain', 'convention'],
      reset: [],
    });
    expect(diffSettings(a, { ...a, hidden: 16, seed: 2 }).reset).toEqual(['hidden', 'seed']);
    expect(diffSettings(a, { ...a, preset: 'strong-overfitting' }).reset).toEqual(['preset']);
    expect(diffSettings(a, a)).toEqual({ live: [], reset: [] });
  });
});
