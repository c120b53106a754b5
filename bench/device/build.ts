// Bundles bench/device/run.ts for a lent GPU machine (`npm run bench:device:build`):
// dist-bench/bench.mjs (the shaders come in with src/backends/webgpu/shaders.gen.ts; `webgpu` left
// external: .gpu/ from ../shared/device/prepare.sh provides it there) and dist-bench/seed_run.json
// (PyTorch's initial weights; the device has no ../shared). DROPOUT_LAB_BENCH_OUT puts the bundle elsewhere (inside
// the project, so `webgpu` resolves).
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..');
const out = resolve(process.env.DROPOUT_LAB_BENCH_OUT ?? join(root, 'dist-bench'));
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [join(root, 'bench', 'device', 'run.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile: join(out, 'bench.mjs'),
  external: ['webgpu'],
  logLevel: 'warning',
});
const seedRun = resolve(process.env.GOLDEN_DIR ?? join(root, '..', 'shared', 'reference'), 'seed_run.json');
if (existsSync(seedRun)) copyFileSync(seedRun, join(out, 'seed_run.json'));
else console.warn(`bench/device/build.ts: ${seedRun} not found; the bench will use its own initial weights`);
console.log(`built ${join(out, 'bench.mjs')}`);
