// What the polite live region says: the checkpoint on screen, its epoch and each net's test MSE
// ("Epoch 150: Plain net test MSE 0.0936, Regularized net test MSE 0.0521"). Pure; the
// Announcer component throttles it.

import { formatLoss } from './chart-data';
import type { PageFrame } from './run-store';

/** At most one announcement this often while playing (the final one goes at once). */
export const ANNOUNCE_EVERY_MS = 2000;

export const ANNOUNCE_STRINGS = {
  checkpoint: (epoch: number, nets: string): string => `Epoch ${epoch}: ${nets}`,
  net: (label: string, testMse: string): string => `${label} test MSE ${testMse}`,
  diverged: (label: string, epoch: number): string => `${label} diverged at epoch ${epoch}`,
} as const;

/** The last checkpoint at or before `epoch` (the list is in epoch order), or null. */
export function checkpointAtOrBefore(checkpoints: readonly PageFrame[], epoch: number): PageFrame | null {
  for (let i = checkpoints.length - 1; i >= 0; i--) if (checkpoints[i].epoch <= epoch) return checkpoints[i];
  return null;
}

/** The announcement of a checkpoint. */
export function checkpointText(frame: PageFrame): string {
  const nets = frame.nets.map((n) =>
    n.divergedAt !== null && n.divergedAt <= frame.epoch
      ? ANNOUNCE_STRINGS.diverged(n.label, n.divergedAt)
      : ANNOUNCE_STRINGS.net(n.label, formatLoss(n.testMse)),
  );
  return ANNOUNCE_STRINGS.checkpoint(frame.epoch, nets.join(', '));
}
