// The optimizer kernel against the CPU backend: SGD (momentum, weight decay), Adam (coupled L2),
// AdamW, frozen models (active = 0: untouched, bit for bit), several tensors of odd sizes, several
// steps in one submit and across submits, early steps (t = 1, where torch's SGD clones the
// gradient) and late ones (bias corrections near 1). Both tiling profiles: the GPU one runs the
// optimizer kernel (shaders/optimizer.wgsl), the CPU-emulation one the barrier-free parameter sweep
// (shaders/param-sweep.wgsl), which also fuses a penalty directly before the step over the same
// tensors (the engine's train program) into one pass: with `penalty`, the L1/L2 terms go into the
// gradients first and their total into the penalty output, 1 to 64 models.

import { afterAll, beforeAll, expect, it } from 'vitest';
import type { WebGpuCompiledPlan } from '../../../src/backends/webgpu/compiled-plan';
import { PlanBuilder } from '../../../src/engine/plan-builder';
import { EPS32, compileBoth, expectClose, expectEqual } from './compare';
import { describeGpu, openGpu, type GpuHandle } from '../../helpers/gpu';
import { hyperTable, randomHyperRow } from './hyper-rows';
import { Rng, testSeed } from '../../helpers/random';

const seed = testSeed('optimizer');
const rng = new Rng(seed);

const cases = Array.from({ length: 6 }, (_, i) => ({
  sizes: Array.from({ length: rng.int(1, 4) }, () => rng.pick([1, 7, 255, 256, 257, rng.int(1, 5000)])),
  models: i === 5 ? 64 : rng.int(2, 5),
  betas: i % 2 === 0 ? [0.9, 0.999, 1e-8] : [rng.uniform(0.5, 0.99), rng.uniform(0.9, 0.9999), rng.pick([1e-8, 1e-6])],
  step: i < 2 ? 1 : rng.pick([2, rng.int(1, 200), rng.int(1000, 100000)]),
  seed: rng.u32(),
}));

for (const profile of ['gpu', 'cpu'] as const) {
  for (const penalty of [false, true]) {
    describeGpu(
      `optimizer kernel vs the CPU backend (${profile} profile${penalty ? ', after a penalty over the same tensors' : ''})`,
      () => {
        let g: GpuHandle;
        beforeAll(async () => {
          g = await openGpu({ profile });
        });
        afterAll(() => g?.close());

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
            const out = penalty ? b.buffer('penalty', 1, 'output') : undefined;
            const [beta1, beta2, eps] = c.betas;
            b.program(
              'opt',
              [
                ...(out !== undefined
                  ? [
                      {
                        kind: 'penalty' as const,
                        params: tensors.map((t) => t.param),
                        grads: tensors.map((t) => t.grad),
                        out,
                        history: false,
                      },
                    ]
                  : []),
                { kind: 'optimizer', beta1, beta2, eps, params: tensors },
              ],
              true,
            );
            const pair = await compileBoth(g.backend, b.build());
            const initial = c.sizes.map((n) => r.floats(n * c.models).map((v) => (r.bool(0.05) ? 0 : v)));
            tensors.forEach((t, j) => {
              pair.write(t.param, initial[j]);
              pair.write(t.grad, r.floats(c.sizes[j] * c.models));
              if (c.step > 1) {
                // a run in progress: nonzero moments
                pair.write(t.m, r.floats(c.sizes[j] * c.models, -0.1, 0.1));
                pair.write(t.v, r.floats(c.sizes[j] * c.models, 0, 0.01));
              }
            });
            if (out !== undefined) pair.poison(out);
            const hyper = Array.from({ length: c.models }, (_, m) => ({
              ...randomHyperRow(r),
              ...(penalty ? { l1: r.pick([0, 1e-4, r.next() * 0.1]) } : {}),
              optimizer: m % 3,
              active: m === 1 ? 0 : 1,
            }));
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
              // bias corrections differ by a few ulp (f32 on the GPU), the rest by fused roundings. Where
              // the gradient (plus the penalty's terms, |g| < 2) nearly cancels in m, one ulp of its
              // (1 - β1)·g term is large against m itself, and moves each of the 5 steps (about lr in
              // size) by up to ~1e-6·lr: absolute terms for both, far below the data's scale (~1).
              const lrOf = (i: number) => hyper[Math.floor(i / n)].lr;
              expectClose(
                `param ${j}`,
                p.gpu,
                p.cpu,
                (i) => 1e-6 * Math.abs(p.cpu[i]) + 2e-5 * Math.abs(p.cpu[i] - initial[j][i]) + 5e-6 * lrOf(i) + 1e-12,
              );
              expectClose(`m ${j}`, m.gpu, m.cpu, (i) => 1e-6 * Math.abs(m.cpu[i]) + 4e-7 * (1 - beta1) + 1e-12);
              expectClose(`v ${j}`, v.gpu, v.cpu, (i) => 1e-6 * Math.abs(v.cpu[i]) + 1e-15);
              const pick = (a: Float32Array) => a.filter((_, i) => frozen(i));
              expectEqual(`frozen model's param ${j}`, pick(p.gpu), pick(initial[j]));
            }
            if (out !== undefined) {
              const total = c.sizes.reduce((s, n) => s + n, 0);
              const o = await pair.read(out);
              expectClose('penalty', o.gpu, o.cpu, (i) => 4 * (total + 2) * EPS32 * Math.abs(o.cpu[i]) + 1e-30);
            }
            pair.dispose();
          });
        }
      },
    );
  }
}

// The CPU-emulation sweep has a plain-Adam variant without its general loops, which the backend runs
// while every model of the hyperparameter table is a training Adam or AdamW model without L1 or a
// weight decay in the loss (allModelsPlainAdam). Its results must be the general kernel's bit for
// bit: the same models run once in a plan of their own (the variant) and once beside a frozen extra
// model (which keeps the general kernel), and each model's state is compared.
describeGpu('the parameter sweep’s plain-Adam variant (CPU-emulation profile)', () => {
  let g: GpuHandle;
  beforeAll(async () => {
    g = await openGpu({ profile: 'cpu' });
  });
  afterAll(() => g?.close());

  for (const penalty of [false, true]) {
    it(`runs when every model is a plain Adam step, and changes no bit${penalty ? ' (after a penalty)' : ''}`, async () => {
      const sizes = [300, 257, 1];
      const r = new Rng(seed ^ (penalty ? 0x5eed : 0));
      const plainRows = [
        { ...randomHyperRow(r), optimizer: 1, weightDecay: 0, l1: 0, active: 1 },
        { ...randomHyperRow(r), optimizer: 2, weightDecay: 0.01, l1: 0, active: 1 },
        { ...randomHyperRow(r), optimizer: 1, weightDecay: 0, l1: 0, active: 1, lr: 0.01 },
      ];
      const data = sizes.map((n) => ({
        p: r.floats(n * 4),
        g: r.floats(n * 4),
        m: r.floats(n * 4, -0.1, 0.1),
        v: r.floats(n * 4, 0, 0.01),
      }));
      const runWith = async (models: number) => {
        const b = new PlanBuilder(models);
        const tensors = sizes.map((n, j) => ({
          param: b.buffer(`p${j}`, n, 'param'),
          grad: b.buffer(`g${j}`, n, 'grad'),
          m: b.buffer(`m${j}`, n, 'optState'),
          v: b.buffer(`v${j}`, n, 'optState'),
        }));
        const out = penalty ? b.buffer('penalty', 1, 'output') : undefined;
        b.program(
          'opt',
          [
            ...(out !== undefined
              ? [{ kind: 'penalty' as const, params: tensors.map((t) => t.param), grads: tensors.map((t) => t.grad), out, history: false }]
              : []),
            { kind: 'optimizer', beta1: 0.9, beta2: 0.999, eps: 1e-8, params: tensors },
          ],
          true,
        );
        const pair = await compileBoth(g.backend, b.build());
        tensors.forEach((t, j) => {
          const n = sizes[j];
          pair.write(t.param, data[j].p.subarray(0, n * models));
          pair.write(t.grad, data[j].g.subarray(0, n * models));
          pair.write(t.m, data[j].m.subarray(0, n * models));
          pair.write(t.v, data[j].v.subarray(0, n * models));
        });
        const frozen = { ...randomHyperRow(r), active: 0 };
        pair.writeHyper(hyperTable([...plainRows, frozen].slice(0, models)));
        pair.setStep(7);
        const gpuPlan = pair.gpu as WebGpuCompiledPlan;
        await gpuPlan.variantsSettled();
        const sweep = gpuPlan.dispatchPrograms.get('opt')?.findIndex((d) => d.label.includes('sweep')) ?? -1;
        const label = gpuPlan.dispatchLabel('opt', sweep);
        pair.run('opt', 3);
        const states = await Promise.all(tensors.map(async (t) => Promise.all([pair.read(t.param), pair.read(t.m), pair.read(t.v)])));
        pair.dispose();
        return { label, states };
      };
      const alone = await runWith(3);
      const beside = await runWith(4);
      expect(alone.label).toMatch(/plain Adam$/);
      expect(beside.label).not.toMatch(/plain Adam/);
      const bits = (a: Float32Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));
      sizes.forEach((n, j) => {
        for (let s = 0; s < 3; s++) {
          const a = alone.states[j][s];
          const b = beside.states[j][s];
          // the variant against the CPU backend, as the general kernel is checked above
          expectClose(`tensor ${j} state ${s} (variant vs CPU)`, a.gpu, a.cpu, (i) => 1e-6 * Math.abs(a.cpu[i]) + 1e-6);
          expect(bits(a.gpu), `tensor ${j} state ${s}: the variant and the general kernel`).toEqual(bits(b.gpu.subarray(0, 3 * n)));
        }
      });
    });
  }
});
