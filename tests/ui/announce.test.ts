import { describe, expect, it } from 'vitest';
import { checkpointAtOrBefore, checkpointText } from '../../src/ui/announce';
import type { PageFrame } from '../../src/ui/run-store';

function frame(epoch: number, tests: number[], divergedAt: (number | null)[] = []): PageFrame {
  return {
    epoch,
    checkpoint: true,
    gridX: [],
    elapsedMs: 0,
    nets: tests.map((testMse, i) => ({
      name: i === 0 ? 'overfitting' : 'dropout',
      label: i === 0 ? 'Plain net' : 'Regularized net',
      trainMse: 0,
      testMse,
      trainMseEval: 0,
      penalty: 0,
      testPred: [],
      gridPred: [],
      divergedAt: divergedAt[i] ?? null,
    })),
  };
}

describe('live-region announcements', () => {
  it('say the epoch and each net’s test MSE as the page rounds it', () => {
    expect(checkpointText(frame(150, [0.093612, 0.052149]))).toBe('Epoch 150: Plain net test MSE 0.0936, Regularized net test MSE 0.0521');
  });

  it('say a net diverged instead of a NaN loss', () => {
    expect(checkpointText(frame(40, [NaN, 0.2], [31, null]))).toBe(
      'Epoch 40: Plain net diverged at epoch 31, Regularized net test MSE 0.200',
    );
  });

  it('announce the last checkpoint at or before the epoch on screen', () => {
    const cps = [frame(0, [1, 1]), frame(1, [0.9, 0.9]), frame(11, [0.5, 0.5]), frame(21, [0.4, 0.4])];
    expect(checkpointAtOrBefore(cps, 0)?.epoch).toBe(0);
    expect(checkpointAtOrBefore(cps, 15)?.epoch).toBe(11);
    expect(checkpointAtOrBefore(cps, 21)?.epoch).toBe(21);
    expect(checkpointAtOrBefore(cps, 500)?.epoch).toBe(21);
    expect(checkpointAtOrBefore([], 5)).toBeNull();
    expect(checkpointAtOrBefore(cps.slice(2), 5)).toBeNull();
  });
});
