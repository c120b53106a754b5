// The page's copy of PyTorch's initial weights (src/experiment/pytorch-tutorial-init.f32) is
// exactly seed_run.json's, in the experiment's parameter order.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCpuBackend } from '../../src/backends/cpu/cpu-backend';
import { seedRunInit, type SeedRun } from '../../src/cli/pytorch-init';
import { hasPytorchInit, packInit, unpackInit } from '../../src/experiment/pytorch-init';
import { Experiment } from '../../src/experiment/runner';
import { defaultSettings } from '../../src/experiment/settings';
import { readReference } from '../helpers/golden-files';

describe('PyTorch initial weights for the page', () => {
  it('the packed file holds seed_run.json’s weights of both nets, bit for bit', async () => {
    const probe = await Experiment.create(defaultSettings(), createCpuBackend());
    const expected = seedRunInit(readReference<SeedRun>('seed_run.json'), probe.parameterNames);
    const file = readFileSync(resolve(__dirname, '../../src/experiment/pytorch-tutorial-init.f32'));
    const bytes = file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength);
    const unpacked = unpackInit(bytes, probe.parameterSizes);
    probe.dispose();
    expect(unpacked).toHaveLength(2);
    unpacked.forEach((net, m) => net.forEach((p, k) => expect(Array.from(p)).toEqual(Array.from(expected[m][k]))));
  });

  it('pack/unpack round-trip, a wrong size is an error', () => {
    const nets = [
      [Float32Array.of(1, 2), Float32Array.of(3)],
      [Float32Array.of(4, 5), Float32Array.of(6)],
    ];
    const packed = packInit(nets);
    expect(unpackInit(packed.buffer as ArrayBuffer, [2, 1])).toEqual(nets);
    expect(() => unpackInit(packed.buffer as ArrayBuffer, [2, 2])).toThrow(/expected 32 bytes/);
  });

  it('exists for the Tutorial preset’s shape only', () => {
    expect(hasPytorchInit(defaultSettings())).toBe(true);
    expect(hasPytorchInit({ ...defaultSettings(), hidden: 16 })).toBe(false);
    expect(hasPytorchInit({ ...defaultSettings(), seed: 2 })).toBe(false);
  });
});
