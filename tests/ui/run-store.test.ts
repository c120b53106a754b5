import { describe, expect, it } from 'vitest';
import { defaultSettings, type Settings } from '../../src/experiment/settings';
import { diffSettings } from '../../src/experiment/settings-diff';
import type { Frame } from '../../src/experiment/types';
import { TWO_NETS as nets, madeFrame as frame } from '../helpers/made-frames';
import { RunStore, frameAtOrBefore, thinFrames, weightsAtOrBefore } from '../../src/ui/run-store';
import type { RunCause, WorkerToPage } from '../../src/worker/protocol';

const S = defaultSettings();

function ready(run: number, cause: RunCause, settings: Settings = S): WorkerToPage {
  return {
    type: 'ready',
    run,
    cause,
    backend: { name: 'cpu', description: 'CPU' },
    data: { x: [0], y: [0], testX: [0], testY: [0] },
    nets,
    settings,
    setupMs: 5,
  };
}

function frames(run: number, fs: Frame[], sliceMs = 10): WorkerToPage {
  const epochs = fs.length > 0 ? fs[fs.length - 1].epoch - (fs[0].epoch - fs[0].nets[0].lossHistory.length) : 0;
  return { type: 'frames', run, frames: fs, epochs, sliceMs };
}

function store(): RunStore {
  const s = new RunStore({ schedule: (fn) => fn() });
  s.handle(ready(1, 'init'));
  return s;
}

describe('RunStore', () => {
  it('appends frames to the timeline, per-epoch losses to the series, test MSE at checkpoints only', () => {
    const s = store();
    s.handle(frames(1, [frame(0, 0, { checkpoint: true })], 0));
    s.handle(frames(1, [frame(1, 0, { checkpoint: true }), frame(6, 1), frame(11, 6)], 20));
    s.handle(frames(1, [frame(16, 11), frame(21, 16)], 20));
    const v = s.getSnapshot();
    const run = v.current;
    expect(run?.epochs).toEqual([0, 1, 6, 11, 16, 21]);
    expect(run?.frames.map((f) => f.epoch)).toEqual([0, 1, 6, 11, 16, 21]);
    expect(run?.checkpoints.map((f) => f.epoch)).toEqual([0, 1]);
    expect(run?.series[0].trainLoss).toHaveLength(21);
    expect(run?.series[0].trainLoss[20]).toBeCloseTo(1 / 21);
    expect(run?.series[0].test.map((p) => p.x)).toEqual([0, 1]);
    // 21 epochs in 40 ms
    expect(v.epochsPerSecond).toBeCloseTo(525);
    expect(frameAtOrBefore(run ?? null, 13)?.epoch).toBe(11);
    expect(frameAtOrBefore(run ?? null, -1)).toBeNull();
  });

  it('ignores messages of an older run and starts over on ready', () => {
    const s = store();
    s.handle(frames(1, [frame(0, 0, { checkpoint: true }), frame(1, 0, { checkpoint: true })]));
    s.handle(ready(2, 'reset'));
    s.handle(frames(1, [frame(6, 1)]));
    const v = s.getSnapshot();
    expect(v.run).toBe(2);
    expect(v.current?.frames).toHaveLength(0);
    expect(v.current?.series[0].trainLoss).toHaveLength(0);
    expect(v.previous).toBeNull();
    expect(v.worker.running).toBe(false);
  });

  it('keeps the run a change replaced as the ghost, not one a reset replaced', () => {
    const s = store();
    s.handle(frames(1, [frame(0, 0, { checkpoint: true }), frame(1, 0, { checkpoint: true }), frame(6, 1)]));
    const changed = { ...S, dropout: 0.2 };
    s.handle(ready(2, 'replay', changed));
    let v = s.getSnapshot();
    expect(v.previous?.id).toBe(1);
    expect(v.previous?.epochs).toEqual([0, 1, 6]);
    expect(v.current?.cause).toBe('replay');
    expect(v.worker.running).toBe(true);
    s.handle(frames(2, [frame(0, 0, { checkpoint: true }), frame(1, 0, { checkpoint: true })]));
    s.handle(ready(3, 'reset', changed));
    v = s.getSnapshot();
    expect(v.previous).toBeNull();
  });

  it('a resume drops frames, losses, checkpoints and weights after its epoch', () => {
    const s = store();
    s.handle(
      frames(1, [frame(0, 0, { checkpoint: true }), frame(1, 0, { checkpoint: true }), frame(6, 1), frame(11, 6, { divergedAt: 9 })]),
    );
    s.handle({ type: 'weights', run: 1, epoch: 1, sizes: [1, 1], nets: [] });
    s.handle({ type: 'weights', run: 1, epoch: 11, sizes: [1, 1], nets: [] });
    expect(s.getSnapshot().current?.series[1].divergedAt).toBe(9);
    s.handle({
      type: 'resumed',
      run: 1,
      epoch: 6,
      backend: { name: 'cpu', description: 'CPU', fallbackReason: 'WebGPU device lost: x' },
      cause: 'device-lost',
    });
    const v = s.getSnapshot();
    expect(v.current?.epochs).toEqual([0, 1, 6]);
    expect(v.current?.series[0].trainLoss).toHaveLength(6);
    expect(v.current?.series[1].divergedAt).toBeNull();
    expect(v.current?.weights.map((w) => w.epoch)).toEqual([1]);
    expect(weightsAtOrBefore(v.current, 100)?.epoch).toBe(1);
    expect(v.backend?.fallbackReason).toContain('lost');
    expect(v.worker.epoch).toBe(6);
  });

  it('a gap in the losses stays visible as missing epochs', () => {
    const s = store();
    s.handle(frames(1, [frame(0, 0, { checkpoint: true }), frame(5, 3)]));
    expect(s.getSnapshot().current?.series[0].trainLoss.slice(0, 3).every(Number.isNaN)).toBe(true);
    expect(s.getSnapshot().current?.series[0].trainLoss).toHaveLength(5);
  });

  it('records the worker state, the latency of handled commands, and previews of the current run only', () => {
    const s = store();
    s.handle({
      type: 'state',
      run: 1,
      running: true,
      finished: false,
      epoch: 40,
      settings: S,
      frameInterval: 5,
      cost: { ms: 30, measured: false },
      handled: { type: 'pause', latencyMs: 12, seq: 3 },
      handledSince: [],
      postedAt: 1234.5,
    });
    const v = s.getSnapshot();
    expect(v.worker).toMatchObject({ running: true, epoch: 40, frameInterval: 5, cost: { ms: 30, measured: false }, postedAt: 1234.5 });
    expect(v.latency.pause).toBe(12);
    expect(v.commandsTaken).toBe(3);
    // a Reset and an MC-dropout request taken up before one state: both latencies are recorded
    s.handle({
      type: 'state',
      run: 1,
      running: false,
      finished: false,
      epoch: 40,
      settings: S,
      frameInterval: 5,
      cost: null,
      handled: { type: 'mc-dropout', latencyMs: 40, seq: 5 },
      handledSince: [
        { type: 'reset', latencyMs: 7, seq: 4 },
        { type: 'mc-dropout', latencyMs: 40, seq: 5 },
      ],
      postedAt: 1300,
    });
    expect(s.getSnapshot().latency).toMatchObject({ pause: 12, reset: 7, 'mc-dropout': 40 });
    expect(s.getSnapshot().commandsTaken).toBe(5);
    s.handle({ type: 'preview', run: 7, settings: S, frame: frame(500, 499), ms: 9 });
    expect(s.getSnapshot().preview).toBeNull();
    s.handle({ type: 'preview', run: 1, settings: S, frame: frame(500, 499), ms: 9 });
    expect(s.getSnapshot().preview?.frame.epoch).toBe(500);
    s.clearPreview();
    expect(s.getSnapshot().preview).toBeNull();
  });

  it('thins frames beyond the cap, keeping the last', () => {
    const fs = Array.from({ length: 11 }, (_, i) => i);
    expect(thinFrames(fs, 20)).toBe(fs);
    expect(thinFrames(fs, 10)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(
      thinFrames(
        Array.from({ length: 12 }, (_, i) => i),
        10,
      ),
    ).toEqual([0, 2, 4, 6, 8, 10, 11]);
  });

  it('shows a notice once', () => {
    const s = store();
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

describe('RunStore: a fatal error', () => {
  it('keeps the plain sentence and the raw details apart, and stops the run', () => {
    const s = store();
    s.handle({ type: 'fatal', message: 'Training stopped because of an unexpected error.', details: 'TypeError: x is undefined' });
    expect(s.getSnapshot().phase).toBe('fatal');
    expect(s.getSnapshot().fatal).toEqual({
      message: 'Training stopped because of an unexpected error.',
      details: 'TypeError: x is undefined',
    });
    expect(s.getSnapshot().worker.running).toBe(false);
    s.setFatal('The training worker stopped unexpectedly.');
    expect(s.getSnapshot().fatal).toEqual({ message: 'The training worker stopped unexpectedly.', details: null });
  });
});
