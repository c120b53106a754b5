// The runner's per-net parameter packing (Experiment.create's initialParams and writeParameters):
// net m's tensors land in model m's slice and read back unchanged; wrong counts and sizes are
// RangeErrors that name the tensor and the net.
import { describe, expect, it } from 'vitest';
import { createCpuBackend } from '../../src/backends/cpu/cpu-backend';
import { Experiment } from '../../src/experiment/runner';
import { defaultSettings, type Settings } from '../../src/experiment/settings';

const s: Settings = { ...defaultSettings(), hidden: 8, layers: 1 };
// W1 [8][1], b1 [8], W2 [1][8], b2 [1]
const SIZES = [8, 8, 8, 1];

/** Distinct values per net and tensor: net m, tensor k, entry i -> m + k/10 + i/1000. */
function paramsOf(m: number): Float32Array[] {
  return SIZES.map((n, k) => Float32Array.from({ length: n }, (_, i) => m + k / 10 + i / 1000));
}

describe('Experiment parameters', () => {
  it('initial parameters and writeParameters put each net in its own model slice', async () => {
    const exp = await Experiment.create(s, createCpuBackend(), { initialParams: [paramsOf(1), paramsOf(2)] });
    expect(exp.parameterNames).toEqual(['W1', 'b1', 'W2', 'b2']);
    const initial = await exp.allParameters();
    [1, 2].forEach((m, net) => exp.parameterNames.forEach((name, k) => expect(initial[net][name]).toEqual(paramsOf(m)[k])));
    exp.writeParameters([paramsOf(5), paramsOf(3)]);
    const written = await exp.allParameters();
    [5, 3].forEach((m, net) => exp.parameterNames.forEach((name, k) => expect(written[net][name]).toEqual(paramsOf(m)[k])));
    exp.dispose();
  });

  it('wrong counts and sizes are errors that say what is wrong', async () => {
    const short = [paramsOf(1), [...paramsOf(2).slice(0, 2), new Float32Array(7), paramsOf(2)[3]]];
    await expect(Experiment.create(s, createCpuBackend(), { initialParams: short })).rejects.toThrow(
      new RangeError('initial parameters: W2 of net 1: expected 8 values, got 7'),
    );
    const exp = await Experiment.create(s, createCpuBackend());
    expect(() => exp.writeParameters([paramsOf(1)])).toThrow(new RangeError('writeParameters: expected 2 nets, got 1'));
    expect(() => exp.writeParameters([paramsOf(1), paramsOf(1).slice(0, 3)])).toThrow(
      new RangeError('writeParameters: b2 of net 1: expected 1 values, got none'),
    );
    exp.dispose();
  });
});
