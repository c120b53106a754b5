// Finite-difference gradient checks for every op, on a small net whose loss exercises them:
// linear (matmul in its three layouts + bias add and its row-sum gradient), ReLU, dropout (both
// conventions, fixed masks), MSE, and the penalties λ·Σ|w| (backpropagated) and 0.5·wd·Σw².
// The analytic gradients are what the CPU backend's train program writes into the grad buffers;
// the numeric ones are central differences of the same program's loss, in float32.
import { describe, expect, it } from 'vitest';
import { testSeed } from '../helpers/random';
import { createCpuBackend } from '../../src/backends/cpu/cpu-backend';
import type { CompiledPlan } from '../../src/backends/backend';
import { hyperTable, type DropoutConvention } from '../../src/engine/hyper';
import { traceMlp, type TracedMlp } from '../../src/engine/mlp';
import type { BufferId } from '../../src/engine/plan';

const SEED = testSeed('gradcheck');

function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0) / 2 ** 32;
}

interface Setup {
  traced: TracedMlp;
  exp: CompiledPlan;
  /** writes fresh random parameters (the next draw of the seeded generator) */
  redraw(): void;
}

async function setup(opts: {
  dropout: boolean;
  pDrop: number;
  convention: DropoutConvention;
  l1: number;
  weightDecay?: number;
}): Promise<Setup> {
  const n = 6;
  const traced = traceMlp({ models: 1, sizes: [2, 5, 4, 3], dropout: opts.dropout, trainN: n, testN: 1, gridN: 1, historyLength: 4 });
  const exp = await createCpuBackend().compile(traced.plan);
  const r = rng(SEED);
  const fill = (len: number, scale: number) => Float32Array.from({ length: len }, () => (2 * r() - 1) * scale);
  exp.write(traced.io.x, fill(n * 2, 1));
  exp.write(traced.io.y, fill(n * 3, 1));
  // parameters at least 0.1 from 0, so the ±h steps never cross the kink of |w|
  const awayFromZero = (len: number) => Float32Array.from({ length: len }, () => (r() < 0.5 ? -1 : 1) * (0.1 + 0.7 * r()));
  const redraw = () => traced.params.forEach((p) => exp.write(p.value, awayFromZero(p.rows * p.cols)));
  redraw();
  // active: false keeps the parameters fixed: the train program is then forward + backward only
  exp.writeHyper(
    hyperTable([
      {
        optimizer: { type: 'sgd', lr: 0.1, weightDecay: opts.weightDecay ?? 0, momentum: 0 },
        pDrop: opts.pDrop,
        convention: opts.convention,
        l1: opts.l1,
        seed: 9,
        active: false,
      },
    ]),
  );
  return { traced, exp, redraw };
}

/** The hidden layers' outputs after bias, dropout and ReLU (the train program's fc1, fc2, …). */
function hiddenOutputs(traced: TracedMlp): BufferId[] {
  return traced.plan.buffers
    .filter((b) => /^train\.fc\d+$/.test(b.name) && b.name !== `train.fc${traced.params.length / 2}`)
    .map((b) => b.id);
}

/** Loss (data + penalty), gradients and the ReLU pattern (which units are > 0) at the current parameters, with the step-1 masks. */
async function evaluate({ traced, exp }: Setup) {
  exp.setStep(1);
  exp.run('train');
  const hidden = hiddenOutputs(traced);
  const [loss, penalty, ...rest] = await exp.readMany([
    traced.io.lossHistory,
    traced.io.penaltyHistory,
    ...hidden,
    ...traced.params.map((p) => p.grad),
  ]);
  const pattern = rest
    .slice(0, hidden.length)
    .map((h) => Array.from(h, (v) => (v > 0 ? '1' : '0')).join(''))
    .join('|');
  return { loss: loss[0], penalty: penalty[0], grads: rest.slice(hidden.length), pattern };
}

/**
 * Central differences of every parameter against the analytic gradient. A ±h step that moves a
 * ReLU input across 0 (the ReLU pattern at +h or -h differs from the base's) would measure a kink,
 * not the derivative: the parameters are then drawn again (now and then a draw puts an input
 * that close to 0; before, that failed about one run in ten), so every entry of the accepted draw
 * is checked.
 */
async function checkAllGradients(s: Setup, withPenalty: boolean) {
  const f = (e: { loss: number; penalty: number }) => e.loss + (withPenalty ? e.penalty : 0);
  for (let draw = 1; draw <= 20; draw++) {
    const base = await evaluate(s);
    let worst = 0,
      where = '',
      checked = 0,
      kink = '';
    for (const [k, p] of s.traced.params.entries()) {
      const [values] = await s.exp.readMany([p.value]);
      for (let i = 0; i < values.length && !kink; i++) {
        const h = 1e-3;
        const at = async (delta: number) => {
          const v = values.slice();
          v[i] += delta;
          s.exp.write(p.value, v);
          return evaluate(s);
        };
        const plus = await at(h),
          minus = await at(-h);
        s.exp.write(p.value, values);
        if (plus.pattern !== base.pattern || minus.pattern !== base.pattern) {
          kink = `${p.name}[${i}]`;
          break;
        }
        checked++;
        const numeric = (f(plus) - f(minus)) / (2 * h);
        const err = Math.abs(numeric - base.grads[k][i]);
        if (err > worst) {
          worst = err;
          where = `${p.name}[${i}]: numeric ${numeric} analytic ${base.grads[k][i]}`;
        }
      }
      if (kink) break;
    }
    if (!kink) return { worst, where, checked, draw };
    s.redraw();
  }
  throw new Error('20 parameter draws in a row put a ReLU input within ±h of 0');
}

describe('finite-difference gradient checks', () => {
  // float32 loss, h = 1e-3: truncation ~h²·|f'''| and rounding ~1e-7/h; no ±h step crosses a
  // ReLU kink (checkAllGradients draws the parameters again when one would)
  const TOL = 2e-3;
  const PARAMS = 2 * 5 + 5 + 5 * 4 + 4 + 4 * 3 + 3; // every entry of the 2→5→4→3 net is checked
  const expectChecked = (r: { checked: number }) => expect(r.checked).toBe(PARAMS);

  it('linear + ReLU + MSE (matmul forward x·Wᵀ, backward dz·W and dzᵀ·x, bias row sums)', async () => {
    const r = await checkAllGradients(await setup({ dropout: false, pDrop: 0, convention: 'inverted', l1: 0 }), false);
    expectChecked(r);
    expect(r.worst, r.where).toBeLessThan(TOL);
  });

  for (const convention of ['inverted', 'vanilla'] as const) {
    it(`dropout (${convention}, p = 0.3, fixed masks) before ReLU`, async () => {
      const r = await checkAllGradients(await setup({ dropout: true, pDrop: 0.3, convention, l1: 0 }), false);
      expectChecked(r);
      expect(r.worst, r.where).toBeLessThan(TOL);
    });
  }

  it('L1: λ·Σ|w| added to the loss, its gradient λ·sign(w) added to every parameter', async () => {
    const r = await checkAllGradients(await setup({ dropout: false, pDrop: 0, convention: 'inverted', l1: 0.05 }), true);
    expectChecked(r);
    expect(r.worst, r.where).toBeLessThan(TOL);
  });

  it('L2: the reported 0.5·wd·Σw² has gradient wd·w, the term the optimizer adds', async () => {
    const s = await setup({ dropout: false, pDrop: 0, convention: 'inverted', l1: 0, weightDecay: 0.01 });
    const wd = Math.fround(0.01);
    const p = s.traced.params[2];
    const [values] = await s.exp.readMany([p.value]);
    for (let i = 0; i < values.length; i++) {
      const at = async (delta: number) => {
        const v = values.slice();
        v[i] += delta;
        s.exp.write(p.value, v);
        return (await evaluate(s)).penalty;
      };
      const numeric = ((await at(1e-2)) - (await at(-1e-2))) / 2e-2;
      s.exp.write(p.value, values);
      expect(Math.abs(numeric - wd * values[i])).toBeLessThan(1e-4);
    }
  });
});
