// The CPU pool's partitioning of the model axis: ranges (even, uneven, fewer models than workers),
// slicing per-model and shared buffers and hyper rows, and merging the parts back in model order.
import { describe, expect, it } from 'vitest';
import { HYPER_STRIDE, type Plan } from '../../../src/engine/plan';
import { mergeBuffer, modelRanges, sliceBuffer, sliceHyper, subPlan } from '../../../src/backends/pool/partition';

const plan: Plan = {
  models: 7,
  buffers: [
    { id: 0, name: 'W', elemsPerModel: 3, shared: false, role: 'param' },
    { id: 1, name: 'x', elemsPerModel: 5, shared: true, role: 'data' },
  ],
  programs: {},
};

describe('modelRanges', () => {
  it('splits evenly into contiguous ranges', () => {
    expect(modelRanges(6, 3)).toEqual([
      { start: 0, count: 2 },
      { start: 2, count: 2 },
      { start: 4, count: 2 },
    ]);
  });
  it('gives the extra models to the first workers when the split is uneven', () => {
    expect(modelRanges(7, 3)).toEqual([
      { start: 0, count: 3 },
      { start: 3, count: 2 },
      { start: 5, count: 2 },
    ]);
    expect(modelRanges(64, 6).map((r) => r.count)).toEqual([11, 11, 11, 11, 10, 10]);
  });
  it('uses one worker per model when there are fewer models than workers', () => {
    expect(modelRanges(2, 8)).toEqual([
      { start: 0, count: 1 },
      { start: 1, count: 1 },
    ]);
    expect(modelRanges(1, 1)).toEqual([{ start: 0, count: 1 }]);
  });
  it('covers every model exactly once', () => {
    for (let models = 1; models <= 20; models++)
      for (let workers = 1; workers <= 9; workers++) {
        const ranges = modelRanges(models, workers);
        expect(ranges.length).toBe(Math.min(models, workers));
        expect(ranges.reduce((n, r) => n + r.count, 0)).toBe(models);
        ranges.forEach((r, i) => expect(r.start).toBe(i === 0 ? 0 : ranges[i - 1].start + ranges[i - 1].count));
        expect(Math.max(...ranges.map((r) => r.count)) - Math.min(...ranges.map((r) => r.count))).toBeLessThanOrEqual(1);
      }
  });
  it('rejects bad counts', () => {
    expect(() => modelRanges(0, 2)).toThrow(/models must be a whole number ≥ 1/);
    expect(() => modelRanges(3, 0)).toThrow(/workers must be a whole number ≥ 1/);
    expect(() => modelRanges(3, 1.5)).toThrow(/workers/);
  });
});

describe('slicing and merging', () => {
  const ranges = modelRanges(7, 3);
  const whole = Float32Array.from({ length: 21 }, (_, i) => i + 0.5);
  const shared = Float32Array.from([1, 2, 3, 4, 5]);

  it('a per-model buffer is sliced by range and merged back in model order', () => {
    const parts = ranges.map((r) => sliceBuffer(plan, 0, whole, r));
    expect(parts.map((p) => Array.from(p))).toEqual([
      [0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5],
      [9.5, 10.5, 11.5, 12.5, 13.5, 14.5],
      [15.5, 16.5, 17.5, 18.5, 19.5, 20.5],
    ]);
    // the parts are copies (they can be transferred)
    parts[0][0] = -1;
    expect(whole[0]).toBe(0.5);
    parts[0][0] = 0.5;
    expect(mergeBuffer(plan, 0, parts, ranges)).toEqual(whole);
  });
  it('a shared buffer goes whole to every worker and comes back from the first', () => {
    const parts = ranges.map((r) => sliceBuffer(plan, 1, shared, r));
    for (const p of parts) expect(p).toEqual(shared);
    expect(mergeBuffer(plan, 1, [Float32Array.from([9, 9, 9, 9, 9]), ...parts.slice(1)], ranges)).toEqual(
      Float32Array.from([9, 9, 9, 9, 9]),
    );
  });
  it('a part of the wrong length is an error, not a silent shift', () => {
    const parts = ranges.map((r) => sliceBuffer(plan, 0, whole, r));
    parts[1] = parts[1].subarray(1);
    expect(() => mergeBuffer(plan, 0, parts, ranges)).toThrow(/W from worker 1: expected 6 floats, got 5/);
  });
  it('hyper rows are sliced by range', () => {
    const table = new Uint32Array(7 * HYPER_STRIDE).map((_, i) => i);
    const rows = ranges.map((r) => new Uint32Array(sliceHyper(table.buffer, r)));
    expect(rows.map((r) => r.length)).toEqual([3 * HYPER_STRIDE, 2 * HYPER_STRIDE, 2 * HYPER_STRIDE]);
    expect(rows[1][0]).toBe(3 * HYPER_STRIDE);
    expect(rows[2][2 * HYPER_STRIDE - 1]).toBe(7 * HYPER_STRIDE - 1);
  });
  it('a sub-plan keeps buffers and programs with its own model count', () => {
    const sub = subPlan(plan, 2);
    expect(sub.models).toBe(2);
    expect(sub.buffers).toBe(plan.buffers);
    expect(plan.models).toBe(7);
  });
});
