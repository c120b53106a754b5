// Layers mirroring torch.nn: Linear, ReLU, Dropout, Sequential, with train() / eval().
// A layer's forward appends ops to a tape; its parameters are plan buffers shared by all programs.

import { dropout, linear, relu, type Param } from './ops';
import type { MaskSource } from './plan';
import type { PlanBuilder } from './plan-builder';
import type { Sym, Tape } from './tape';

export interface Layer {
  readonly name: string;
  forward(tape: Tape, x: Sym, inputNeedsGrad: boolean): Sym;
  parameters(): Param[];
}

function makeParam(builder: PlanBuilder, name: string, rows: number, cols: number, fanIn: number): Param {
  const n = rows * cols;
  return {
    name,
    rows,
    cols,
    fanIn,
    value: builder.buffer(name, n, 'param'),
    grad: builder.buffer(`${name}.grad`, n, 'grad'),
    m: builder.buffer(`${name}.m`, n, 'optState'),
    v: builder.buffer(`${name}.v`, n, 'optState'),
  };
}

/** nn.Linear(in, out): weight [out][in], bias [out]; z = x·Wᵀ + b. */
export class Linear implements Layer {
  readonly weight: Param;
  readonly bias: Param;
  constructor(
    builder: PlanBuilder,
    readonly inFeatures: number,
    readonly outFeatures: number,
    readonly name: string,
    weightName = `W_${name}`,
    biasName = `b_${name}`,
  ) {
    for (const [what, v] of [
      ['in_features', inFeatures],
      ['out_features', outFeatures],
    ] as const) {
      if (!Number.isInteger(v) || v < 1) throw new RangeError(`Linear ${name}: ${what} must be a whole number ≥ 1, got ${v}`);
    }
    this.weight = makeParam(builder, weightName, outFeatures, inFeatures, inFeatures);
    this.bias = makeParam(builder, biasName, outFeatures, 1, inFeatures);
  }
  forward(tape: Tape, x: Sym, inputNeedsGrad: boolean): Sym {
    return linear(tape, x, this.weight, this.bias, this.name, inputNeedsGrad);
  }
  parameters(): Param[] {
    return [this.weight, this.bias];
  }
}

export class ReLU implements Layer {
  constructor(readonly name: string) {}
  forward(tape: Tape, x: Sym): Sym {
    return relu(tape, x, this.name);
  }
  parameters(): Param[] {
    return [];
  }
}

/**
 * nn.Dropout. The drop probability p, the convention's scales and the seed are per model (the
 * hyper table), so one traced plan serves models with different rates; `slot` numbers the dropout
 * layers (it picks the RNG stream). In eval mode it multiplies by evalScale (1 when inverted).
 */
export class Dropout implements Layer {
  constructor(
    readonly slot: number,
    readonly name: string,
    readonly masks: MaskSource = { kind: 'rng' },
  ) {}
  forward(tape: Tape, x: Sym): Sym {
    return dropout(tape, x, this.slot, this.masks, this.name);
  }
  parameters(): Param[] {
    return [];
  }
}

export class Sequential {
  private training = true;
  constructor(readonly layers: readonly Layer[]) {}
  train(): this {
    this.training = true;
    return this;
  }
  eval(): this {
    this.training = false;
    return this;
  }
  get isTraining(): boolean {
    return this.training;
  }
  forward(tape: Tape, x: Sym): Sym {
    if ((tape.mode === 'train') !== this.training) {
      throw new Error(`Sequential: model is in ${this.training ? 'train' : 'eval'} mode but the tape traces ${tape.mode} mode`);
    }
    let h = x;
    this.layers.forEach((layer, i) => {
      // the network input needs no gradient; everything after the first linear layer does
      h = layer.forward(tape, h, i > 0);
    });
    return h;
  }
  parameters(): Param[] {
    return this.layers.flatMap((l) => l.parameters());
  }
}
