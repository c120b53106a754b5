// Backend-level benchmark of the WebGPU train loop (not a vitest file): the tutorial net
// 1→300→300→1 on N = 20 points, M models in one plan, `epochs` train replays in one run() with an
// eval replay every 50 epochs and a loss readback at the end, after a warm-up. Prints one line per
// (models, dispatch grouping) with the adapter. --merge on,off compares the dispatch groupings
// (default: the backend's choice for the adapter).
//   npm run bench:webgpu -- --models 2,64 --epochs 500
// (SwiftShader unless VK_ICD_FILENAMES names another driver's ICD, as on a GPU machine).

import { createNodeGpu } from '../../src/backends/webgpu/node-gpu';
import { createWebGpuBackend } from '../../src/backends/webgpu/webgpu-backend';
import type { WebGpuCompiledPlan } from '../../src/backends/webgpu/compiled-plan';
import { hyperTable, type ModelHyper } from '../../src/engine/hyper';
import { initParams } from '../../src/engine/init';
import { traceMlp } from '../../src/engine/mlp';
import { Adam } from '../../src/engine/optimizers';
import { bufferLength, bufferSpec } from '../../src/engine/plan';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const modelCounts = arg('models', '2,64').split(',').map(Number);
const epochs = Number(arg('epochs', '500'));
const sizes = arg('sizes', '1,300,300,1').split(',').map(Number);
const runs = Number(arg('runs', '3'));
const merges = arg('merge', 'default')
  .split(',')
  .map((m) => (m === 'on' ? true : m === 'off' ? false : undefined));

async function main(): Promise<void> {
  const node = createNodeGpu();
  const lines: string[] = [];
  try {
    for (const merge of merges) {
      const backend = await createWebGpuBackend(node.gpu, { merge });
      for (const models of modelCounts) {
        const traced = traceMlp({ models, sizes, dropout: true, trainN: 20, testN: 20, gridN: 101, historyLength: epochs });
        const cp = (await backend.compile(traced.plan)) as WebGpuCompiledPlan;
        traced.params.forEach((p, k) => {
          const all = new Float32Array(p.rows * p.cols * models);
          for (let m = 0; m < models; m++) all.set(initParams(traced.params, 1, m)[k], m * p.rows * p.cols);
          cp.write(p.value, all);
        });
        for (const buf of [traced.io.x, traced.io.y, traced.io.testX, traced.io.testY, traced.io.gridX]) {
          const n = bufferLength(traced.plan, bufferSpec(traced.plan, buf));
          cp.write(
            buf,
            Float32Array.from({ length: n }, (_, i) => Math.sin(i)),
          );
        }
        const hyper: ModelHyper[] = Array.from({ length: models }, (_, m) => ({
          optimizer: Adam(0.01),
          pDrop: m % 2 ? 0.5 : 0,
          convention: 'inverted',
          l1: 0,
          seed: m + 1,
          active: true,
        }));
        cp.writeHyper(hyperTable(hyper));
        const job = async () => {
          for (let e = 0; e < epochs; e += 50) {
            cp.run('train', Math.min(50, epochs - e));
            cp.run('eval');
          }
          await cp.read(traced.io.lossHistory);
        };
        await job(); // warm-up
        const ms: number[] = [];
        for (let r = 0; r < runs; r++) {
          cp.setStep(1);
          const t0 = performance.now();
          await job();
          ms.push(performance.now() - t0);
        }
        ms.sort((a, b) => a - b);
        const med = ms[Math.floor(ms.length / 2)];
        const grouping = merge === undefined ? 'default grouping' : merge ? 'merged' : 'one dispatch per kernel';
        lines.push(
          `${backend.description} | ${grouping} | ${models} models | ` +
            `${cp.dispatchCount('train')} train + ${cp.dispatchCount('eval')} eval dispatches | ${epochs} epochs: ` +
            `median ${med.toFixed(1)} ms (${((med / epochs) * 1000).toFixed(0)} µs/epoch; runs ${ms.map((v) => v.toFixed(0)).join(', ')})`,
        );
        console.log(lines[lines.length - 1]);
        cp.dispose();
      }
      backend.dispose();
    }
  } finally {
    node.dispose();
  }
  console.log(`\n${lines.join('\n')}`);
}

void main();
