// The WebAssembly SIMD loops are bit-identical twins of the TypeScript reference loops
// (wasm-build.integration.test.ts checks that the committed binary is what kernels.wat assembles to).
import { describe, expect, it } from 'vitest';
import { testSeed } from '../../helpers/random';
import { createCpuBackend } from '../../../src/backends/cpu/cpu-backend';
import { hyperTable } from '../../../src/engine/hyper';
import { traceMlp } from '../../../src/engine/mlp';
import type { OptimizerName } from '../../../src/engine/plan';

const SEED = testSeed('cpu-simd');

async function trainAll(simd: boolean, optimizer: OptimizerName) {
  // widths that are not multiples of 4 exercise the scalar tails
  const traced = traceMlp({ models: 3, sizes: [1, 23, 18, 1], dropout: true, trainN: 7, testN: 5, gridN: 9, historyLength: 8 });
  const backend = createCpuBackend({ simd });
  expect(backend.description.includes('SIMD')).toBe(simd);
  const exp = await backend.compile(traced.plan);
  let s = SEED >>> 0;
  const rnd = () => ((s = (Math.imul(s ^ (s >>> 13), 0x5bd1e995) + 0x6b43a9b5) >>> 0) / 2 ** 32) * 2 - 1;
  for (const spec of traced.plan.buffers)
    if (spec.role === 'param' || spec.role === 'data') {
      exp.write(spec.id, Float32Array.from({ length: spec.shared ? spec.elemsPerModel : spec.elemsPerModel * 3 }, rnd));
    }
  exp.writeHyper(
    hyperTable(
      [0, 1, 2].map((m) => ({
        optimizer: { type: optimizer, lr: 0.01 * (m + 1), weightDecay: m === 1 ? 0.01 : 0, momentum: 0 },
        pDrop: 0.25 * m,
        convention: m === 2 ? ('vanilla' as const) : ('inverted' as const),
        l1: m === 2 ? 1e-3 : 0,
        seed: 5 + m,
        active: true,
      })),
    ),
  );
  exp.run('train', 8);
  exp.run('eval');
  return exp.readMany(traced.plan.buffers.map((b) => b.id));
}

describe('CPU backend: WebAssembly SIMD loops', () => {
  for (const optimizer of ['adam', 'adamw', 'sgd'] as const) {
    it(`give bit-identical buffers to the TypeScript loops (${optimizer}, 8 steps, 3 models)`, async () => {
      const [withSimd, plain] = await Promise.all([trainAll(true, optimizer), trainAll(false, optimizer)]);
      withSimd.forEach((buf, i) => expect(Array.from(buf), `buffer ${i}`).toEqual(Array.from(plain[i])));
    });
  }
});
