// Made-up frames of the tutorial's two nets, as the worker posts them, for the page's stores in
// unit tests: losses 1/epoch for the epochs since the previous frame, a test MSE that grows with the
// epoch, and the epoch itself as the last grid prediction (so a test can tell frames apart).
import type { Frame } from '../../src/experiment/types';

export const TWO_NETS = [
  { name: 'overfitting', label: 'Plain net' },
  { name: 'dropout', label: 'Regularized net' },
];

/** The frame at `epoch`, the previous one at `prev` (its loss history covers the epochs between). */
export function madeFrame(epoch: number, prev: number, options: { checkpoint?: boolean; divergedAt?: number | null } = {}): Frame {
  const hist = Array.from({ length: Math.max(0, epoch - prev) }, (_, i) => 1 / (prev + i + 1));
  return {
    epoch,
    checkpoint: options.checkpoint ?? false,
    gridX: [0, 1],
    elapsedMs: epoch,
    nets: TWO_NETS.map((n) => ({
      ...n,
      trainMse: 0.1,
      testMse: 0.2 + epoch / 1000,
      trainMseEval: 0.1,
      penalty: 0,
      testPred: [],
      gridPred: [0, epoch],
      lossHistory: hist,
      penaltyHistory: hist.map(() => 0),
      divergedAt: options.divergedAt ?? null,
    })),
  };
}
