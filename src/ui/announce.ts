// What the polite live region says: the checkpoint on screen, its epoch and each net's test MSE
// ("Epoch 150: Plain net test MSE 0.0936, Regularized net test MSE 0.0521"). Pure; the
// Announcer component throttles it. Words from the catalogs (`announce.*`).

import { formatLoss, netLabel } from './chart-data';
import type { Translate } from './i18n/i18n';
import type { PageFrame } from './run-store';

/** At most one announcement this often while playing (the final one goes at once). */
export const ANNOUNCE_EVERY_MS = 2000;

/** The last checkpoint at or before `epoch` (the list is in epoch order), or null. */
export function checkpointAtOrBefore(checkpoints: readonly PageFrame[], epoch: number): PageFrame | null {
  for (let i = checkpoints.length - 1; i >= 0; i--) if (checkpoints[i].epoch <= epoch) return checkpoints[i];
  return null;
}

/** The announcement of a checkpoint, in the language of `t`. */
export function checkpointText(t: Translate, frame: PageFrame): string {
  const nets = frame.nets.map((n) =>
    n.divergedAt !== null && n.divergedAt <= frame.epoch
      ? t('announce.diverged', { net: netLabel(t, n), epoch: n.divergedAt })
      : t('announce.net', { net: netLabel(t, n), mse: formatLoss(n.testMse) }),
  );
  return t('announce.checkpoint', { epoch: frame.epoch, nets: nets.join(t('announce.separator')) });
}
