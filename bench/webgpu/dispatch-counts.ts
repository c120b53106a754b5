// Dispatches per epoch of the WebGPU backend (not a vitest file): the seed job's plan (M = 2) and
// the 64-model grid's (M = 64), compiled with each tiling profile ('gpu', 'cpu') and each dispatch
// grouping (merged, unmerged), then counted: train (every epoch), eval (every 50 epochs) and the
// sum per epoch. Compiles only; nothing runs (so Dawn's zeroing of workgroup memory is off, as in the
// tests: SwiftShader compiles the staged kernels' workgroup arrays far faster). Prints one markdown table.
//   npm run count:webgpu
// (SwiftShader unless VK_ICD_FILENAMES names another driver's ICD; the counts do not depend on it.)

import type { WebGpuCompiledPlan } from '../../src/backends/webgpu/compiled-plan';
import { createNodeGpu } from '../../src/backends/webgpu/node-gpu';
import { createWebGpuBackend } from '../../src/backends/webgpu/webgpu-backend';
import { traceMlp } from '../../src/engine/mlp';

const EVAL_EVERY = 50;

async function main(): Promise<void> {
  const node = createNodeGpu(['enable-dawn-features=disable_workgroup_init']);
  try {
    console.log('| models | tiling profile | grouping | train | eval | per epoch (train + eval/50) |\n|---:|---|---|---:|---:|---:|');
    const rows: string[] = [];
    for (const profile of ['gpu', 'cpu'] as const) {
      for (const merge of [true, false]) {
        const backend = await createWebGpuBackend(node.gpu, { profile, merge });
        try {
          for (const models of [2, 64]) {
            const traced = traceMlp({
              models,
              sizes: [1, 300, 300, 1],
              dropout: true,
              trainN: 20,
              testN: 20,
              gridN: 121,
              historyLength: 1000,
            });
            const t0 = performance.now();
            const cp = (await backend.compile(traced.plan)) as WebGpuCompiledPlan;
            const train = cp.dispatchCount('train');
            const evalCount = cp.dispatchCount('eval');
            cp.dispose();
            const perEpoch = train + evalCount / EVAL_EVERY;
            console.error(`compiled M = ${models}, ${profile}, merge ${merge} in ${(performance.now() - t0).toFixed(0)} ms`);
            rows.push(`| ${models} | ${profile} | ${merge ? 'merged' : 'unmerged'} | ${train} | ${evalCount} | ${perEpoch.toFixed(2)} |`);
          }
        } finally {
          backend.dispose();
        }
      }
    }
    console.log(rows.sort((a, b) => Number(a.split('|')[1]) - Number(b.split('|')[1])).join('\n'));
  } finally {
    node.dispose();
  }
}

await main();
