// The one schedule: checkpoints where the PyTorch tutorial evaluates (`t % every == 0` after the
// update, so after updates 1, 1 + every, …), plus epoch 0 and the last epoch; frames a superset.
import { describe, expect, it } from 'vitest';
import {
  adaptFrameInterval,
  initialFrameInterval,
  checkpointEpochs,
  isCheckpoint,
  isFrame,
  nextCheckpoint,
  nextFrame,
  MAX_EVAL_SHARE,
  MIN_EVAL_SHARE,
} from '../../src/experiment/schedule';

/** The tutorial's loop, literally: which update counts does it evaluate after? */
function tutorialEvaluations(epochs: number, every: number): number[] {
  const out: number[] = [];
  let updates = 0;
  for (let t = 0; t < epochs; t++) {
    updates++;
    if (t % every === 0) out.push(updates);
  }
  return out;
}

describe('checkpoints', () => {
  it('are epoch 0, the tutorial loop’s evaluations (after 1, 51, …, 451 updates) and the last epoch', () => {
    expect(checkpointEpochs(500, 50)).toEqual([0, 1, 51, 101, 151, 201, 251, 301, 351, 401, 451, 500]);
    for (const [epochs, every] of [
      [500, 50],
      [21, 10],
      [7, 1],
      [10, 20],
      [1, 1],
      [100, 33],
    ]) {
      const expected = [...new Set([0, ...tutorialEvaluations(epochs, every), epochs])];
      expect(checkpointEpochs(epochs, every), `${epochs}/${every}`).toEqual(expected);
      const byPredicate = Array.from({ length: epochs + 1 }, (_, e) => e).filter((e) => isCheckpoint(e, epochs, every));
      expect(byPredicate).toEqual(expected);
    }
  });

  it('nextCheckpoint walks the same list', () => {
    for (const [epochs, every] of [
      [500, 50],
      [21, 10],
      [10, 20],
      [100, 33],
    ]) {
      const walked: number[] = [0];
      for (let e = nextCheckpoint(0, epochs, every); e !== null; e = nextCheckpoint(e, epochs, every)) walked.push(e);
      expect(walked).toEqual(checkpointEpochs(epochs, every));
      // from any epoch between two checkpoints
      for (let after = 0; after < epochs; after++) {
        const expected = checkpointEpochs(epochs, every).find((c) => c > after);
        expect(nextCheckpoint(after, epochs, every)).toBe(expected);
      }
      expect(nextCheckpoint(epochs, epochs, every)).toBeNull();
    }
  });
});

describe('frames', () => {
  it('are every `interval` epochs on the checkpoints’ grid, plus every checkpoint', () => {
    const frames: number[] = [0];
    for (let e = nextFrame(0, 60, 50, 5); e !== null; e = nextFrame(e, 60, 50, 5)) frames.push(e);
    expect(frames).toEqual([0, 1, 6, 11, 16, 21, 26, 31, 36, 41, 46, 51, 56, 60]);
    for (const [epochs, every, interval] of [
      [500, 50, 5],
      [100, 30, 4],
      [37, 10, 3],
      [20, 5, 1],
    ]) {
      const all = Array.from({ length: epochs + 1 }, (_, e) => e).filter((e) => isFrame(e, epochs, every, interval));
      for (const c of checkpointEpochs(epochs, every)) expect(all).toContain(c);
      const walked: number[] = [0];
      for (let e = nextFrame(0, epochs, every, interval); e !== null; e = nextFrame(e, epochs, every, interval)) walked.push(e);
      expect(walked).toEqual(all);
      // gaps never exceed the interval
      for (let i = 1; i < walked.length; i++) expect(walked[i] - walked[i - 1]).toBeLessThanOrEqual(interval);
    }
  });

  it('the interval starts at 5 (a divisor of every), doubles above the eval share, halves well below it, within [1, every]', () => {
    expect(initialFrameInterval(50)).toBe(5);
    expect(initialFrameInterval(7)).toBe(1);
    expect(initialFrameInterval(8)).toBe(4);
    expect(adaptFrameInterval(5, MAX_EVAL_SHARE + 0.01, 50)).toBe(10);
    expect(adaptFrameInterval(10, 0.5, 50)).toBe(25);
    expect(adaptFrameInterval(25, 0.5, 50)).toBe(50);
    expect(adaptFrameInterval(50, 0.9, 50)).toBe(50);
    expect(adaptFrameInterval(25, MIN_EVAL_SHARE - 0.01, 50)).toBe(10);
    expect(adaptFrameInterval(10, MIN_EVAL_SHARE - 0.01, 50)).toBe(5);
    // never finer than the first interval (5, or the largest divisor of `every` below it)
    expect(adaptFrameInterval(5, MIN_EVAL_SHARE - 0.01, 50)).toBe(5);
    expect(adaptFrameInterval(5, 0, 50)).toBe(5);
    expect(adaptFrameInterval(4, 0, 8)).toBe(4);
    expect(adaptFrameInterval(3, 0, 3)).toBe(3);
    expect(adaptFrameInterval(1, 0, 50)).toBe(1);
    expect(adaptFrameInterval(5, (MIN_EVAL_SHARE + MAX_EVAL_SHARE) / 2, 50)).toBe(5);
    // `every` changed under it: back onto a divisor
    expect(adaptFrameInterval(10, 0.05, 3)).toBe(3);
    expect(adaptFrameInterval(4, 0.05, 30)).toBe(3);
  });
});
