// allModelsPlainAdam (kernels/param-sweep.ts): the host's judgement that every model of a
// hyperparameter table takes the sweep's plain Adam path, so the plain-Adam variant of the sweep
// (without the general loops) may run. It must never say yes for a model the general path would
// treat otherwise; a no only costs speed. The variant's results are checked against the CPU
// backend in optimizer.gpu.test.ts.
import { describe, expect, it } from 'vitest';
import { allModelsPlainAdam } from '../../../src/backends/webgpu/kernels/param-sweep';
import { OptimizerCode } from '../../../src/engine/plan';
import { Rng } from '../../helpers/random';
import { hyperTable, randomHyperRow, type HyperRow } from './hyper-rows';

const plain = (over: Partial<HyperRow> = {}): HyperRow => ({
  ...randomHyperRow(new Rng(7)),
  optimizer: OptimizerCode.adam,
  weightDecay: 0,
  l1: 0,
  active: 1,
  ...over,
});

/** The sweep's own rule (param-sweep.wgsl, plain_adam) for one row, written out independently. */
function takesPlainPath(r: HyperRow): boolean {
  const kind = Math.trunc(r.optimizer);
  const coupledWd = kind === OptimizerCode.adamw ? 0 : r.weightDecay;
  const penalize = r.l1 !== 0 || coupledWd !== 0;
  return r.active !== 0 && !penalize && r.l1 === 0 && kind !== OptimizerCode.sgd;
}

describe('allModelsPlainAdam', () => {
  it('yes for Adam without weight decay or L1, and for AdamW with any weight decay (the tutorial, its grid without decay)', () => {
    expect(allModelsPlainAdam(hyperTable([plain(), plain({ lr: 0.001 })]), 2)).toBe(true);
    expect(allModelsPlainAdam(hyperTable([plain({ optimizer: OptimizerCode.adamw, weightDecay: 0.01 }), plain()]), 2)).toBe(true);
  });
  it('no as soon as one model is SGD, frozen, has L1, or a weight decay in the loss, or holds an odd value', () => {
    for (const odd of [
      { optimizer: OptimizerCode.sgd },
      { active: 0 },
      { l1: 1e-4 },
      { weightDecay: 1e-3 },
      { weightDecay: NaN },
      { l1: NaN },
      { optimizer: 1.5 },
      { active: 0.5 },
    ]) {
      expect(allModelsPlainAdam(hyperTable([plain(), plain(odd)]), 2), JSON.stringify(odd)).toBe(false);
    }
  });
  it('never yes where the sweep would take its general path for some model (random tables)', () => {
    const rng = new Rng(2024);
    let yes = 0;
    for (let i = 0; i < 2000; i++) {
      const rows = Array.from({ length: rng.int(1, 4) }, () =>
        rng.bool(0.7) ? plain({ lr: rng.uniform(1e-4, 0.1), optimizer: rng.int(1, 2) }) : randomHyperRow(rng),
      );
      const judged = allModelsPlainAdam(hyperTable(rows), rows.length);
      if (judged) {
        yes++;
        for (const r of rows) expect(takesPlainPath(r), JSON.stringify(r)).toBe(true);
      }
    }
    expect(yes).toBeGreaterThan(100);
  });
  it('reads only the rows of the models it is told about', () => {
    expect(allModelsPlainAdam(hyperTable([plain(), plain({ optimizer: OptimizerCode.sgd })]), 1)).toBe(true);
  });
});
