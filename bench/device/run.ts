// The one script for a lent GPU machine (see ../shared/device/README.md and docs/BENCHMARKS.md):
// the seed job (2 nets 1→300→300→1, 500 epochs, a checkpoint readback every 50 epochs) and grids of
// 64 and 256 models, on WebGPU with the backend's dispatch grouping and with one dispatch per kernel,
// plus the CPU backend's seed job on the same machine. Prints the PyTorch figures measured on an
// H100 (../shared/device/README.md) and the targets next to ours, as ratios, table last.
//
// Build it here with `npm run bench:device:build` (esbuild → dist-bench/bench.mjs, seed_run.json
// copied beside it); on the device: `source .gpu/activate.sh && node dist-bench/bench.mjs`.
// `--quick` makes every job tiny (16 hidden units, 20 epochs, our own initial weights): a smoke run
// of the bundle on SwiftShader (tests/bench/device-bench.test.ts), not a measurement.

import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCpuBackend } from '../../src/backends/cpu/cpu-backend';
import { createNodeGpu } from '../../src/backends/webgpu/node-gpu';
import { createWebGpuBackend } from '../../src/backends/webgpu/webgpu-backend';
import { loadSeedRun } from '../../src/cli/pytorch-init';
import { gridNets } from '../../src/experiment/grid';
import { pytorchInit, timeRuns } from '../../src/cli/bench-job';
import { defaultSettings, type Settings } from '../../src/experiment/settings';

/** PyTorch 2.11 on one H100, from ../shared/device/README.md (same jobs). */
const PYTORCH_H100 = {
  seedEager: 1346, // eager CUDA
  seedGraph: 130, // stacked bmm + CUDA graph (its best)
  grid64Graph: 260,
  grid64NoGraph: 752,
} as const;
/** Issue 3's targets on a real GPU. */
const TARGET = { seed: 20, grid64: 100 } as const;

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

function ratio(ours: number, theirs: number, name: string): string {
  return ours <= theirs ? `${(theirs / ours).toFixed(1)}× faster than ${name}` : `${(ours / theirs).toFixed(1)}× slower than ${name}`;
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
  const init = await pytorchInit(s, quick ? undefined : loadSeedRun());
  const node = createNodeGpu();
  try {
    for (const merge of [undefined, false] as const) {
      const backend = await createWebGpuBackend(node.gpu, { merge });
      const grouping = merge === undefined ? 'default grouping' : 'one dispatch per kernel';
      const label = `${backend.description} (${grouping})`;
      try {
        const seed = await timeRuns(backend, s, epochs, undefined, init, quick ? 1 : 5);
        record({
          backend: label,
          job: 'seed job (2 nets)',
          epochs,
          ...seed,
          vs: `target ≤ ${TARGET.seed} ms ${seed.ms <= TARGET.seed ? 'met' : 'missed'}; ${ratio(seed.ms, PYTORCH_H100.seedEager, 'PyTorch eager')}; ${ratio(seed.ms, PYTORCH_H100.seedGraph, 'PyTorch CUDA graph')}`,
        });
        for (const side of quick ? [2] : [8, 16]) {
          const g = await timeRuns(backend, s, epochs, gridNets(s, side), init, quick ? 1 : 3);
          const vs =
            side === 8
              ? `target ≤ ${TARGET.grid64} ms ${g.ms <= TARGET.grid64 ? 'met' : 'missed'}; ${ratio(g.ms, PYTORCH_H100.grid64NoGraph, 'PyTorch bmm')}; ${ratio(g.ms, PYTORCH_H100.grid64Graph, 'PyTorch bmm + CUDA graph')}`
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
    const seed = await timeRuns(cpu, s, epochs, undefined, init, 1);
    record({
      backend: cpu.description,
      job: 'seed job (2 nets)',
      epochs,
      ...seed,
      vs: ratio(seed.ms, PYTORCH_H100.seedEager, 'PyTorch eager (GPU)'),
    });
  } finally {
    cpu.dispose();
  }
  console.log(
    `\nPyTorch 2.11 on one H100 (../shared/device/README.md): seed job eager ${PYTORCH_H100.seedEager} ms, CUDA graph ${PYTORCH_H100.seedGraph} ms; 64 models bmm ${PYTORCH_H100.grid64NoGraph} ms, + CUDA graph ${PYTORCH_H100.grid64Graph} ms.`,
  );
  console.log(
    `init: ${init ? "PyTorch's seed_run.json" : 'our own (seed_run.json not found)'}${quick ? '; --quick: tiny jobs, not a measurement' : ''}`,
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
