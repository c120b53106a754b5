// Times each kernel of the tutorial net's train and eval programs alone (not a vitest file), with
// Adam, dropout 0.5 and L1 on every model.
//   npm run profile:webgpu -- --models 2
import { createNodeGpu } from '../../src/backends/webgpu/node-gpu';
import { createWebGpuBackend } from '../../src/backends/webgpu/webgpu-backend';
import { hyperTable } from '../../src/engine/hyper';
import { traceMlp } from '../../src/engine/mlp';
import { Adam } from '../../src/engine/optimizers';
import { bufferSpec, type Plan, type Program } from '../../src/engine/plan';

const i = process.argv.indexOf('--models');
const models = i >= 0 ? Number(process.argv[i + 1]) : 2;

async function main(): Promise<void> {
  const node = createNodeGpu();
  const backend = await createWebGpuBackend(node.gpu);
  const traced = traceMlp({ models, sizes: [1, 300, 300, 1], dropout: true, trainN: 20, testN: 20, gridN: 101, historyLength: 100 });
  const programs: Record<string, Program> = {};
  const names: string[] = [];
  for (const [prog, p] of Object.entries(traced.plan.programs)) {
    p.kernels.forEach((k, j) => {
      const name = `${prog}#${j} ${k.kind}${k.kind === 'matmul' ? ` ${k.rows}x${k.inner}x${k.cols} -> ${bufferSpec(traced.plan, k.out).name}` : ''}`;
      programs[name] = { kernels: [k], advancesStep: false };
      names.push(name);
    });
  }
  const plan: Plan = { ...traced.plan, programs };
  const cp = await backend.compile(plan);
  cp.writeHyper(
    hyperTable(
      Array.from({ length: models }, (_, m) => ({
        optimizer: Adam(0.01),
        pDrop: 0.5,
        convention: 'inverted' as const,
        l1: 1e-4,
        seed: m + 1,
        active: true,
      })),
    ),
  );
  const o = traced.io.lossHistory;
  for (const name of names) {
    cp.run(name, 2);
    await cp.read(o);
    const t0 = performance.now();
    cp.run(name, 10);
    await cp.read(o);
    console.log(`${((performance.now() - t0) / 10).toFixed(2).padStart(8)} ms  ${name}`);
  }
  backend.dispose();
  node.dispose();
}
void main();
