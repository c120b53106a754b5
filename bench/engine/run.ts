// `npm run bench [-- --backends cpu,webgpu --threads N|auto --runs 3 --epochs 500 --grid-epochs 500 --grid 8]`
// Times, per backend in Node: the seed job (2 nets 1→300→300→1, 500 epochs, a checkpoint readback
// every 50 epochs and at the end) and a grid of models (dropout × weight decay, one batched
// experiment). One warm-up, then the median of the runs. Adapter description on every line.
// --threads N runs the CPU backend on a pool of N worker_threads over the model axis (default 1).

import { parseArgs, UsageError } from '../../src/cli/args';
import { backendNameOf, createNodeBackend, threadsOf } from '../../src/cli/node-backend';
import { loadSeedRun } from '../../src/cli/pytorch-init';
import { gridNets } from '../../src/experiment/grid';
import type { NetSpec } from '../../src/experiment/runner';
import { defaultSettings, type Settings } from '../../src/experiment/settings';
import { median, pytorchStart, timeRuns } from '../timed-job';

interface Timing {
  label: string;
  backend: string;
  models: number;
  epochs: number;
  ms: number[];
  check: string;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), { backends: true, threads: true, runs: true, 'grid-epochs': true, grid: true });
  const threads = threadsOf(args.flags.get('threads'));
  const backends = String(args.flags.get('backends') ?? 'cpu,webgpu')
    .split(',')
    .map((b) => backendNameOf(b.trim()));
  const runs = Number(args.flags.get('runs') ?? 3);
  const side = Number(args.flags.get('grid') ?? 8);
  if (!Number.isInteger(runs) || runs < 1) throw new UsageError('--runs must be a whole number ≥ 1');
  if (!Number.isInteger(side) || side < 1 || side > 16) throw new UsageError('--grid must be a whole number in [1, 16]');
  const s: Settings = { ...defaultSettings(), epochs: args.settings.epochs };
  const gridEpochs = Number(args.flags.get('grid-epochs') ?? s.epochs);
  const start = await pytorchStart(s, loadSeedRun());
  const results: Timing[] = [];
  for (const name of backends) {
    let opened;
    try {
      opened = await createNodeBackend(name, { threads });
    } catch (e) {
      console.log(`${name}: unavailable (${(e as Error).message})`);
      continue;
    }
    const { backend, close } = opened;
    try {
      const jobs: [string, number, NetSpec[] | undefined, number][] = [
        ['seed job (2 nets)', s.epochs, undefined, 2],
        [`grid ${side}×${side} (${side * side} models)`, gridEpochs, gridNets(s, side), side * side],
      ];
      for (const [label, epochs, nets, models] of jobs) {
        const { runs: ms, check } = await timeRuns(backend, s, epochs, nets, start, runs);
        const row: Timing = { label, backend: backend.description, models, epochs, ms, check };
        results.push(row);
        console.log(
          `${backend.description} | ${label} | ${epochs} epochs | median ${median(ms).toFixed(1)} ms (runs ${ms.map((m) => m.toFixed(0)).join(', ')}) | ${(median(ms) / epochs).toFixed(3)} ms/epoch | ${check}`,
        );
      }
    } finally {
      close();
    }
  }
  console.log('\n| backend | job | epochs | median ms | ms/epoch | check |\n|---|---|---|---|---|---|');
  for (const r of results)
    console.log(
      `| ${r.backend} | ${r.label} | ${r.epochs} | ${median(r.ms).toFixed(1)} | ${(median(r.ms) / r.epochs).toFixed(3)} | ${r.check} |`,
    );
}

main().catch((e: unknown) => {
  console.error(`error: ${(e as Error).message}`);
  process.exitCode = 2;
});
