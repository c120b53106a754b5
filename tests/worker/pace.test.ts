// How the session sizes its slices and frame interval, from measured times (no clock: numbers in).
import { describe, expect, it } from 'vitest';
import { Pace } from '../../src/worker/pace';
import { SnapshotStore } from '../../src/worker/snapshots';

describe('Pace', () => {
  it('slices start at 1 epoch, grow at most 4× a slice, and settle at ~sliceMs of work', () => {
    const p = new Pace(50, 100);
    expect(p.sliceEpochs(500)).toBe(1);
    const sizes: number[] = [];
    for (let k = 0; k < 8; k++) {
      const n = p.sliceEpochs(100_000);
      sizes.push(n);
      p.recordSlice({ epochs: n, frames: 0, ms: n * 0.5, evalMs: 0, waitMs: 0 }, 50); // 0.5 ms per epoch
    }
    expect(sizes.slice(0, 5)).toEqual([1, 4, 16, 64, 200]);
    expect(sizes.at(-1)).toBe(200);
    expect(p.sliceEpochs(7)).toBe(7);
    expect(p.sliceEpochs(0)).toBe(0);
  });

  it('sizes slices by their wall time, even when the evaluation estimate is far off (it once stretched them to 600 ms)', () => {
    const p = new Pace(50, 100);
    p.recordEvaluation(10); // measured alone while the machine was busy: 20× what a frame costs in a slice
    // an asynchronous backend: 0.1 ms per epoch of training, 0.5 ms per frame
    const wall = (n: number): number => n * 0.1 + Math.floor(n / p.frameInterval) * 0.5;
    let n = 0;
    for (let k = 0; k < 12; k++) {
      n = p.sliceEpochs(1_000_000);
      p.recordSlice({ epochs: n, frames: Math.floor(n / p.frameInterval), ms: wall(n), evalMs: 0.01, waitMs: 0.9 * wall(n) }, 50);
    }
    expect(wall(n)).toBeGreaterThan(80);
    expect(wall(n)).toBeLessThan(120);
  });

  it('the frame interval doubles while evaluations take over 10% of the compute, and halves back when cheap', () => {
    const p = new Pace(50, 100);
    expect(p.frameInterval).toBe(5);
    p.recordEvaluation(2); // 2 ms per frame, alone
    // an asynchronous backend (waits for its work): 1 ms per epoch, a frame every 5 epochs → 2/(5+2) ≈ 29%
    const slice = (interval: number) => {
      const epochs = 10 * interval;
      p.recordSlice({ epochs, frames: 10, ms: epochs * 1 + 10 * 2, evalMs: 0.1, waitMs: epochs }, 50);
    };
    slice(5);
    expect(p.frameInterval).toBe(10); // 2/(10+2) ≈ 17% still over
    slice(10);
    expect(p.frameInterval).toBe(25); // 2/(25+2) ≈ 7%: stays
    slice(25);
    expect(p.frameInterval).toBe(25);
    // evaluations got cheap: halves
    p.recordEvaluation(0.1);
    slice(25);
    expect(p.frameInterval).toBe(10);
  });

  it('on a synchronous backend the evaluate() calls themselves are timed', () => {
    const p = new Pace(50, 100);
    p.recordEvaluation(50); // a cold first measurement
    p.recordSlice({ epochs: 50, frames: 10, ms: 60, evalMs: 10, waitMs: 0 }, 50);
    expect(p.evalMs).toBeCloseTo(1);
    expect(p.msPerEpoch).toBeCloseTo((60 - 10) / 50);
    expect(p.runEstimate(500, 50)).toBeGreaterThan(500 * 0.9);
  });
});

describe('SnapshotStore', () => {
  const state = (bytes: number) => [new Float32Array(bytes / 4)];

  it('finds the newest snapshot at or before an epoch and forgets those after a resume', () => {
    const s = new SnapshotStore();
    for (const e of [0, 1, 51, 101]) s.add(e, state(16));
    expect(s.atOrBefore(75)?.epoch).toBe(51);
    expect(s.atOrBefore(0)?.epoch).toBe(0);
    s.dropAfter(60);
    expect(s.epochs).toEqual([0, 1, 51]);
  });

  it('stays within its byte budget, keeping epoch 0 and the newest', () => {
    const s = new SnapshotStore(1000);
    for (let e = 0; e <= 20; e++) s.add(e, state(100));
    expect(s.epochs.length * 100).toBeLessThanOrEqual(1000);
    expect(s.epochs[0]).toBe(0);
    expect(s.epochs.at(-1)).toBe(20);
  });
});
