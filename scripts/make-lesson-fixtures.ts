// Records real CPU-backend runs for the caption and verdict unit tests (tests/analysis/fixtures/
// lesson-runs.json), so those tests use measured numbers, not invented ones:
// - each preset's main run (two nets, seeded init, as the page trains them): every checkpoint's
//   eval-mode train MSE, test MSE and divergence;
// - each preset's seed bands as the page's Seeds job runs them (seedNets(settings, 16)): test MSE
//   per seed and checkpoint;
// - a diverging run (SGD at lr 1 for the regularized net).
//
//   npx tsx scripts/make-lesson-fixtures.ts [--threads 2]     (deterministic: a rerun writes the same file;
//   about 70 s of CPU time)

import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { createNodeBackend, threadsOf } from '../src/cli/node-backend';
import { seedNets } from '../src/experiment/grid';
import { Experiment, runSchedule } from '../src/experiment/runner';
import { presetSettings, defaultSettings, type PresetName, type Settings } from '../src/experiment/settings';
import type { Checkpoint } from '../src/experiment/types';

const OUT = new URL('../tests/analysis/fixtures/lesson-runs.json', import.meta.url);
const K = 16;

interface RunRecord {
  readonly epochs: number[];
  /** [net][checkpoint] */
  readonly trainMseEval: number[][];
  readonly testMse: number[][];
  readonly divergedAt: (number | null)[];
}

function record(checkpoints: readonly Checkpoint[]): RunRecord {
  const nets = checkpoints[0].nets.length;
  const per = (f: (c: Checkpoint, m: number) => number) => Array.from({ length: nets }, (_, m) => checkpoints.map((c) => f(c, m)));
  return {
    epochs: checkpoints.map((c) => c.epoch),
    trainMseEval: per((c, m) => c.nets[m].trainMseEval),
    testMse: per((c, m) => c.nets[m].testMse),
    divergedAt: checkpoints[checkpoints.length - 1].nets.map((n) => n.divergedAt),
  };
}

/** NaN and ±Infinity as strings (JSON has no such numbers); the tests read them back. */
function replacer(_key: string, v: unknown): unknown {
  return typeof v === 'number' && !Number.isFinite(v) ? String(v) : v;
}

async function run(s: Settings, threads: number, seeds: boolean): Promise<RunRecord> {
  const { backend, close } = await createNodeBackend('cpu', { threads });
  try {
    const exp = await Experiment.create(s, backend, seeds ? { nets: seedNets(s, K) } : {});
    const checkpoints = await runSchedule(exp, s.epochs, s.every);
    exp.dispose();
    return record(checkpoints);
  } finally {
    close();
  }
}

async function main(): Promise<void> {
  const i = process.argv.indexOf('--threads');
  const threads = threadsOf(i > 0 ? process.argv[i + 1] : undefined);
  const presets: PresetName[] = ['tutorial', 'dropout-helps', 'weight-decay-helps'];
  const out: Record<string, unknown> = {
    about: 'real CPU-backend runs written by scripts/make-lesson-fixtures.ts (seeded init; seed bands K = 16, init-and-masks)',
    k: K,
    presets: {},
  };
  for (const preset of presets) {
    const settings = { ...defaultSettings(), ...presetSettings(preset) };
    const t0 = performance.now();
    const main = await run(settings, threads, false);
    const seeds = await run(settings, threads, true);
    console.log(`${preset}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    (out.presets as Record<string, unknown>)[preset] = { settings, main, seeds };
  }
  const diverging: Settings = { ...defaultSettings(), preset: 'custom', optimizer: 'sgd', lrRegularized: 1, lrPlain: 0.01, epochs: 100 };
  out.diverging = { settings: diverging, main: await run(diverging, threads, false) };
  // formatted as the lint wants it, so a rerun writes the committed file byte for byte
  const path = fileURLToPath(OUT);
  writeFileSync(OUT, await format(JSON.stringify(out, replacer), { ...(await resolveConfig(path)), filepath: path }));
  console.log(`wrote ${OUT.pathname}`);
}

await main();
