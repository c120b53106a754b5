// Seed-band checker for presets: does the regularized net beat the plain net over seeds?
//
//   npx tsx scripts/preset-search.ts [settings flags as for `npm run train`] [--k 16] [--vary init-and-masks|masks]
//       [--data-seeds 1,2,3] [--candidates FILE.json|'[{…},…]'] [--two-net] [--json] [--backend cpu|webgpu]
//   npx tsx scripts/preset-search.ts [settings flags] --grid 5   (the page's dropout × weight-decay sweep instead)
//
// For each candidate (the flags' settings, or each object of --candidates applied over them) and each data
// seed, it runs the page's seed bands: seedNets(settings, K, vary) = K plain and K regularized nets (seeds
// s..s+K-1) on the settings' data, as ONE experiment of 2K models, and compares the final-epoch test MSEs:
// - the page's verdict (compareBeyondSpread; 'lower' is its "Yes": the mean ± std bands do not overlap,
//   i.e. bands = (plain mean − reg mean) / (sd_plain + sd_reg) > 1);
// - margin = (plain mean − reg mean) / sqrt(sd_plain²/K + sd_reg²/K), and gain = (plain − reg) / plain.
// --two-net also times the normal two-net run (the page's main run) in-process. The backend is the CPU one
// unless --backend webgpu (then run it as `VK_ICD_FILENAMES=… npx tsx …`).

import { readFileSync, existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from '../src/cli/args';
import type { BackendName } from '../src/backends/backend';
import { backendNameOf, createNodeBackend } from '../src/cli/node-backend';
import { gridAxes, gridNets, seedNets, type SeedVariation } from '../src/experiment/grid';
import { Experiment, runSchedule } from '../src/experiment/runner';
import { requireValidSettings, type Settings } from '../src/experiment/settings';
import { compareBeyondSpread, meanStd, type MeanStd, type SpreadVerdict } from '../src/analysis/bands';

export interface Verdict {
  readonly settings: Settings;
  readonly k: number;
  readonly vary: SeedVariation;
  readonly plain: MeanStd;
  readonly regularized: MeanStd;
  /** the page's seed-band verdict ('lower' is its "Yes") */
  readonly verdict: SpreadVerdict;
  /** (plain mean − reg mean) / (sd_plain + sd_reg): the page says "Yes" when it is > 1 */
  readonly bands: number;
  /** mean train MSE (last epoch, train mode) of the plain net: how hard it memorises */
  readonly plainTrain: number;
  readonly se: number;
  readonly margin: number;
  readonly gain: number;
  readonly jobMs: number;
  readonly twoNetMs?: number;
}

/** The seed-band job: 2K models as one experiment (CPU backend unless told), final-epoch test MSE per model. */
export async function seedBandVerdict(
  s: Settings,
  k: number,
  vary: SeedVariation = 'init-and-masks',
  backendName: BackendName = 'cpu',
): Promise<Verdict> {
  const { backend, close } = await createNodeBackend(backendName);
  try {
    const t0 = performance.now();
    const exp = await Experiment.create(s, backend, { nets: seedNets(s, k, vary) });
    const checkpoints = await runSchedule(exp, s.epochs, s.every);
    const jobMs = performance.now() - t0;
    exp.dispose();
    const last = checkpoints[checkpoints.length - 1].nets;
    const { plain, regularized, verdict } = compareBeyondSpread(
      last.slice(0, k).map((n) => n.testMse),
      last.slice(k).map((n) => n.testMse),
    );
    const plainTrain = meanStd(last.slice(0, k).map((n) => n.trainMse)).mean;
    const se = Math.sqrt(plain.std ** 2 / plain.n + regularized.std ** 2 / regularized.n);
    const diff = plain.mean - regularized.mean;
    const bands = diff / (plain.std + regularized.std);
    return { settings: s, k, vary, plain, regularized, verdict, bands, plainTrain, se, margin: diff / se, gain: diff / plain.mean, jobMs };
  } finally {
    close();
  }
}

/** Wall time of the settings' normal two-net run (seeded init). */
export async function twoNetMs(s: Settings, backendName: BackendName = 'cpu'): Promise<number> {
  const { backend, close } = await createNodeBackend(backendName);
  try {
    const t0 = performance.now();
    const exp = await Experiment.create(s, backend);
    await runSchedule(exp, s.epochs, s.every);
    exp.dispose();
    return performance.now() - t0;
  } finally {
    close();
  }
}

/** The page's sweep: the regularized net at dropout × weight-decay cells (one experiment), final test MSE per cell. */
export async function sweep(s: Settings, side: number, backendName: BackendName = 'cpu'): Promise<string> {
  const { backend, close } = await createNodeBackend(backendName);
  try {
    const exp = await Experiment.create(s, backend, { nets: gridNets(s, side) });
    const checkpoints = await runSchedule(exp, s.epochs, s.every);
    exp.dispose();
    const mse = checkpoints[checkpoints.length - 1].nets.map((n) => n.testMse);
    const { dropout, weightDecay } = gridAxes(side);
    const lines = [['p \\ wd', ...weightDecay.map((w) => (w ? w.toExponential(0) : '0'))].map((c) => c.padStart(8)).join(' ')];
    dropout.forEach((p, i) =>
      lines.push([p.toFixed(2), ...weightDecay.map((_, j) => mse[i * side + j].toFixed(4))].map((c) => c.padStart(8)).join(' ')),
    );
    return `${describe(s)}: test MSE of the regularized net per cell (lr ${s.lrRegularized})\n${lines.join('\n')}`;
  } finally {
    close();
  }
}

function describe(s: Settings): string {
  const reg = [s.dropout ? `p ${s.dropout}` : '', s.weightDecay ? `wd ${s.weightDecay}` : '', s.l1 ? `l1 ${s.l1}` : ''].filter(Boolean);
  const lr = s.lrPlain === s.lrRegularized ? `lr ${s.lrRegularized}` : `lr ${s.lrPlain}/${s.lrRegularized}`;
  const shape = `σ ${s.noise} n ${s.points} H ${s.hidden}×${s.layers} ${s.epochs} ep`;
  return `${shape} ${lr} ${s.optimizer} ${reg.join(' ') || 'no reg'} seed ${s.seed}`;
}

function row(v: Verdict): string {
  const f = (x: number) => x.toFixed(4);
  return [
    describe(v.settings).padEnd(78),
    `K ${v.k}${v.vary === 'masks' ? 'm' : ''}`.padEnd(5),
    `plain ${f(v.plain.mean)} ± ${f(v.plain.std)} (train ${f(v.plainTrain)})`,
    `reg ${f(v.regularized.mean)} ± ${f(v.regularized.std)}`,
    `SE ${f(v.se)}`,
    `${v.verdict === 'lower' ? 'Yes' : 'No '} bands ${v.bands.toFixed(2).padStart(5)}`,
    `margin ${v.margin.toFixed(2).padStart(6)}`,
    `gain ${(100 * v.gain).toFixed(1).padStart(5)}%`,
    `job ${(v.jobMs / 1000).toFixed(1)} s`,
    v.twoNetMs !== undefined ? `2-net ${(v.twoNetMs / 1000).toFixed(1)} s` : '',
  ].join('  ');
}

async function main(): Promise<void> {
  const extra = { backend: true, grid: true, k: true, vary: true, 'data-seeds': true, candidates: true, 'two-net': false, json: false };
  const { settings: base, flags } = parseArgs(process.argv.slice(2), extra);
  const backend = backendNameOf(flags.get('backend'));
  const k = Number(flags.get('k') ?? 16);
  const varyFlag = String(flags.get('vary') ?? 'init-and-masks');
  if (varyFlag !== 'init-and-masks' && varyFlag !== 'masks') throw new RangeError(`--vary ${varyFlag}: must be init-and-masks or masks`);
  const vary: SeedVariation = varyFlag;
  const source = flags.get('candidates');
  const text = typeof source === 'string' ? (existsSync(source) ? readFileSync(source, 'utf8') : source) : '[{}]';
  const candidates = JSON.parse(text) as Record<string, unknown>[];
  const seedsFlag = flags.get('data-seeds');
  const dataSeeds = typeof seedsFlag === 'string' ? seedsFlag.split(',').map(Number) : [undefined];
  for (const candidate of candidates)
    for (const seed of dataSeeds) {
      const s = requireValidSettings(seed === undefined ? candidate : { ...candidate, seed }, base);
      if (flags.has('grid')) {
        console.log(await sweep(s, Number(flags.get('grid')), backend));
        continue;
      }
      const v = await seedBandVerdict(s, k, vary, backend);
      const out = flags.has('two-net') ? { ...v, twoNetMs: await twoNetMs(s, backend) } : v;
      console.log(flags.has('json') ? JSON.stringify(out) : row(out));
    }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e: unknown) => {
    console.error(`error: ${(e as Error).message}`);
    process.exitCode = 2;
  });
}
