// The optimizer kernel against the CPU backend: SGD (momentum, weight decay), Adam (coupled L2),
// AdamW, frozen models (active = 0: untouched, bit for bit), several tensors of odd sizes, several
// steps in one submit and across submits, early steps (t = 1, where torch's SGD clones the
// gradient) and late ones (bias corrections near 1).

import { afterAll, beforeAll, expect, it } from 'vitest';
import { PlanBuilder } from '../../../src/engine/plan-builder';
import { compileBoth, expectClose, expectEqual } from './compare';
import { describeGpu, openGpu, type GpuHandle } from '../../helpers/gpu';
import { hyperTable, randomHyperRow } from './hyper-rows';
import { Rng, testSeed } from '../../helpers/random';

const seed = testSeed('optimizer');
const rng = new Rng(seed);

describeGpu('optimizer kernel vs the CPU backend', () => {
  let g: GpuHandle;
  beforeAll(async () => {
    g = await openGpu();
  });
  afterAll(() => g?.close());

  const cases = Array.from({ length: 6 }, (_, i) => ({
    sizes: Array.from({ length: rng.int(1, 4) }, () => rng.pick([1, 7, 255, 256, 257, rng.int(1, 5000)])),
    models: rng.int(2, 5),
    betas: i % 2 === 0 ? [0.9, 0.999, 1e-8] : [rng.uniform(0.5, 0.99), rng.uniform(0.9, 0.9999), rng.pick([1e-8, 1e-6])],
    step: i < 2 ? 1 : rng.pick([2, rng.int(1, 200), rng.int(1000, 100000)]),
    seed: rng.u32(),
  }));
  for (const c of cases) {
    it(`tensors [${c.sizes.join(', ')}] models=${c.models} betas ${c.betas.map((b) => b.toPrecision(4)).join('/')} from t=${c.step}`, async () => {
      const r = new Rng(c.seed);
      const b = new PlanBuilder(c.models);
      const tensors = c.sizes.map((n, j) => ({
        param: b.buffer(`p${j}`, n, 'param'),
        grad: b.buffer(`g${j}`, n, 'grad'),
        m: b.buffer(`m${j}`, n, 'optState'),
        v: b.buffer(`v${j}`, n, 'optState'),
      }));
      const [beta1, beta2, eps] = c.betas;
      b.program('opt', [{ kind: 'optimizer', beta1, beta2, eps, params: tensors }], true);
      const pair = await compileBoth(g.backend, b.build());
      const initial = c.sizes.map((n) => r.floats(n * c.models));
      tensors.forEach((t, j) => {
        pair.write(t.param, initial[j]);
        pair.write(t.grad, r.floats(c.sizes[j] * c.models));
        if (c.step > 1) {
          // a run in progress: nonzero moments
          pair.write(t.m, r.floats(c.sizes[j] * c.models, -0.1, 0.1));
          pair.write(t.v, r.floats(c.sizes[j] * c.models, 0, 0.01));
        }
      });
      const hyper = Array.from({ length: c.models }, (_, m) => ({ ...randomHyperRow(r), optimizer: m % 3, active: m === 1 ? 0 : 1 }));
      pair.writeHyper(hyperTable(hyper));
      pair.setStep(c.step);
      pair.run('opt', 3);
      tensors.forEach((t, j) => pair.write(t.grad, r.floats(c.sizes[j] * c.models)));
      pair.run('opt', 2);
      expect(pair.gpu.step).toBe(c.step + 5);
      expect(pair.cpu.step).toBe(c.step + 5);

      for (const [j, t] of tensors.entries()) {
        const n = c.sizes[j];
        const [p, m, v] = await Promise.all([pair.read(t.param), pair.read(t.m), pair.read(t.v)]);
        const frozen = (i: number) => Math.floor(i / n) === 1;
        // bias corrections differ by a few ulp (f32 on the GPU), the rest by fused roundings
        expectClose(`param ${j}`, p.gpu, p.cpu, (i) => 1e-6 * Math.abs(p.cpu[i]) + 2e-5 * Math.abs(p.cpu[i] - initial[j][i]) + 1e-12);
        expectClose(`m ${j}`, m.gpu, m.cpu, (i) => 1e-6 * Math.abs(m.cpu[i]) + 1e-12);
        expectClose(`v ${j}`, v.gpu, v.cpu, (i) => 1e-6 * Math.abs(v.cpu[i]) + 1e-15);
        const pick = (a: Float32Array) => a.filter((_, i) => frozen(i));
        expectEqual(`frozen model's param ${j}`, pick(p.gpu), pick(initial[j]));
      }
      pair.dispose();
    });
  }
});
