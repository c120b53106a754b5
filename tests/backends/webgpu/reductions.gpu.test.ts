// The mse and penalty kernels against the CPU backend: sizes below, at and above the workgroup
// (256), shared and per-model targets, loss rings (slot (t-1) mod len across several replays of
// one submit), L1 gradients and the AdamW rule (no L2 term). Unwritten ring slots stay NaN. Both
// tiling profiles, each with its own kernels; the mse over 1, 2, 64 and 65 models.

import { afterAll, beforeAll, it } from 'vitest';
import { PlanBuilder } from '../../../src/engine/plan-builder';
import { EPS32, compileBoth, expectClose } from './compare';
import { describeGpu, openGpu, type GpuHandle } from '../../helpers/gpu';
import { hyperTable, randomHyperRow } from './hyper-rows';
import { Rng, testSeed } from '../../helpers/random';

const seed = testSeed('reductions');
const rng = new Rng(seed);
const ulps = (x: number, n: number) => n * 2 ** -23 * Math.abs(x) + 1e-37;

const mseCases = [1, 20, 255, 256, 257, 600, rng.int(2, 2000)].map((n, i) => ({
  n,
  // the CPU-emulation kernel runs 64 models per workgroup, one thread each
  models: [1, 2, 64, 65][i] ?? rng.int(1, 3),
  sharedTarget: rng.bool(),
  grad: rng.bool(0.7),
  history: rng.bool(0.6),
  ringLen: rng.int(1, 7),
  step: rng.int(1, 30),
  replays: rng.int(1, 4),
  seed: rng.u32(),
}));

// the GPU profile reduces with a workgroup per model (shaders/mse.wgsl), the CPU-emulation one with a thread per model (mse-direct.wgsl)
for (const profile of ['gpu', 'cpu'] as const) {
  describeGpu(`mse kernel vs the CPU backend (${profile} profile)`, () => {
    let g: GpuHandle;
    beforeAll(async () => {
      g = await openGpu({ profile });
    });
    afterAll(() => g?.close());

    for (const c of mseCases) {
      it(
        `n=${c.n} models=${c.models}${c.sharedTarget ? ' shared target' : ''}${c.grad ? ' grad' : ''} ` +
          `${c.history ? `ring ${c.ringLen}` : 'slot 0'} t=${c.step} x${c.replays}`,
        async () => {
          const r = new Rng(c.seed);
          const b = new PlanBuilder(c.models);
          const pred = b.buffer('pred', c.n, 'activation');
          const target = b.buffer('target', c.n, 'data', c.sharedTarget);
          const grad = c.grad ? b.buffer('grad', c.n, 'grad') : undefined;
          const loss = b.buffer('loss', c.history ? c.ringLen : 1, 'output');
          b.program('p', [{ kind: 'mse', pred, target, n: c.n, grad, lossOut: loss, history: c.history }], true);
          const pair = await compileBoth(g.backend, b.build());
          const p = r.floats(c.n * c.models, -3, 3);
          pair.write(pred, p);
          pair.write(target, r.floats(c.n * (c.sharedTarget ? 1 : c.models)));
          pair.poison(loss);
          if (grad !== undefined) pair.poison(grad);
          pair.writeHyper(hyperTable(Array.from({ length: c.models }, () => randomHyperRow(r))));
          pair.setStep(c.step);
          pair.run('p', c.replays);
          const len = c.history ? c.ringLen : 1;
          const written = new Set<number>();
          for (let t = c.step; t < c.step + c.replays; t++) written.add(c.history ? (t - 1) % len : 0);
          const l = await pair.read(loss);
          expectClose(
            'loss',
            l.gpu,
            l.cpu,
            (i) => 2 * (c.n + 2) * EPS32 * Math.abs(l.cpu[i]),
            (i) => !written.has(i % len),
          );
          if (grad !== undefined) {
            const gr = await pair.read(grad);
            expectClose('grad', gr.gpu, gr.cpu, (i) => ulps(gr.cpu[i], 1));
          }
          pair.dispose();
        },
      );
    }
  });
}

const penaltyCases = Array.from({ length: 6 }, (_, i) => ({
  sizes:
    i === 0
      ? [300, 300, 90000, 300, 300, 1]
      : Array.from({ length: rng.int(1, 4) }, () => rng.pick([1, 8, 255, 256, 257, rng.int(1, 3000)])),
  models: rng.int(1, 3),
  history: rng.bool(),
  ringLen: rng.int(1, 5),
  step: rng.int(1, 20),
  seed: rng.u32(),
}));

// the GPU profile splits the sums over many workgroups per model; the CPU-emulation profile uses one
for (const profile of ['gpu', 'cpu'] as const) {
  describeGpu(`penalty kernel vs the CPU backend (${profile} profile)`, () => {
    let g: GpuHandle;
    beforeAll(async () => {
      g = await openGpu({ profile });
    });
    afterAll(() => g?.close());

    for (const c of penaltyCases) {
      it(`tensors [${c.sizes.join(', ')}] models=${c.models} ${c.history ? `ring ${c.ringLen}` : 'slot 0'} t=${c.step}`, async () => {
        const r = new Rng(c.seed);
        const b = new PlanBuilder(c.models);
        const params = c.sizes.map((n, j) => b.buffer(`p${j}`, n, 'param'));
        const grads = c.sizes.map((n, j) => b.buffer(`g${j}`, n, 'grad'));
        const out = b.buffer('penalty', c.history ? c.ringLen : 1, 'output');
        b.program('p', [{ kind: 'penalty', params, grads, out, history: c.history }], false);
        const pair = await compileBoth(g.backend, b.build());
        c.sizes.forEach((n, j) => {
          pair.write(
            params[j],
            r.floats(n * c.models).map((v) => (r.bool(0.05) ? 0 : v)),
          );
          pair.write(grads[j], r.floats(n * c.models));
        });
        pair.poison(out);
        const hyper = Array.from({ length: c.models }, () => ({ ...randomHyperRow(r), l1: r.pick([0, 1e-4, r.next() * 0.1]) }));
        pair.writeHyper(hyperTable(hyper));
        pair.setStep(c.step);
        pair.run('p');
        const len = c.history ? c.ringLen : 1;
        const slot = c.history ? (c.step - 1) % len : 0;
        const total = c.sizes.reduce((s, n) => s + n, 0);
        const o = await pair.read(out);
        expectClose(
          'value',
          o.gpu,
          o.cpu,
          (i) => 4 * (total + 2) * EPS32 * Math.abs(o.cpu[i]),
          (i) => i % len !== slot,
        );
        for (const [j, gid] of grads.entries()) {
          const gr = await pair.read(gid);
          expectClose(`grad ${j}`, gr.gpu, gr.cpu, (i) => ulps(gr.cpu[i], 1));
        }
        pair.dispose();
      });
    }
  });
}
