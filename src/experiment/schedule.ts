// The one schedule of a run. "Epoch N" means "after N optimizer updates" everywhere: the page, the
// film-strip, the exports, `train`, the batch jobs and the parity tests. Checkpoints are the
// tutorial's evaluations (`for t in range(epochs): step(); if t % every == 0: evaluate`, i.e. after
// updates 1, 1 + every, 1 + 2·every, …) plus epoch 0 (before training) and the last epoch. Frames
// (what the page plays) are a superset: every `interval` epochs on the same grid, plus every
// checkpoint.

/** True when epoch `epoch` (updates done, 0 ≤ epoch ≤ epochs) is a checkpoint of a run of `epochs` epochs. */
export function isCheckpoint(epoch: number, epochs: number, every: number): boolean {
  return epoch === 0 || (epoch - 1) % every === 0 || epoch === epochs;
}

/** Every checkpoint epoch of a run, in order: 0, 1, 1 + every, …, epochs. */
export function checkpointEpochs(epochs: number, every: number): number[] {
  const out = [0];
  for (let e = 1; e <= epochs; e += every) out.push(e);
  if (out[out.length - 1] !== epochs) out.push(epochs);
  return out;
}

/** The first checkpoint after epoch `after`, or null when the run has none left. */
export function nextCheckpoint(after: number, epochs: number, every: number): number | null {
  if (after >= epochs) return null;
  if (after < 1) return 1;
  const next = after + every - ((after - 1) % every);
  return Math.min(next, epochs);
}

/** True when epoch `epoch` gets a frame: on the grid 1, 1 + interval, … (and 0), or at a checkpoint. */
export function isFrame(epoch: number, epochs: number, every: number, interval: number): boolean {
  return (epoch - 1) % interval === 0 || isCheckpoint(epoch, epochs, every);
}

/** The first frame epoch after `after` (a checkpoint or on the interval grid), or null at the end. */
export function nextFrame(after: number, epochs: number, every: number, interval: number): number | null {
  const checkpoint = nextCheckpoint(after, epochs, every);
  if (checkpoint === null) return null;
  const grid = after < 1 ? 1 : after + interval - ((after - 1) % interval);
  return Math.min(grid, checkpoint);
}

/** The default frame interval in epochs (the largest divisor of `every` up to it is used). */
export const DEFAULT_FRAME_INTERVAL = 5;
/** Evaluation + readback should stay under this share of the compute time… */
export const MAX_EVAL_SHARE = 0.1;
/**
 * …and the interval halves again once the share is below this (hysteresis: halving doubles it), but
 * never below the default: at the Tutorial speed (100 epochs/s) frames every 5 epochs are 20 per
 * second; every epoch would be more than one per animation frame, and a run shown frame by frame
 * would take longer than its 5 s.
 */
export const MIN_EVAL_SHARE = 0.04;

function divisors(n: number): number[] {
  const out: number[] = [];
  for (let d = 1; d <= n; d++) if (n % d === 0) out.push(d);
  return out;
}

/** The first frame interval of a run: DEFAULT_FRAME_INTERVAL, or the largest divisor of `every` below it. */
export function initialFrameInterval(every: number): number {
  return Math.max(...divisors(every).filter((d) => d <= DEFAULT_FRAME_INTERVAL));
}

/**
 * The next frame interval, from the share of compute time that evaluation and readback took at the
 * current one: at least doubled above MAX_EVAL_SHARE, halved below MIN_EVAL_SHARE down to the first
 * interval (initialFrameInterval), not finer. It stays a divisor of `every` (so frames fall on the
 * checkpoints, evenly spaced), in [1, every].
 */
export function adaptFrameInterval(interval: number, evalShare: number, every: number): number {
  const ds = divisors(every);
  const onGrid = ds.includes(interval) ? interval : ([...ds].reverse().find((d) => d <= interval) ?? 1);
  if (evalShare > MAX_EVAL_SHARE) return ds.find((d) => d >= 2 * interval) ?? every;
  if (evalShare < MIN_EVAL_SHARE) {
    const halved = [...ds].reverse().find((d) => d <= interval / 2) ?? 1;
    return Math.max(halved, Math.min(onGrid, initialFrameInterval(every)));
  }
  return onGrid;
}
