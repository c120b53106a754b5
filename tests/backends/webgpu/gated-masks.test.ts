// Which backward matmuls may skip their dropout mask (src/backends/webgpu/kernels/gated-masks.ts):
// in the traced tutorial net, exactly the two whose ReLU gate is a forward output that applied the
// same dropout in train mode; none once the forward's dropout differs (slot, eval mode, recorded
// masks) or the gate is not a ReLU output. No GPU needed: this is plan analysis. That skipping the
// masks computes what the CPU backend computes is checked by train.gpu.test.ts.

import { describe, expect, it } from 'vitest';
import { gatedMaskGrads } from '../../../src/backends/webgpu/kernels/gated-masks';
import { traceMlp } from '../../../src/engine/mlp';
import type { MatmulKernel, Program } from '../../../src/engine/plan';

const traced = traceMlp({ models: 2, sizes: [1, 300, 300, 1], dropout: true, trainN: 20, testN: 20, gridN: 121, historyLength: 10 });
const train = traced.plan.programs.train;
const matmuls = train.kernels.filter((k): k is MatmulKernel => k.kind === 'matmul');
const withMaskGrad = matmuls.filter((k) => k.dropoutGrad !== undefined);

/** The train program with the forward matmul that wrote `gate` changed by `edit`. */
function editForward(gate: number, edit: (k: MatmulKernel) => MatmulKernel): Program {
  return { ...train, kernels: train.kernels.map((k) => (k.kind === 'matmul' && k.out === gate ? edit(k) : k)) };
}

describe('backward dropout masks implied by the ReLU gate', () => {
  it('the tutorial net: both backward matmuls with a dropout gradient', () => {
    expect(withMaskGrad.length).toBe(2);
    expect([...gatedMaskGrads(train)]).toEqual(withMaskGrad);
  });

  it('the eval program and a net without dropout have none', () => {
    expect(gatedMaskGrads(traced.plan.programs.eval).size).toBe(0);
    const plain = traceMlp({ models: 1, sizes: [1, 8, 8, 1], dropout: false, trainN: 5, testN: 5, gridN: 5, historyLength: 2 });
    expect(gatedMaskGrads(plain.plan.programs.train).size).toBe(0);
  });

  for (const [what, edit] of [
    ['another slot', (k: MatmulKernel) => ({ ...k, dropout: k.dropout && { ...k.dropout, slot: k.dropout.slot + 1 } })],
    ['eval mode', (k: MatmulKernel) => ({ ...k, dropout: k.dropout && { ...k.dropout, mode: 'eval' as const } })],
    [
      'recorded masks',
      (k: MatmulKernel) => ({ ...k, dropout: k.dropout && { ...k.dropout, masks: { kind: 'buffer' as const, buf: k.out } } }),
    ],
    ['no ReLU', (k: MatmulKernel) => ({ ...k, relu: false })],
  ] as const) {
    it(`not when the gating forward has ${what}`, () => {
      for (const k of withMaskGrad) {
        const gate = k.reluGradGate;
        if (gate === undefined) throw new Error('a dropout gradient without a ReLU gate');
        const edited = editForward(gate, edit);
        const kept = gatedMaskGrads(edited);
        expect(kept.has(k)).toBe(false);
        expect(kept.size).toBe(1);
      }
    });
  }
});
