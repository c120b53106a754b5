// How a plan of M models is split over a pool of workers: contiguous model ranges (one per
// worker, sizes differing by at most one, the larger ones first), the sub-plan each worker
// compiles, and the slicing and merging of per-model data by range. Pure functions, no threads.

import { HYPER_STRIDE, bufferLength, bufferSpec, type BufferId, type Plan } from '../../engine/plan';

/** Models [start, start + count) of the whole plan. */
export interface ModelRange {
  readonly start: number;
  readonly count: number;
}

/** Contiguous ranges over `models` for at most `workers` workers (never an empty range). */
export function modelRanges(models: number, workers: number): ModelRange[] {
  if (!Number.isInteger(models) || models < 1) throw new RangeError(`pool: models must be a whole number ≥ 1, got ${models}`);
  if (!Number.isInteger(workers) || workers < 1) throw new RangeError(`pool: workers must be a whole number ≥ 1, got ${workers}`);
  const n = Math.min(models, workers);
  const base = Math.floor(models / n);
  const extra = models % n;
  const ranges: ModelRange[] = [];
  let start = 0;
  for (let w = 0; w < n; w++) {
    const count = base + (w < extra ? 1 : 0);
    ranges.push({ start, count });
    start += count;
  }
  return ranges;
}

/** The plan one worker compiles: the same buffers and programs for `count` models. */
export function subPlan(plan: Plan, count: number): Plan {
  return { ...plan, models: count };
}

/** Float32 elements of one model's slice of a buffer (0 for a shared buffer: it is not sliced). */
function modelStride(plan: Plan, buf: BufferId): number {
  const spec = bufferSpec(plan, buf);
  return spec.shared ? 0 : spec.elemsPerModel;
}

/** A worker's part of a whole-buffer write: its models' rows, or a copy of a shared buffer. */
export function sliceBuffer(plan: Plan, buf: BufferId, data: Float32Array, range: ModelRange): Float32Array {
  const stride = modelStride(plan, buf);
  if (stride === 0) return data.slice();
  return data.slice(range.start * stride, (range.start + range.count) * stride);
}

/** A worker's rows of the hyperparameter table (HYPER_STRIDE 32-bit words per model). */
export function sliceHyper(table: ArrayBuffer, range: ModelRange): ArrayBuffer {
  const rowBytes = HYPER_STRIDE * 4;
  return table.slice(range.start * rowBytes, (range.start + range.count) * rowBytes);
}

/**
 * The whole buffer from the workers' parts, in model order (`parts[w]` from the worker of
 * `ranges[w]`); a shared buffer is the first worker's copy.
 */
export function mergeBuffer(plan: Plan, buf: BufferId, parts: readonly Float32Array[], ranges: readonly ModelRange[]): Float32Array {
  const spec = bufferSpec(plan, buf);
  const first = parts[0];
  if (spec.shared) return first;
  if (parts.length === 1) return first;
  const out = new Float32Array(bufferLength(plan, spec));
  parts.forEach((part, w) => {
    const range = ranges[w];
    if (part.length !== range.count * spec.elemsPerModel) {
      throw new RangeError(`pool: ${spec.name} from worker ${w}: expected ${range.count * spec.elemsPerModel} floats, got ${part.length}`);
    }
    out.set(part, range.start * spec.elemsPerModel);
  });
  return out;
}
