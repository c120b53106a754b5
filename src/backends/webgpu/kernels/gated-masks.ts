// Dropout masks that need no regenerating in the backward pass. The engine traces Dropout before
// ReLU, so a backward matmul's epilogue applies the ReLU gate (h > 0, h the forward output) and
// then the dropout gradient (× keep·trainScale, the mask regenerated from Threefry or read from
// the recorded masks). When h is the output of a forward matmul of the same program that applied
// the same dropout (slot and mask source, same shape) and then ReLU, an open gate implies a kept
// unit: a dropped unit leaves relu(±0) = 0 or relu(NaN) = NaN, and neither is > 0. So after the
// gate the mask's factor is trainScale wherever the value can be nonzero, and the mask can be
// skipped: bit for bit the same result, without the Threefry work (half of all mask evaluations).

import type { BufferId, Kernel, MaskSource, MatmulKernel, Program } from '../../../engine/plan';

function sameMasks(a: MaskSource, b: MaskSource): boolean {
  return a.kind === 'rng' ? b.kind === 'rng' : b.kind === 'buffer' && a.buf === b.buf;
}

function writesOf(k: Kernel): (BufferId | undefined)[] {
  switch (k.kind) {
    case 'matmul':
      return [k.out, k.rowSumOut];
    case 'mse':
      return [k.lossOut, k.grad];
    case 'penalty':
      return [...k.grads, k.out];
    case 'optimizer':
      return k.params.flatMap((t) => [t.param, t.m, t.v]);
  }
}

/** The forward matmul whose ReLU output `gate` is, if it applied dropout `slot` from `masks` in train mode. */
function gatingForward(kernels: readonly Kernel[], upTo: number, gate: BufferId): MatmulKernel | undefined {
  for (let i = upTo - 1; i >= 0; i--) {
    const k = kernels[i];
    if (!writesOf(k).includes(gate)) continue;
    return k.kind === 'matmul' && k.out === gate ? k : undefined; // the last writer of the gate
  }
  return undefined;
}

/** Backward matmuls of `program` whose dropout gradient the ReLU gate already implies. */
export function gatedMaskGrads(program: Program): Set<MatmulKernel> {
  const out = new Set<MatmulKernel>();
  program.kernels.forEach((k, i) => {
    if (k.kind !== 'matmul' || !k.dropoutGrad || k.reluGradGate === undefined) return;
    const f = gatingForward(program.kernels, i, k.reluGradGate);
    if (
      f?.relu === true &&
      f.dropout?.mode === 'train' &&
      f.dropout.slot === k.dropoutGrad.slot &&
      sameMasks(f.dropout.masks, k.dropoutGrad.masks) &&
      f.rows === k.rows &&
      f.cols === k.cols
    ) {
      out.add(k);
    }
  });
  return out;
}
