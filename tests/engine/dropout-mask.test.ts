// The dropout diagram's masks are the engine's: read back from the CPU backend's own train-mode
// activations, bit for bit, and the dropped fraction within binomial bounds.
// - Exact: a frozen net (active = false: the train program is a pure train-mode forward pass) with
//   W1 = W2 = 0 and b1 = b2 = 1, so every pre-activation is 1 and a hidden activation is exactly
//   keep · trainScale: the stored activations ARE the masks, for every row, unit and step.
// - A real training run (the tutorial's data, seeded init, Adam): wherever a unit's pre-activation
//   is clearly positive, the activation is non-zero exactly when the diagram says the unit is kept,
//   and a unit the diagram drops is always zero.
import { describe, expect, it } from 'vitest';
import { createCpuBackend } from '../../src/backends/cpu/cpu-backend';
import type { CompiledPlan } from '../../src/backends/backend';
import { hyperTable, type ModelHyper } from '../../src/engine/hyper';
import { initParams } from '../../src/engine/init';
import { traceMlp, type TracedMlp } from '../../src/engine/mlp';
import type { BufferId } from '../../src/engine/plan';
import { dropoutKeeps, maskElement } from '../../src/engine/random/dropout-mask';
import { datasetFor, tutorialNets } from '../../src/experiment/runner';
import { defaultSettings, type Settings } from '../../src/experiment/settings';
import { diagramModel, keptUnits, sampledUnits } from '../../src/ui/dropout-diagram';

const f = Math.fround;

/** The train program's fused layers that apply a dropout mask, in slot order: their output buffer is h = relu(z · keep · scale). */
function maskedOutputs(traced: TracedMlp): { slot: number; out: BufferId; rows: number; cols: number }[] {
  return traced.plan.programs.train.kernels
    .flatMap((k) =>
      k.kind === 'matmul' && k.dropout?.mode === 'train' ? [{ slot: k.dropout.slot, out: k.out, rows: k.rows, cols: k.cols }] : [],
    )
    .sort((a, b) => a.slot - b.slot);
}

async function compile(s: Settings, models: readonly ModelHyper[]): Promise<{ traced: TracedMlp; plan: CompiledPlan }> {
  const data = datasetFor(s);
  const traced = traceMlp({
    models: models.length,
    sizes: [1, ...Array<number>(s.layers).fill(s.hidden), 1],
    dropout: true,
    trainN: data.x.length,
    testN: data.testX.length,
    gridN: 1,
    historyLength: 1000,
  });
  const plan = await createCpuBackend().compile(traced.plan);
  plan.write(traced.io.x, Float32Array.from(data.x));
  plan.write(traced.io.y, Float32Array.from(data.y));
  plan.write(traced.io.testX, Float32Array.from(data.testX));
  plan.write(traced.io.testY, Float32Array.from(data.testY));
  plan.write(traced.io.gridX, new Float32Array(1));
  plan.writeHyper(hyperTable(models));
  return { traced, plan };
}

/** Every unit of one row as the diagram's function gives it. */
function diagramRow(seed: number, slot: number, step: number, row: number, width: number, p: number): boolean[] {
  return keptUnits(
    seed,
    slot,
    step,
    row,
    width,
    Array.from({ length: width }, (_, u) => u),
    p,
  );
}

describe('the diagram’s dropout masks are the engine’s', () => {
  it('bit for bit against the activations the CPU backend computed (frozen net, every row, unit and step)', async () => {
    const s: Settings = { ...defaultSettings(), hidden: 64, layers: 2, dropout: 0.5, seed: 7 };
    const [plain, reg] = tutorialNets(s);
    // model 0 plain (p = 0), model 1 the regularized net, model 2 another seed: masks are per model seed
    const models = [plain.hyper, reg.hyper, { ...reg.hyper, seed: 8, pDrop: 0.3 }].map((h) => ({ ...h, active: false }));
    const { traced, plan } = await compile(s, models);
    const zeros = (n: number) => new Float32Array(n * models.length);
    traced.params.forEach((p) => {
      const n = p.rows * p.cols;
      const isHidden = p.name === 'W1' || p.name === 'W2' || p.name === 'b1' || p.name === 'b2';
      plan.write(p.value, isHidden && p.name.startsWith('b') ? zeros(n).fill(1) : p.name === 'W3' ? zeros(n).fill(0.01) : zeros(n));
    });
    const outs = maskedOutputs(traced);
    expect(outs.map((o) => o.slot)).toEqual([0, 1]);
    let compared = 0;
    for (let step = 1; step <= 5; step++) {
      expect(plan.step).toBe(step);
      plan.run('train', 1);
      for (const o of outs) {
        const h = await plan.read(o.out);
        models.forEach((m, mi) => {
          const scale = f(1 / (1 - m.pDrop));
          for (let r = 0; r < o.rows; r++) {
            const kept = diagramRow(m.seed, o.slot, step, r, o.cols, m.pDrop);
            const got = Array.from(h.subarray(mi * o.rows * o.cols + r * o.cols, mi * o.rows * o.cols + (r + 1) * o.cols));
            expect(got).toEqual(kept.map((k) => (k ? scale : 0)));
            compared += o.cols;
          }
        });
      }
    }
    expect(compared).toBe(5 * 2 * 3 * 20 * 64);
    plan.dispose();
  });

  it('in a real training run (tutorial data, seeded init, Adam): activations agree with the diagram’s masks wherever the pre-activation decides', async () => {
    const s: Settings = { ...defaultSettings(), hidden: 300, dropout: 0.5 };
    const nets = tutorialNets(s);
    const { traced, plan } = await compile(
      s,
      nets.map((n) => n.hyper),
    );
    const init = nets.map((n) => initParams(traced.params, n.hyper.seed, n.initDraw));
    traced.params.forEach((p, k) => {
      const n = p.rows * p.cols;
      const all = new Float32Array(n * nets.length);
      init.forEach((values, m) => all.set(values[k], m * n));
      plan.write(p.value, all);
    });
    const [layer1, layer2] = maskedOutputs(traced);
    const byName = (name: string) => traced.params.find((p) => p.name === name)!;
    const x = Float32Array.from(datasetFor(s).x);
    const m = 1; // the regularized net
    const { seed, pDrop } = nets[m].hyper;
    const H = s.hidden,
      N = x.length;
    let decided = 0,
      total = 0;
    const mismatches: string[] = [];
    const check = (ok: boolean, what: string): void => {
      if (!ok && mismatches.length < 5) mismatches.push(what);
    };
    for (const step of [1, 2, 40, 120]) {
      if (plan.step < step) plan.run('train', step - plan.step);
      // parameters before update `step`: the ones its forward pass uses
      const [W1, b1, W2, b2] = await plan.readMany(['W1', 'b1', 'W2', 'b2'].map((n) => byName(n).value));
      plan.run('train', 1);
      const [h1, h2] = await plan.readMany([layer1.out, layer2.out]);
      for (let r = 0; r < N; r++) {
        const keep1 = diagramRow(seed, 0, step, r, H, pDrop);
        const keep2 = diagramRow(seed, 1, step, r, H, pDrop);
        const row1 = h1.subarray(m * N * H + r * H, m * N * H + (r + 1) * H);
        for (let u = 0; u < H; u++) {
          // layer 1 has one input: z = f(f(x·w) + b), exactly as the kernel rounds it
          const z1 = f(f(x[r] * W1[m * H + u]) + b1[m * H + u]);
          const a1 = row1[u];
          check(keep1[u] || a1 === 0, `step ${step} row ${r} unit ${u} layer 1: dropped but ${a1}`);
          if (z1 > 0) {
            check((a1 !== 0) === keep1[u], `step ${step} row ${r} unit ${u} layer 1: z ${z1}, h ${a1}, kept ${keep1[u]}`);
            decided++;
          }
          // layer 2: z from the stored h1 (in double; only clearly signed cases decide)
          let z2 = b2[m * H + u];
          const w = W2.subarray(m * H * H + u * H, m * H * H + (u + 1) * H);
          for (let j = 0; j < H; j++) z2 += row1[j] * w[j];
          const a2 = h2[m * N * H + r * H + u];
          check(keep2[u] || a2 === 0, `step ${step} row ${r} unit ${u} layer 2: dropped but ${a2}`);
          if (z2 > 1e-3) {
            check((a2 !== 0) === keep2[u], `step ${step} row ${r} unit ${u} layer 2: z ${z2}, h ${a2}, kept ${keep2[u]}`);
            decided++;
          }
          total += 2;
        }
      }
    }
    expect(mismatches).toEqual([]);
    // most units are decided (positive pre-activation), so the check covers the masks broadly
    expect(decided / total).toBeGreaterThan(0.3);
    plan.dispose();
  });
});

describe('the dropped fraction is binomial', () => {
  it('over whole layers and over the diagram’s 16 shown units, within 4 standard deviations', () => {
    for (const p of [0.3, 0.5, 0.7]) {
      const s: Settings = { ...defaultSettings(), dropout: p, seed: 3 };
      // whole layers, per step: 20 rows × 300 units
      for (const step of [1, 77, 500]) {
        let dropped = 0;
        const n = 20 * 300;
        for (let r = 0; r < 20; r++) for (let u = 0; u < 300; u++) if (!dropoutKeeps(s.seed, 0, step, maskElement(r, u, 300), p)) dropped++;
        expect(Math.abs(dropped - n * p)).toBeLessThan(4 * Math.sqrt(n * p * (1 - p)));
      }
      // the diagram's greyed units over 300 epochs, both layers
      let greyed = 0,
        shown = 0;
      for (let epoch = 1; epoch <= 300; epoch++) {
        for (const l of diagramModel(s, epoch).layers) {
          greyed += l.dropped;
          shown += l.units.length;
        }
      }
      expect(shown).toBe(300 * 2 * 16);
      expect(Math.abs(greyed - shown * p)).toBeLessThan(4 * Math.sqrt(shown * p * (1 - p)));
    }
  });
});

describe('the diagram model', () => {
  it('shows at most 16 distinct units per layer, spread over the layer', () => {
    const u = sampledUnits(300);
    expect(u).toHaveLength(16);
    expect(new Set(u).size).toBe(16);
    expect(u[0]).toBe(0);
    expect(u[15]).toBeGreaterThan(270);
    expect(sampledUnits(8)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('epoch e shows update e’s mask; epoch 0 the first update’s, marked as next', () => {
    const s = defaultSettings();
    expect(diagramModel(s, 0)).toMatchObject({ step: 1, upcoming: true });
    expect(diagramModel(s, 51)).toMatchObject({ step: 51, upcoming: false });
    const d = diagramModel(s, 51, 4);
    const kept = diagramRow(s.seed, 1, 51, 4, 300, 0.5);
    expect(d.layers[1].units.map((x) => x.kept)).toEqual(sampledUnits(300).map((i) => kept[i]));
  });

  it('the convention says where the scaling happens', () => {
    const inv = diagramModel({ ...defaultSettings(), dropout: 0.5, convention: 'inverted' }, 10);
    expect([inv.trainScale, inv.evalScale]).toEqual([2, 1]);
    const van = diagramModel({ ...defaultSettings(), dropout: 0.5, convention: 'vanilla' }, 10);
    expect([van.trainScale, van.evalScale]).toEqual([1, 0.5]);
    // the masks do not depend on the convention
    expect(van.layers).toEqual(inv.layers);
  });

  it('p = 0 drops nothing; bad rows and epochs are clamped, never thrown', () => {
    const off = diagramModel({ ...defaultSettings(), dropout: 0 }, 10);
    expect(off.layers.every((l) => l.dropped === 0)).toBe(true);
    expect(diagramModel(defaultSettings(), 5, 99).row).toBe(19);
    expect(diagramModel(defaultSettings(), 5, -3).row).toBe(0);
    expect(diagramModel(defaultSettings(), 5, 1.5).row).toBe(0);
    expect(diagramModel(defaultSettings(), NaN).step).toBe(1);
    expect(diagramModel(defaultSettings(), 5, 0, 0).rows).toBe(1);
  });
});
