// The warm-up's bookkeeping: a first piece of one epoch, later pieces sized to about
// WARM_UP_PIECE_MS from the last one's pace (at most WARM_UP_PIECE_EPOCHS), within the room the
// engine and the run leave, at most WARM_UP_EPOCHS in all, and over once its budget is spent;
// evaluations alternate between the two kinds (checkpoint or not).
import { describe, expect, it } from 'vitest';
import { WARM_UP_EPOCHS, WARM_UP_PIECE_EPOCHS, WARM_UP_PIECE_MS, WarmUp } from '../../src/worker/warm-up';

describe('WarmUp', () => {
  it('starts with one epoch, then sizes pieces to the measured pace', () => {
    const w = new WarmUp(1000);
    expect(w.nextEpochs(50)).toBe(1);
    w.record(1, 2); // 2 ms an epoch
    expect(w.nextEpochs(1000)).toBe(Math.min(WARM_UP_PIECE_MS / 2, WARM_UP_PIECE_EPOCHS));
    w.record(20, 160); // 8 ms an epoch
    expect(w.nextEpochs(1000)).toBe(WARM_UP_PIECE_MS / 8);
    w.record(5, 0.5); // fast: capped
    expect(w.nextEpochs(1000)).toBe(WARM_UP_PIECE_EPOCHS);
  });

  it('stays within the room given and within WARM_UP_EPOCHS', () => {
    const w = new WarmUp(1e9);
    w.record(1, 0.01);
    expect(w.nextEpochs(7)).toBe(7);
    expect(w.nextEpochs(0)).toBe(0);
    let total = 1;
    for (let i = 0; i < 1000 && w.nextEpochs(1000) > 0; i++) {
      const n = w.nextEpochs(1000);
      expect(n).toBeLessThanOrEqual(WARM_UP_PIECE_EPOCHS);
      w.record(n, 0.01);
      total += n;
    }
    expect(total).toBe(WARM_UP_EPOCHS);
    expect(w.epochs).toBe(WARM_UP_EPOCHS);
  });

  it('is over once the budget is spent, even with epochs left', () => {
    const w = new WarmUp(100);
    w.record(1, 60);
    expect(w.nextEpochs(50)).toBe(1);
    w.record(1, 50);
    expect(w.nextEpochs(50)).toBe(0);
    expect(w.pieces).toBe(2);
  });

  it('alternates checkpoint and plain evaluations', () => {
    const w = new WarmUp(1000);
    const kinds: boolean[] = [];
    for (let i = 0; i < 4; i++) {
      kinds.push(w.checkpointNext);
      w.record(1, 1);
    }
    expect(kinds).toEqual([true, false, true, false]);
  });
});
