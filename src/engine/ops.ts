// The ops, each with its forward kernel and its backward rule side by side.
//   linear:  z = x·Wᵀ + b            dW = dzᵀ·x (+ db = Σ_n dz, same launch)   dx = dz·W
//   dropout: train z·keep·s, eval z·evalScale     dz = dy·keep·s   (masks regenerated, never stored)
//   relu:    max(z, 0)                dz = dy·[y > 0]
//   mse:     (1/N) Σ (pred − y)²       dpred = 2 (pred − y)/N
// Σ|w| and Σw² live in the penalty kernel (see regularizers.ts): they act on parameters, not on
// the activations of the tape.

import type { BufferId, MaskSource } from './plan';
import type { Sym, Tape } from './tape';

/** A trainable tensor: its value, gradient and optimizer-state buffers. */
export interface Param {
  readonly name: string;
  readonly rows: number;
  readonly cols: number;
  /** inputs of the layer it belongs to (PyTorch's init bound is 1/√fan_in for weight and bias) */
  readonly fanIn: number;
  readonly value: BufferId;
  readonly grad: BufferId;
  readonly m: BufferId;
  readonly v: BufferId;
}

export function linear(tape: Tape, x: Sym, weight: Param, bias: Param, name: string, inputNeedsGrad: boolean): Sym {
  if (x.cols !== weight.cols) {
    throw new RangeError(
      `linear ${name}: input has ${x.cols} features but ${weight.name} is [${weight.rows}][${weight.cols}] (expects ${weight.cols})`,
    );
  }
  if (bias.rows * bias.cols !== weight.rows) {
    throw new RangeError(`linear ${name}: bias ${bias.name} has ${bias.rows * bias.cols} entries, expected ${weight.rows}`);
  }
  const out = tape.tensor(name, x.rows, weight.rows);
  tape.emitForward(
    {
      kind: 'matmul',
      a: x.buf,
      b: weight.value,
      out: out.buf,
      rows: x.rows,
      inner: x.cols,
      cols: weight.rows,
      transA: false,
      transB: true,
      bias: bias.value,
    },
    out,
  );
  tape.record(out, (dz) => {
    // dW = dzᵀ·x and db = row sums of dzᵀ, in one launch
    tape.emitBackward({
      kind: 'matmul',
      a: dz.buf,
      b: x.buf,
      out: weight.grad,
      rows: weight.rows,
      inner: x.rows,
      cols: x.cols,
      transA: true,
      transB: false,
      rowSumOut: bias.grad,
    });
    if (inputNeedsGrad) {
      const dx = tape.tensor(`d${x.name}`, x.rows, x.cols, 'grad');
      tape.emitBackward(
        {
          kind: 'matmul',
          a: dz.buf,
          b: weight.value,
          out: dx.buf,
          rows: x.rows,
          inner: weight.rows,
          cols: x.cols,
          transA: false,
          transB: false,
        },
        dx,
      );
      tape.setGrad(x, dx);
    }
  });
  return out;
}

export function dropout(tape: Tape, z: Sym, slot: number, masks: MaskSource, name: string): Sym {
  const producer = tape.producerOf(z, `dropout ${name}`);
  if (producer.dropout) throw new Error(`dropout ${name}: "${z.name}" already has a dropout`);
  // relu(z)·keep·s == relu(z·keep·s) because keep·s ≥ 0, so dropout after a fused ReLU joins too.
  producer.dropout = { slot, mode: tape.mode, masks };
  const out = tape.alias(z, name);
  tape.record(out, (dy) => {
    tape.producerOf(dy, `dropout ${name} backward`).dropoutGrad = { slot, masks };
    tape.setGrad(z, tape.alias(dy, `d${z.name}`));
  });
  return out;
}

export function relu(tape: Tape, z: Sym, name: string): Sym {
  const producer = tape.producerOf(z, `relu ${name}`);
  if (producer.relu) throw new Error(`relu ${name}: "${z.name}" already has a ReLU`);
  producer.relu = true;
  const out = tape.alias(z, name);
  tape.record(out, (dy) => {
    tape.producerOf(dy, `relu ${name} backward`).reluGradGate = out.buf;
    tape.setGrad(z, tape.alias(dy, `d${z.name}`));
  });
  return out;
}

/**
 * Mean squared error. Its launch also writes dpred (when training), so the backward pass starts
 * from that buffer. The loss goes to `lossOut` (a per-step ring when `history`).
 */
export function mse(tape: Tape, pred: Sym, target: Sym, lossOut: BufferId, history: boolean): Sym {
  if (pred.rows !== target.rows || pred.cols !== target.cols) {
    throw new RangeError(`mse: prediction is [${pred.rows}][${pred.cols}] but target is [${target.rows}][${target.cols}]`);
  }
  const n = pred.rows * pred.cols;
  if (tape.mode === 'eval') {
    tape.forwardKernels.push({ kind: 'mse', pred: pred.buf, target: target.buf, n, lossOut, history });
    return tape.wrap('loss', lossOut, 1, 1);
  }
  const dpred = tape.tensor(`d${pred.name}`, pred.rows, pred.cols, 'grad');
  tape.forwardKernels.push({ kind: 'mse', pred: pred.buf, target: target.buf, n, grad: dpred.buf, lossOut, history });
  const loss = tape.wrap('loss', lossOut, 1, 1);
  tape.record(loss, () => tape.setGrad(pred, dpred));
  return loss;
}
