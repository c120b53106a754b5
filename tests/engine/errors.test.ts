// Bad input gets a clear error naming the op/layer and the offending shapes or values.
import { describe, expect, it } from 'vitest';
import { createCpuBackend } from '../../src/backends/cpu/cpu-backend';
import { hyperTable, type ModelHyper } from '../../src/engine/hyper';
import { Linear } from '../../src/engine/layers';
import { traceMlp } from '../../src/engine/mlp';
import { PlanBuilder } from '../../src/engine/plan-builder';
import { Tape } from '../../src/engine/tape';
import { mse, relu } from '../../src/engine/ops';
import { Adam, SGD } from '../../src/engine/optimizers';
import { generateData, validateDataset } from '../../src/experiment/data';

const good: ModelHyper = { optimizer: Adam(0.01), pDrop: 0.5, convention: 'inverted', l1: 0, seed: 1, active: true };

describe('clear errors on bad input', () => {
  it('linear: feature mismatch names the layer and the shapes', () => {
    const b = new PlanBuilder(1);
    const layer = new Linear(b, 3, 4, 'fc1', 'W1', 'b1');
    const tape = new Tape(b, 'train', 't.');
    const x = tape.tensor('x', 5, 2, 'data');
    expect(() => layer.forward(tape, x, false)).toThrow(/linear fc1: input has 2 features but W1 is \[4\]\[3\]/);
  });

  it('mse: prediction and target shapes must agree', () => {
    const b = new PlanBuilder(1);
    const tape = new Tape(b, 'eval', 't.');
    expect(() => mse(tape, tape.tensor('p', 5, 1), tape.tensor('y', 4, 1), 0, false)).toThrow(
      /mse: prediction is \[5\]\[1\] but target is \[4\]\[1\]/,
    );
  });

  it('relu on a tensor no linear layer produced cannot be fused and says so', () => {
    const b = new PlanBuilder(1);
    const tape = new Tape(b, 'train', 't.');
    expect(() => relu(tape, tape.tensor('x', 2, 2, 'data'), 'relu1')).toThrow(/relu relu1: input "x" is not the output of a linear layer/);
  });

  it('dropout p outside [0, 1)', () => {
    expect(() => hyperTable([{ ...good, pDrop: 1 }])).toThrow(/Dropout p must be in \[0, 1\).*got 1/);
    expect(() => hyperTable([{ ...good, pDrop: -0.1 }])).toThrow(/got -0.1/);
  });

  it('learning rate ≤ 0 or not finite', () => {
    expect(() => Adam(0)).toThrow(/adam optimizer: learning rate must be a finite number > 0, got 0/);
    expect(() => SGD(-1)).toThrow(/got -1/);
    expect(() => Adam(Number.NaN)).toThrow(/got NaN/);
  });

  it('non-finite or negative hyperparameters', () => {
    expect(() => Adam(0.01, { weightDecay: Infinity })).toThrow(/weight_decay must be a finite number ≥ 0, got Infinity/);
    expect(() => hyperTable([{ ...good, l1: Number.NaN }])).toThrow(/L1 strength must be a finite number ≥ 0, got NaN/);
    expect(() => SGD(0.1, { momentum: 1 })).toThrow(/momentum must be in \[0, 1\)/);
    expect(() => hyperTable([{ ...good, seed: 2 ** 32 }])).toThrow(/seed must be a whole number/);
  });

  it('layer sizes and data', () => {
    expect(() => traceMlp({ models: 1, sizes: [1, 0, 1], dropout: false, trainN: 2, testN: 2, gridN: 2, historyLength: 1 })).toThrow(
      /layer sizes must be whole numbers ≥ 1, got \[1, 0, 1\]/,
    );
    expect(() => new PlanBuilder(0)).toThrow(/models must be a whole number ≥ 1/);
    expect(() => generateData(1, 0.3, 1)).toThrow(/points must be a whole number ≥ 2/);
    expect(() => validateDataset({ x: [0, Number.NaN], y: [0, 1], testX: [0], testY: [0] })).toThrow(/x\[1\] = NaN is not a finite number/);
  });

  it('a backend write of the wrong length names the buffer', async () => {
    const traced = traceMlp({ models: 2, sizes: [1, 4, 1], dropout: false, trainN: 3, testN: 3, gridN: 2, historyLength: 1 });
    const exp = await createCpuBackend().compile(traced.plan);
    expect(() => exp.write(traced.params[0].value, new Float32Array(3))).toThrow(/write W1: expected 8 floats, got 3/);
    expect(() => exp.writeHyper(new ArrayBuffer(4))).toThrow(/hyper table: expected 128 bytes for 2 models/);
  });
});
