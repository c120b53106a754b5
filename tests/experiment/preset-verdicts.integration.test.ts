// Each preset's lesson, checked over seeds as the page checks it: the Seeds job (K = 16 copies of
// each net, seeds s…s+15, initial weights and masks varied: seedNets) runs as ONE experiment on the
// CPU backend, its checkpoints go through the page's batch-state reducer, and the verdict is the
// Seeds panel's (seedBands → compareBeyondSpread). "Dropout helps" and "Weight decay helps" must say
// "Yes" (the regularized net's test MSE lower beyond the seed-to-seed spread) with a mean difference
// above 2 standard errors; "Tutorial (exact)" must say the difference is within the spread. The
// margins are printed (docs/PRESETS.md records them). The CPU pool (2 worker threads, results
// bit-identical to one thread) keeps the ~45 s of CPU work to about half that on two idle cores.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeanStd } from '../../src/analysis/bands';
import type { Backend } from '../../src/backends/backend';
import { createNodeBackend, type NodeBackend } from '../../src/cli/node-backend';
import { seedNets } from '../../src/experiment/grid';
import { Experiment, runSchedule } from '../../src/experiment/runner';
import { PRESET_INFO, type PresetName } from '../../src/experiment/settings';
import { IDLE_BATCH, batchReduce, seedBands, type BatchState } from '../../src/ui/batch-state';
import { presetBase } from '../../src/ui/url-state';

const K = 16;
const THREADS = 2;

interface Measured {
  readonly verdict: string;
  readonly plain: MeanStd;
  readonly regularized: MeanStd;
  /** (plain mean − reg mean) / SE, SE = sqrt(sd_p²/n_p + sd_r²/n_r) */
  readonly margin: number;
  /** (plain mean − reg mean) / (sd_p + sd_r): the Seeds panel says "Yes" above 1 */
  readonly bands: number;
  readonly seconds: number;
}

/** The page's Seeds job for a preset, its state as the Seeds panel holds it, and the panel's verdict. */
async function seedJob(backend: Backend, preset: PresetName): Promise<Measured> {
  const settings = presetBase(preset);
  const t0 = performance.now();
  const exp = await Experiment.create(settings, backend, { nets: seedNets(settings, K) });
  let state: BatchState = batchReduce(
    { ...IDLE_BATCH, id: 1, phase: 'starting' },
    {
      type: 'started',
      id: 1,
      job: { kind: 'seeds', k: K, vary: 'init-and-masks' },
      backend: { name: backend.name, description: backend.description },
      nets: exp.nets,
      axes: null,
      reduced: [],
      epochs: settings.epochs,
    },
  );
  try {
    await runSchedule(exp, settings.epochs, settings.every, (checkpoint) => {
      state = batchReduce(state, { type: 'checkpoint', id: 1, checkpoint });
    });
  } finally {
    exp.dispose();
  }
  const seconds = (performance.now() - t0) / 1000;
  const bands = seedBands(state);
  if (!bands) throw new Error(`${preset}: no seed bands`);
  const { plain, regularized, verdict } = bands.comparison;
  const diff = plain.mean - regularized.mean;
  const se = Math.sqrt(plain.std ** 2 / plain.n + regularized.std ** 2 / regularized.n);
  const m: Measured = { verdict, plain, regularized, margin: diff / se, bands: diff / (plain.std + regularized.std), seconds };
  const f = (v: number) => v.toFixed(4);
  console.log(
    `${PRESET_INFO[preset].label}: plain ${f(plain.mean)} ± ${f(plain.std)}, reg ${f(regularized.mean)} ± ${f(regularized.std)} (K=${K}) · ` +
      `verdict ${verdict} · bands ${m.bands.toFixed(2)} · margin ${m.margin.toFixed(2)} SE · gain ${((100 * diff) / plain.mean).toFixed(1)} % · ` +
      `${seconds.toFixed(1)} s`,
  );
  return m;
}

describe(`preset verdicts over K = ${K} seeds (CPU backend, ${THREADS} worker threads)`, () => {
  let node: NodeBackend;
  beforeAll(async () => {
    node = await createNodeBackend('cpu', { threads: THREADS });
  });
  afterAll(() => node?.close());

  for (const preset of ['dropout-helps', 'weight-decay-helps'] as const) {
    it(`${PRESET_INFO[preset].label}: "Yes", the mean difference above 2 standard errors`, async () => {
      const m = await seedJob(node.backend, preset);
      expect(m.plain.n).toBe(K);
      expect(m.regularized.n).toBe(K);
      expect(m.verdict).toBe('lower'); // the Seeds panel's "Yes"
      expect(m.margin).toBeGreaterThan(2);
    }, 600_000);
  }

  it(`${PRESET_INFO.tutorial.label}: the difference is within the seed-to-seed spread`, async () => {
    const m = await seedJob(node.backend, 'tutorial');
    expect(m.plain.n).toBe(K);
    expect(m.regularized.n).toBe(K);
    expect(m.verdict).toBe('within-spread');
  }, 600_000);
});
