// "Nobody times a broken run": each system's test MSEs are checked against PyTorch's. The plain net
// is deterministic from PyTorch's initial weights, so its eval-mode test MSE at epoch 451 (after
// 451 updates: the product's convention, src/experiment/schedule.ts; PyTorch's loop index t = 450)
// must be near PyTorch's 0.1301; a run cut short by the time budget is checked at its last
// checkpoint instead (epoch 50·k + 1, PyTorch's checkpoint k). Every "@N" below is such an epoch.
// This project's dropout net has its own masks, keyed per model and epoch and the same on every
// backend, so its rows hold it to the CPU backend's run with those masks instead of the band (one
// seed may leave a 20-run band for a checkpoint: seed 1 gives 0.2117 @101 on every backend, where
// PyTorch's band is 0.125 ± 4·0.008). The dropout net has other masks in
// every system, so it is only held to PyTorch's 20-run band. The nets without dropout (the plain
// net; the grid's 8 models with p 0, each weight decay) are deterministic, so at a run's last epoch
// they are also compared with this project's CPU backend trained for exactly as many epochs.

import type { CheckpointRead } from './harness';
import type { SeedJobFile } from './job';

export interface CheckResult {
  /** undefined: nothing to compare with */
  readonly ok: boolean | undefined;
  readonly text: string;
}

/** relative tolerance of a deterministic net's test MSE (float32 rounding differences over 450 Adam steps stay < 1%) */
export const REL_TOLERANCE = 0.05;
/** the dropout net must lie within PyTorch's mean ± this many standard deviations */
export const BAND_SIGMAS = 4;

function pct(v: number): string {
  return `${v >= 0 ? '+' : ''}${(100 * v).toFixed(1)}%`;
}

/** The last checkpoint of a run that PyTorch also has (updates 50k+1 for k < 10). */
function lastComparable(
  checkpoints: readonly CheckpointRead[],
  file: SeedJobFile,
  every: number,
): { c: CheckpointRead; k: number } | undefined {
  let best: { c: CheckpointRead; k: number } | undefined;
  for (const c of checkpoints) {
    const epoch = c.updates - 1;
    if (epoch % every !== 0) continue;
    const k = file.checkpoints.epochs.indexOf(epoch);
    if (k >= 0 && (!best || k > best.k)) best = { c, k };
  }
  return best;
}

/** `band` false: the dropout net is judged elsewhere (by a reference with the same masks), not by PyTorch's band. */
export function seedCheck(
  checkpoints: readonly CheckpointRead[],
  file: SeedJobFile,
  every = 50,
  tolerance = REL_TOLERANCE,
  band = true,
): CheckResult {
  const hit = lastComparable(checkpoints, file, every);
  if (!hit) return { ok: undefined, text: 'no checkpoint comparable with PyTorch' };
  const { c, k } = hit;
  // PyTorch's loop index t is the epoch after t + 1 updates
  const epoch = file.checkpoints.epochs[k] + 1;
  const plain = c.testMse[0],
    ref = file.checkpoints.test_mse.overfitting[k];
  const rel = (plain - ref) / ref;
  const plainOk = Number.isFinite(plain) && Math.abs(rel) <= tolerance;
  const dropped = c.testMse[1];
  const mean = file.dropped_band.mean[k],
    sd = file.dropped_band.std[k];
  const bandOk = !band || (Number.isFinite(dropped) && Math.abs(dropped - mean) <= BAND_SIGMAS * sd);
  const text =
    `plain ${plain.toFixed(4)} @${epoch} (PyTorch ${ref.toFixed(4)}, ${pct(rel)})` +
    `${bandOk ? '' : `; dropout net ${dropped.toFixed(4)} outside PyTorch's ${mean.toFixed(3)} ± ${BAND_SIGMAS}·${sd.toFixed(3)}`}`;
  return { ok: plainOk && bandOk, text };
}

/** Nets of a job trained by this project's CPU backend for the same epochs: those without dropout, or (for this project's own rows of the seed job) all, with the same masks. */
export interface Reference {
  readonly updates: number;
  /** which nets of the job (indices) */
  readonly nets: readonly number[];
  readonly testMse: readonly number[];
  /** what the nets are, for the check's text (default: "net i" or "N nets without dropout") */
  readonly what?: string;
}

/** The run's last checkpoint against the reference: the worst relative deviation over its nets. */
export function referenceCheck(last: CheckpointRead, ref: Reference, tolerance = REL_TOLERANCE): CheckResult {
  if (ref.updates !== last.updates) return { ok: undefined, text: `no reference @${last.updates}` };
  let worst = 0;
  ref.nets.forEach((i, k) => {
    const rel = Math.abs((last.testMse[i] - ref.testMse[k]) / ref.testMse[k]);
    worst = Number.isFinite(rel) ? Math.max(worst, rel) : Infinity;
  });
  const what = ref.what ?? (ref.nets.length === 1 ? `net ${ref.nets[0]}` : `${ref.nets.length} nets without dropout`);
  return { ok: worst <= tolerance, text: `${what} @${last.updates} within ${(100 * worst).toFixed(1)}% of Dropout Lab CPU` };
}

/**
 * Seed job: PyTorch at the last comparable checkpoint, plus the reference when the run ended
 * elsewhere. A reference that covers the dropout net (net 1: this project's rows, the same masks)
 * replaces PyTorch's band for it, at every checkpoint.
 */
export function seedCheckWith(checkpoints: readonly CheckpointRead[], file: SeedJobFile, every: number, ref?: Reference): CheckResult {
  const last = checkpoints[checkpoints.length - 1];
  const usable = ref !== undefined && last !== undefined && ref.updates === last.updates;
  const coversDropout = usable && ref.nets.includes(1);
  const torch = seedCheck(checkpoints, file, every, REL_TOLERANCE, !coversDropout);
  if (!usable || (!coversDropout && file.checkpoints.epochs.includes(last.updates - 1))) return torch;
  const own = referenceCheck(last, ref);
  const ok = torch.ok === false || own.ok === false ? false : torch.ok === true || own.ok === true ? true : undefined;
  return { ok, text: `${torch.text}; ${own.text}` };
}

/** Grid: every model finite at the last checkpoint, and the nets without dropout as the reference says. */
export function gridCheck(checkpoints: readonly CheckpointRead[], ref?: Reference): CheckResult {
  const last = checkpoints[checkpoints.length - 1];
  if (!last) return { ok: false, text: 'no checkpoint' };
  const bad = last.testMse.filter((v) => !Number.isFinite(v)).length;
  if (bad) return { ok: false, text: `${bad} of ${last.testMse.length} models not finite @${last.updates}` };
  const finite = `all ${last.testMse.length} finite`;
  if (!ref) return { ok: undefined, text: `${finite} @${last.updates}; no reference` };
  const r = referenceCheck(last, ref);
  return { ok: r.ok, text: `${r.text}; ${finite}` };
}
