// The one script for a lent GPU machine (see ../shared/device/README.md and docs/BENCHMARKS.md):
// the seed job (2 nets 1→300→300→1, 500 epochs, a checkpoint readback every 50 epochs) and grids of
// 64 and 256 models, on WebGPU with the backend's dispatch grouping and with one dispatch per kernel,
// plus the CPU backend's seed job on the same machine. Prints the PyTorch figures measured on an
// H100 and the targets next to ours, as ratios, table last; those figures are data, in
// bench/reference-figures.json (bundled in).
//
// Build it here with `npm run bench:device:build` (esbuild → dist-bench/bench.mjs, seed_run.json
// copied beside it); on the device: `source .gpu/activate.sh && node dist-bench/bench.mjs`.
// `--quick` makes every job tiny (16 hidden units, 20 epochs, our own initial weights): a smoke run
// of the bundle on SwiftShader (tests/bench/device-bench.integration.test.ts), not a measurement.

import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCpuBackend } from '../../src/backends/cpu/cpu-backend';
import { createNodeGpu } from '../../src/backends/webgpu/node-gpu';
import { createWebGpuBackend } from '../../src/backends/webgpu/webgpu-backend';
import { loadSeedRun } from '../../src/cli/pytorch-init';
import { gridNets } from '../../src/experiment/grid';
import { defaultSettings, type Settings } from '../../src/experiment/settings';
import { referenceFigures, type Figure } from '../reference-figures';
import { pytorchStart, timeRuns } from '../timed-job';

const { pytorchH100: H100, deviceTargets: TARGET } = referenceFigures;

const quick = process.argv.includes('--quick');
process.env.GOLDEN_DIR ??= dirname(fileURLToPath(import.meta.url));

interface Row {
  backend: string;
  job: string;
  epochs: number;
  ms: number;
  runs: number[];
  check: string;
  vs: string;
}
const rows: Row[] = [];

function ratio(ours: number, theirs: Figure, suffix = ''): string {
  const name = theirs.name + suffix;
  return ours <= theirs.ms
    ? `${(theirs.ms / ours).toFixed(1)}× faster than ${name}`
    : `${(ours / theirs.ms).toFixed(1)}× slower than ${name}`;
}

function target(ours: number, targetMs: number): string {
  return `target ≤ ${targetMs} ms ${ours <= targetMs ? 'met' : 'missed'}`;
}

function record(r: Row): void {
  rows.push(r);
  console.log(
    `${r.backend} | ${r.job} | ${r.epochs} epochs | median ${r.ms.toFixed(1)} ms (runs ${r.runs.map((v) => v.toFixed(1)).join(', ')}) | ${r.check} | ${r.vs}`,
  );
}

async function main(): Promise<void> {
  const epochs = quick ? 20 : 500;
  const s: Settings = { ...defaultSettings(), epochs, ...(quick ? { hidden: 16 } : {}) };
  const start = await pytorchStart(s, quick ? undefined : loadSeedRun());
  const node = createNodeGpu();
  try {
    for (const merge of [undefined, false] as const) {
      const backend = await createWebGpuBackend(node.gpu, { merge });
      const grouping = merge === undefined ? 'default grouping' : 'one dispatch per kernel';
      const label = `${backend.description} (${grouping})`;
      try {
        const seed = await timeRuns(backend, s, epochs, undefined, start, quick ? 1 : 5);
        record({
          backend: label,
          job: 'seed job (2 nets)',
          epochs,
          ...seed,
          vs: `${target(seed.ms, TARGET.seedJobMs)}; ${ratio(seed.ms, H100.seedJob.eager)}; ${ratio(seed.ms, H100.seedJob.cudaGraph)}`,
        });
        for (const side of quick ? [2] : [8, 16]) {
          const g = await timeRuns(backend, s, epochs, gridNets(s, side), start, quick ? 1 : 3);
          const vs =
            side === 8
              ? `${target(g.ms, TARGET.grid64Ms)}; ${ratio(g.ms, H100.grid64.bmm)}; ${ratio(g.ms, H100.grid64.cudaGraph)}`
              : `${(g.ms / (side * side)).toFixed(2)} ms per model`;
          record({ backend: label, job: `grid ${side}×${side} (${side * side} models)`, epochs, ...g, vs });
        }
      } finally {
        backend.dispose();
      }
    }
  } finally {
    node.dispose();
  }
  const cpu = createCpuBackend();
  try {
    const seed = await timeRuns(cpu, s, epochs, undefined, start, 1);
    record({
      backend: cpu.description,
      job: 'seed job (2 nets)',
      epochs,
      ...seed,
      vs: ratio(seed.ms, H100.seedJob.eager, ' (GPU)'),
    });
  } finally {
    cpu.dispose();
  }
  const figures = (fs: readonly Figure[]) => fs.map((f) => `${f.name} ${f.ms} ms (${f.how})`).join('; ');
  console.log(`\n${H100.setup} (${H100.source}): seed job: ${figures([H100.seedJob.eager, H100.seedJob.cudaGraph])}.`);
  console.log(`${H100.setup}, 64 models: ${figures([H100.grid64.bmm, H100.grid64.cudaGraph])}.`);
  console.log(`Targets (${TARGET.source}): seed job ≤ ${TARGET.seedJobMs} ms, 64 models ≤ ${TARGET.grid64Ms} ms.`);
  console.log(
    `init: ${start ? "PyTorch's seed_run.json" : 'our own (seed_run.json not found)'}${quick ? '; --quick: tiny jobs, not a measurement' : ''}`,
  );
  console.log('\n| backend | job | epochs | median ms | runs | check | against |\n|---|---|---|---|---|---|---|');
  for (const r of rows)
    console.log(
      `| ${r.backend} | ${r.job} | ${r.epochs} | ${r.ms.toFixed(1)} | ${r.runs.map((v) => v.toFixed(1)).join(', ')} | ${r.check} | ${r.vs} |`,
    );
}

main().catch((e: unknown) => {
  console.error(`error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  process.exitCode = 2;
});
