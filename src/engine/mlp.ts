// Traces the experiment's network family (an MLP 1→H→…→H→1 with ReLU, optionally Dropout after
// each hidden Linear, before the ReLU, as in the tutorial) into a Plan with two programs:
//   train: forward (train mode) → MSE → backward → penalty (L1 grad) → optimizer step
//   eval:  forward (eval mode) on the test points, the training points and a dense x-grid
// All M models share the architecture; everything else is per model (hyper table).

import { Dropout, Linear, ReLU, Sequential, type Layer } from './layers';
import { mse, type Param } from './ops';
import { optimizerKernel } from './optimizers';
import type { BufferId, Kernel, MaskSource, Plan } from './plan';
import { PlanBuilder } from './plan-builder';
import { penaltyKernel } from './regularizers';
import { Tape } from './tape';

export interface MlpTraceOptions {
  readonly models: number;
  /** layer widths, e.g. [1, 300, 300, 1] */
  readonly sizes: readonly number[];
  /** put a Dropout layer after every hidden Linear (models with p = 0 are then plain nets) */
  readonly dropout: boolean;
  readonly trainN: number;
  readonly testN: number;
  readonly gridN: number;
  /** entries of the per-step loss/penalty rings (≥ the epochs between two reads) */
  readonly historyLength: number;
  /** recorded masks for this many steps (golden replay) instead of the generator */
  readonly recordedMaskSteps?: number;
  /** one copy of the data per model instead of one shared copy */
  readonly perModelData?: boolean;
}

export interface TracedMlp {
  readonly plan: Plan;
  readonly params: readonly Param[];
  readonly model: Sequential;
  readonly io: {
    readonly x: BufferId;
    readonly y: BufferId;
    readonly testX: BufferId;
    readonly testY: BufferId;
    readonly gridX: BufferId;
    readonly trainPred: BufferId;
    readonly lossHistory: BufferId;
    readonly penaltyHistory: BufferId;
    readonly testPred: BufferId;
    readonly testLoss: BufferId;
    readonly trainPredEval: BufferId;
    readonly trainLossEval: BufferId;
    readonly gridPred: BufferId;
    /** one per dropout slot when recordedMaskSteps is set: [steps][trainN][width] of 0/1 */
    readonly masks: readonly BufferId[];
  };
}

export function validateSizes(sizes: readonly number[]): void {
  if (sizes.length < 2) throw new RangeError(`mlp: need at least input and output sizes, got [${sizes.join(', ')}]`);
  for (const s of sizes)
    if (!Number.isInteger(s) || s < 1) throw new RangeError(`mlp: layer sizes must be whole numbers ≥ 1, got [${sizes.join(', ')}]`);
}

export function traceMlp(o: MlpTraceOptions): TracedMlp {
  validateSizes(o.sizes);
  for (const [what, v] of [
    ['trainN', o.trainN],
    ['testN', o.testN],
    ['gridN', o.gridN],
    ['historyLength', o.historyLength],
  ] as const) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`mlp: ${what} must be a whole number ≥ 1, got ${v}`);
  }
  const b = new PlanBuilder(o.models);
  const inF = o.sizes[0],
    outF = o.sizes[o.sizes.length - 1];
  const shared = !o.perModelData;
  const x = b.buffer('x', o.trainN * inF, 'data', shared);
  const y = b.buffer('y', o.trainN * outF, 'data', shared);
  const testX = b.buffer('test_x', o.testN * inF, 'data', shared);
  const testY = b.buffer('test_y', o.testN * outF, 'data', shared);
  const gridX = b.buffer('grid_x', o.gridN * inF, 'data', true);

  const layers: Layer[] = [];
  const masks: BufferId[] = [];
  const hidden = o.sizes.length - 2;
  for (let i = 0; i < o.sizes.length - 1; i++) {
    layers.push(new Linear(b, o.sizes[i], o.sizes[i + 1], `fc${i + 1}`, `W${i + 1}`, `b${i + 1}`));
    if (i < hidden) {
      if (o.dropout) {
        let source: MaskSource = { kind: 'rng' };
        if (o.recordedMaskSteps !== undefined) {
          const buf = b.buffer(`mask${i + 1}`, o.recordedMaskSteps * o.trainN * o.sizes[i + 1], 'mask');
          masks.push(buf);
          source = { kind: 'buffer', buf };
        }
        layers.push(new Dropout(i, `drop${i + 1}`, source));
      }
      layers.push(new ReLU(`relu${i + 1}`));
    }
  }
  const model = new Sequential(layers);
  const params = model.parameters();

  // train program
  const lossHistory = b.buffer('loss_history', o.historyLength, 'output');
  const penaltyHistory = b.buffer('penalty_history', o.historyLength, 'output');
  const train = new Tape(b, 'train', 'train.');
  model.train();
  const pred = model.forward(train, train.wrap('x', x, o.trainN, inF));
  const loss = mse(train, pred, train.wrap('y', y, o.trainN, outF), lossHistory, true);
  train.backward(loss, loss);
  b.program(
    'train',
    [...train.forwardKernels, ...train.backwardKernels, penaltyKernel(params, penaltyHistory, true), optimizerKernel(params)],
    true,
  );

  // eval program: the test points, the training points (eval-mode train MSE) and the grid
  model.eval();
  const evalKernels: Kernel[] = [];
  const evalOn = (name: string, input: BufferId, n: number, target?: { buf: BufferId; lossOut: BufferId }): BufferId => {
    const tape = new Tape(b, 'eval', `eval.${name}.`);
    const out = model.forward(tape, tape.wrap(name, input, n, inF));
    if (target) mse(tape, out, tape.wrap(`${name}_target`, target.buf, n, outF), target.lossOut, false);
    evalKernels.push(...tape.forwardKernels);
    return out.buf;
  };
  const testLoss = b.buffer('test_loss', 1, 'output');
  const trainLossEval = b.buffer('train_loss_eval', 1, 'output');
  const testPred = evalOn('test', testX, o.testN, { buf: testY, lossOut: testLoss });
  const trainPredEval = evalOn('train', x, o.trainN, { buf: y, lossOut: trainLossEval });
  const gridPred = evalOn('grid', gridX, o.gridN);
  b.program('eval', evalKernels, false);
  model.train();

  return {
    plan: b.build(),
    params,
    model,
    io: {
      x,
      y,
      testX,
      testY,
      gridX,
      trainPred: pred.buf,
      lossHistory,
      penaltyHistory,
      testPred,
      testLoss,
      trainPredEval,
      trainLossEval,
      gridPred,
      masks,
    },
  };
}
