// vanilla_vs_inverted.json: the cs231n conventions on a 3→4→4→1 net. Test-time outputs must match;
// Monte-Carlo means of train-mode outputs (our generator's masks) must match the exact expectation.
import { describe, expect, it } from 'vitest';
import { createCpuBackend } from '../../src/backends/cpu/cpu-backend';
import { hyperTable, type DropoutConvention } from '../../src/engine/hyper';
import { traceMlp } from '../../src/engine/mlp';
import { toF32 } from '../../src/experiment/golden';
import { readReference } from '../helpers/golden-files';

type Nested = number | Nested[];
interface Variant {
  test_out: number;
  exact_mean_out: number;
  W2?: Nested;
  W3?: Nested;
}
interface Experiment {
  p_keep: number;
  vanilla: Variant;
  inverted_same_weights: Variant;
  inverted_rescaled_weights: Variant;
}
interface VanillaFile {
  x: number[];
  weights: Record<string, Nested>;
  experiments: Experiment[];
}

const ref = readReference<VanillaFile>('vanilla_vs_inverted.json');

async function net(pKeep: number, convention: DropoutConvention, weights: Record<string, Nested>) {
  const traced = traceMlp({ models: 1, sizes: [3, 4, 4, 1], dropout: true, trainN: 1, testN: 1, gridN: 1, historyLength: 1 });
  const exp = await createCpuBackend().compile(traced.plan);
  const x = Float32Array.from(ref.x);
  for (const buf of [traced.io.x, traced.io.testX, traced.io.gridX]) exp.write(buf, x);
  exp.write(traced.io.y, new Float32Array(1));
  exp.write(traced.io.testY, new Float32Array(1));
  traced.params.forEach((p) => exp.write(p.value, toF32(weights[p.name])));
  // active: false freezes the weights, so the train program is a pure train-mode forward pass
  exp.writeHyper(
    hyperTable([
      { optimizer: { type: 'sgd', lr: 1, weightDecay: 0, momentum: 0 }, pDrop: 1 - pKeep, convention, l1: 0, seed: 2024, active: false },
    ]),
  );
  return { exp, traced };
}

describe('vanilla vs inverted dropout (cs231n conventions)', () => {
  for (const e of ref.experiments) {
    const variants: [string, DropoutConvention, Variant, Record<string, Nested>][] = [
      ['vanilla', 'vanilla', e.vanilla, ref.weights],
      ['inverted, same weights', 'inverted', e.inverted_same_weights, ref.weights],
      [
        'inverted, rescaled weights',
        'inverted',
        e.inverted_rescaled_weights,
        { ...ref.weights, W2: e.inverted_rescaled_weights.W2!, W3: e.inverted_rescaled_weights.W3! },
      ],
    ];
    for (const [label, convention, variant, weights] of variants) {
      it(`p_keep ${e.p_keep}, ${label}: test-time output`, async () => {
        const { exp, traced } = await net(e.p_keep, convention, weights);
        exp.run('eval');
        const [out] = await exp.readMany([traced.io.testPred]);
        expect(Math.abs(out[0] - variant.test_out)).toBeLessThanOrEqual(2e-6);
      });

      it(`p_keep ${e.p_keep}, ${label}: Monte-Carlo mean of train-mode outputs → exact expectation`, async () => {
        const { exp, traced } = await net(e.p_keep, convention, weights);
        const n = 4000;
        let s = 0,
          s2 = 0;
        for (let i = 0; i < n; i++) {
          exp.run('train');
          const [out] = await exp.readMany([traced.io.trainPred]);
          s += out[0];
          s2 += out[0] * out[0];
        }
        const mean = s / n,
          se = Math.sqrt((s2 / n - mean * mean) / n);
        expect(Math.abs(mean - variant.exact_mean_out), `MC mean ${mean} ± ${se}`).toBeLessThanOrEqual(4 * se + 1e-6);
      });
    }
  }

  it('vanilla and inverted-with-rescaled-weights agree at test time; same weights differ', () => {
    for (const e of ref.experiments) {
      expect(Math.abs(e.vanilla.test_out - e.inverted_rescaled_weights.test_out)).toBeLessThan(1e-12);
      expect(Math.abs(e.vanilla.test_out - e.inverted_same_weights.test_out)).toBeGreaterThan(0.01);
    }
  });
});
